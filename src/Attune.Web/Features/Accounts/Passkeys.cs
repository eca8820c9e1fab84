using System.Security.Claims;
using System.Security.Cryptography;
using Attune.Web.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;

namespace Attune.Web.Features.Accounts;

/// <summary>One of a person's passkeys, as the settings page lists it.</summary>
public sealed record PasskeyRow(string Id, string Name, DateTimeOffset AddedAt, bool Synced);

/// <summary>
/// Passkeys (WebAuthn) through ASP.NET Core Identity's own support (decision 0018): added on the settings page after
/// the current password, used to sign in without a password, or as the second step after a password for people with
/// two-factor sign-in on. The ceremony's challenge lives in Identity's short-lived two-factor cookie; the second-step
/// path also remembers, in its own five-minute cookie, who passed the password step, because the ceremony's cookie
/// replaces the one that said so.
/// </summary>
public sealed class Passkeys(SignInManager<AppUser> signIn, UserManager<AppUser> users)
{
    /// <summary>The cookie that remembers who passed the password step while a passkey is the second.</summary>
    public const string SecondStepScheme = "Attune.PasskeySecondStep";

    public const int NameMaxLength = 60;

    public static void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<Passkeys>();
        // Behind a proxy the relying party is the public address, whatever name the request arrived under.
        var publicBase = AttuneOptions.ParseBaseUrl(configuration[$"{AttuneOptions.Section}:{nameof(AttuneOptions.PublicBaseUrl)}"]);
        services.Configure<IdentityPasskeyOptions>(o =>
        {
            if (publicBase is not null)
            {
                o.ServerDomain = publicBase.IdnHost;
            }
            // The page that ran the prompt must be this site: its public address when one is configured, else the
            // address this request came to (plain http only works for localhost, where browsers allow passkeys).
            o.ValidateOrigin = context => ValueTask.FromResult(!context.CrossOrigin && IsThisSite(context.Origin, context.HttpContext, publicBase));
        });
        services.AddAuthentication().AddCookie(SecondStepScheme, o =>
        {
            o.Cookie.Name = "attune.passkey-step";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.ExpireTimeSpan = TimeSpan.FromMinutes(5);
            o.SlidingExpiration = false;
        });
    }

    public async Task<IReadOnlyList<PasskeyRow>> ListAsync(AppUser user) =>
        [.. (await users.GetPasskeysAsync(user))
            .OrderBy(p => p.CreatedAt)
            .Select(p => new PasskeyRow(WebEncoders.Base64UrlEncode(p.CredentialId), p.Name ?? "Passkey", p.CreatedAt, p.IsBackedUp))];

    /// <summary>The options for navigator.credentials.create(), for the signed-in <paramref name="user"/>.</summary>
    public Task<string> CreationOptionsAsync(AppUser user) =>
        signIn.MakePasskeyCreationOptionsAsync(new PasskeyUserEntity
        {
            Id = user.Id.ToString(),
            Name = user.Email ?? user.UserName ?? user.Id.ToString(),
            DisplayName = string.IsNullOrWhiteSpace(user.DisplayName) ? user.Email ?? "Attune" : user.DisplayName,
        });

    /// <summary>Checks the new credential and stores it under <paramref name="name"/>; returns what went wrong, or null.</summary>
    public async Task<string?> AddAsync(AppUser user, string? credentialJson, string name)
    {
        if (!Plausible(credentialJson))
        {
            return "Your browser didn't send a passkey. Please try again.";
        }
        PasskeyAttestationResult attestation;
        try
        {
            attestation = await signIn.PerformPasskeyAttestationAsync(credentialJson);
        }
        catch (InvalidOperationException)
        {
            // No ceremony under way: the five minutes ran out, or the form was sent twice.
            return "That took a little too long. Please try adding the passkey again.";
        }
        if (!attestation.Succeeded || attestation.UserEntity.Id != user.Id.ToString())
        {
            return "That passkey couldn't be checked, so it wasn't added. Please try again.";
        }
        attestation.Passkey.Name = name;
        var stored = await users.AddOrUpdatePasskeyAsync(user, attestation.Passkey);
        return stored.Succeeded ? null : "That passkey couldn't be saved. Please try again.";
    }

    public async Task<bool> RenameAsync(AppUser user, string id, string name)
    {
        if (!TryDecode(id, out var credentialId) || await users.GetPasskeyAsync(user, credentialId) is not { } passkey)
        {
            return false;
        }
        passkey.Name = name;
        return (await users.AddOrUpdatePasskeyAsync(user, passkey)).Succeeded;
    }

    public async Task<bool> RemoveAsync(AppUser user, string id) =>
        TryDecode(id, out var credentialId)
        && await users.GetPasskeyAsync(user, credentialId) is not null
        && (await users.RemovePasskeyAsync(user, credentialId)).Succeeded;

    /// <summary>The options for navigator.credentials.get() without a user: any passkey this site knows may answer.</summary>
    public Task<string> SignInOptionsAsync() => signIn.MakePasskeyRequestOptionsAsync(null);

    /// <summary>Signs in with a passkey alone (it is two factors in one: the device and its PIN or biometric).</summary>
    public async Task<bool> SignInAsync(string? credentialJson)
    {
        if (!Plausible(credentialJson))
        {
            return false;
        }
        try
        {
            return (await signIn.PasskeySignInAsync(credentialJson)).Succeeded;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>Whether <paramref name="user"/> has a passkey that could be the second step.</summary>
    public async Task<bool> HasAnyAsync(AppUser user) => (await users.GetPasskeysAsync(user)).Count > 0;

    /// <summary>Starts a passkey as the second step for the person who just passed the password step.</summary>
    public async Task<string?> SecondStepOptionsAsync(HttpContext http)
    {
        // After a first try (cancelled, or the wrong key), Identity's cookie holds the ceremony instead of the person,
        // so a second try finds them in our own cookie.
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null && (await http.AuthenticateAsync(SecondStepScheme)).Principal?.FindFirstValue(ClaimTypes.NameIdentifier) is { } earlier)
        {
            user = await users.FindByIdAsync(earlier);
        }
        if (user is null)
        {
            return null;
        }
        var marker = new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, user.Id.ToString())], SecondStepScheme);
        await http.SignInAsync(SecondStepScheme, new ClaimsPrincipal(marker));
        // Binds the ceremony to this person: only their passkeys are offered and accepted.
        return await signIn.MakePasskeyRequestOptionsAsync(user);
    }

    /// <summary>Completes the second step; the passkey must belong to whoever passed the password step.</summary>
    public async Task<AppUser?> CompleteSecondStepAsync(HttpContext http, string? credentialJson, bool persistent, bool rememberDevice)
    {
        var marker = await http.AuthenticateAsync(SecondStepScheme);
        await http.SignOutAsync(SecondStepScheme);
        var userId = marker.Principal?.FindFirstValue(ClaimTypes.NameIdentifier);
        if (userId is null || await users.FindByIdAsync(userId) is not { } user || !await signIn.CanSignInAsync(user))
        {
            return null;
        }
        if (!Plausible(credentialJson))
        {
            return null;
        }
        PasskeyAssertionResult<AppUser> assertion;
        try
        {
            assertion = await signIn.PerformPasskeyAssertionAsync(credentialJson);
        }
        catch (InvalidOperationException)
        {
            return null;
        }
        if (!assertion.Succeeded || assertion.User.Id != user.Id)
        {
            return null;
        }
        if (!(await users.AddOrUpdatePasskeyAsync(user, assertion.Passkey)).Succeeded)
        {
            return null;
        }
        if (rememberDevice)
        {
            await signIn.RememberTwoFactorClientAsync(user);
        }
        await signIn.SignInWithClaimsAsync(user, persistent, [new Claim("amr", "mfa")]);
        return user;
    }

    /// <summary>What a browser could have sent as a credential: present, and no longer than any real one (64 KB).</summary>
    private static bool Plausible([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] string? credentialJson) =>
        !string.IsNullOrWhiteSpace(credentialJson) && credentialJson.Length <= 64 * 1024;

    private static bool IsThisSite(string origin, HttpContext http, Uri? publicBase)
    {
        var expected = publicBase is not null
            ? publicBase.GetLeftPart(UriPartial.Authority)
            : $"{http.Request.Scheme}://{http.Request.Host.Value}";
        return string.Equals(origin.TrimEnd('/'), expected.TrimEnd('/'), StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>How the audit log names a passkey: a short hash of its credential id, never the id itself.</summary>
    public static string AuditId(byte[] credentialId) => Convert.ToHexStringLower(SHA256.HashData(credentialId))[..16];

    private static bool TryDecode(string id, out byte[] credentialId)
    {
        credentialId = [];
        if (string.IsNullOrEmpty(id) || id.Length > 2048)
        {
            return false;
        }
        try
        {
            credentialId = WebEncoders.Base64UrlDecode(id);
            return credentialId.Length > 0;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
