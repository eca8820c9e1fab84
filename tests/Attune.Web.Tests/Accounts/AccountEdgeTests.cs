using System.Net;
using System.Text;
using Attune.Web.Data;
using Attune.Web.Features.Accounts;
using Attune.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Attune.Web.Tests.Accounts;

/// <summary>Smaller findings of the security review: each test failed before its fix.</summary>
public sealed partial class AccountEdgeTests
{
    [Theory, ClassData(typeof(Providers))]
    public async Task Api_sign_out_refuses_what_a_cross_site_form_can_send(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        var (_, client) = await TestUsers.SignedInAsync(factory);

        foreach (var content in new HttpContent?[]
        {
            null,
            new StringContent("", Encoding.UTF8, "text/plain"),
            new FormUrlEncodedContent(new Dictionary<string, string>()),
        })
        {
            using var refused = await client.PostAsync("/api/v1/me/logout", content);
            Assert.Equal(HttpStatusCode.UnsupportedMediaType, refused.StatusCode);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        }
        using (var me = await client.GetAsync("/api/v1/me"))
        {
            Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        }

        using var signedOut = await client.PostAsync("/api/v1/me/logout", new StringContent("", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.NoContent, signedOut.StatusCode);
        using var after = await client.GetAsync("/api/v1/me");
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
    }

    [Theory, ClassData(typeof(Providers))]
    public async Task A_non_json_sign_in_is_a_415_problem(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        using var client = factory.CreateClient();

        using var text = await client.PostAsync("/api/v1/auth/login", new StringContent("{\"email\":\"a@example.org\",\"password\":\"x\"}", Encoding.UTF8, "text/plain"));
        using var form = await client.PostAsync("/api/v1/auth/login", new FormUrlEncodedContent(new Dictionary<string, string> { ["email"] = "a@example.org" }));
        using var unknown = await client.PostAsync("/api/v1/no-such-endpoint", new StringContent("x", Encoding.UTF8, "text/plain"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, text.StatusCode);
        Assert.Equal("application/problem+json", text.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, form.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Theory]
    [InlineData("/no-such-page")]
    [InlineData("/no-such-file.ics")]
    [InlineData("/calendar/a/b.ics")]
    [InlineData("/deep/er/no-such-image.png")]
    [InlineData("/api/v1/no-such-file.json")]
    public async Task An_unknown_address_is_a_404_for_a_signed_out_visitor_even_when_it_looks_like_a_file(string path)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(DatabaseProvider.Sqlite);
        using var client = factory.CreateClient(new() { AllowAutoRedirect = false });

        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Null(response.Headers.Location);
    }

    [Theory, ClassData(typeof(Providers))]
    public async Task Antiforgery_and_temp_data_cookies_are_secure_behind_a_tls_proxy(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        using var client = factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        client.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");

        using var form = await client.GetAsync("/account/login");
        using var tempData = await client.GetAsync("/account/confirm-email?userId=x&code=x");

        var antiforgery = Assert.Single(form.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".AspNetCore.Antiforgery", StringComparison.Ordinal));
        Assert.Contains("secure", antiforgery, StringComparison.OrdinalIgnoreCase);
        var status = Assert.Single(tempData.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".AspNetCore.Mvc.CookieTempDataProvider", StringComparison.Ordinal));
        Assert.Contains("secure", status, StringComparison.OrdinalIgnoreCase);
    }

    [Theory, ClassData(typeof(Providers))]
    public async Task The_development_outbox_is_served_only_to_this_machine(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider, environment: "Development");
        using var client = factory.CreateClient();

        using var local = await client.GetAsync("/dev/outbox");
        using var remote = new HttpRequestMessage(HttpMethod.Get, "/dev/outbox") { Headers = { { AttuneWebFactory.RemoteIpHeader, "203.0.113.5" } } };
        using var remoteResponse = await client.SendAsync(remote);
        using var proxied = new HttpRequestMessage(HttpMethod.Get, "/dev/outbox") { Headers = { { "X-Forwarded-For", "203.0.113.5" } } };
        using var proxiedResponse = await client.SendAsync(proxied);

