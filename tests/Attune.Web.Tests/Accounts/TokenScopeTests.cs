using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Attune.Web.Data;
using Attune.Web.Features.Accounts;
using Attune.Web.Tests.Infrastructure;
using Attune.Web.Tests.Recordings;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Attune.Web.Tests.Accounts;

/// <summary>What a personal access token can and cannot reach (the security review's findings).</summary>
public sealed class TokenScopeTests
{
    private const string NewPassword = "a different quiet morning";

    [Theory, ClassData(typeof(Providers))]
    public async Task A_browser_session_creates_a_scoped_token_that_expires_in_90_days_by_default(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        var (_, session) = await TestUsers.SignedInAsync(factory);

        using var created = await session.PostAsJsonAsync("/api/v1/me/tokens", new { name = "Sync script", scopes = new[] { TokenScopes.RecordingsRead } });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var token = (await created.Content.ReadFromJsonAsync<CreatedTokenDto>())!;
        Assert.StartsWith(AccessTokens.TokenPrefix, token.Secret, StringComparison.Ordinal);
        Assert.Equal([TokenScopes.RecordingsRead], token.Scopes);
        Assert.InRange(token.ExpiresAt - factory.Clock.GetUtcNow().UtcDateTime, TimeSpan.FromDays(89.9), TimeSpan.FromDays(90.1));
        var listed = Assert.Single((await session.GetFromJsonAsync<List<AccessTokenDto>>("/api/v1/me/tokens"))!);
        Assert.Equal((token.Id, token.Prefix), (listed.Id, listed.Prefix));
        Assert.DoesNotContain(token.Secret, await session.GetStringAsync("/api/v1/me/tokens"), StringComparison.Ordinal);

        using var api = Bearer(factory, token.Secret);
        (await api.GetAsync("/api/v1/recordings")).EnsureSuccessStatusCode();
    }

