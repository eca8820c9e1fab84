using System.Net;
using System.Net.Http.Json;
using Attune.Web.Tests.Infrastructure;
using StartupFailure = Attune.Web.Infrastructure.StartupFailure;

namespace Attune.Web.Tests.ScaleOut;

/// <summary>
/// nginx on another machine (<c>ForwardedHeaders:KnownProxies</c>, <c>KnownNetworks</c>): its X-Forwarded-For names the
/// client, and the same header from anyone else is ignored, so no one picks the address they are counted under (decision 0025).
/// </summary>
public sealed class TrustedProxyTests
{
    private const string Proxy = "10.0.0.2";

    [Theory]
    [InlineData("ForwardedHeaders:KnownProxies", "10.0.0.9; 10.0.0.2")]
    [InlineData("ForwardedHeaders:KnownNetworks", "10.0.0.0/24")]
    public async Task A_configured_proxy_names_each_client_and_each_is_limited_on_its_own(string key, string value)
    {
        await using var node = await AttuneWebFactory.CreateAsync(DatabaseProvider.Sqlite, new Dictionary<string, string?> { [key] = value }, authPerIpPerMinute: 2);
        using var client = node.CreateClient();

        // Two clients behind the proxy, two attempts each pass; the third of the first is refused, the second's still pass.
        var first = await LoginsAsync(client, from: Proxy, forwardedFor: "203.0.113.1", count: 3);
        var second = await LoginsAsync(client, from: Proxy, forwardedFor: "203.0.113.2", count: 2);

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests], first);
        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized], second);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("10.0.0.2")]
    public async Task Forwarded_headers_from_an_address_that_is_not_a_known_proxy_are_ignored(string? knownProxy)
    {
        var settings = new Dictionary<string, string?> { ["ForwardedHeaders:KnownProxies"] = knownProxy };
        await using var node = await AttuneWebFactory.CreateAsync(DatabaseProvider.Sqlite, settings, authPerIpPerMinute: 2);
        using var client = node.CreateClient();

        // A client on the network, not the proxy, makes up a new address for every attempt: it is counted as itself all the same.
        var answers = new List<HttpStatusCode>();
        for (var i = 1; i <= 3; i++)
        {
            answers.AddRange(await LoginsAsync(client, from: "10.0.0.7", forwardedFor: $"198.51.100.{i}", count: 1));
        }

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests], answers);
    }

    [Fact]
    public async Task A_client_cannot_slip_an_address_in_front_of_the_one_the_proxy_adds()
    {
        await using var node = await AttuneWebFactory.CreateAsync(DatabaseProvider.Sqlite,
            new Dictionary<string, string?> { ["ForwardedHeaders:KnownProxies"] = Proxy }, authPerIpPerMinute: 2);
        using var client = node.CreateClient();

        // nginx appends the address it saw ($proxy_add_x_forwarded_for); only that last one counts.
        var answers = new List<HttpStatusCode>();
        for (var i = 1; i <= 3; i++)
        {
            answers.AddRange(await LoginsAsync(client, from: Proxy, forwardedFor: $"198.51.100.{i}, 203.0.113.5", count: 1));
        }

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests], answers);
    }

    [Theory]
    [InlineData("ForwardedHeaders:KnownProxies", "nginx.internal", "not an IP address")]
    [InlineData("ForwardedHeaders:KnownNetworks", "10.0.0.0/99", "not an address range")]
    public async Task A_proxy_setting_that_is_not_an_address_refuses_to_start(string key, string value, string expected)
    {
        await using var node = await AttuneWebFactory.CreateAsync(DatabaseProvider.Sqlite, new Dictionary<string, string?> { [key] = value });

        var failure = Assert.ThrowsAny<Exception>(() => node.CreateClient());

        while (failure is not StartupFailure && failure.InnerException is { } inner)
        {
            failure = inner;
        }
        Assert.IsType<StartupFailure>(failure);
        Assert.Contains(expected, failure.Message, StringComparison.Ordinal);
        Assert.Contains(key, failure.Message, StringComparison.Ordinal);
    }

    private static async Task<List<HttpStatusCode>> LoginsAsync(HttpClient client, string from, string forwardedFor, int count)
    {
        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < count; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/login")
            {
                Content = JsonContent.Create(new { email = "nobody@example.org", password = "not it at all" }),
                Headers = { { AttuneWebFactory.RemoteIpHeader, from }, { "X-Forwarded-For", forwardedFor } },
            };
            using var response = await client.SendAsync(request);
            answers.Add(response.StatusCode);
        }
        return answers;
    }
}
