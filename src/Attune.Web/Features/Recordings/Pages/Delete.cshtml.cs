using Attune.Web.Features.Accounts;
using Attune.Web.Features.Sharing;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Attune.Web.Features.Recordings.Pages;

/// <summary>Deleting is the owner's alone: a recording shared with someone is not found for them here.</summary>
public sealed class DeleteModel(Access access, RecordingAnalyses analyses) : PageModel
{
    public RecordingDto? Recording { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancel)
    {
        Recording = await access.Own<Recording>(User.UserId()).Where(r => r.Id == id).Select(RecordingReads.ToDto).FirstOrDefaultAsync(cancel);
        return Recording is null ? NotFound() : Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancel)
    {
        var name = await OwnNameAsync(id, cancel);
        if (name is null || !await analyses.DeleteAsync(access, User.UserId(), id, cancel))
        {
            return NotFound();
        }
        TempData["StatusMessage"] = $"“{name}” is deleted, together with its file.";
        return RedirectToPage("/Recordings/Pages/Index");
    }

    private Task<string?> OwnNameAsync(Guid id, CancellationToken cancel) =>
        access.Own<Recording>(User.UserId()).Where(r => r.Id == id).Select(r => r.Name).FirstOrDefaultAsync(cancel);
}
