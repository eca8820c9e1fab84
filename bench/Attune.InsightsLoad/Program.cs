using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Runtime.InteropServices;
using System.Text.Json;
using Attune.BenchShared;
using Attune.Web.Data;
using Attune.Web.Features.Accounts;
using Attune.Web.Features.CheckIns.Insights;
using Attune.Web.Features.Sharing;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Attune.InsightsLoad;

/// <summary>
/// Seeds one person with 36,500 check-ins (10 years × 10 a day) and times <c>GET /api/v1/insights</c> over all of
/// them, in process through the whole app (routing, authentication by access token, the access layer, EF Core,
/// the computation and JSON), on SQLite and, when <c>ATTUNE_TEST_POSTGRES</c> holds an admin connection string,
/// on PostgreSQL. Prints p50/p95/p99 of the request and of the query and computation alone.
/// </summary>
internal static class Entry
{
    private const int Years = 10;
    private const int PerDay = 10;

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    public static Task<int> Main(string[] args) =>
        InProcessApp.MainAsync("Attune.InsightsLoad", args, 200, RunAsync, "/api/v1/insights");

    private static async Task RunAsync(string name, int iterations, InProcessApp app)
    {
        var (me, token) = await SeedAsync(app);
        using var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("https://localhost") });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var to = DateOnly.FromDateTime(DateTime.UtcNow);
        var from = to.AddDays(-(Years * 365 - 1));
        var url = $"/api/v1/insights?from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}";

        long bytes = 0;
        app.ServerMs.Clear();
        var request = await TimeAsync(iterations, async () =>
        {
            using var response = await client.GetAsync(url);
            response.EnsureSuccessStatusCode();
            bytes = (await response.Content.ReadAsByteArrayAsync()).Length;
        });
        var direct = await TimeAsync(iterations, async () =>
        {
            using var scope = app.Services.CreateScope();
            var access = scope.ServiceProvider.GetRequiredService<Access>();
            var insights = await CheckInInsights.ForAsync(access, me, from, to, CancellationToken.None);
            if (insights.CheckIns != Years * 365 * PerDay)
            {
                throw new InvalidOperationException($"Expected {Years * 365 * PerDay} check-ins, read {insights.CheckIns}.");
            }
        });
        // The warm-up requests are the first ones queued; the timed ones are the last `iterations`.
        var server = app.ServerMs.ToArray()[^iterations..];
        Array.Sort(server);
        List<InsightRow> rows = [];
        Console.WriteLine($"load average before timing: {File.ReadAllText("/proc/loadavg").Trim()}");
        var query = await TimeAsync(iterations, async () =>
        {
            using var scope = app.Services.CreateScope();
            var access = scope.ServiceProvider.GetRequiredService<Access>();
            rows = await CheckInInsights.Rows(access, me, from, to).ToListAsync();
        });
        var read = await TimeAsync(iterations, async () =>
        {
            using var scope = app.Services.CreateScope();
            var access = scope.ServiceProvider.GetRequiredService<Access>();
            var count = 0;
            await CheckInInsights.ReadAsync(access, me, from, to, (in InsightRow _) => count++, CancellationToken.None);
        });
        var compute = await TimeAsync(iterations, () =>
        {
            CheckInInsights.Compute(CollectionsMarshal.AsSpan(rows), from, to, []);
            return Task.CompletedTask;
        });
        var serialize = await TimeAsync(iterations, async () =>
        {
            var insights = CheckInInsights.Compute(CollectionsMarshal.AsSpan(rows), from, to, []);
            await JsonSerializer.SerializeAsync(Stream.Null, insights, JsonOptions);
        });
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name}: {iterations} requests over {Years * 365 * PerDay:N0} check-ins, response {bytes / 1024.0:F0} KiB"));
        Console.WriteLine($"  GET /api/v1/insights, server time              {Describe(new Timings(server, double.NaN))}");
        Console.WriteLine($"  GET /api/v1/insights, client (in process)      {Describe(request)}");
        Console.WriteLine($"  query + computation, no HTTP                   {Describe(direct)}");
        Console.WriteLine($"  query alone, EF Core materialising the rows    {Describe(query)}");
        Console.WriteLine($"  query alone, data reader (what the app does)   {Describe(read)}");
        Console.WriteLine($"  computation alone                              {Describe(compute)}");
        Console.WriteLine($"  computation + JSON                             {Describe(serialize)}");
    }

    private static async Task<(Guid Me, string Token)> SeedAsync(InProcessApp app)
    {
        using var scope = app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var db = scope.ServiceProvider.GetRequiredService<AttuneDb>();
        var user = AccountFlows.NewUser($"bench-{Guid.NewGuid():N}@example.org", "Bench", "UTC", TimeProvider.System);
        user.EmailConfirmed = true;
        var created = await users.CreateAsync(user, "a calm river at dawn");
        if (!created.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", created.Errors.Select(e => e.Description)));
        }
        var now = DateTime.UtcNow;
        var (_, token) = await AccessTokens.CreateAsync(db, user.Id, "Bench", [TokenScopes.CheckInsRead], now, now.AddDays(1));

        var watch = Stopwatch.StartNew();
        var rows = SampleCheckIns.Generate(user.Id, DateOnly.FromDateTime(now), Years * 365, PerDay, seed: 1);
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        foreach (var batch in rows.Chunk(5000))
        {
            db.AddRange(batch);
            await db.SaveChangesAsync();
            db.ChangeTracker.Clear();
        }
        Console.WriteLine($"seeded {rows.Count:N0} check-ins in {watch.Elapsed.TotalSeconds:F1} s");
        return (user.Id, token);
    }

    /// <summary>Runs <paramref name="action"/> a tenth of <paramref name="iterations"/> times to warm up, then times each run.</summary>
    /// <remarks>
    /// Besides each run's wall time, the process's CPU time over all runs (all threads, the GC's included) is divided
    /// by their number: on a shared machine wall time waits for other people's work, CPU time much less so.
    /// </remarks>
    private static async Task<Timings> TimeAsync(int iterations, Func<Task> action)
    {
        for (var i = 0; i < Math.Max(5, iterations / 10); i++)
        {
            await action();
        }
        var times = new double[iterations];
        var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        for (var i = 0; i < iterations; i++)
        {
            var start = Stopwatch.GetTimestamp();
            await action();
            times[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }
        process.Refresh();
        var cpuPerRun = (process.TotalProcessorTime - cpu).TotalMilliseconds / iterations;
        Array.Sort(times);
        return new Timings(times, cpuPerRun);
    }

    private sealed record Timings(double[] SortedMs, double CpuMsPerRun);

    private static string Describe(Timings t)
    {
        var sorted = t.SortedMs;
        double P(double p) => sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Length) - 1, 0, sorted.Length - 1)];
        var percentiles = string.Create(CultureInfo.InvariantCulture, $"p50 {P(50),6:F1} ms  p95 {P(95),6:F1} ms  p99 {P(99),6:F1} ms  max {sorted[^1],6:F1} ms");
        return double.IsNaN(t.CpuMsPerRun)
            ? percentiles
            : percentiles + string.Create(CultureInfo.InvariantCulture, $"  CPU {t.CpuMsPerRun,6:F1} ms/run");
    }
}
