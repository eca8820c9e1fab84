using System.Net;
using System.Text.RegularExpressions;
using Attune.Web.Data;
using Attune.Web.Features.Accounts;
using Attune.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Attune.Web.Tests.Accounts;

/// <summary>Recovery codes are stored hashed and authenticator keys encrypted, and both still work.</summary>
public sealed partial class StoredSecretsTests
{
    private static async Task<(string Email, string Key, List<string> Codes)> EnableTwoFactorAsync(AttuneWebFactory factory, Browser browser)
    {
        var email = await browser.RegisterAndSignInAsync();
        var setup = await browser.GetPageAsync("/settings/two-factor");
        var key = SharedKey().Match(setup).Groups[1].Value.Replace(" ", "", StringComparison.Ordinal);
        var code = SingleUseAuthenticatorTokenProvider.CodeAt(key, factory.Clock.GetUtcNow());
        using var enable = await browser.SubmitAsync("/settings/two-factor", new Dictionary<string, string> { ["code"] = code, ["password"] = Browser.Password }, handler: "Enable");
        var codes = RecoveryCode().Matches(await enable.Content.ReadAsStringAsync()).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(10, codes.Count);
        factory.Clock.Advance(TimeSpan.FromSeconds(60));
        return (email, key, codes);
    }

    private static async Task<List<string>> StoredTokensAsync(AttuneWebFactory factory)
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AttuneDb>();
        return await db.UserTokens.AsNoTracking().Select(t => t.Name + "=" + t.Value).ToListAsync();
    }

    [Theory, ClassData(typeof(Providers))]
    public async Task The_database_holds_no_plain_recovery_code_or_authenticator_key_and_both_still_sign_in(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        using var owner = factory.NewBrowser();
        var (email, key, codes) = await EnableTwoFactorAsync(factory, owner);

        var stored = string.Join('\n', await StoredTokensAsync(factory));
        Assert.Contains("AuthenticatorKey=dp1$", stored, StringComparison.Ordinal);
        Assert.Contains("RecoveryCodes=pbkdf2-sha256$", stored, StringComparison.Ordinal);
        Assert.DoesNotContain(key, stored, StringComparison.OrdinalIgnoreCase);
        Assert.All(codes, c => Assert.DoesNotContain(c, stored, StringComparison.OrdinalIgnoreCase));

        using var phone = factory.NewBrowser();
        (await phone.SignInAsync(email)).Dispose();
        using var withCode = await phone.SubmitAsync("/account/login-2fa", new Dictionary<string, string>
        {
            ["Input.Code"] = SingleUseAuthenticatorTokenProvider.CodeAt(key, factory.Clock.GetUtcNow()),
        });
        Assert.Equal(HttpStatusCode.Redirect, withCode.StatusCode);

        using var laptop = factory.NewBrowser();
        (await laptop.SignInAsync(email)).Dispose();
        using var withRecovery = await laptop.SubmitAsync("/account/login-recovery", new Dictionary<string, string> { ["Input.RecoveryCode"] = codes[3] });
        Assert.Equal(HttpStatusCode.Redirect, withRecovery.StatusCode);
        Assert.Contains("You have 9 recovery codes left", await laptop.GetPageAsync("/settings/two-factor"), StringComparison.Ordinal);

        using var again = factory.NewBrowser();
        (await again.SignInAsync(email)).Dispose();
        using var reused = await again.SubmitAsync("/account/login-recovery", new Dictionary<string, string> { ["Input.RecoveryCode"] = codes[3] });
        Assert.Equal(HttpStatusCode.OK, reused.StatusCode);
    }

    [Theory, ClassData(typeof(Providers))]
    public async Task Secrets_stored_in_plain_text_before_are_protected_at_the_next_start_and_keep_working(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        using var owner = factory.NewBrowser();
        var (email, key, codes) = await EnableTwoFactorAsync(factory, owner);
        // Put the rows back the way older versions wrote them.
        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AttuneDb>();
            var userId = await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
            await db.UserTokens.Where(t => t.UserId == userId && t.Name == StoredSecrets.AuthenticatorKeyName).ExecuteUpdateAsync(u => u.SetProperty(t => t.Value, key));
            await db.UserTokens.Where(t => t.UserId == userId && t.Name == StoredSecrets.RecoveryCodesName).ExecuteUpdateAsync(u => u.SetProperty(t => t.Value, string.Join(';', codes)));
        }

        await using var restarted = factory.WithWebHostBuilder(_ => { });
        using var client = restarted.CreateClient();

        var stored = string.Join('\n', await StoredTokensAsync(factory));
        Assert.DoesNotContain(key, stored, StringComparison.OrdinalIgnoreCase);
        Assert.All(codes, c => Assert.DoesNotContain(c, stored, StringComparison.OrdinalIgnoreCase));
        var protector = restarted.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(StoredSecrets.ProtectorPurpose);
        var keyRow = (await StoredTokensAsync(factory)).Single(t => t.StartsWith("AuthenticatorKey=", StringComparison.Ordinal));
        Assert.Equal(key, StoredSecrets.UnprotectKey(protector, keyRow["AuthenticatorKey=".Length..]));
        var codesRow = (await StoredTokensAsync(factory)).Single(t => t.StartsWith("RecoveryCodes=", StringComparison.Ordinal))["RecoveryCodes=".Length..];
        Assert.True(StoredSecrets.Redeem(codesRow, codes[0]).Redeemed);
        Assert.Equal(10, StoredSecrets.CountCodes(codesRow));
    }

    [GeneratedRegex("id=\"shared-key\">([A-Z2-7 ]+)<")]
    private static partial Regex SharedKey();

    [GeneratedRegex("<li><code>([A-Z0-9]{5}-[A-Z0-9]{5})</code></li>")]
    private static partial Regex RecoveryCode();
}
