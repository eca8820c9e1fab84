using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Attune.Web.Features.Accounts;
using Attune.Web.Tests.Infrastructure;

namespace Attune.Web.Tests.Accounts;

public sealed partial class TwoFactorTests
{
    private sealed record TwoFactorAccount(string Email, string Key, IReadOnlyList<string> RecoveryCodes);

    private static async Task<TwoFactorAccount> EnableTwoFactorAsync(AttuneWebFactory factory, Browser browser)
    {
        var email = await browser.RegisterAndSignInAsync();
        var setup = await browser.GetPageAsync("/settings/two-factor");
        Assert.Contains("data:image/png;base64,", setup, StringComparison.Ordinal);
        var key = SharedKey().Match(setup).Groups[1].Value.Replace(" ", "", StringComparison.Ordinal);
        var code = SingleUseAuthenticatorTokenProvider.CodeAt(key, factory.Clock.GetUtcNow());

        using var enable = await browser.SubmitAsync("/settings/two-factor", new Dictionary<string, string> { ["code"] = code, ["password"] = Browser.Password }, handler: "Enable");

        Assert.Equal(HttpStatusCode.OK, enable.StatusCode);
        var html = await enable.Content.ReadAsStringAsync();
        var codes = RecoveryCode().Matches(html).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(10, codes.Count);
        Assert.True(enable.Headers.CacheControl?.NoStore);
        // The next codes belong to later time steps.
        factory.Clock.Advance(TimeSpan.FromSeconds(60));
        return new TwoFactorAccount(email, key, codes);
    }

    private static async Task<HttpResponseMessage> PasswordStepAsync(Browser browser, string email)
    {
        var response = await browser.SignInAsync(email);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login-2fa", response.Headers.Location?.OriginalString, StringComparison.Ordinal);
        return response;
    }

    [Theory, ClassData(typeof(Providers))]
    public async Task An_authenticator_code_signs_in_once_and_the_same_code_is_refused_afterwards(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        using var owner = factory.NewBrowser();
        var account = await EnableTwoFactorAsync(factory, owner);
        var code = SingleUseAuthenticatorTokenProvider.CodeAt(account.Key, factory.Clock.GetUtcNow());

        using var phone = factory.NewBrowser();
        (await PasswordStepAsync(phone, account.Email)).Dispose();
        Assert.False(await phone.IsSignedInAsync());
        using var accepted = await phone.SubmitAsync("/account/login-2fa", new Dictionary<string, string> { ["Input.Code"] = code });
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        Assert.True(await phone.IsSignedInAsync());

        using var replay = factory.NewBrowser();
        (await PasswordStepAsync(replay, account.Email)).Dispose();
        using var refused = await replay.SubmitAsync("/account/login-2fa", new Dictionary<string, string> { ["Input.Code"] = code });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("each one works only once", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(await replay.IsSignedInAsync());

        using var api = await replay.Client.PostAsJsonAsync("/api/v1/auth/login", new { email = account.Email, password = Browser.Password, twoFactorCode = code });
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
    }

    [Theory, ClassData(typeof(Providers))]
    public async Task A_recovery_code_signs_in_once(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        using var owner = factory.NewBrowser();
        var account = await EnableTwoFactorAsync(factory, owner);

        using var first = factory.NewBrowser();
        (await PasswordStepAsync(first, account.Email)).Dispose();
        using var accepted = await first.SubmitAsync("/account/login-recovery", new Dictionary<string, string> { ["Input.RecoveryCode"] = account.RecoveryCodes[0].ToLowerInvariant() });
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        Assert.True(await first.IsSignedInAsync());

        using var second = factory.NewBrowser();
        (await PasswordStepAsync(second, account.Email)).Dispose();
        using var refused = await second.SubmitAsync("/account/login-recovery", new Dictionary<string, string> { ["Input.RecoveryCode"] = account.RecoveryCodes[0] });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.False(await second.IsSignedInAsync());
        Assert.Contains("9 recovery codes left", await owner.GetPageAsync("/settings/two-factor"), StringComparison.Ordinal);
    }

    [Theory, ClassData(typeof(Providers))]
    public async Task Turning_two_factor_off_needs_the_password(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        using var owner = factory.NewBrowser();
        await EnableTwoFactorAsync(factory, owner);

        using var wrong = await owner.SubmitAsync("/settings/two-factor", new Dictionary<string, string> { ["password"] = "not my password" }, handler: "Disable");
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Contains("isn&#x27;t your current password", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var right = await owner.SubmitAsync("/settings/two-factor", new Dictionary<string, string> { ["password"] = Browser.Password }, handler: "Disable");
        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
        Assert.Contains("Two-factor sign-in is off", await owner.GetPageAsync("/settings/two-factor"), StringComparison.Ordinal);
        Assert.True(await owner.IsSignedInAsync());
    }

    [Theory, ClassData(typeof(Providers))]
    public async Task A_wrong_code_does_not_turn_two_factor_on(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        using var owner = factory.NewBrowser();
        await owner.RegisterAndSignInAsync();

        using var response = await owner.SubmitAsync("/settings/two-factor", new Dictionary<string, string> { ["code"] = "000000", ["password"] = Browser.Password }, handler: "Enable");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("That code didn&#x27;t match", html, StringComparison.Ordinal);
        Assert.DoesNotContain("recovery-codes", html, StringComparison.Ordinal);
    }

    [Theory, ClassData(typeof(Providers))]
    public async Task Turning_two_factor_on_needs_the_password(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        using var owner = factory.NewBrowser();
        await owner.RegisterAndSignInAsync();
        var setup = await owner.GetPageAsync("/settings/two-factor");
        var key = SharedKey().Match(setup).Groups[1].Value.Replace(" ", "", StringComparison.Ordinal);
        var code = SingleUseAuthenticatorTokenProvider.CodeAt(key, factory.Clock.GetUtcNow());

        using var response = await owner.SubmitAsync("/settings/two-factor", new Dictionary<string, string> { ["code"] = code }, handler: "Enable");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("isn&#x27;t your current password", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("Set up an authenticator app", await owner.GetPageAsync("/settings/two-factor"), StringComparison.Ordinal);
    }

    [Theory, ClassData(typeof(Providers))]
    public async Task Deleting_an_account_with_two_factor_needs_a_fresh_code_too(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        using var owner = factory.NewBrowser();
        var account = await EnableTwoFactorAsync(factory, owner);

        using var withoutCode = await owner.SubmitAsync("/settings/delete", new Dictionary<string, string> { ["password"] = Browser.Password });
        Assert.Equal(HttpStatusCode.OK, withoutCode.StatusCode);
        Assert.True(await owner.IsSignedInAsync());

        var code = SingleUseAuthenticatorTokenProvider.CodeAt(account.Key, factory.Clock.GetUtcNow());
        using var withCode = await owner.SubmitAsync("/settings/delete", new Dictionary<string, string> { ["password"] = Browser.Password, ["code"] = code });
        Assert.Equal(HttpStatusCode.Redirect, withCode.StatusCode);
        Assert.False(await owner.IsSignedInAsync());
    }

    [GeneratedRegex("id=\"shared-key\">([A-Z2-7 ]+)<")]
    private static partial Regex SharedKey();

    [GeneratedRegex("<li><code>([A-Z0-9]{5}-[A-Z0-9]{5})</code></li>")]
    private static partial Regex RecoveryCode();
}
