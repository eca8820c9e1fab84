using System.Security.Cryptography;
using Attune.Web.Features.Audit;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Attune.Web.Features.Accounts;

/// <summary>What a password sign-in came to.</summary>
public enum PasswordSignInStatus
{
    Succeeded,
    RequiresTwoFactor,

    /// <summary>The password is right but the email is not confirmed yet.</summary>
    EmailNotConfirmed,

    /// <summary>Unknown address or wrong password: the same answer for both.</summary>
    Failed,

    /// <summary>Too many recent failures for this address or from this client: wait <see cref="PasswordSignInOutcome.Wait"/>.</summary>
    Throttled,
}

public sealed record PasswordSignInOutcome(PasswordSignInStatus Status, AppUser? User = null, TimeSpan Wait = default);

/// <summary>
/// The password step of signing in, shared by the sign-in page and <c>POST /api/v1/auth/login</c>. Every address
/// gets the same answers and costs the same time: an unknown address is checked against a dummy hash, an
/// unconfirmed account has its password checked before it is told so, and the throttle counts typed addresses
/// whether or not they have an account.
/// </summary>
public sealed class PasswordSignIn(SignInManager<AppUser> signIn, UserManager<AppUser> users, SignInThrottle throttle, DummyPassword dummy, AuditLog audit)
{
    public async Task<PasswordSignInOutcome> SignInAsync(HttpContext http, string email, string password, bool persistent)
    {
        var client = http.Connection.RemoteIpAddress?.ToString();
        if (throttle.WaitFor(email, client) is { } wait)
        {
            return new PasswordSignInOutcome(PasswordSignInStatus.Throttled, Wait: wait);
        }
        var user = await users.FindByEmailAsync(email);
        if (user is null)
        {
            dummy.Verify(password);
            throttle.Failed(email, client);
            // No account to attach it to, and never the typed address: only the administrator sees these.
            await audit.RecordAsync(AuditActions.SignInFailed, owner: null, result: AuditResults.Failed);
            return new PasswordSignInOutcome(PasswordSignInStatus.Failed);
        }
        var result = await signIn.PasswordSignInAsync(user, password, persistent, lockoutOnFailure: false);
        if (result.Succeeded || result.RequiresTwoFactor)
        {
            throttle.Succeeded(email);
            return new PasswordSignInOutcome(result.Succeeded ? PasswordSignInStatus.Succeeded : PasswordSignInStatus.RequiresTwoFactor, user);
        }
        // Identity says "not allowed" before it checks the password: only explain once the password is right, so
        // strangers learn nothing about which addresses have unconfirmed accounts.
        if (result.IsNotAllowed && await users.CheckPasswordAsync(user, password))
        {
            return new PasswordSignInOutcome(PasswordSignInStatus.EmailNotConfirmed, user);
        }
        throttle.Failed(email, client);
        await audit.RecordAsync(AuditActions.SignInFailed, user.Id, "account", user.Id.ToString(), AuditResults.Failed);
        return new PasswordSignInOutcome(PasswordSignInStatus.Failed);
    }
}

/// <summary>
/// Hashing work for addresses without an account, with the same hasher and iteration count as real passwords, so
/// that an answer's timing does not tell whether an address is registered.
/// </summary>
public sealed class DummyPassword
{
    private static readonly AppUser Nobody = new();
    private readonly PasswordHasher<AppUser> _hasher;
    private readonly Lazy<string> _hash;

    public DummyPassword(IOptions<PasswordHasherOptions> options)
    {
        _hasher = new PasswordHasher<AppUser>(options);
        _hash = new Lazy<string>(() => _hasher.HashPassword(Nobody, RandomNumberGenerator.GetHexString(32)));
    }

    /// <summary>As long as checking a password against a stored hash; never succeeds.</summary>
    public void Verify(string password) => _hasher.VerifyHashedPassword(Nobody, _hash.Value, password);

    /// <summary>As long as hashing a new password; the hash is thrown away.</summary>
    public void Hash(string password) => _hasher.HashPassword(Nobody, password);
}
