using Attune.Web.Data;
using Attune.Web.Features.Admin;
using Attune.Web.Features.Audit;
using Attune.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Attune.Web.Features.Accounts.SignIn;

/// <summary>
/// Signs in with a one-time link printed by <c>admin create EMAIL</c>. Opening the link only shows a button: mail and
/// chat apps that fetch links to preview them must not use it up.
/// </summary>
[EnableRateLimiting(RateLimits.Auth)]
public sealed class SignInLinkModel(AttuneDb db, UserManager<AppUser> users, SignInManager<AppUser> signIn, AuditLog audit, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Code { get; set; }

    public bool Usable { get; private set; }

    public async Task OnGetAsync()
    {
        Response.Headers.CacheControl = "no-store";
        Usable = await SignInLinks.FindUsableAsync(db, Code, clock.GetUtcNow().UtcDateTime) is not null;
    }

    public async Task<IActionResult> OnPostAsync()
    {
        Response.Headers.CacheControl = "no-store";
        var now = clock.GetUtcNow().UtcDateTime;
        var link = await SignInLinks.FindUsableAsync(db, Code, now);
        if (link is null || !await SignInLinks.UseAsync(db, link.Id, now) || await users.FindByIdAsync(link.UserId.ToString()) is not { } user)
        {
            return Page();
        }
        audit.Add(AuditActions.SignInLinkUsed, user.Id, "account", user.Id.ToString(), actor: user.Id);
        await db.SaveChangesAsync();
        await signIn.SignInAsync(user, isPersistent: false);
        TempData["StatusMessage"] = user.PasswordHash is null
            ? "You're signed in. Please choose a password now, so you can sign in without a link next time."
            : "You're signed in.";
        return Redirect(user.PasswordHash is null ? "/settings/password" : "/admin");
    }
}
