using Attune.Web.Data;
using Attune.Web.Features.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Attune.Web.Features.Recordings.Pages;

public sealed class DeleteModel(AttuneDb db, RecordingAnalyses analyses) : PageModel
{
    public RecordingDto? Recording { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancel)
    {
        Recording = await db.FindOwnedAsync(User.UserId(), id, cancel);
        return Recording is null ? NotFound() : Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancel)
    {
        var me = User.UserId();
        var name = await db.Recordings.AsNoTracking().OwnedBy(me).Where(r => r.Id == id).Select(r => r.Name).FirstOrDefaultAsync(cancel);
        if (name is null || !await analyses.DeleteAsync(db, me, id, cancel))
        {
            return NotFound();
        }
        TempData["StatusMessage"] = $"“{name}” is deleted, together with its file.";
        return RedirectToPage("/Recordings/Pages/Index");
    }
}
