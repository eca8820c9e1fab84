using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Attune.Web.Tests.Infrastructure;

namespace Attune.Web.Tests.Accounts;

/// <summary>
/// How long an answer takes must not tell whether an address has an account. Each case alternates the two kinds of
/// request (so both see the same machine load) and compares medians: before the fix the known address took about
/// a hundred times longer to sign in (one password hash against none), registration the reverse.
/// </summary>
public sealed class TimingTests
{
    private const int Pairs = 9;

    /// <summary>Medians may differ by this fraction of the slower one; the leak they guard against is a factor of ~100.</summary>
    private const double Tolerance = 0.4;

    private static readonly Dictionary<string, string?> Unthrottled = new()
    {
        ["SignInThrottle:FreeFailuresPerAccount"] = "1000",
        ["SignInThrottle:FreeFailuresPerClient"] = "1000",
        ["RateLimits:AuthPerAccountPerFifteenMinutes"] = "1000",
    };

    [Fact]
    public async Task Signing_in_takes_as_long_for_an_unknown_address_as_for_a_known_one()
    {
        await using var factory = await AttuneWebFactory.CreateAsync(DatabaseProvider.Sqlite, Unthrottled, productPasswordCost: true);
        var known = await TestUsers.CreateAsync(factory);
        using var client = factory.CreateClient();
        Task<HttpResponseMessage> Api(string email) =>
            client.PostAsJsonAsync("/api/v1/auth/login", new { email, password = "a wrong password guess" });
        using var browser = factory.NewBrowser();
        Task<HttpResponseMessage> Page(string email) => browser.SignInAsync(email, "a wrong password guess");

        await AssertSameTimeAsync(() => Api(known.Email), () => Api($"nobody-{Guid.NewGuid():N}@example.org"), HttpStatusCode.Unauthorized);
        await AssertSameTimeAsync(() => Page(known.Email), () => Page($"nobody-{Guid.NewGuid():N}@example.org"), HttpStatusCode.OK);
    }

    [Fact]
    public async Task Registering_takes_as_long_for_a_known_address_as_for_a_new_one()
    {
        await using var factory = await AttuneWebFactory.CreateAsync(DatabaseProvider.Sqlite, Unthrottled, productPasswordCost: true);
        var known = await TestUsers.CreateAsync(factory);
        using var client = factory.CreateClient();
        Task<HttpResponseMessage> Register(string email) =>
            client.PostAsJsonAsync("/api/v1/auth/register", new { email, password = Browser.Password, displayName = "Sam" });

        await AssertSameTimeAsync(() => Register(known.Email), () => Register($"new-{Guid.NewGuid():N}@example.org"), HttpStatusCode.Accepted);
    }

    private static async Task AssertSameTimeAsync(Func<Task<HttpResponseMessage>> known, Func<Task<HttpResponseMessage>> unknown, HttpStatusCode expected)
    {
        // Warm-up: the first of each kind pays for compiling and caching.
        (await known()).Dispose();
        (await unknown()).Dispose();
        var knownTimes = new List<double>();
        var unknownTimes = new List<double>();
        for (var i = 0; i < Pairs; i++)
        {
            knownTimes.Add(await TimeAsync(known, expected));
            unknownTimes.Add(await TimeAsync(unknown, expected));
        }
        var (k, u) = (Median(knownTimes), Median(unknownTimes));
        Assert.True(Math.Abs(k - u) <= Tolerance * Math.Max(k, u),
            $"Median for a known address {k:F1} ms, for an unknown one {u:F1} ms (known: {string.Join(", ", knownTimes.Select(t => t.ToString("F0", System.Globalization.CultureInfo.InvariantCulture)))}; unknown: {string.Join(", ", unknownTimes.Select(t => t.ToString("F0", System.Globalization.CultureInfo.InvariantCulture)))}).");
    }

    private static async Task<double> TimeAsync(Func<Task<HttpResponseMessage>> send, HttpStatusCode expected)
    {
        var watch = Stopwatch.StartNew();
        using var response = await send();
        watch.Stop();
        Assert.Equal(expected, response.StatusCode);
        return watch.Elapsed.TotalMilliseconds;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }
}
