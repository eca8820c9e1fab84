using Attune.Web.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Attune.Web.Features.Accounts.Settings;

public sealed record SessionRow(Guid Id, string Device, string SignedInAt, string LastSeenAt, bool IsCurrent);

public sealed class SessionsModel(AttuneDb db, SessionCache sessions, SignInManager<AppUser> signIn, TimeProvider clock) : PageModel
{
    public IReadOnlyList<SessionRow> Rows { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var me = User.UserId();
        var zone = await TimeZones.OfUserAsync(db, me);
        var current = await Sessions.CurrentSessionIdAsync(HttpContext);
        var sessions = await db.UserSessions.AsNoTracking()
            .Where(s => s.UserId == me && s.RevokedAt == null)
            .OrderByDescending(s => s.LastSeenAt)
            .ToListAsync();
        Rows = [.. sessions
            .Select(s => new SessionRow(s.Id, s.Device, TimeZones.Format(s.CreatedAt, zone), TimeZones.Format(s.LastSeenAt, zone), s.Id == current))
            .OrderByDescending(r => r.IsCurrent)];
    }

    public async Task<IActionResult> OnPostOthersAsync()
    {
        var current = await Sessions.CurrentSessionIdAsync(HttpContext);
        var count = await Sessions.RevokeAllAccessExceptAsync(db, sessions, User.UserId(), current, clock.GetUtcNow().UtcDateTime);
        TempData["StatusMessage"] = count switch
        {
            0 => "There were no other devices signed in. Any access tokens are revoked.",
            1 => "Done. 1 other device was signed out and any access tokens are revoked.",
            _ => $"Done. {count} other devices were signed out and any access tokens are revoked.",
        };
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRevokeAsync(Guid id)
    {
        var current = await Sessions.CurrentSessionIdAsync(HttpContext);
        if (id == current)
        {
            await AccountFlows.SignOutAsync(signIn, HttpContext, db, clock);
            TempData["StatusMessage"] = "You're signed out on this device. Take care.";
            return RedirectToPage("/Accounts/SignIn/Login");
        }
        await Sessions.RevokeAsync(db, sessions, User.UserId(), id, clock.GetUtcNow().UtcDateTime);
        TempData["StatusMessage"] = "That device is signed out.";
        return RedirectToPage();
    }
}
