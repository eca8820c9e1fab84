using Attune.Web.Data;
using Attune.Web.Features.Measures;
using Attune.Web.Features.Practices.Library;
using Microsoft.AspNetCore.Mvc;

namespace Attune.Web.Features.Therapists.Pages;

/// <summary>One client's dashboard, their homework and the therapist's own notes.</summary>
public sealed class ClientModel(
    AttuneDb db, ClientDashboards dashboards, HomeworkPlans plans, TherapyNotes notes, InSession.InSessionConsents inSession, InSession.InSessionViews views)
    : TherapistPageModel(db)
{
    public static IReadOnlyList<int> Periods { get; } = [14, 30, 90, 365];

    public ClientDashboardDto Dashboard { get; private set; } = null!;

    public List<TherapyNoteDto> Notes { get; private set; } = [];

    /// <summary>Live in-session views with this client; null when they do not share heart data with me (no live view then).</summary>
    public List<InSession.InSessionDto>? Sessions { get; private set; }

    public int Days { get; private set; } = ClientDashboards.DefaultDays;

    [BindProperty]
    public AssignHomeworkRequest Assign { get; set; } = new("practice", null, 3, null);

    [BindProperty]
    public string? NoteText { get; set; }

    [BindProperty]
    public string? EditText { get; set; }

    /// <summary>The note whose change was refused, shown open with the text as typed.</summary>
    public Guid? EditingNote { get; private set; }

    public static IEnumerable<(string Value, string Label)> HomeworkChoices() =>
        PracticeLibrary.All.Select(p => ("practice:" + p.Id, "Practice: " + p.Title))
            .Concat(MeasureCatalog.All.Select(m => ("measure:" + m.Slug, "Measure: " + m.Title)));

    public async Task<IActionResult> OnGetAsync(Guid id, int? days, CancellationToken cancel)
    {
        Days = Math.Clamp(days ?? ClientDashboards.DefaultDays, 1, ClientDashboards.MaxDays);
        return await LoadAsync(id, cancel) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostHomeworkAsync(Guid id, string? item, CancellationToken cancel)
    {
        var (kind, name) = item?.Split(':', 2) is [var k, var n] ? (k, n) : (null, null);
        switch (await plans.AssignAsync(Me, id, Assign with { Kind = kind, Item = name }, cancel))
        {
            case HomeworkOutcome.NotFound:
                return NotFound();
            case HomeworkOutcome.Invalid i:
                foreach (var (field, messages) in i.Errors)
                {
                    ModelState.AddModelError("homework", messages[0]);
                }
                return await LoadAsync(id, cancel) ? Page() : NotFound();
            default:
                TempData["StatusMessage"] = "Homework set. Your client sees it under Settings, Therapist.";
                return RedirectToPage(new { id });
        }
    }

    /// <summary>Starts a live in-session view; the client joins from their own device and agrees for this session.</summary>
    public async Task<IActionResult> OnPostLiveAsync(Guid id, CancellationToken cancel) =>
        await views.StartAsync(Me, id, cancel) is { } started ? Redirect(started.TherapistUrl) : NotFound();

    public async Task<IActionResult> OnPostEndHomeworkAsync(Guid id, Guid homework, CancellationToken cancel)
    {
        TempData["StatusMessage"] = await plans.EndAsync(Me, id, homework, cancel) ? "That homework is ended." : "That homework had already ended.";
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostNoteAsync(Guid id, CancellationToken cancel)
    {
        var (note, error) = await notes.WriteAsync(Me, id, NoteText, cancel);
        if (note is null && error is null)
        {
            return NotFound();
        }
        if (error is not null)
        {
            ModelState.AddModelError(nameof(NoteText), error);
            return await LoadAsync(id, cancel) ? Page() : NotFound();
        }
        TempData["StatusMessage"] = "Note kept. Only you can read it.";
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostChangeNoteAsync(Guid id, Guid note, CancellationToken cancel)
    {
        var (outcome, _, error) = await notes.ChangeAsync(Me, id, note, EditText, cancel);
        switch (outcome)
        {
            case NoteOutcome.NotFound:
                return NotFound();
            case NoteOutcome.Invalid:
                EditingNote = note;
                ModelState.AddModelError(nameof(EditText), error ?? "Please write something first.");
                return await LoadAsync(id, cancel) ? Page() : NotFound();
            default:
                TempData["StatusMessage"] = "Note changed. Only you can read it.";
                return RedirectToPage(new { id });
        }
    }

    public async Task<IActionResult> OnPostDeleteNoteAsync(Guid id, Guid note, CancellationToken cancel)
    {
        if (!await notes.DeleteAsync(Me, id, note, cancel))
        {
            return NotFound();
        }
        TempData["StatusMessage"] = "Note deleted.";
        return RedirectToPage(new { id });
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancel)
    {
        if (await dashboards.GetAsync(Me, id, Days, cancel) is not { } dashboard)
        {
            return false;
        }
        Dashboard = dashboard;
        Notes = await notes.ListAsync(Me, id, cancel) ?? [];
        Sessions = await inSession.ForTherapistAsync(Me, id, null, null, cancel);
        return true;
    }
}
