using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Attune.Web.Features.Accounts.SignIn;

/// <summary>
/// Opens the link sent to a new email address and applies the change. The link may be opened on another
/// device, so it works signed out; it redirects at once so the token leaves the address bar.
/// </summary>
public sealed class ConfirmEmailChangeModel(UserManager<AppUser> users, SignInManager<AppUser> signIn) : PageModel
{
    public async Task<IActionResult> OnGetAsync(string? userId, string? email, string? code)
    {
        var token = AccountFlows.Decode(code);
        var user = token is not null && !string.IsNullOrEmpty(email) && Guid.TryParse(userId, out _) ? await users.FindByIdAsync(userId!) : null;
        var changed = false;
        if (user is not null)
        {
            // The email is also the user name: change both in the one update ChangeEmailAsync saves, so they
            // cannot drift apart (user names may hold any character an address can).
            var previousUserName = user.UserName;
            user.UserName = email!.Trim();
            changed = (await users.ChangeEmailAsync(user, email.Trim(), token!)).Succeeded;
            if (!changed)
            {
                user.UserName = previousUserName;
            }
        }
        var signedInAsOwner = user is not null && User.Identity?.IsAuthenticated == true && users.GetUserId(User) == user.Id.ToString();
        if (changed && signedInAsOwner)
        {
            // The change renewed the security stamp; keep this browser signed in.
            await signIn.RefreshSignInAsync(user!);
        }
        TempData["StatusMessage"] = changed
            ? "Your email address is changed. Use the new address next time you sign in."
            : "This link has expired or was already used, or that address is already in use. You can ask for a new link in your settings.";
        return signedInAsOwner || (User.Identity?.IsAuthenticated == true && !changed)
            ? RedirectToPage("/Accounts/Settings/Email")
            : RedirectToPage("/Accounts/SignIn/Login");
    }
}
