using System.Globalization;
using Attune.Web.Data;
using Attune.Web.Features.Accounts;
using Attune.Web.Features.Sharing;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Attune.Web.Features.Recordings.Pages;

/// <summary>
/// An ECG's signal with the beats the analysis uses, ten seconds at a time; its owner adds or removes beats by
/// hand (a form per beat without scripts, a click on the chart with them) and sees the numbers follow. Someone
/// it is shared with sees the same, read-only.
/// </summary>
public sealed class BeatsModel(AttuneDb db, Access access, RecordingAnalyses analyses, TimeProvider clock) : PageModel
{
    public const double StretchS = 10;

    public RecordingDto? Recording { get; private set; }

    public RecordingAnalysisDto? Analysis { get; private set; }

    public EcgWindowDto? Stretch { get; private set; }

    /// <summary>Why there is nothing to show (not an ECG, still analysing, ...), shown instead of the signal.</summary>
    public string? Message { get; private set; }

    /// <summary>A refused edit, in words.</summary>
    public string? Problem { get; private set; }

    public bool IsMine => Recording?.SharedBy is null;

    public double From { get; private set; }

    [BindProperty]
    public string? EditAction { get; set; }

    [BindProperty]
    public string? TimeS { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, double? from, CancellationToken cancel) =>
        await LoadAsync(id, from, cancel) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(Guid id, double? from, CancellationToken cancel)
    {
        var me = User.UserId();
        if (!double.TryParse(TimeS?.Trim().Replace(',', '.'), NumberStyles.Float, CultureInfo.InvariantCulture, out var time))
        {
            time = double.NaN;
        }
        var outcome = await RecordingBeatEdits.EditAsync(db, access, analyses, clock, me, id, new BeatEditRequest(EditAction ?? "", time), cancel);
        switch (outcome)
        {
            case ViewOutcome<BeatEditResultDto>.NotFound:
                return NotFound();
            case ViewOutcome<BeatEditResultDto>.Ok ok:
                TempData["StatusMessage"] = ok.Value.Action == "add"
                    ? string.Create(CultureInfo.InvariantCulture, $"A beat is added at {ok.Value.TimeS:0.00} s; the numbers below follow it.")
                    : string.Create(CultureInfo.InvariantCulture, $"The beat at {ok.Value.TimeS:0.00} s is removed; the numbers below follow it.");
                return RedirectToPage(new { id, from });
            case ViewOutcome<BeatEditResultDto>.Problem p:
                Problem = p.Detail;
                break;
            default:
                Problem = "The analysis is still running. Please try again in a moment.";
                break;
        }
        return await LoadAsync(id, from, cancel) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostUndoAllAsync(Guid id, CancellationToken cancel)
    {
        if (!await RecordingBeatEdits.UndoAllAsync(db, access, analyses, clock, User.UserId(), id, cancel))
        {
            return NotFound();
        }
        TempData["StatusMessage"] = "Every hand edit is undone: the beats are as they were first found.";
        return RedirectToPage(new { id });
    }

    private async Task<bool> LoadAsync(Guid id, double? from, CancellationToken cancel)
    {
        var me = User.UserId();
        Recording = await RecordingReads.FindAsync(access, db, me, id, cancel);
        if (Recording is null)
        {
            return false;
        }
        if (Recording.Kind != "ecg")
        {
            Message = "Only an ECG recording has a signal with beats to look at and correct. This one holds beat-to-beat times already.";
            return true;
        }
        From = Math.Max(0, from is { } f && double.IsFinite(f) ? f : 0);
        var stretch = await RecordingViews.EcgAsync(access, analyses, me, id, From, From + StretchS, 2000, cancel);
        switch (stretch)
        {
            case ViewOutcome<EcgWindowDto>.Ok ok:
                Stretch = ok.Value;
                Analysis = (await analyses.GetAsync(access, me, id, cancel))?.Analysis;
                break;
            case ViewOutcome<EcgWindowDto>.Pending:
                Message = "We're still finding the beats in this ECG. This page looks again by itself.";
                ViewData["RefreshSeconds"] = 3;
                break;
            case ViewOutcome<EcgWindowDto>.Problem p when p.Status == 422 && From > 0:
                // Past the end: show the start instead of a dead end.
                return await LoadAsync(id, 0, cancel);
            case ViewOutcome<EcgWindowDto>.Problem p:
                Message = p.Detail;
                break;
            default:
                return false;
        }
        return true;
    }
}
