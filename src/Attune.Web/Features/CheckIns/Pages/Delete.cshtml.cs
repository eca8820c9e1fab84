using Attune.Web.Features.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Attune.Web.Features.CheckIns.Pages;

public sealed class DeleteModel(CheckIns checkIns) : PageModel
{
    public CheckInDto CheckIn { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancel)
    {
        if (await checkIns.FindAsync(User.UserId(), id, cancel) is not { SharedBy: null } found)
        {
            return NotFound();
        }
        CheckIn = found;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancel)
    {
        if (!await checkIns.DeleteAsync(User.UserId(), id, cancel))
        {
            return NotFound();
        }
        TempData["StatusMessage"] = "The check-in is deleted.";
        return Redirect("/checkins");
    }
}
