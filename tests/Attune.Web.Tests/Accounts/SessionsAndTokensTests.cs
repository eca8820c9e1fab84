using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Attune.Web.Data;
using Attune.Web.Features.Accounts;
using Attune.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Attune.Web.Tests.Accounts;

public sealed partial class SessionsAndTokensTests
{
    [Theory, ClassData(typeof(Providers))]
    public async Task Sign_out_everywhere_else_ends_the_other_devices_but_not_this_one(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        using var laptop = factory.NewBrowser();
        var email = await laptop.RegisterAndSignInAsync();
        using var phone = factory.NewBrowser();
        (await phone.SignInAsync(email)).Dispose();
        // The phone's session is now checked and remembered (SessionCache); revoking must still end it at once.
        Assert.True(await phone.IsSignedInAsync());
        var list = await laptop.GetPageAsync("/settings/sessions");
        Assert.Contains("This device", list, StringComparison.Ordinal);

        using var response = await laptop.SubmitAsync("/settings/sessions", new Dictionary<string, string>(), handler: "Others");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("1 other device was signed out", await laptop.GetPageAsync("/settings/sessions"), StringComparison.Ordinal);
        Assert.False(await phone.IsSignedInAsync());
        Assert.True(await laptop.IsSignedInAsync());
    }

    [Theory, ClassData(typeof(Providers))]
    public async Task Signing_out_one_listed_device_ends_only_that_session(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        using var laptop = factory.NewBrowser();
        var email = await laptop.RegisterAndSignInAsync();
        using var phone = factory.NewBrowser();
        (await phone.SignInAsync(email)).Dispose();
        Guid phoneSession;
        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AttuneDb>();
            phoneSession = await db.UserSessions.OrderByDescending(s => s.CreatedAt).Select(s => s.Id).FirstAsync();
        }

        Assert.True(await phone.IsSignedInAsync());

        using var response = await laptop.SubmitAsync($"/settings/sessions?id={phoneSession}", new Dictionary<string, string>(), handler: "Revoke");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.False(await phone.IsSignedInAsync());
        Assert.True(await laptop.IsSignedInAsync());
    }

    [Theory, ClassData(typeof(Providers))]
    public async Task An_access_token_made_on_the_page_works_as_bearer_until_revoked(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        using var browser = factory.NewBrowser();
        var email = await browser.RegisterAndSignInAsync();

        using var create = await browser.SubmitAsync("/settings/tokens", new Dictionary<string, string>
        {
            ["Input.Name"] = "Export script",
            ["Input.ExpiresInDays"] = "30",
            ["Input.Scopes"] = TokenScopes.RecordingsRead,
        }, handler: "Create");
        Assert.Equal(HttpStatusCode.OK, create.StatusCode);
        var html = await create.Content.ReadAsStringAsync();
        var secret = NewToken().Match(html).Groups[1].Value;
        Assert.StartsWith(AccessTokens.TokenPrefix, secret, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, await browser.GetPageAsync("/settings/tokens"), StringComparison.Ordinal);

        using var api = factory.CreateClient();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        using var list = await api.GetAsync("/api/v1/recordings");
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        // The account itself stays out of a token's reach.
        using var me = await api.GetAsync("/api/v1/me");
        Assert.Equal(HttpStatusCode.Forbidden, me.StatusCode);

        var tokenId = RevokeAction().Match(await browser.GetPageAsync("/settings/tokens")).Groups[1].Value;
        Assert.NotEmpty(tokenId);
        using var revoke = await browser.SubmitAsync($"/settings/tokens?id={tokenId}", new Dictionary<string, string>(), handler: "Revoke");
        Assert.Equal(HttpStatusCode.Redirect, revoke.StatusCode);
        using var afterRevoke = await api.GetAsync("/api/v1/recordings");
        Assert.Equal(HttpStatusCode.Unauthorized, afterRevoke.StatusCode);
    }

    [Theory, ClassData(typeof(Providers))]
    public async Task A_made_up_access_token_is_refused(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        using var api = factory.CreateClient();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AccessTokens.NewSecret());

        using var me = await api.GetAsync("/api/v1/me");

        Assert.Equal(HttpStatusCode.Unauthorized, me.StatusCode);
    }

    [Theory, ClassData(typeof(Providers))]
    public async Task A_token_name_with_hidden_characters_is_refused_with_a_message(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        using var browser = factory.NewBrowser();
        await browser.RegisterAndSignInAsync();

        using var create = await browser.SubmitAsync("/settings/tokens", new Dictionary<string, string>
        {
            ["Input.Name"] = "evil\u202Etxt.exe",
            ["Input.ExpiresInDays"] = "0",
        }, handler: "Create");

        Assert.Equal(HttpStatusCode.OK, create.StatusCode);
        var html = await create.Content.ReadAsStringAsync();
        Assert.Contains("contains characters we can", html, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"new-token\"", html, StringComparison.Ordinal);
    }

    [Theory, ClassData(typeof(Providers))]
    public async Task A_changed_security_stamp_ends_other_cookies_once_the_validation_interval_has_passed(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        using var browser = factory.NewBrowser();
        var email = await browser.RegisterAndSignInAsync();
        using (var scope = factory.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var user = await users.FindByEmailAsync(email);
            Assert.NotNull(user);
            await users.UpdateSecurityStampAsync(user);
        }

        // Within Identity's one-minute interval the stamp is not read (the session row still stands).
        Assert.True(await browser.IsSignedInAsync());
        factory.Clock.Advance(TimeSpan.FromMinutes(2));

        Assert.False(await browser.IsSignedInAsync());
    }

    [GeneratedRegex("id=\"new-token\">(atn_[A-Za-z0-9_-]+)<")]
    private static partial Regex NewToken();

    [GeneratedRegex("[?;]id=([0-9a-f-]{36})")]
    private static partial Regex RevokeAction();
}
