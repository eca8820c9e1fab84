using System.Diagnostics;
using System.Net.Http.Headers;
using Attune.Analysis.Measures;
using Attune.BenchShared;
using Attune.InsightsLoad;
using Attune.Web.Data;
using Attune.Web.Features.Accounts;
using Attune.Web.Features.CheckIns;
using Attune.Web.Features.Measures;
using Attune.Web.Features.Sharing;
using Attune.Web.Features.Therapists;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Attune.CaseloadLoad;

/// <summary>
/// Seeds one therapist with 200 clients, each with a year of data as the app stores it (three shared check-ins a day, a
/// practice session most days, PHQ-9, GAD-7 and WHO-5 every two weeks; twenty couples linked as partners), every client
/// consenting to all streams, and times the therapist's endpoints in process through the whole app (access-token
/// authentication, the role check, the access layer with its access log, EF Core, the summaries and JSON), on SQLite and,
/// when <c>ATTUNE_TEST_POSTGRES</c> holds an admin connection string, on PostgreSQL. Prints p50/p95/p99 server time
/// (first middleware to last byte) per endpoint. Dashboards rotate over the clients, so no client's rows stay hot.
/// </summary>
internal static class Entry
{
    private const int Clients = 200;
    private const int Couples = 20;
    private const int Days = 365;
    private const int CheckInsPerDay = 3;

    public static Task<int> Main(string[] args) =>
        InProcessApp.MainAsync("Attune.CaseloadLoad", args, 200, RunAsync);

