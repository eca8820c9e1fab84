using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Attune.Web.Features.Accounts.SignIn;

/// <summary>
/// Opens the link from the confirmation email, then redirects at once so the token does not stay in the
/// address bar, the history or a screenshot.
/// </summary>
public sealed class ConfirmEmailModel(UserManager<AppUser> users) : PageModel
{
    public async Task<IActionResult> OnGetAsync(string? userId, string? code)
    {
        var token = AccountFlows.Decode(code);
        var user = token is not null && Guid.TryParse(userId, out _) ? await users.FindByIdAsync(userId!) : null;
        if (user is not null && (await users.ConfirmEmailAsync(user, token!)).Succeeded)
        {
            TempData["StatusMessage"] = "Thank you, your email is confirmed. You can sign in now.";
            return RedirectToPage("/Accounts/SignIn/Login");
        }
        TempData["StatusMessage"] = "This link has expired or was already used. You can ask for a new one below.";
        return RedirectToPage("/Accounts/SignIn/ResendConfirmation");
    }
}
