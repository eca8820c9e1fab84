using System.Net;
using System.Net.Http.Json;
using Attune.Web.Tests.Infrastructure;

namespace Attune.Web.Tests.Accounts;

public sealed class SignInTests
{
    [Theory, ClassData(typeof(Providers))]
    public async Task Registering_through_the_api_then_confirming_lets_the_person_sign_in_and_read_their_profile(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        using var browser = factory.NewBrowser();
        var email = await browser.RegisterConfirmedAsync();

        using var login = await browser.Client.PostAsJsonAsync("/api/v1/auth/login", new { email, password = Browser.Password });
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        using var me = await browser.Client.GetAsync("/api/v1/me");
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        Assert.Contains(email, await me.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }

    [Theory, ClassData(typeof(Providers))]
    public async Task Registering_through_the_page_sends_a_link_that_confirms_and_lands_on_sign_in_without_the_token(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        using var browser = factory.NewBrowser();
        var email = $"page-{Guid.NewGuid():N}@example.org";

        using var register = await browser.SubmitAsync("/account/register", new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.DisplayName"] = "Sam",
            ["Input.TimeZone"] = "America/New_York",
            ["Input.Password"] = Browser.Password,
            ["Input.ConfirmPassword"] = Browser.Password,
        });
        Assert.Equal(HttpStatusCode.Redirect, register.StatusCode);
        Assert.Equal("/account/register-confirmation", register.Headers.Location?.OriginalString);

        using var confirm = await browser.Client.GetAsync(browser.LinkInLatestEmailTo(email));
        Assert.Equal("/account/login", confirm.Headers.Location?.OriginalString);
        Assert.Contains("your email is confirmed", await browser.GetPageAsync("/account/login"), StringComparison.Ordinal);

        using var signIn = await browser.SignInAsync(email);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.True(await browser.IsSignedInAsync());
    }

    [Theory, ClassData(typeof(Providers))]
    public async Task Signing_in_before_confirming_the_email_is_refused_with_a_way_to_resend(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        using var browser = factory.NewBrowser();
        var email = $"new-{Guid.NewGuid():N}@example.org";
        using var register = await browser.Client.PostAsJsonAsync("/api/v1/auth/register", new { email, password = Browser.Password });
        Assert.Equal(HttpStatusCode.Accepted, register.StatusCode);

        using var api = await browser.Client.PostAsJsonAsync("/api/v1/auth/login", new { email, password = Browser.Password });
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);

        using var page = await browser.SignInAsync(email);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("Please confirm your email address first", html, StringComparison.Ordinal);
        Assert.Contains("/account/resend-confirmation", html, StringComparison.Ordinal);
        Assert.False(await browser.IsSignedInAsync());
    }

    [Theory, ClassData(typeof(Providers))]
    public async Task A_wrong_password_for_an_unconfirmed_account_does_not_reveal_that_it_exists(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        using var browser = factory.NewBrowser();
        var email = $"new-{Guid.NewGuid():N}@example.org";
        using var register = await browser.Client.PostAsJsonAsync("/api/v1/auth/register", new { email, password = Browser.Password });

        using var page = await browser.SignInAsync(email, "a wrong password guess");
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("don&#x27;t match our records", html, StringComparison.Ordinal);
        Assert.DoesNotContain("confirm your email", html, StringComparison.Ordinal);

        using var api = await browser.Client.PostAsJsonAsync("/api/v1/auth/login", new { email, password = "a wrong password guess" });
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
        Assert.DoesNotContain("not confirmed", await api.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory, ClassData(typeof(Providers))]
    public async Task Sign_in_only_returns_to_local_addresses(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        using var browser = factory.NewBrowser();
        var email = await browser.RegisterConfirmedAsync();

        using var response = await browser.SubmitAsync("/account/login?returnUrl=https%3A%2F%2Fevil.example%2F", new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = Browser.Password,
            ["ReturnUrl"] = "https://evil.example/",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location?.OriginalString);
    }

    [Theory, ClassData(typeof(Providers))]
    public async Task Signing_out_needs_a_post_and_ends_the_session(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        using var browser = factory.NewBrowser();
        await browser.RegisterAndSignInAsync();
        using var home = await browser.Client.GetAsync("/");
        var homeHtml = await home.Content.ReadAsStringAsync();
        Assert.Contains("href=\"/account/logout\"", homeHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("__RequestVerificationToken", homeHtml, StringComparison.Ordinal);
        Assert.True(home.Headers.CacheControl?.NoStore, "A signed-in page must not be stored by any cache.");

        Assert.Contains("Sign out?", await browser.GetPageAsync("/account/logout"), StringComparison.Ordinal);
        Assert.True(await browser.IsSignedInAsync());
        using var response = await browser.SubmitAsync("/account/logout", new Dictionary<string, string>());

        Assert.Equal("/account/login", response.Headers.Location?.OriginalString);
        Assert.False(await browser.IsSignedInAsync());
    }

    [Theory, ClassData(typeof(Providers))]
    public async Task Too_many_sign_in_attempts_for_one_account_get_a_calm_429_with_retry_after(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        using var browser = factory.NewBrowser();
        HttpResponseMessage? last = null;

        for (var i = 0; i < 11; i++)
        {
            last?.Dispose();
            last = await browser.SignInAsync("nobody@example.org", "wrong password " + i);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, last!.StatusCode);
        Assert.True(last.Headers.RetryAfter is not null);
        Assert.Contains("try again in", await last.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        last.Dispose();
    }
}
