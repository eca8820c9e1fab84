using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Attune.Analysis.Practices;
using Attune.Web.Data;
using Attune.Web.Features.Accounts;
using Attune.Web.Features.CheckIns;
using Attune.Web.Features.Practices;
using Attune.Web.Features.Practices.Library;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

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

    public static async Task<int> Main(string[] args)
    {
        var iterations = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 300;
        if (iterations is < 10 or > 10_000)
        {
            Console.Error.WriteLine("Usage: Attune.PracticesLoad [iterations, 10 to 10000; default 300]");
            return 2;
        }
        Console.WriteLine($"load average {File.ReadAllText("/proc/loadavg").Trim()}, {Environment.ProcessorCount} cores");
        await RunAsync("SQLite", iterations, null);
        if (Environment.GetEnvironmentVariable("ATTUNE_TEST_POSTGRES") is { Length: > 0 } admin)
        {
            await RunAsync("PostgreSQL", iterations, admin);
        }
        else
        {
            Console.WriteLine("PostgreSQL: skipped (set ATTUNE_TEST_POSTGRES to an admin connection string, as test.sh does)");
        }
        Console.WriteLine($"load average {File.ReadAllText("/proc/loadavg").Trim()}");
        return 0;
    }

    private static async Task RunAsync(string name, int iterations, string? postgresAdmin)
    {
        var dataDirectory = Directory.CreateTempSubdirectory("attune-practices-bench").FullName;
        string? database = null;
        var settings = new Dictionary<string, string?>
        {
            ["Attune:DataDirectory"] = dataDirectory,
            ["Database:Provider"] = postgresAdmin is null ? "Sqlite" : "Postgres",
        };
        if (postgresAdmin is not null)
        {
            database = "attune_bench_" + Guid.NewGuid().ToString("n");
            await ExecuteAsync(postgresAdmin, $"CREATE DATABASE \"{database}\"");
            settings["ConnectionStrings:Attune"] = new NpgsqlConnectionStringBuilder(postgresAdmin) { Database = database }.ConnectionString;
        }
        try
        {
            await using var app = new App(settings);
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
                var client0 = await TimeAsync(iterations, async () =>
                {
                    using var response = await client.GetAsync(url);
                    response.EnsureSuccessStatusCode();
                    await response.Content.ReadAsByteArrayAsync();
                });
                Console.WriteLine($"  GET {url,-48} server {Describe([.. app.ServerMs.ToArray()[^iterations..]])}   client {Describe(client0)}");
            }
            app.ServerMs.Clear();
            var now = DateTimeOffset.UtcNow;
            var post = await TimeAsync(iterations, async () =>
            {
                using var response = await client.PostAsJsonAsync("/api/v1/practice-sessions", new PracticeSessionRequest(
                    "extended-exhale", new StateCheckDto("activated", 6), new StateCheckDto("connected", 3), now.AddMinutes(-4), now, 4, Guid.NewGuid().ToString("N")));
                response.EnsureSuccessStatusCode();
            });
            Console.WriteLine($"  POST /api/v1/practice-sessions                     server {Describe([.. app.ServerMs.ToArray()[^iterations..]])}   client {Describe(post)}");
        }
        finally
        {
            if (database is not null)
            {
                NpgsqlConnection.ClearAllPools();
                await ExecuteAsync(postgresAdmin!, $"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)");
            }
            else
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            }
            Directory.Delete(dataDirectory, recursive: true);
        }
    }

    private static async Task<(string Token, Guid Own)> SeedAsync(App app)
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
            db.AddRange(Enumerable.Range(0, count).Select(i => Session(user.Id, random, now.AddHours(-i * 7))));
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

    private static PracticeSession Session(Guid owner, Random random, DateTime ended)
    {
        var practice = PracticeLibrary.All[random.Next(PracticeLibrary.All.Count)];
        var before = (NervousState)random.Next(3);
        var after = random.NextDouble() < 0.6 ? NervousState.Connected : before;
        int bi = random.Next(11), ai = random.Next(11);
        return new PracticeSession
        {
            Id = Guid.CreateVersion7(),
            OwnerId = owner,
            PracticeId = practice.Id,
            StartedAt = ended.AddMinutes(-practice.Minutes),
            EndedAt = ended,
            BeforeState = before,
            BeforeIntensity = bi,
            AfterState = after,
            AfterIntensity = ai,
            Effect = SessionEffect.Of(before == NervousState.Connected, bi, after == NervousState.Connected, ai),
            Rating = random.Next(1, 6),
            IdempotencyKey = Guid.NewGuid().ToString("N"),
            CreatedAt = ended,
        };
    }

    /// <summary>Runs <paramref name="action"/> a tenth of <paramref name="iterations"/> times to warm up, then times each run.</summary>
    private static async Task<double[]> TimeAsync(int iterations, Func<Task> action)
    {
        for (var i = 0; i < Math.Max(5, iterations / 10); i++)
        {
            await action();
        }
        var times = new double[iterations];
        for (var i = 0; i < iterations; i++)
        {
            var start = Stopwatch.GetTimestamp();
            await action();
            times[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }
        return times;
    }

    private static string Describe(double[] times)
    {
        var sorted = times.Order().ToArray();
        double P(double p) => sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Length) - 1, 0, sorted.Length - 1)];
        return string.Create(CultureInfo.InvariantCulture, $"p50 {P(50),5:F1}  p95 {P(95),5:F1}  p99 {P(99),5:F1} ms");
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>src/Attune.Web of the checkout this program was built from, whatever the working folder.</summary>
    private static string WebProjectFolder()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var web = Path.Combine(folder.FullName, "src", "Attune.Web");
            if (File.Exists(Path.Combine(web, "Attune.Web.csproj")))
            {
                return web;
            }
        }
        throw new InvalidOperationException("src/Attune.Web was not found above " + AppContext.BaseDirectory);
    }

    /// <summary>The app in process, in Production, on the database the settings name.</summary>
    private sealed class App(Dictionary<string, string?> settings) : WebApplicationFactory<Program>
    {
        /// <summary>Server time of each practice request: from the first middleware until the response body is written.</summary>
        public ConcurrentQueue<double> ServerMs { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Production");
            builder.UseContentRoot(WebProjectFolder());
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }
            builder.ConfigureServices(services => services.AddSingleton<IStartupFilter>(new ServerTiming(ServerMs)));
        }
    }

    private sealed class ServerTiming(ConcurrentQueue<double> times) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(inner => async context =>
            {
                var start = Stopwatch.GetTimestamp();
                await inner(context);
                if (context.Request.Path.StartsWithSegments("/api/v1"))
                {
                    times.Enqueue(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                }
            });
            next(app);
        };
    }
}
