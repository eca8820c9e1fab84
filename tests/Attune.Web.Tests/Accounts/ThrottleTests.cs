using System.Net;
using System.Net.Http.Json;
using Attune.Web.Tests.Infrastructure;

namespace Attune.Web.Tests.Accounts;

/// <summary>Guessing slows down with growing waits; nobody can lock an account, and unknown addresses answer the same (decision 0007).</summary>
public sealed class ThrottleTests
{
    private static Task<HttpResponseMessage> LoginAsync(HttpClient client, string email, string password, string ip)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/login") { Content = JsonContent.Create(new { email, password }) };
        request.Headers.Add(AttuneWebFactory.RemoteIpHeader, ip);
        return client.SendAsync(request);
    }

    [Theory, ClassData(typeof(Providers))]
    public async Task Wrong_passwords_slow_down_an_address_the_same_way_whether_or_not_it_has_an_account(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        var known = await TestUsers.CreateAsync(factory);
        using var client = factory.CreateClient();
        var answers = new Dictionary<string, List<string>>();

        foreach (var (email, ip) in new[] { (known.Email, "203.0.113.1"), ($"nobody-{Guid.NewGuid():N}@example.org", "203.0.113.2") })
        {
            var seen = answers[email] = [];
            for (var i = 0; i < 6; i++)
            {
                using var response = await LoginAsync(client, email, "not the password " + i, ip);
                var problem = await response.Content.ReadFromJsonAsync<Dictionary<string, object>>();
                seen.Add($"{(int)response.StatusCode} {problem?["title"]} {problem?["detail"]} {response.Headers.RetryAfter}");
            }
        }

        var (first, second) = (answers.Values.First(), answers.Values.Last());
        Assert.Equal(first, second);
        Assert.All(first.Take(5), a => Assert.StartsWith("401 Sign-in failed", a, StringComparison.Ordinal));
        Assert.StartsWith("429 Too many requests", first[5], StringComparison.Ordinal);
        Assert.DoesNotContain("paused", string.Join(' ', first), StringComparison.Ordinal);
    }

    [Theory, ClassData(typeof(Providers))]
    public async Task Someone_elses_guesses_keep_the_owner_waiting_a_minute_at_most(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider,
            new Dictionary<string, string?> { ["SignInThrottle:FreeFailuresPerClient"] = "1000" });
        var owner = await TestUsers.CreateAsync(factory);
        using var client = factory.CreateClient();

        // An attacker guesses as fast as the answers allow, waiting out each pause, for much longer than a lockout lasted.
        for (var i = 0; i < 30; i++)
        {
            using var guess = await LoginAsync(client, owner.Email, "guess number " + i, "203.0.113.66");
            if (guess.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.True(guess.Headers.RetryAfter?.Delta <= TimeSpan.FromSeconds(60), $"Retry-After {guess.Headers.RetryAfter}");
                factory.Clock.Advance(guess.Headers.RetryAfter!.Delta!.Value);
            }
        }

        using var meanwhile = await LoginAsync(client, owner.Email, TestUsers.Password, "198.51.100.7");
        if (meanwhile.StatusCode == HttpStatusCode.TooManyRequests)
        {
            Assert.True(meanwhile.Headers.RetryAfter?.Delta <= TimeSpan.FromSeconds(60));
            factory.Clock.Advance(TimeSpan.FromSeconds(61));
            using var after = await LoginAsync(client, owner.Email, TestUsers.Password, "198.51.100.7");
            Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        }
        else
        {
            Assert.Equal(HttpStatusCode.OK, meanwhile.StatusCode);
        }
    }

    [Theory, ClassData(typeof(Providers))]
    public async Task The_sign_in_page_explains_the_wait_in_place_and_lets_the_right_password_in_afterwards(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        using var browser = factory.NewBrowser();
        var email = await browser.RegisterConfirmedAsync();

        for (var i = 0; i < 5; i++)
        {
            using var wrong = await browser.SignInAsync(email, "not the password at all");
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        }
        using var paused = await browser.SignInAsync(email);
        Assert.Equal(HttpStatusCode.TooManyRequests, paused.StatusCode);
        Assert.Contains("slowing things down", await paused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(await browser.IsSignedInAsync());

        factory.Clock.Advance(paused.Headers.RetryAfter!.Delta!.Value + TimeSpan.FromSeconds(1));
        using var right = await browser.SignInAsync(email);
        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
        Assert.True(await browser.IsSignedInAsync());
    }
}
