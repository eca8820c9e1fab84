using System.Buffers.Binary;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using Attune.Web.Data;
using Attune.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Attune.Web.Tests.Accounts;

public sealed class HardeningTests
{
    [Theory, ClassData(typeof(Providers))]
    public async Task A_form_post_without_the_antiforgery_token_is_refused_and_changes_nothing(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        using var browser = factory.NewBrowser();
        var email = await browser.RegisterAndSignInAsync();

        using var response = await browser.Client.PostAsync("/settings/profile", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.DisplayName"] = "Changed by someone else",
            ["Input.TimeZone"] = "UTC",
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AttuneDb>();
        var user = await db.Users.AsNoTracking().SingleAsync(u => u.Email == email);
        Assert.Equal("River", user.DisplayName);
        Assert.Equal("Europe/Berlin", user.TimeZone);
    }

    public static TheoryData<DatabaseProvider, string, string> HostileNames()
    {
        var data = new TheoryData<DatabaseProvider, string, string>();
        foreach (var provider in new Providers())
        {
            data.Add(provider, "Sam\u0007", "contains characters we can");
            data.Add(provider, "Sam\nSmith", "contains characters we can");
            data.Add(provider, "\u202Eelif.exe", "contains characters we can");
            data.Add(provider, "long", "at most 60 characters");
        }
        return data;
    }

    [Theory, MemberData(nameof(HostileNames))]
    public async Task Hostile_display_names_get_a_clear_message_and_are_not_saved(DatabaseProvider provider, string name, string message)
    {
        if (name == "long")
        {
            name = new string('x', 10_000);
        }
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        using var browser = factory.NewBrowser();
        await browser.RegisterAndSignInAsync();

        using var response = await browser.SubmitAsync("/settings/profile", new Dictionary<string, string>
        {
            ["Input.DisplayName"] = name,
            ["Input.TimeZone"] = "UTC",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(message, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("value=\"River\"", await browser.GetPageAsync("/settings/profile"), StringComparison.Ordinal);
    }

    [Theory, ClassData(typeof(Providers))]
    public async Task A_display_name_with_markup_is_saved_as_text_and_shown_encoded(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        using var browser = factory.NewBrowser();
        await browser.RegisterAndSignInAsync();

        using var response = await browser.SubmitAsync("/settings/profile", new Dictionary<string, string>
        {
            ["Input.DisplayName"] = "<script>alert(1)</script>",
            ["Input.TimeZone"] = "Asia/Tokyo",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var html = await browser.GetPageAsync("/settings/profile");
        Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html, StringComparison.Ordinal);
    }

    [Theory, ClassData(typeof(Providers))]
    public async Task Registering_with_a_hostile_name_or_overlong_email_explains_what_to_fix(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        using var browser = factory.NewBrowser();

        using var response = await browser.SubmitAsync("/account/register", new Dictionary<string, string>
        {
            ["Input.Email"] = new string('a', 288) + "@example.org",
            ["Input.DisplayName"] = "Sam\u202E",
            ["Input.TimeZone"] = "Not/AZone",
            ["Input.Password"] = Browser.Password,
            ["Input.ConfirmPassword"] = Browser.Password,
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("at most 254 characters", html, StringComparison.Ordinal);
        Assert.Contains("contains characters we can", html, StringComparison.Ordinal);
        Assert.Contains("choose a time zone from the list", html, StringComparison.Ordinal);
    }

    [Theory, ClassData(typeof(Providers))]
    public async Task An_oversized_api_body_is_a_413_problem(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        using var client = factory.CreateClient();
        var body = "{\"email\":\"" + new string('a', 2 * 1024 * 1024) + "\",\"password\":\"x\"}";

        using var response = await client.PostAsync("/api/v1/auth/login", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory, ClassData(typeof(Providers))]
    public async Task An_oversized_form_post_gets_the_friendly_too_large_page(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        using var browser = factory.NewBrowser();

        using var response = await browser.Client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Email"] = new string('a', 2 * 1024 * 1024),
        }));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("That was too large to send", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory, ClassData(typeof(Providers))]
    public async Task Unreadable_json_is_a_400_problem(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        using var client = factory.CreateClient();

        using var response = await client.PostAsync("/api/v1/auth/login", new StringContent("{\"email\": oops", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory, ClassData(typeof(Providers))]
    public async Task Rapid_sign_in_attempts_from_one_address_are_limited_with_retry_after(DatabaseProvider provider)
    {
        // The sign-in throttle would slow these guesses first; this is about the per-address request limit.
        await using var factory = await AttuneWebFactory.CreateAsync(provider,
            new Dictionary<string, string?> { ["SignInThrottle:FreeFailuresPerClient"] = "1000" }, authPerIpPerMinute: 20);
        using var client = factory.CreateClient();
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? last = null;

        for (var i = 0; i < 21; i++)
        {
            last?.Dispose();
            last = await client.PostAsJsonAsync("/api/v1/auth/login", new { email = $"guess{i}@example.org", password = "wrong password" });
            statuses.Add(last.StatusCode);
        }

        Assert.All(statuses[..20], s => Assert.Equal(HttpStatusCode.Unauthorized, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, last!.StatusCode);
        Assert.NotNull(last.Headers.RetryAfter);
        last.Dispose();
    }

    [Theory, ClassData(typeof(Providers))]
    public async Task An_unknown_address_shows_the_friendly_not_found_page_without_internals(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        using var client = factory.CreateClient();

        using var response = await client.GetAsync("/no/such/page");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("We couldn&#x27;t find that page", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", html, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", html, StringComparison.Ordinal);
    }

    [Theory, ClassData(typeof(Providers))]
    public async Task The_development_outbox_does_not_exist_outside_development(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        using var client = factory.CreateClient();

        using var response = await client.GetAsync("/dev/outbox");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory, ClassData(typeof(Providers))]
    public async Task Every_endpoint_declares_who_may_call_it(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        var endpoints = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();

        var offenders = endpoints
            .Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is null && e.Metadata.GetMetadata<IAuthorizeData>() is null)
            // MapStaticAssets adds this fallback itself when the app runs from its build output (dotnet run, these tests;
            // never a published app), outside the conventions Program.cs gives it. It serves only files under wwwroot,
            // which are public by nature; nothing else may go without a decision.
            .Where(e => e.RoutePattern.RawText != "{**path:file}")
            .Select(e => $"{e.DisplayName} ({e.RoutePattern.RawText})")
            .ToList();

        Assert.NotEmpty(endpoints);
        Assert.True(offenders.Count == 0, "Endpoints without an authorization decision:\n" + string.Join('\n', offenders));
    }

    [Theory, ClassData(typeof(Providers))]
    public async Task Stored_password_hashes_use_at_least_210000_pbkdf2_iterations(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider, productPasswordCost: true);
        using var browser = factory.NewBrowser();
        var email = await browser.RegisterConfirmedAsync();

        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AttuneDb>();
        var hash = Convert.FromBase64String(await db.Users.Where(u => u.Email == email).Select(u => u.PasswordHash!).SingleAsync());

        // Identity V3 format: 0x01, PRF (uint32 BE), iteration count (uint32 BE), salt length, salt, subkey.
        Assert.Equal(0x01, hash[0]);
        var iterations = BinaryPrimitives.ReadUInt32BigEndian(hash.AsSpan(5, 4));
        Assert.True(iterations >= 210_000, $"Only {iterations} iterations.");
    }
}
