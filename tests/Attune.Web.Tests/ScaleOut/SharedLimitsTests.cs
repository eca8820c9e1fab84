using System.Net;
using System.Net.Http.Json;
using Attune.Web.Tests.Infrastructure;

namespace Attune.Web.Tests.ScaleOut;

/// <summary>Sign-in limits count across nodes through Redis: spreading attempts over nodes gains nothing (decision 0020).</summary>
public sealed class SharedLimitsTests
{
    [RedisTheory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Wrong_passwords_spread_over_two_nodes_meet_the_throttle_at_the_same_count_as_on_one(bool spread)
    {
        var settings = new Dictionary<string, string?> { ["Redis:Configuration"] = TestRedis.Configuration };
        await using var first = await AttuneWebFactory.CreateAsync(DatabaseProvider.Sqlite, settings);
        await using var second = AttuneWebFactory.AnotherNode(first, settings);
        var user = await TestUsers.CreateAsync(first);
        var ip = FreshClientAddress();

        // Five wrong passwords from one client address are free (decision 0007); the sixth attempt must wait.
        var answers = new List<HttpStatusCode>();
        for (var attempt = 0; attempt < 6; attempt++)
        {
            var node = spread && attempt % 2 == 1 ? second : first;
            answers.Add(await SignInAsync(node, ip, user.Email, "not the password at all"));
        }

        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.Unauthorized, 5), HttpStatusCode.TooManyRequests], answers);
    }

    [RedisTheory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Requests_per_client_address_spread_over_two_nodes_meet_the_limit_at_the_same_count_as_on_one(bool spread)
    {
        var settings = new Dictionary<string, string?> { ["Redis:Configuration"] = TestRedis.Configuration };
        await using var first = await AttuneWebFactory.CreateAsync(DatabaseProvider.Sqlite, settings, authPerIpPerMinute: 4);
        await using var second = AttuneWebFactory.AnotherNode(first, settings, authPerIpPerMinute: 4);
        var ip = FreshClientAddress();

        var answers = new List<HttpStatusCode>();
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var node = spread && attempt % 2 == 1 ? second : first;
            // Unknown addresses each time: only the per-address request limit can refuse.
            answers.Add(await SignInAsync(node, ip, $"nobody-{Guid.NewGuid():N}@example.org", "whatever it is"));
        }

        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.Unauthorized, 4), HttpStatusCode.TooManyRequests], answers);
    }

    /// <summary>Every test shares one Redis: a client address of its own keeps their counts apart.</summary>
    private static string FreshClientAddress() => $"10.{Random.Shared.Next(256)}.{Random.Shared.Next(256)}.{Random.Shared.Next(1, 255)}";

    private static async Task<HttpStatusCode> SignInAsync(AttuneWebFactory node, string ip, string email, string password)
    {
        using var client = node.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { HandleCookies = false, AllowAutoRedirect = false });
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/login") { Content = JsonContent.Create(new { email, password }) };
        request.Headers.Add(AttuneWebFactory.RemoteIpHeader, ip);
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }
}
