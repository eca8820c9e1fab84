using System.Net;
using System.Net.Http.Json;
using Attune.Web.Features.Accounts;
using Attune.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using StartupFailure = Attune.Web.Infrastructure.StartupFailure;

namespace Attune.Web.Tests.Accounts;

/// <summary>Password-reset poisoning: emailed links come from Attune:PublicBaseUrl, never from the request's Host.</summary>
public sealed class PublicAddressTests
{
    private const string PublicBase = "https://attune.example.org";

    private static Dictionary<string, string?> WithPublicBase(string? allowedHosts = null) => new()
    {
        ["Attune:PublicBaseUrl"] = PublicBase,
        ["AllowedHosts"] = allowedHosts,
    };

    private static HttpRequestMessage Forged(HttpMethod method, string path, HttpContent? content = null) => new(method, path)
    {
        Content = content,
        Headers = { { "X-Forwarded-Host", "attacker.example" } },
    };

    [Theory, ClassData(typeof(Providers))]
    public async Task A_forged_host_header_is_refused_when_the_public_address_is_set(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider, WithPublicBase());
        using var browser = factory.NewBrowser();
        var email = await browser.RegisterConfirmedAsync();
        var sent = factory.Services.GetRequiredService<DevOutbox>().Newest().Count;

        using var attacker = factory.CreateClient(new() { BaseAddress = new Uri("http://attacker.example/") });
        using var register = await attacker.PostAsJsonAsync("/api/v1/auth/register", new { email, password = "another calm password here" });

        Assert.Equal(HttpStatusCode.BadRequest, register.StatusCode);
        Assert.Equal(sent, factory.Services.GetRequiredService<DevOutbox>().Newest().Count);
    }

    [Theory, ClassData(typeof(Providers))]
    public async Task Forgot_password_links_point_to_the_public_address_whatever_the_request_claims(DatabaseProvider provider)
    {
        // AllowedHosts "*" on purpose: even when every host is accepted, the link follows the setting.
        await using var factory = await AttuneWebFactory.CreateAsync(provider, WithPublicBase(allowedHosts: "*"));
        using var browser = factory.NewBrowser();
        var email = await browser.RegisterConfirmedAsync();

        using var attacker = factory.CreateClientWithCookies();
        attacker.BaseAddress = new Uri("http://attacker.example/");
        var token = await attacker.GetAntiforgeryTokenAsync("/account/forgot-password");
        using var request = Forged(HttpMethod.Post, "/account/forgot-password", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            [Antiforgery.FieldName] = token,
        }));
        using var response = await attacker.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var link = browser.FullLinkInLatestEmailTo(email);
        Assert.StartsWith($"{PublicBase}/account/reset-password?", link, StringComparison.Ordinal);
        Assert.DoesNotContain("attacker", link, StringComparison.Ordinal);
    }

    [Theory, ClassData(typeof(Providers))]
    public async Task Registration_and_email_change_links_point_to_the_public_address(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider, WithPublicBase(allowedHosts: "*"));
        using var browser = factory.NewBrowser();
        browser.Client.BaseAddress = new Uri("http://attacker.example/");
        var email = $"person-{Guid.NewGuid():N}@example.org";

        using var register = await browser.Client.SendAsync(Forged(HttpMethod.Post, "/api/v1/auth/register",
            JsonContent.Create(new { email, password = Browser.Password, displayName = "River" })));
        Assert.Equal(HttpStatusCode.Accepted, register.StatusCode);
        var confirm = browser.FullLinkInLatestEmailTo(email);
        Assert.StartsWith($"{PublicBase}/account/confirm-email?", confirm, StringComparison.Ordinal);

        (await browser.Client.GetAsync(new Uri(confirm).PathAndQuery)).Dispose();
        (await browser.SignInAsync(email)).Dispose();
        var newEmail = $"new-{Guid.NewGuid():N}@example.org";
        var html = await browser.GetPageAsync("/settings/email");
        using var change = await browser.Client.SendAsync(Forged(HttpMethod.Post, "/settings/email", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.NewEmail"] = newEmail,
            ["Input.CurrentPassword"] = Browser.Password,
            [Antiforgery.FieldName] = Browser.AntiforgeryToken(html),
        })));
        Assert.Equal(HttpStatusCode.Redirect, change.StatusCode);
        Assert.StartsWith($"{PublicBase}/account/confirm-email-change?", browser.FullLinkInLatestEmailTo(newEmail), StringComparison.Ordinal);
    }

    [Theory, ClassData(typeof(Providers))]
    public async Task A_mail_server_that_cannot_be_reached_makes_registration_say_so_and_keep_no_account(DatabaseProvider provider)
    {
        // A placeholder or wrong mail server: here a loopback port nobody listens on, refused at once.
        using var nobody = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        nobody.Start();
        var port = ((IPEndPoint)nobody.LocalEndpoint).Port;
        nobody.Stop();
        await using var factory = await AttuneWebFactory.CreateAsync(provider, new Dictionary<string, string?>
        {
            ["Email:Smtp:Host"] = "127.0.0.1",
            ["Email:Smtp:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Email:Smtp:EnableSsl"] = "false",
            ["Email:Smtp:From"] = "attune@example.org",
            ["Attune:PublicBaseUrl"] = PublicBase,
        });
        using var client = factory.CreateClient();
        var email = $"nomail-{Guid.NewGuid():n}@example.org";

        using var response = await client.PostAsJsonAsync("/api/v1/auth/register",
            new { email, password = TestUsers.Password, displayName = "Robin", timeZone = "Europe/London" });

        Assert.True((int)response.StatusCode is >= 400 and < 500, $"registration gave {(int)response.StatusCode}");
        Assert.Contains("couldn't send the confirmation email", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var scope = factory.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Attune.Web.Features.Accounts.AppUser>>();
        Assert.Null(await users.FindByEmailAsync(email));
        Assert.DoesNotContain(email, factory.Logs.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Real_mail_without_a_public_address_refuses_to_start_outside_development()
    {
        await using var factory = await AttuneWebFactory.CreateAsync(DatabaseProvider.Sqlite,
            new Dictionary<string, string?> { ["Email:Smtp:Host"] = "smtp.example.org" }, environment: "Production");

        var failure = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        var startup = Assert.IsType<StartupFailure>(Unwrap(failure));
        Assert.Contains("Attune:PublicBaseUrl", startup.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_public_address_that_is_not_an_http_address_refuses_to_start()
    {
        await using var factory = await AttuneWebFactory.CreateAsync(DatabaseProvider.Sqlite,
            new Dictionary<string, string?> { ["Attune:PublicBaseUrl"] = "attune.example.org" });

        var failure = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        Assert.Contains("not an absolute http or https address", Unwrap(failure).Message, StringComparison.Ordinal);
    }

    private static Exception Unwrap(Exception e)
    {
        while (e is not StartupFailure && e.InnerException is { } inner)
        {
            e = inner;
        }
        return e;
    }
}
