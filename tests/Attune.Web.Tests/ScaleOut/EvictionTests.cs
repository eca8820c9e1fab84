using System.Net;
using Attune.Web.Tests.Infrastructure;

namespace Attune.Web.Tests.ScaleOut;

/// <summary>A session revoked on one node is refused on the next request to another (decision 0020).</summary>
public sealed class EvictionTests
{
    [RedisTheory, ClassData(typeof(Providers))]
    public async Task Session_signed_out_on_one_node_is_refused_on_the_next_request_to_another(DatabaseProvider provider)
    {
        var settings = new Dictionary<string, string?> { ["DataProtection:Store"] = "database", ["Redis:Configuration"] = TestRedis.Configuration };
        await using var first = await AttuneWebFactory.CreateAsync(provider, settings);
        await using var second = AttuneWebFactory.AnotherNode(first, settings);
        var cookie = await SharedKeysTests.SignInAsync(first);
        // The second node has now checked the session and remembers it as standing for its window.
        Assert.Equal(HttpStatusCode.OK, await SharedKeysTests.GetMeAsync(second, cookie));

        Assert.Equal(HttpStatusCode.NoContent, await SignOutAsync(first, cookie));

        Assert.Equal(HttpStatusCode.Unauthorized, await SharedKeysTests.GetMeAsync(second, cookie));
    }

    [Fact]
    public async Task Without_redis_another_node_notices_a_sign_out_only_after_its_window()
    {
        var settings = new Dictionary<string, string?> { ["DataProtection:Store"] = "database" };
        await using var first = await AttuneWebFactory.CreateAsync(DatabaseProvider.Sqlite, settings);
        await using var second = AttuneWebFactory.AnotherNode(first, settings);
        var cookie = await SharedKeysTests.SignInAsync(first);
        Assert.Equal(HttpStatusCode.OK, await SharedKeysTests.GetMeAsync(second, cookie));

        Assert.Equal(HttpStatusCode.NoContent, await SignOutAsync(first, cookie));

        // The documented window of a multi-node install without Redis (SessionCache.Window).
        Assert.Equal(HttpStatusCode.OK, await SharedKeysTests.GetMeAsync(second, cookie));
        second.Clock.Advance(Attune.Web.Features.Accounts.SessionCache.Window);
        Assert.Equal(HttpStatusCode.Unauthorized, await SharedKeysTests.GetMeAsync(second, cookie));
    }

    internal static async Task<HttpStatusCode> SignOutAsync(AttuneWebFactory node, string cookie)
    {
        using var client = node.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { HandleCookies = false, AllowAutoRedirect = false });
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/me/logout") { Content = new StringContent("", System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Add("Cookie", cookie);
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }
}
