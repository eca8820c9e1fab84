using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Attune.Web.Features.Accounts.Settings;

/// <summary>Pieces the settings pages share.</summary>
public static class SettingsPages
{
    public const string WrongPassword = "That isn't your current password. Please try again.";

    /// <summary>
    /// Re-authentication for sensitive changes: the current password, with wrong ones slowed down like sign-ins
    /// (<see cref="SignInThrottle"/>) so a borrowed unlocked device cannot be used to guess it. Returns null when
    /// the password is right, otherwise what to say.
    /// </summary>
    public static Task<string?> PasswordProblemAsync(PageModel page, SignInManager<AppUser> signIn, AppUser user, string? password) =>
        PasswordProblemAsync(page.HttpContext, signIn, user, password);

    /// <summary>The same check for an API endpoint.</summary>
    public static async Task<string?> PasswordProblemAsync(HttpContext http, SignInManager<AppUser> signIn, AppUser user, string? password)
    {
        var throttle = http.RequestServices.GetRequiredService<SignInThrottle>();
        var client = http.Connection.RemoteIpAddress?.ToString();
        if (throttle.WaitFor(user.Email ?? "", client) is { } wait)
        {
            return TooManyWrong(wait);
        }
        if (!string.IsNullOrEmpty(password) && (await signIn.CheckPasswordSignInAsync(user, password, lockoutOnFailure: false)).Succeeded)
        {
            return null;
        }
        throttle.Failed(user.Email ?? "", client);
        return WrongPassword;
    }

    /// <summary>Counts a wrong password or code given on a settings page.</summary>
    public static void Failed(PageModel page, AppUser user) => Failed(page.HttpContext, user);

    public static void Failed(HttpContext http, AppUser user) =>
        http.RequestServices.GetRequiredService<SignInThrottle>().Failed(user.Email ?? "", http.Connection.RemoteIpAddress?.ToString());

    public static string TooManyWrong(TimeSpan wait) =>
        $"There were several wrong attempts in a short time, so we're pausing for {Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds))} seconds to keep your account safe. Please try again then.";

    /// <summary>Pages that show a secret once must not leave it in a browser or proxy cache.</summary>
    public static void NoStore(PageModel page) => page.Response.Headers.CacheControl = "no-store";
}
