using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Attune.Web.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Attune.Web.Features.Accounts;

/// <summary>Creating, hashing and checking personal access tokens.</summary>
public static class AccessTokens
{
    public const string Scheme = "AccessToken";
    public const string TokenPrefix = "atn_";
    public const string TokenIdClaim = "attune:token";

    /// <summary>A token lives 90 days unless its owner picks otherwise, and never more than a year.</summary>
    public const int DefaultLifetimeDays = 90;
    public const int MaxLifetimeDays = 365;

    public static string NewSecret() =>
        TokenPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string Hash(string token) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    public static async Task<(PersonalAccessToken Entity, string Secret)> CreateAsync(
        AttuneDb db, Guid userId, string name, IReadOnlyCollection<string> scopes, DateTime now, DateTime expiresAt)
    {
        if (scopes.Count == 0 || scopes.Any(s => !TokenScopes.All.Contains(s)))
        {
            throw new ArgumentException("Unknown or missing scopes; check them with TokenScopes.All first.", nameof(scopes));
        }
        if (expiresAt <= now || expiresAt > now.AddDays(MaxLifetimeDays))
        {
            throw new ArgumentOutOfRangeException(nameof(expiresAt), expiresAt, "A token expires after now and within a year.");
        }
        var secret = NewSecret();
        var token = new PersonalAccessToken
        {
            Id = Guid.CreateVersion7(),
            UserId = userId,
            Name = name,
            Prefix = secret[..PersonalAccessToken.PrefixLength],
            TokenHash = Hash(secret),
            Scopes = string.Join(' ', TokenScopes.All.Where(scopes.Contains)),
            CreatedAt = now,
            ExpiresAt = expiresAt,
        };
        db.PersonalAccessTokens.Add(token);
        await db.SaveChangesAsync();
        return (token, secret);
    }

    /// <summary>
    /// Revokes every token of the person: on a password change or reset and on "sign out everywhere", so
    /// a token copied before cannot outlive the person taking back control of their account.
    /// </summary>
    public static Task<int> RevokeAllAsync(AttuneDb db, Guid userId, DateTime now) =>
        db.PersonalAccessTokens.Where(t => t.UserId == userId && t.RevokedAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(t => t.RevokedAt, now));
}

/// <summary>Authenticates <c>Authorization: Bearer atn_…</c> requests against stored token hashes.</summary>
public sealed class AccessTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    AttuneDb db,
    TimeProvider clock) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    private static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(5);

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }
        var secret = header["Bearer ".Length..].Trim();
        if (!secret.StartsWith(AccessTokens.TokenPrefix, StringComparison.Ordinal) || secret.Length > 100)
        {
            return AuthenticateResult.Fail("Not an Attune access token.");
        }
        var hash = AccessTokens.Hash(secret);
        var now = clock.GetUtcNow().UtcDateTime;
        var found = await db.PersonalAccessTokens.AsNoTracking()
            .Where(t => t.TokenHash == hash && t.RevokedAt == null && t.ExpiresAt != null && t.ExpiresAt > now)
            .Join(db.Users, t => t.UserId, u => u.Id, (t, u) => new { TokenId = t.Id, t.LastUsedAt, t.Scopes, UserId = u.Id, u.UserName })
            .FirstOrDefaultAsync(Context.RequestAborted);
        if (found is null)
        {
            return AuthenticateResult.Fail("The access token is unknown, revoked or expired.");
        }
        if (found.LastUsedAt is null || now - found.LastUsedAt > LastUsedResolution)
        {
            await db.PersonalAccessTokens.Where(t => t.Id == found.TokenId)
                .ExecuteUpdateAsync(u => u.SetProperty(t => t.LastUsedAt, now), Context.RequestAborted);
        }
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, found.UserId.ToString()),
            new(ClaimTypes.Name, found.UserName ?? ""),
            new(AccessTokens.TokenIdClaim, found.TokenId.ToString()),
        };
        claims.AddRange(found.Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(s => new Claim(TokenScopes.ClaimType, s)));
        var identity = new ClaimsIdentity(claims, Scheme.Name);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name));
    }
}