        Assert.Equal(HttpStatusCode.OK, local.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, remoteResponse.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, proxiedResponse.StatusCode);
    }

    [Theory, ClassData(typeof(Providers))]
    public async Task Changing_to_an_address_with_an_apostrophe_or_hash_changes_the_user_name_too(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        using var browser = factory.NewBrowser();
        await browser.RegisterAndSignInAsync();
        var newEmail = $"o'brien#{Guid.NewGuid():N}@example.org";

        using var change = await browser.SubmitAsync("/settings/email", new Dictionary<string, string>
        {
            ["Input.NewEmail"] = newEmail,
            ["Input.CurrentPassword"] = Browser.Password,
        });
        Assert.Equal(HttpStatusCode.Redirect, change.StatusCode);
        using var confirm = await browser.Client.GetAsync(browser.LinkInLatestEmailTo(newEmail));
        Assert.Equal(HttpStatusCode.Redirect, confirm.StatusCode);

        using var scope = factory.Services.CreateScope();
        var user = await scope.ServiceProvider.GetRequiredService<AttuneDb>().Users.AsNoTracking().SingleAsync(u => u.Email == newEmail);
        Assert.Equal(newEmail, user.UserName);
        Assert.Equal(newEmail.ToUpperInvariant(), user.NormalizedUserName);
        using var other = factory.NewBrowser();
        using var signIn = await other.SignInAsync(newEmail);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
    }

    [Theory, ClassData(typeof(Providers))]
    public async Task Registering_with_an_apostrophe_in_the_address_works(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        using var browser = factory.NewBrowser();

        var email = await browser.RegisterConfirmedAsync($"d'arcy-{Guid.NewGuid():N}@example.org");

        Assert.True((await browser.SignInAsync(email)).StatusCode == HttpStatusCode.Redirect);
    }

    [Theory, ClassData(typeof(Providers))]
    public async Task A_remembered_device_asks_for_a_code_again_right_after_a_password_change(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        using var owner = factory.NewBrowser();
        var email = await owner.RegisterAndSignInAsync();
        var key = SharedKey().Match(await owner.GetPageAsync("/settings/two-factor")).Groups[1].Value.Replace(" ", "", StringComparison.Ordinal);
        (await owner.SubmitAsync("/settings/two-factor", new Dictionary<string, string>
        {
            ["code"] = SingleUseAuthenticatorTokenProvider.CodeAt(key, factory.Clock.GetUtcNow()),
            ["password"] = Browser.Password,
        }, handler: "Enable")).Dispose();
        factory.Clock.Advance(TimeSpan.FromSeconds(60));

        using var phone = factory.NewBrowser();
        using (var step = await phone.SignInAsync(email))
        {
            Assert.StartsWith("/account/login-2fa", step.Headers.Location?.OriginalString, StringComparison.Ordinal);
        }
        using (var remembered = await phone.SubmitAsync("/account/login-2fa", new Dictionary<string, string>
        {
            ["Input.Code"] = SingleUseAuthenticatorTokenProvider.CodeAt(key, factory.Clock.GetUtcNow()),
            ["Input.RememberDevice"] = "true",
        }))
        {
            Assert.Equal(HttpStatusCode.Redirect, remembered.StatusCode);
        }
        (await phone.SubmitAsync("/account/logout", new Dictionary<string, string>())).Dispose();
        using (var skipped = await phone.SignInAsync(email))
        {
            Assert.Equal("/", skipped.Headers.Location?.OriginalString);
        }
        (await phone.SubmitAsync("/account/logout", new Dictionary<string, string>())).Dispose();

        const string newPassword = "a different quiet morning";
        using (var changed = await owner.SubmitAsync("/settings/password", new Dictionary<string, string>
        {
            ["Input.CurrentPassword"] = Browser.Password,
            ["Input.NewPassword"] = newPassword,
            ["Input.ConfirmPassword"] = newPassword,
        }))
        {
            Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        }

        // Within the minute in which the old code let the remembered device skip the second step.
        using var again = await phone.SignInAsync(email, newPassword);
        Assert.StartsWith("/account/login-2fa", again.Headers.Location?.OriginalString, StringComparison.Ordinal);
    }

    [System.Text.RegularExpressions.GeneratedRegex("id=\"shared-key\">([A-Z2-7 ]+)<")]
    private static partial System.Text.RegularExpressions.Regex SharedKey();
}
