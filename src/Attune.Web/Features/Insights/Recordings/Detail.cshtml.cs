using Attune.Web.Data;
using Attune.Web.Features.Accounts;
using Attune.Web.Features.Recordings;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Attune.Web.Features.Insights.Recordings;

public sealed class DetailModel(AttuneDb db, RecordingAnalyses analyses) : PageModel
{
    public RecordingDto? Recording { get; private set; }

    public RecordingAnalysisDto? Analysis { get; private set; }

    public TimeZoneInfo Zone { get; private set; } = TimeZoneInfo.Utc;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancel)
    {
        var me = User.UserId();
        var recording = await db.Recordings.AsNoTracking().OwnedBy(me).Where(r => r.Id == id).ToDtos().FirstOrDefaultAsync(cancel);
        var analysed = recording is null ? null : await analyses.GetAsync(db, me, id, cancel);
        if (recording is null || analysed is null)
        {
            return NotFound();
        }
        Recording = recording;
        Analysis = analysed.Analysis;
        Zone = await RecordingPages.TimeZoneOfAsync(db, me, cancel);
        return Page();
    }
}
