using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Attune.Web.Data;
using Attune.Web.Features.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Attune.Web.Tests.Infrastructure;

/// <summary>A confirmed user of a test app, with a way in by cookie and by personal access token.</summary>
public sealed record TestUser(Guid Id, string Email);

/// <summary>Creates confirmed users directly (no email round trip) and signs them in the way clients do.</summary>
public static class TestUsers
{
    public const string Password = "a calm river at dawn";

    public static async Task<TestUser> CreateAsync(AttuneWebFactory factory)
    {
        using var scope = factory.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var email = $"person-{Guid.NewGuid():N}@example.org";
        var user = AccountFlows.NewUser(email, "River", "Europe/Berlin", TimeProvider.System);
        user.EmailConfirmed = true;
        var result = await users.CreateAsync(user, Password);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Description)));
        return new TestUser(user.Id, email);
    }

    /// <summary>A new user and a client holding their session cookie (signed in through the API, so with a session row).</summary>
    public static async Task<(TestUser User, HttpClient Client)> SignedInAsync(AttuneWebFactory factory)
    {
        var user = await CreateAsync(factory);
        var client = factory.CreateClientWithCookies();
        using var login = await client.PostAsJsonAsync("/api/v1/auth/login", new { email = user.Email, password = Password });
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        return (user, client);
    }

    /// <summary>
    /// A client that authenticates as <paramref name="user"/> with a fresh personal access token (every scope
    /// unless <paramref name="scopes"/> says otherwise, 90 days), no cookies.
    /// </summary>
    public static async Task<HttpClient> WithAccessTokenAsync(AttuneWebFactory factory, TestUser user, params string[] scopes)
    {
        string secret;
        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AttuneDb>();
            var now = factory.Clock.GetUtcNow().UtcDateTime;
            (_, secret) = await AccessTokens.CreateAsync(db, user.Id, "Tests", scopes.Length > 0 ? scopes : TokenScopes.All, now, now.AddDays(90));
        }
        var client = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        return client;
    }
}
