using System.Net;
using System.Net.Http.Json;
using Attune.Web.Tests.Infrastructure;

namespace Attune.Web.Tests.ScaleOut;

/// <summary>Redis configured but not answering: the node says it is degraded and keeps serving, never a 500 (decision 0020).</summary>
public sealed class RedisAwayTests
{
    [Fact]
    public async Task Health_says_degraded_and_sign_in_sign_out_and_limits_still_work()
    {
        // Nothing listens on port 1 of loopback.
        var settings = new Dictionary<string, string?> { ["Redis:Configuration"] = "127.0.0.1:1" };
        await using var node = await AttuneWebFactory.CreateAsync(DatabaseProvider.Sqlite, settings, authPerIpPerMinute: 3);
        using var anonymous = node.CreateClient();

        using var health = await anonymous.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("degraded: redis unreachable", await health.Content.ReadAsStringAsync());

        var cookie = await SharedKeysTests.SignInAsync(node);
        Assert.Equal(HttpStatusCode.OK, await SharedKeysTests.GetMeAsync(node, cookie));
        // The per-address limit still holds, counted by this node alone: the third sign-in above used one, two more pass, then 429.
        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var wrong = await anonymous.PostAsJsonAsync("/api/v1/auth/login", new { email = "nobody@example.org", password = "not it at all" });
            answers.Add(wrong.StatusCode);
        }
        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests], answers);
    }
}
