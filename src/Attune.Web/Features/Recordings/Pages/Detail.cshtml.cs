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

    /// <summary>Set when the analysis failed on every allowed attempt: the page says so and does not look again.</summary>
    public string? GaveUp { get; private set; }

    /// <summary>The part of the recording asked for (<c>?preset=</c>, or <c>?from=&amp;to=</c>), analysed beside the whole.</summary>
    public WindowDto? Window { get; private set; }

    /// <summary>Why the asked-for part could not be analysed, in words.</summary>
    public string? WindowProblem { get; private set; }

    /// <summary>Heart rate, SDNN and RMSSD of each five minutes, for the table under the charts; null when there are no beats.</summary>
    public SegmentsDto? Segments { get; private set; }

    /// <summary>Past an hour the table starts folded away: a day has 288 rows.</summary>
    public const int SegmentsShownOpen = 12;

    [BindProperty(SupportsGet = true)]
    public string? Preset { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? To { get; set; }

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
                await LoadWindowAsync(me, id, cancel);
                Segments = await RecordingViews.SegmentsAsync(access, analyses, me, id, null, cancel) is ViewOutcome<SegmentsDto>.Ok segments
                    && segments.Value.Segments.Count > 0 ? segments.Value : null;
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
            case AnalysisLookup.Failed { GaveUp: true } gaveUp:
                GaveUp = $"We tried {AnalysisLookup.Tries(gaveUp.Attempts)} to analyse this recording and it stopped each time, so we've stopped trying. "
                    + "Your file is kept just as you uploaded it. Uploading it again in shorter parts may work.";
                break;
            case AnalysisLookup.Failed:
                Waiting = "The analysis stopped before it finished. This page will try again; if it keeps happening, the recording may be too long for this server.";
                break;
            default:
                return NotFound();
        }
        return Page();
    }

    private async Task LoadWindowAsync(Guid me, Guid id, CancellationToken cancel)
    {
        var custom = Preset is null or "" or "custom";
        if (custom && string.IsNullOrWhiteSpace(From) && string.IsNullOrWhiteSpace(To))
        {
            return;
        }
        double? from = null, to = null;
        if (custom && (!TryParseTime(From, out from) || !TryParseTime(To, out to)))
        {
            WindowProblem = "Write each time as seconds from the start, or as minutes and seconds like 12:30 (or 1:12:30).";
            return;
        }
        switch (await RecordingViews.WindowAsync(access, db, analyses, me, id, new WindowRequest(from, to, custom ? null : Preset), cancel))
        {
            case ViewOutcome<WindowDto>.Ok ok:
                Window = ok.Value;
                break;
            case ViewOutcome<WindowDto>.Problem p:
                WindowProblem = p.Detail;
                break;
            default:
                WindowProblem = "That part can't be analysed right now. Please try again in a moment.";
                break;
        }
    }

    /// <summary>Seconds, or h:mm:ss / m:ss, from the start of the recording.</summary>
    internal static bool TryParseTime(string? text, out double? seconds)
    {
        seconds = null;
        var parts = (text ?? "").Trim().Split(':');
        double total = 0;
        foreach (var part in parts)
        {
            if (!double.TryParse(part.Replace(',', '.'), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var v)
                || !double.IsFinite(v) || v < 0)
            {
                return false;
            }
            total = total * 60 + v;
        }
        seconds = total;
        return parts.Length <= 3;
    }
}
