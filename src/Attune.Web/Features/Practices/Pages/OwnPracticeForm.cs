using Attune.Web.Features.Accounts;
using Attune.Web.Features.CheckIns;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Attune.Web.Features.Practices.Pages;

public sealed class StepForm
{
    public string? Text { get; set; }

    public int? Seconds { get; set; }

    public bool Breathe { get; set; }
}

/// <summary>The own-practice form: blank step rows are ignored, so a page can offer a few spare ones.</summary>
public sealed class OwnPracticeForm
{
    public const int SpareSteps = 3;

    public string? Title { get; set; }

    public string? Summary { get; set; }

    public List<string> States { get; set; } = [];

    public List<StepForm> Steps { get; set; } = [];

    public int? Minutes { get; set; }

    public bool HasBreathing { get; set; }

    public double Inhale { get; set; } = 4;

    public double HoldIn { get; set; }

    public double Exhale { get; set; } = 6;

    public double HoldOut { get; set; }

    public string? Cautions { get; set; }

    public OwnPracticeRequest ToRequest() => new(
        Title,
        Summary,
        [.. States],
        [.. Steps.Where(s => !string.IsNullOrWhiteSpace(s.Text) || s.Seconds is not null).Select(s => new PracticeStepDto(s.Text ?? "", s.Seconds, s.Breathe))],
        Minutes,
        HasBreathing ? new BreathingRequest(Inhale, HoldIn, Exhale, HoldOut) : null,
        Cautions);

    public static OwnPracticeForm From(Practice p) => new()
    {
        Title = p.Title,
        Summary = p.Summary,
        States = p.Group == PracticeGroup.Any ? ["any"] : [.. p.Fits.Select(f => StateNames.Of(f.State))],
        Steps = [.. p.Steps.Select(s => new StepForm { Text = s.Text, Seconds = s.Seconds, Breathe = s.Breathe })],
        Minutes = p.Minutes,
        HasBreathing = p.Breathing is not null,
        Inhale = p.Breathing?.Inhale ?? 4,
        HoldIn = p.Breathing?.HoldIn ?? 0,
        Exhale = p.Breathing?.Exhale ?? 6,
        HoldOut = p.Breathing?.HoldOut ?? 0,
        Cautions = p.Cautions.Count > 0 ? p.Cautions[0] : null,
    };

    /// <summary>The steps with spare blank rows to write more, up to the maximum.</summary>
    public List<StepForm> RowsToShow() =>
        [.. Steps, .. Enumerable.Range(0, Math.Max(0, Math.Min(SpareSteps + Math.Max(0, 3 - Steps.Count), PracticeRules.MaxSteps - Steps.Count))).Select(_ => new StepForm())];
}

/// <summary>What the new and edit pages share: the form, and the rules' problems shown above it.</summary>
public abstract class OwnPracticePage(Practices practices) : PageModel
{
    [BindProperty]
    public OwnPracticeForm Form { get; set; } = new();

    public Dictionary<string, string> Errors { get; } = [];

    protected Practices Practices => practices;

    /// <summary>Saves through <paramref name="save"/>; on problems keeps them for the page and returns null.</summary>
    protected async Task<IActionResult?> SaveAsync(Func<OwnPracticeRequest, Task<OwnPracticeOutcome>> save, string message)
    {
        switch (await save(Form.ToRequest()))
        {
            case OwnPracticeOutcome.Saved saved:
                TempData["StatusMessage"] = message;
                return Redirect($"/practices/{saved.Practice.Id}");
            case OwnPracticeOutcome.Invalid invalid:
                foreach (var (field, messages) in invalid.Errors)
                {
                    Errors[field] = messages[0];
                }
                return null;
            default:
                return NotFound();
        }
    }

    protected Guid Me => User.UserId();
}
