using Attune.Web.Data;
using Attune.Web.Features.Accounts;
using Attune.Web.Features.Sharing;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Attune.Web.Features.Recordings.Pages;

/// <summary>One recording's analysis: the reader's own, or one shared with them (read-only, and logged for its owner).</summary>
public sealed class DetailModel(AttuneDb db, Access access, RecordingAnalyses analyses) : PageModel
{
    public RecordingDto? Recording { get; private set; }

    public RecordingAnalysisDto? Analysis { get; private set; }

    /// <summary>The viewer's IANA zone id, for <see cref="TimeZones.Format"/>.</summary>
    public string? Zone { get; private set; }

    public bool IsMine => Recording?.SharedBy is null;

    /// <summary>Set while a first analysis is queued or running, or when it could not run: the page says so and looks again.</summary>
    public string? Waiting { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancel)
    {
        var me = User.UserId();
        var recording = await RecordingReads.FindAsync(access, db, me, id, cancel);
        if (recording is null)
        {
            return NotFound();
        }
        Recording = recording;
        Zone = await TimeZones.OfUserAsync(db, me, cancel);
        switch (await analyses.LookupAsync(access, me, id, analyses.RequestWait, cancel))
        {
            case AnalysisLookup.Ready ready:
                Analysis = ready.Result.Analysis;
                break;
            case AnalysisLookup.Pending { State: AnalysisState.Queued, Ahead: > 0 } queued:
                Waiting = $"This recording is waiting its turn: {queued.Ahead} {(queued.Ahead == 1 ? "analysis is" : "analyses are")} ahead of it. This page looks again by itself.";
                break;
            case AnalysisLookup.Pending:
                Waiting = "We're working through this recording now. A day of heartbeats takes a few seconds; this page looks again by itself.";
                break;
            case AnalysisLookup.Busy:
                Waiting = "Many recordings are being analysed on this server right now. This page will try again in a moment.";
                break;
            case AnalysisLookup.Failed:
                Waiting = "The analysis stopped before it finished. This page will try again; if it keeps happening, the recording may be too long for this server.";
                break;
            default:
                return NotFound();
        }
        return Page();
    }
}
