using Attune.Web.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Attune.Web.Features.Accounts;

/// <summary>
/// Server-side record of each signed-in browser. The session id rides in the cookie's authentication
/// properties (which survive Identity's cookie refreshes); every request checks the row still stands,
/// so "sign out everywhere else" and account deletion take effect at once.
/// </summary>
public static class Sessions
{
    public const string PropertyKey = ".attune.sid";

    private static readonly TimeSpan LastSeenResolution = TimeSpan.FromMinutes(5);

    public static Guid? CurrentSessionId(AuthenticationProperties? properties) =>
        properties?.Items.TryGetValue(PropertyKey, out var value) == true && Guid.TryParse(value, out var id) ? id : null;

    public static async Task<Guid?> CurrentSessionIdAsync(HttpContext http)
    {
        var result = await http.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        return CurrentSessionId(result.Properties);
    }

    /// <summary>Cookie events: create a session row on a fresh sign-in, and validate it on every request.</summary>
    public static void Attach(CookieAuthenticationEvents events)
    {
        var validateStamp = events.OnValidatePrincipal;
        events.OnSigningIn = OnSigningIn;
        events.OnValidatePrincipal = async context =>
        {
            await ValidateAsync(context);
            if (context.Principal is not null)
            {
                await validateStamp(context);
            }
        };
    }

    private static async Task OnSigningIn(CookieSigningInContext context)
    {
        if (CurrentSessionId(context.Properties) is not null)
        {
            return;
        }
        var userId = UserIdOf(context.Principal);
        if (userId is null)
        {
            return;
        }
        var services = context.HttpContext.RequestServices;
        var db = services.GetRequiredService<AttuneDb>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var session = new UserSession
        {
            Id = Guid.CreateVersion7(),
            UserId = userId.Value,
            Device = DeviceDescription.From(context.HttpContext.Request.Headers.UserAgent.ToString()),
            CreatedAt = now,
            LastSeenAt = now,
        };
        db.UserSessions.Add(session);
        await db.SaveChangesAsync();
        context.Properties.Items[PropertyKey] = session.Id.ToString();
    }

    private static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var sessionId = CurrentSessionId(context.Properties);
        var userId = UserIdOf(context.Principal);
        var services = context.HttpContext.RequestServices;
        var db = services.GetRequiredService<AttuneDb>();
        var session = sessionId is null || userId is null
            ? null
            : await db.UserSessions.AsNoTracking()
                .Where(s => s.Id == sessionId && s.UserId == userId && s.RevokedAt == null)
                .Select(s => new { s.Id, s.LastSeenAt })
                .FirstOrDefaultAsync();
        if (session is null)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
            return;
        }
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        if (now - session.LastSeenAt > LastSeenResolution)
        {
            await db.UserSessions.Where(s => s.Id == session.Id).ExecuteUpdateAsync(u => u.SetProperty(s => s.LastSeenAt, now));
        }
    }

    public static Task RevokeAsync(AttuneDb db, Guid userId, Guid sessionId, DateTime now) =>
        db.UserSessions.Where(s => s.UserId == userId && s.Id == sessionId && s.RevokedAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.RevokedAt, now));

    public static Task<int> RevokeAllExceptAsync(AttuneDb db, Guid userId, Guid? keep, DateTime now) =>
        db.UserSessions.Where(s => s.UserId == userId && s.RevokedAt == null && s.Id != keep)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.RevokedAt, now));

    private static Guid? UserIdOf(System.Security.Claims.ClaimsPrincipal? principal) =>
        Guid.TryParse(principal?.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value, out var id) ? id : null;
}

/// <summary>Turns a User-Agent header into "Chrome on Android": enough to recognise a device, no more.</summary>
public static class DeviceDescription
{
    public static string From(string userAgent)
    {
        if (string.IsNullOrWhiteSpace(userAgent))
        {
            return "Unknown browser";
        }
        var browser = userAgent switch
        {
            _ when userAgent.Contains("Edg/", StringComparison.Ordinal) => "Edge",
            _ when userAgent.Contains("Firefox/", StringComparison.Ordinal) => "Firefox",
            _ when userAgent.Contains("Chrome/", StringComparison.Ordinal) || userAgent.Contains("Chromium/", StringComparison.Ordinal) => "Chrome",
            _ when userAgent.Contains("Safari/", StringComparison.Ordinal) => "Safari",
            _ when userAgent.Contains("curl/", StringComparison.Ordinal) => "curl",
            _ => "A browser",
        };
        var os = userAgent switch
        {
            _ when userAgent.Contains("Android", StringComparison.Ordinal) => "Android",
            _ when userAgent.Contains("iPhone", StringComparison.Ordinal) || userAgent.Contains("iPad", StringComparison.Ordinal) => "iOS",
            _ when userAgent.Contains("Windows", StringComparison.Ordinal) => "Windows",
            _ when userAgent.Contains("Mac OS X", StringComparison.Ordinal) => "macOS",
            _ when userAgent.Contains("Linux", StringComparison.Ordinal) => "Linux",
            _ => null,
        };
        var text = os is null ? browser : $"{browser} on {os}";
        return text.Length > UserSession.DeviceMaxLength ? text[..UserSession.DeviceMaxLength] : text;
    }
}
