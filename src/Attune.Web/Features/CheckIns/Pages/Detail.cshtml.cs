using Attune.Web.Data;
using Attune.Web.Features.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Attune.Web.Features.CheckIns.Pages;

/// <summary>One check-in: the owner's (with edit and delete) or one shared with the reader (read-only, logged for its owner).</summary>
public sealed class DetailModel(AttuneDb db, CheckIns checkIns) : PageModel
{
    public CheckInDto CheckIn { get; private set; } = null!;

    public string? Zone { get; private set; }

    public bool IsMine => CheckIn.SharedBy is null;

    /// <summary>Set by the check-in page's script after saving through the API.</summary>
    [BindProperty(SupportsGet = true)]
    public bool Saved { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancel)
    {
        if (await checkIns.FindAsync(User.UserId(), id, cancel) is not { } found)
        {
            return NotFound();
        }
        CheckIn = found;
        Zone = await TimeZones.OfUserAsync(db, User.UserId(), cancel);
        return Page();
    }
}
