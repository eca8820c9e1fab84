using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Attune.Web.Features.Accounts.Settings;

/// <summary>Pieces the settings pages share.</summary>
public static class SettingsPages
{
    public const string WrongPassword = "That isn't your current password. Please try again.";

    /// <summary>
    /// Re-authentication for sensitive changes: the current password, counted towards lockout like a sign-in
    /// so a borrowed unlocked device cannot be used to guess it.
    /// </summary>
    public static async Task<bool> CheckPasswordAsync(SignInManager<AppUser> signIn, AppUser user, string? password) =>
        !string.IsNullOrEmpty(password) && (await signIn.CheckPasswordSignInAsync(user, password, lockoutOnFailure: true)).Succeeded;

    /// <summary>Pages that show a secret once must not leave it in a browser or proxy cache.</summary>
    public static void NoStore(PageModel page) => page.Response.Headers.CacheControl = "no-store";
}
