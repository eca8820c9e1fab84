using System.Text;
using Attune.Web.Data;
using Attune.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;

namespace Attune.Web.Features.Accounts;

/// <summary>Steps shared by the account pages and the API, so both behave the same.</summary>
public static class AccountFlows
{
    public static AppUser NewUser(string email, string displayName, string timeZone, TimeProvider clock) => new()
    {
        Id = Guid.CreateVersion7(),
        UserName = email.Trim(),
        Email = email.Trim(),
        DisplayName = displayName,
        TimeZone = timeZone,
        CreatedAt = clock.GetUtcNow().UtcDateTime,
    };

    public static async Task SendConfirmationAsync(AppUser user, UserManager<AppUser> users, IEmailSender<AppUser> email, PublicLinks links, HttpContext http)
    {
        var code = Encode(await users.GenerateEmailConfirmationTokenAsync(user));
        var link = links.ToPage(http, "/Accounts/SignIn/ConfirmEmail", new { userId = user.Id, code });
        await email.SendConfirmationLinkAsync(user, user.Email!, link);
    }

    public static async Task SendPasswordResetAsync(AppUser user, UserManager<AppUser> users, IEmailSender<AppUser> email, PublicLinks links, HttpContext http)
    {
        var code = Encode(await users.GeneratePasswordResetTokenAsync(user));
        var link = links.ToPage(http, "/Accounts/SignIn/ResetPassword", new { email = user.Email, code });
        await email.SendPasswordResetLinkAsync(user, user.Email!, link);
    }

    public static string Encode(string token) => WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(token));

    public static string? Decode(string? code)
    {
        if (string.IsNullOrEmpty(code) || code.Length > 2000)
        {
            return null;
        }
        try
        {
            return Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(code));
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>Ends this browser's session row and its cookie.</summary>
    public static async Task SignOutAsync(SignInManager<AppUser> signIn, HttpContext http, AttuneDb db, TimeProvider clock)
    {
        var sessionId = await Sessions.CurrentSessionIdAsync(http);
        var userId = http.User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value;
        if (sessionId is { } sid && Guid.TryParse(userId, out var uid))
        {
            await Sessions.RevokeAsync(db, http.RequestServices.GetRequiredService<SessionCache>(), uid, sid, clock.GetUtcNow().UtcDateTime);
        }
        await signIn.SignOutAsync();
    }
}
