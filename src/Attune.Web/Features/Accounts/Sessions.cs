using Attune.Web.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Attune.Web.Features.Accounts;

/// <summary>
/// Server-side record of each signed-in browser. The session id rides in the cookie's authentication
/// properties (which survive Identity's cookie refreshes); every request checks the row still stands,
/// so "sign out everywhere else" and account deletion take effect at once. The check reads the
/// database at most once per <see cref="SessionCache.Window"/> per session; revocations evict at once.
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
            if (context.Principal is not null && SecurityStampCheckDue(context))
            {
                await validateStamp(context);
            }
        };
    }

    /// <summary>
    /// Identity's security-stamp validator makes this same test, but only after its constructor has
    /// built SignInManager, UserManager and a DbContext for the request: a third of a signed-in page's
    /// CPU. Asking first keeps that to once per validation interval per cookie; when the interval
    /// has passed, Identity's validator runs exactly as before.
    /// </summary>
    private static bool SecurityStampCheckDue(CookieValidatePrincipalContext context)
    {
        var services = context.HttpContext.RequestServices;
        var options = services.GetRequiredService<IOptions<SecurityStampValidatorOptions>>().Value;
        // Identity's validator reads options.TimeProvider (or the system clock); the app's clock never
        // runs behind either, so this never skips a check Identity would have made.
        var clock = options.TimeProvider ?? services.GetRequiredService<TimeProvider>();
        return context.Properties.IssuedUtc is not { } issued || clock.GetUtcNow() - issued > options.ValidationInterval;
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
        if (sessionId is not { } sid || userId is not { } uid)
        {
            await RejectAsync(context);
            return;
        }
        var services = context.HttpContext.RequestServices;
        var cache = services.GetRequiredService<SessionCache>();
        var lastSeenAt = cache.StandingLastSeen(sid, uid);
        AttuneDb? db = null;
        if (lastSeenAt is null)
        {
            var generation = cache.Generation(uid);
            db = services.GetRequiredService<AttuneDb>();
            lastSeenAt = await db.UserSessions.AsNoTracking()
                .Where(s => s.Id == sid && s.UserId == uid && s.RevokedAt == null)
                .Select(s => (DateTime?)s.LastSeenAt)
                .FirstOrDefaultAsync();
            if (lastSeenAt is null)
            {
                await RejectAsync(context);
                return;
            }
            cache.Remember(sid, uid, generation, lastSeenAt.Value);
        }
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        if (now - lastSeenAt.Value > LastSeenResolution)
        {
            var generation = cache.Generation(uid);
            db ??= services.GetRequiredService<AttuneDb>();
            await db.UserSessions.Where(s => s.Id == sid).ExecuteUpdateAsync(u => u.SetProperty(s => s.LastSeenAt, now));
            cache.Remember(sid, uid, generation, now);
        }
    }

    private static async Task RejectAsync(CookieValidatePrincipalContext context)
    {
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
    }

    public static async Task RevokeAsync(AttuneDb db, SessionCache cache, Guid userId, Guid sessionId, DateTime now)
    {
        await db.UserSessions.Where(s => s.UserId == userId && s.Id == sessionId && s.RevokedAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.RevokedAt, now));
        await cache.ForgetAsync(userId);
    }

    /// <summary>
    /// Signs the person out everywhere but <paramref name="keep"/> and revokes every access token: "sign out
    /// everywhere else", a password change and a password reset all mean taking back control of the account.
    /// Returns how many other sessions ended.
    /// </summary>
    public static async Task<int> RevokeAllAccessExceptAsync(AttuneDb db, SessionCache cache, Guid userId, Guid? keep, DateTime now)
    {
        var count = await db.UserSessions.Where(s => s.UserId == userId && s.RevokedAt == null && s.Id != keep)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.RevokedAt, now));
        await cache.ForgetAsync(userId);
        await AccessTokens.RevokeAllAsync(db, userId, now);
        return count;
    }

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