    [Theory, ClassData(typeof(Providers))]
    public async Task Token_requests_with_bad_scopes_names_or_lifetimes_are_refused(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        var (_, session) = await TestUsers.SignedInAsync(factory);
        var bodies = new object[]
        {
            new { name = "x", scopes = new[] { "everything" } },
            new { name = "x", scopes = Array.Empty<string>() },
            new { name = "x", scopes = new[] { TokenScopes.RecordingsRead }, expiresInDays = 366 },
            new { name = "x", scopes = new[] { TokenScopes.RecordingsRead }, expiresInDays = 0 },
            new { name = "", scopes = new[] { TokenScopes.RecordingsRead } },
            new { name = "bad\u0000name", scopes = new[] { TokenScopes.RecordingsRead } },
        };
        foreach (var body in bodies)
        {
            using var response = await session.PostAsJsonAsync("/api/v1/me/tokens", body);
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{JsonSerializer.Serialize(body)} gave {(int)response.StatusCode}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
        Assert.Empty((await session.GetFromJsonAsync<List<AccessTokenDto>>("/api/v1/me/tokens"))!);
    }

    [Theory, ClassData(typeof(Providers))]
    public async Task A_token_reaches_only_the_data_its_scopes_allow_and_says_which_is_missing(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        var (user, session) = await TestUsers.SignedInAsync(factory);
        var recording = await TestRecordings.UploadAsync(session);
        using var readOnly = await TestUsers.WithAccessTokenAsync(factory, user, TokenScopes.RecordingsRead);
        using var writeOnly = await TestUsers.WithAccessTokenAsync(factory, user, TokenScopes.RecordingsWrite);

        (await readOnly.GetAsync($"/api/v1/recordings/{recording.Id}/analysis")).EnsureSuccessStatusCode();
        using var upload = await TestRecordings.PostRawAsync(readOnly, TestRecordings.RrCsv());
        Assert.Equal(HttpStatusCode.Forbidden, upload.StatusCode);
        var problem = await upload.Content.ReadAsStringAsync();
        Assert.Contains(TokenScopes.RecordingsWrite, problem, StringComparison.Ordinal);
        Assert.Equal("application/problem+json", upload.Content.Headers.ContentType?.MediaType);
        using var delete = await readOnly.DeleteAsync($"/api/v1/recordings/{recording.Id}");
        Assert.Equal(HttpStatusCode.Forbidden, delete.StatusCode);

        using var read = await writeOnly.GetAsync($"/api/v1/recordings/{recording.Id}");
        Assert.Equal(HttpStatusCode.Forbidden, read.StatusCode);
        Assert.Contains(TokenScopes.RecordingsRead, await read.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var written = await TestRecordings.PostRawAsync(writeOnly, TestRecordings.RrCsv());
        Assert.Equal(HttpStatusCode.Created, written.StatusCode);
        Assert.Equal(2, await TestRecordings.CountAsync(factory));
    }

    [Theory, ClassData(typeof(Providers))]
    public async Task A_token_never_reaches_the_account_its_tokens_or_any_page(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        var (user, _) = await TestUsers.SignedInAsync(factory);
        using var token = await TestUsers.WithAccessTokenAsync(factory, user);

        foreach (var request in new Func<Task<HttpResponseMessage>>[]
        {
            () => token.GetAsync("/api/v1/me"),
            () => token.GetAsync("/api/v1/me/tokens"),
            () => token.PostAsJsonAsync("/api/v1/me/tokens", new { name = "forever", scopes = TokenScopes.All }),
            () => token.DeleteAsync($"/api/v1/me/tokens/{Guid.NewGuid()}"),
            () => token.PostAsync("/api/v1/me/logout", null),
        })
        {
            using var response = await request();
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Contains("Access tokens reach your data only", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        // Home is open to everyone, so it answers, but as to a visitor who is not signed in.
        Assert.Contains("Welcome to Attune", await token.GetStringAsync("/"), StringComparison.Ordinal);
        foreach (var page in new[] { "/settings", "/settings/tokens", "/settings/password", "/settings/sharing", "/insights/recordings" })
        {
            using var response = await token.GetAsync(page);
            Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{page} gave {(int)response.StatusCode}");
            Assert.StartsWith("http://localhost/account/login", response.Headers.Location?.ToString(), StringComparison.Ordinal);
        }
        using var scope = factory.Services.CreateScope();
        Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<AttuneDb>().PersonalAccessTokens.CountAsync());
    }

    [Theory, ClassData(typeof(Providers))]
    public async Task An_expired_token_is_refused(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        var (user, _) = await TestUsers.SignedInAsync(factory);
        using var token = await TestUsers.WithAccessTokenAsync(factory, user);
        (await token.GetAsync("/api/v1/recordings")).EnsureSuccessStatusCode();

        factory.Clock.Advance(TimeSpan.FromDays(91));

        using var response = await token.GetAsync("/api/v1/recordings");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory, ClassData(typeof(Providers))]
    public async Task Changing_the_password_revokes_every_token(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        using var browser = factory.NewBrowser();
        var email = await browser.RegisterAndSignInAsync();
        using var token = await TokenForAsync(factory, email);

        using var change = await browser.SubmitAsync("/settings/password", new Dictionary<string, string>
        {
            ["Input.CurrentPassword"] = Browser.Password,
            ["Input.NewPassword"] = NewPassword,
            ["Input.ConfirmPassword"] = NewPassword,
        });

        Assert.Equal(HttpStatusCode.Redirect, change.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await token.GetAsync("/api/v1/recordings")).StatusCode);
    }

    [Theory, ClassData(typeof(Providers))]
    public async Task Resetting_the_password_revokes_every_token(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        using var browser = factory.NewBrowser();
        var email = await browser.RegisterConfirmedAsync();
        using var token = await TokenForAsync(factory, email);
        (await browser.SubmitAsync("/account/forgot-password", new Dictionary<string, string> { ["Input.Email"] = email })).Dispose();
        var link = browser.LinkInLatestEmailTo(email);
        var form = await browser.GetPageAsync(link);
        Assert.Contains("revokes your access tokens", form, StringComparison.Ordinal);

        using var reset = await browser.SubmitAsync(link, new Dictionary<string, string>
        {
            ["Input.Email"] = WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Match(form, "name=\"Input.Email\" value=\"([^\"]*)\"").Groups[1].Value),
            ["Input.Code"] = WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Match(form, "name=\"Input.Code\" value=\"([^\"]*)\"").Groups[1].Value),
            ["Input.Password"] = NewPassword,
            ["Input.ConfirmPassword"] = NewPassword,
        });

        Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await token.GetAsync("/api/v1/recordings")).StatusCode);
    }

    [Theory, ClassData(typeof(Providers))]
    public async Task Signing_out_everywhere_else_revokes_every_token_and_the_page_says_so_first(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        using var browser = factory.NewBrowser();
        var email = await browser.RegisterAndSignInAsync();
        using var token = await TokenForAsync(factory, email);
        Assert.Contains("also revokes all your access tokens", await browser.GetPageAsync("/settings/sessions"), StringComparison.Ordinal);

        using var others = await browser.SubmitAsync("/settings/sessions", new Dictionary<string, string>(), handler: "Others");

        Assert.Equal(HttpStatusCode.Redirect, others.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await token.GetAsync("/api/v1/recordings")).StatusCode);
        Assert.True(await browser.IsSignedInAsync());
    }

    private static async Task<HttpClient> TokenForAsync(AttuneWebFactory factory, string email)
    {
        using var scope = factory.Services.CreateScope();
        var id = await scope.ServiceProvider.GetRequiredService<AttuneDb>().Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
        var token = await TestUsers.WithAccessTokenAsync(factory, new TestUser(id, email));
        (await token.GetAsync("/api/v1/recordings")).EnsureSuccessStatusCode();
        return token;
    }

    private static HttpClient Bearer(AttuneWebFactory factory, string secret)
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        return client;
    }
}
