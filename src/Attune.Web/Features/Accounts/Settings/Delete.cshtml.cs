using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Attune.Web.Features.Accounts.Settings;

/// <summary>
/// Erases the account and everything in it, through the same <see cref="AccountErasure"/> as <c>DELETE /api/v1/me</c>.
/// </summary>
public sealed class DeleteModel(UserManager<AppUser> users, SignInManager<AppUser> signIn, AccountErasure erasure) : PageModel
{
    public bool RequiresCode { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }
        RequiresCode = user.TwoFactorEnabled;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? password, string? code)
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }
        RequiresCode = user.TwoFactorEnabled;
        if (await SettingsPages.PasswordProblemAsync(this, signIn, user, password) is { } problem)
        {
            ModelState.AddModelError("password", problem);
            return Page();
        }
        if (RequiresCode && (string.IsNullOrWhiteSpace(code) || code.Length > 12
            || !await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code)))
        {
            // Wrong codes slow down like wrong passwords, so a borrowed browser cannot be used to guess them.
            SettingsPages.Failed(this, user);
            ModelState.AddModelError("code", "That code didn't work. Please wait for a fresh code in your authenticator app and try again.");
            return Page();
        }
        if (!await erasure.EraseAsync(user, HttpContext.RequestAborted))
        {
            ModelState.AddModelError(string.Empty, "We couldn't delete your account just now. Nothing was erased; please try again in a moment.");
            return Page();
        }
        await signIn.SignOutAsync();
        TempData["StatusMessage"] = "Your account and everything in it has been erased. Thank you for the time you spent with Attune; take good care of yourself.";
        return RedirectToPage("/Accounts/SignIn/Login");
    }
}