    private static async Task RunAsync(string name, int iterations, InProcessApp app)
    {
        var (token, clients) = await SeedAsync(app);
        using var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("https://localhost") });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        Console.WriteLine($"{name}: {Clients} clients × {Days} days; {iterations} requests each");
        Console.WriteLine($"load average before timing: {File.ReadAllText("/proc/loadavg").Trim()}");
        (string Label, Func<int, string> Url)[] endpoints =
        [
            ("GET /api/v1/therapist/caseload", _ => "/api/v1/therapist/caseload"),
            ("GET /api/v1/therapist/clients/{id}", i => $"/api/v1/therapist/clients/{clients[i % clients.Count]}"),
            ("GET /api/v1/therapist/clients/{id}?days=365", i => $"/api/v1/therapist/clients/{clients[i % clients.Count]}?days=365"),
            ("GET /api/v1/therapist/clients/{id}/couple", i => $"/api/v1/therapist/clients/{clients[i % (2 * Couples)]}/couple"),
            ("GET /api/v1/therapist/clients/{id}/report", i => $"/api/v1/therapist/clients/{clients[i % clients.Count]}/report"),
        ];
        foreach (var (label, url) in endpoints)
        {
            app.ServerMs.Clear();
            var n = 0;
            var client0 = await InProcessApp.TimeAsync(iterations, async () =>
            {
                using var response = await client.GetAsync(url(n++));
                response.EnsureSuccessStatusCode();
                await response.Content.ReadAsByteArrayAsync();
            });
            Console.WriteLine($"  {label,-46} server {InProcessApp.Describe([.. app.ServerMs.ToArray()[^iterations..]])}   client {InProcessApp.Describe(client0)}");
        }
    }

    private static async Task<(string Token, List<Guid> Clients)> SeedAsync(InProcessApp app)
    {
        using var scope = app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var db = scope.ServiceProvider.GetRequiredService<AttuneDb>();
        var now = DateTime.UtcNow;
        var watch = Stopwatch.StartNew();
        var therapist = await NewUserAsync(users, "Dr Bench");
        var practice = new TherapyPractice { Id = Guid.CreateVersion7(), Name = "Bench practice", CreatedAt = now };
        db.Add(practice);
        db.Add(new Therapist { UserId = therapist.Id, PracticeId = practice.Id, GrantedAt = now });
        await db.SaveChangesAsync();
        var clients = new List<AppUser>();
        var rows = 0;
        for (var i = 0; i < Clients; i++)
        {
            var random = new Random(i);
            var user = await NewUserAsync(users, $"Client {i + 1:000}");
            clients.Add(user);
            var checkIns = SampleCheckIns.Generate(user.Id, DateOnly.FromDateTime(now).AddDays(-1), Days, CheckInsPerDay, i);
            foreach (var c in checkIns)
            {
                c.Visibility = CheckInVisibility.Shared;
            }
            db.AddRange(checkIns);
            var sessions = Enumerable.Range(1, Days).Where(_ => random.NextDouble() < 0.7).Select(d => SamplePracticeSessions.One(user.Id, random, now.AddDays(-d).AddHours(-random.Next(12)))).ToList();
            db.AddRange(sessions);
            var measures = Measures(user.Id, random, now, i % 25 == 0);
            db.AddRange(measures);
            db.Add(SampleCaseload.ActiveGrant(user.Id, therapist, GrantKind.Therapist, TherapistConsent.Streams.Aggregate(DataStream.None, (a, s) => a | s), now.AddDays(-Days)));
            await db.SaveChangesAsync();
            db.ChangeTracker.Clear();
            rows += checkIns.Count + sessions.Count + measures.Count;
        }
        for (var i = 0; i < 2 * Couples; i += 2)
        {
            db.Add(SampleCaseload.ActiveGrant(clients[i].Id, clients[i + 1], GrantKind.Partner, DataStream.CheckIns | DataStream.Together, now.AddDays(-Days)));
            db.Add(SampleCaseload.ActiveGrant(clients[i + 1].Id, clients[i], GrantKind.Partner, DataStream.CheckIns | DataStream.Together, now.AddDays(-Days)));
        }
        await db.SaveChangesAsync();
        var (_, token) = await AccessTokens.CreateAsync(db, therapist.Id, "Bench", [TokenScopes.TherapistRead], now, now.AddDays(1));
        Console.WriteLine($"seeded {rows:N0} rows for {Clients} clients in {watch.Elapsed.TotalSeconds:F1} s");
        return (token, [.. clients.Select(c => c.Id)]);
    }

    private static async Task<AppUser> NewUserAsync(UserManager<AppUser> users, string name)
    {
        var user = AccountFlows.NewUser($"bench-{Guid.NewGuid():N}@example.org", name, "UTC", TimeProvider.System);
        user.EmailConfirmed = true;
        // No password: nobody signs in as a client here, and hashing 200 passwords would only slow the seeding.
        var created = await users.CreateAsync(user);
        return created.Succeeded ? user : throw new InvalidOperationException(string.Join("; ", created.Errors.Select(e => e.Description)));
    }

    /// <summary>PHQ-9, GAD-7 and WHO-5 every two weeks for a year, scored by the app's rules, drifting better or worse.</summary>
    private static List<MeasureResponse> Measures(Guid owner, Random random, DateTime now, bool flag)
    {
        var list = new List<MeasureResponse>();
        var trend = random.NextDouble() - 0.6;
        foreach (var form in new[] { MeasureCatalog.Phq9, MeasureCatalog.Gad7, MeasureCatalog.Who5 })
        {
            var max = form.Items[0].Options.Max(o => o.Value);
            var start = form.Items.Count * max * (0.3 + 0.3 * random.NextDouble());
            for (var week = 0; week < 52; week += 2)
            {
                var level = (int)Math.Round(start + trend * week * (form.Kind == MeasureKind.Who5 ? -0.2 : 0.2) + random.Next(-2, 3));
                var answers = SampleCaseload.Spread(level, form.Items.Count, max, random);
                if (form.Kind == MeasureKind.Phq9)
                {
                    answers[^1] = flag && week == 50 ? 1 : 0;
                }
                if (SampleCaseload.Response(owner, form, answers, now.AddDays(-364 + 7 * week).AddHours(-random.Next(1, 10))) is { } response)
                {
                    list.Add(response);
                }
            }
        }
        return list;
    }
}
