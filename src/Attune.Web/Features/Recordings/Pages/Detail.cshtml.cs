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

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancel)
    {
        var me = User.UserId();
        var recording = await RecordingReads.FindAsync(access, db, me, id, cancel);
        var analysed = recording is null ? null : await analyses.GetAsync(access, me, id, cancel);
        if (recording is null || analysed is null)
        {
            return NotFound();
        }
        Recording = recording;
        Analysis = analysed.Analysis;
        Zone = await TimeZones.OfUserAsync(db, me, cancel);
        return Page();
    }
}
