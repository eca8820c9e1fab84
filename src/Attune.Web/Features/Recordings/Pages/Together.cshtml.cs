using Attune.Web.Data;
using Attune.Web.Features.Accounts;
using Attune.Web.Features.Sharing;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Attune.Web.Features.Recordings.Pages;

/// <summary>
/// Compares two recordings made at the same time: two of your own, or yours and one shared with you (each
/// person recording on their own phone). A plain GET form: nothing is changed.
/// </summary>
public sealed class TogetherModel(AttuneDb db, Access access, RecordingAnalyses analyses) : PageModel
{
    public List<RecordingDto> Choices { get; private set; } = [];

    [BindProperty(SupportsGet = true)]
    public Guid? A { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid? B { get; set; }

    public SynchronyDto? Result { get; private set; }

    public string? Problem { get; private set; }

    /// <summary>A recording's first analysis is still under way; the page looks again by itself.</summary>
    public bool Waiting { get; private set; }

    public string NameA { get; private set; } = "";

    public string NameB { get; private set; } = "";

    public static string Label(RecordingDto r) => r.SharedBy is { } who ? $"{r.Name} ({who}’s)" : r.Name;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancel)
    {
        var me = User.UserId();
        Choices = await RecordingReads.ListAsync(access, db, me, Whose.All, cancel);
        if (A is not { } a || B is not { } b)
        {
            return Page();
        }
        switch (await RecordingSynchrony.CompareAsync(access, db, analyses, me, a, b, cancel))
        {
            case RecordingSynchrony.Outcome.Compared c:
                (Result, NameA, NameB) = (c.Result, Label(c.A), Label(c.B));
                return Page();
            case RecordingSynchrony.Outcome.CannotCompare c:
                Problem = c.Reason;
                return Page();
            case RecordingSynchrony.Outcome.Pending:
                Waiting = true;
                ViewData["RefreshSeconds"] = 3;
                return Page();
            default:
                return NotFound();
        }
    }
}
