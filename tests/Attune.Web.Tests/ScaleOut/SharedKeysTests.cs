using System.Net;
using System.Net.Http.Json;
using Attune.Web.Data;
using Attune.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Attune.Web.Tests.ScaleOut;

/// <summary>A cookie issued by one node is read by another when they share the Data Protection key ring (decision 0020).</summary>
public sealed class SharedKeysTests
{
    [Theory, ClassData(typeof(Providers))]
    public async Task Cookie_from_one_node_is_read_by_another_with_keys_in_the_database(DatabaseProvider provider)
    {
        var settings = new Dictionary<string, string?> { ["DataProtection:Store"] = "database" };
        await using var first = await AttuneWebFactory.CreateAsync(provider, settings);
        await using var second = AttuneWebFactory.AnotherNode(first, settings);

        var cookie = await SignInAsync(first);

        Assert.Equal(HttpStatusCode.OK, await GetMeAsync(second, cookie));
        using var scope = first.Services.CreateScope();
        Assert.True(await scope.ServiceProvider.GetRequiredService<AttuneDb>().DataProtectionKeys.AnyAsync());
        Assert.False(Directory.Exists(Path.Combine(first.Database.DataDirectory, "keys")));
    }

    [RedisTheory, ClassData(typeof(Providers))]
    public async Task Cookie_from_one_node_is_read_by_another_with_keys_in_redis(DatabaseProvider provider)
    {
        var settings = new Dictionary<string, string?> { ["DataProtection:Store"] = "redis", ["Redis:Configuration"] = TestRedis.Configuration };
        await using var first = await AttuneWebFactory.CreateAsync(provider, settings);
        await using var second = AttuneWebFactory.AnotherNode(first, settings);

        var cookie = await SignInAsync(first);

        Assert.Equal(HttpStatusCode.OK, await GetMeAsync(second, cookie));
    }

    [Fact]
    public async Task Files_in_the_data_folder_stay_the_default_and_are_not_shared()
    {
        await using var first = await AttuneWebFactory.CreateAsync(DatabaseProvider.Sqlite);
        await using var second = AttuneWebFactory.AnotherNode(first);

        var cookie = await SignInAsync(first);

        Assert.NotEmpty(Directory.GetFiles(Path.Combine(first.Database.DataDirectory, "keys"), "key-*.xml"));
        Assert.Equal(HttpStatusCode.OK, await GetMeAsync(first, cookie));
        // The other node has its own key ring in its own folder: without a shared store the cookie means nothing there.
        Assert.Equal(HttpStatusCode.Unauthorized, await GetMeAsync(second, cookie));
        using var scope = first.Services.CreateScope();
        Assert.False(await scope.ServiceProvider.GetRequiredService<AttuneDb>().DataProtectionKeys.AnyAsync());
    }

    /// <summary>Signs a new person in through the API and returns the session cookie as a browser would send it.</summary>
    internal static async Task<string> SignInAsync(AttuneWebFactory node)
    {
        var user = await TestUsers.CreateAsync(node);
        using var client = node.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { HandleCookies = false, AllowAutoRedirect = false });
        using var login = await client.PostAsJsonAsync("/api/v1/auth/login", new { email = user.Email, password = TestUsers.Password });
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        return string.Join("; ", login.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
    }

    internal static async Task<HttpStatusCode> GetMeAsync(AttuneWebFactory node, string cookie)
    {
        using var client = node.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { HandleCookies = false, AllowAutoRedirect = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/me/");
        request.Headers.Add("Cookie", cookie);
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }
}
