using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Attune.BenchShared;
using Attune.Web.Data;
using Attune.Web.Features.Accounts;
using Attune.Web.Features.Practices;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Attune.PracticesLoad;

/// <summary>
/// Seeds one person with 1,000 practice sessions (and 40 other people with 25 each, so the all-people level of the
/// estimate is in play) and times the practice and recommendation endpoints in process through the whole app
/// (routing, access-token authentication, the access layer, EF Core, the estimate and JSON), on SQLite and, when
/// <c>ATTUNE_TEST_POSTGRES</c> holds an admin connection string, on PostgreSQL. Prints p50/p95/p99 per endpoint,
/// measured in the server (first middleware to last byte) and at the in-process client.
/// </summary>
internal static class Entry
{
    private const int OwnSessions = 1000;
    private const int OtherPeople = 40;
    private const int OtherSessions = 25;

    public static Task<int> Main(string[] args) =>
        InProcessApp.MainAsync("Attune.PracticesLoad", args, 300, RunAsync);

    private static async Task RunAsync(string name, int iterations, InProcessApp app)
    {
        var (token, own) = await SeedAsync(app);
        using var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("https://localhost") });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        Console.WriteLine($"{name}: {OwnSessions:N0} sessions of one person, {OtherPeople * OtherSessions:N0} of {OtherPeople} others; {iterations} requests each");
        Console.WriteLine($"load average before timing: {File.ReadAllText("/proc/loadavg").Trim()}");
        string[] urls =
        [
            "/api/v1/practices",
            "/api/v1/practices/physiological-sigh",
            $"/api/v1/practices/{own}",
            "/api/v1/recommendations?state=activated",
            "/api/v1/recommendations?state=shutDown&limit=30",
            "/api/v1/practice-sessions?limit=50",
        ];
        foreach (var url in urls)
        {
            app.ServerMs.Clear();
            var client0 = await InProcessApp.TimeAsync(iterations, async () =>
            {
                using var response = await client.GetAsync(url);
                response.EnsureSuccessStatusCode();
                await response.Content.ReadAsByteArrayAsync();
            });
            Console.WriteLine($"  GET {url,-48} server {InProcessApp.Describe([.. app.ServerMs.ToArray()[^iterations..]])}   client {InProcessApp.Describe(client0)}");
        }
        app.ServerMs.Clear();
        var now = DateTimeOffset.UtcNow;
        var post = await InProcessApp.TimeAsync(iterations, async () =>
        {
            using var response = await client.PostAsJsonAsync("/api/v1/practice-sessions", new PracticeSessionRequest(
                "extended-exhale", new StateCheckDto("activated", 6), new StateCheckDto("connected", 3), now.AddMinutes(-4), now, 4, Guid.NewGuid().ToString("N")));
            response.EnsureSuccessStatusCode();
        });
        Console.WriteLine($"  POST /api/v1/practice-sessions                     server {InProcessApp.Describe([.. app.ServerMs.ToArray()[^iterations..]])}   client {InProcessApp.Describe(post)}");
    }

    private static async Task<(string Token, Guid Own)> SeedAsync(InProcessApp app)
    {
        using var scope = app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var db = scope.ServiceProvider.GetRequiredService<AttuneDb>();
        var random = new Random(1);
        var now = DateTime.UtcNow;
        var watch = Stopwatch.StartNew();
        Guid me = default;
        for (var person = 0; person <= OtherPeople; person++)
        {
            var user = AccountFlows.NewUser($"bench-{Guid.NewGuid():N}@example.org", "Bench", "UTC", TimeProvider.System);
            user.EmailConfirmed = true;
            var created = await users.CreateAsync(user, "a calm river at dawn");
            if (!created.Succeeded)
            {
                throw new InvalidOperationException(string.Join("; ", created.Errors.Select(e => e.Description)));
            }
            me = person == 0 ? user.Id : me;
            var count = person == 0 ? OwnSessions : OtherSessions;
            db.AddRange(Enumerable.Range(0, count).Select(i => SamplePracticeSessions.One(user.Id, random, now.AddHours(-i * 7))));
            await db.SaveChangesAsync();
            db.ChangeTracker.Clear();
        }
        var practices = scope.ServiceProvider.GetRequiredService<Practices>();
        var ownId = "";
        for (var i = 0; i < 5; i++)
        {
            var saved = (OwnPracticeOutcome.Saved)await practices.CreateAsync(me, new OwnPracticeRequest(
                $"My practice {i}", "Mine.", ["activated"], [new PracticeStepDto("Breathe.", 60, true)], null, new BreathingRequest(4, 0, 6, 0)), CancellationToken.None);
            ownId = saved.Practice.Id;
        }
        var (_, token) = await AccessTokens.CreateAsync(db, me, "Bench", [TokenScopes.PracticesRead, TokenScopes.PracticesWrite], now, now.AddDays(1));
        Console.WriteLine($"seeded {OwnSessions + OtherPeople * OtherSessions:N0} sessions in {watch.Elapsed.TotalSeconds:F1} s");
        return (token, Guid.Parse(ownId));
    }
}
