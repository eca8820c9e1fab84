using Attune.Web.Data;
using Attune.Web.Features.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Attune.Web.Features.Recordings.Pages;

public sealed class DetailModel(AttuneDb db, RecordingAnalyses analyses) : PageModel
{
    public RecordingDto? Recording { get; private set; }

    public RecordingAnalysisDto? Analysis { get; private set; }

    /// <summary>The viewer's IANA zone id, for <see cref="TimeZones.Format"/>.</summary>
    public string? Zone { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancel)
    {
        var me = User.UserId();
        var recording = await db.FindOwnedAsync(me, id, cancel);
        var analysed = recording is null ? null : await analyses.GetAsync(db, me, id, cancel);
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
