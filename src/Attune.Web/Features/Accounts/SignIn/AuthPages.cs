using System.Globalization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Attune.Web.Features.Accounts.SignIn;

/// <summary>Small pieces the sign-in pages share.</summary>
public static class AuthPages
{
    /// <summary>
    /// Too many recent attempts for this address or from this device: answer 429 with Retry-After and show the form
    /// again with a calm explanation, so the person keeps what they typed and knows how long to wait. The same words
    /// whether or not the address has an account.
    /// </summary>
    public static PageResult TooManyAttempts(PageModel page, TimeSpan wait)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        page.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        page.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        var when = seconds < 90 ? $"{seconds} seconds" : $"{(int)Math.Ceiling(seconds / 60.0)} minutes";
        page.ModelState.AddModelError(string.Empty,
            $"There have been several attempts in a short time, so we're slowing things down to keep accounts safe. Please try again in {when}.");
        return page.Page();
    }

    /// <summary>Only addresses on this site, so a crafted link cannot send someone elsewhere after signing in.</summary>
    public static string SafeReturnUrl(PageModel page, string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && page.Url.IsLocalUrl(returnUrl) ? returnUrl : "/";

    /// <summary>Recovery codes look like "ABCDE-FGHIJ"; people copy them with stray spaces or in lower case.</summary>
    public static string CleanRecoveryCode(string? code) =>
        (code ?? "").Replace(" ", "", StringComparison.Ordinal).Trim().ToUpperInvariant();
}
