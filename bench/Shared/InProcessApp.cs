using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Attune.BenchShared;

/// <summary>
/// The app in process for the load programs (linked into each, not a project of its own): Production, on the database
/// the settings name, with the server time of each request under <paramref name="timedPath"/> (first middleware to the
/// end of the body) in <see cref="ServerMs"/>.
/// </summary>
internal sealed class InProcessApp(Dictionary<string, string?> settings, string timedPath = "/api/v1") : WebApplicationFactory<Program>
{
    public ConcurrentQueue<double> ServerMs { get; } = new();

    /// <summary>src/Attune.Web of the checkout the program was built from, whatever the working folder.</summary>
    public static string WebProjectFolder()
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

    /// <summary>
    /// A load program's whole run: reads the request count (first argument, 10 to 10,000), then runs
    /// <paramref name="run"/> on SQLite and, when <c>ATTUNE_TEST_POSTGRES</c> holds an admin connection string (as
    /// test.sh and the bench scripts set it), on PostgreSQL, each on a fresh database and data folder dropped afterwards,
    /// with the load average before and after.
    /// </summary>
    public static async Task<int> MainAsync(string program, string[] args, int defaultIterations, Func<string, int, InProcessApp, Task> run, string timedPath = "/api/v1")
    {
        var iterations = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : defaultIterations;
        if (iterations is < 10 or > 10_000)
        {
            Console.Error.WriteLine($"Usage: {program} [iterations, 10 to 10000; default {defaultIterations}]");
            return 2;
        }
        Console.WriteLine($"load average {File.ReadAllText("/proc/loadavg").Trim()}, {Environment.ProcessorCount} cores");
        await RunOnAsync("SQLite", null, iterations, timedPath, run);
        if (Environment.GetEnvironmentVariable("ATTUNE_TEST_POSTGRES") is { Length: > 0 } admin)
        {
            await RunOnAsync("PostgreSQL", admin, iterations, timedPath, run);
        }
        else
        {
            Console.WriteLine("PostgreSQL: skipped (set ATTUNE_TEST_POSTGRES to an admin connection string, as test.sh does)");
        }
        Console.WriteLine($"load average {File.ReadAllText("/proc/loadavg").Trim()}");
        return 0;
    }

    private static async Task RunOnAsync(string name, string? postgresAdmin, int iterations, string timedPath, Func<string, int, InProcessApp, Task> run)
    {
        var dataDirectory = Directory.CreateTempSubdirectory("attune-bench").FullName;
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
            await using var app = new InProcessApp(settings, timedPath);
            await run(name, iterations, app);
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

    /// <summary>Runs one statement (CREATE/DROP DATABASE) on a PostgreSQL server.</summary>
    public static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Runs <paramref name="action"/> a tenth of <paramref name="iterations"/> times to warm up, then times each run.</summary>
    public static async Task<double[]> TimeAsync(int iterations, Func<Task> action)
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

    /// <summary>p50, p95 and p99 (nearest rank).</summary>
    public static string Describe(double[] times)
    {
        var sorted = times.Order().ToArray();
        double P(double p) => sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Length) - 1, 0, sorted.Length - 1)];
        return string.Create(CultureInfo.InvariantCulture, $"p50 {P(50),6:F1}  p95 {P(95),6:F1}  p99 {P(99),6:F1} ms");
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseContentRoot(WebProjectFolder());
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }
        builder.ConfigureServices(services => services.AddSingleton<IStartupFilter>(new ServerTiming(ServerMs, timedPath)));
    }

    private sealed class ServerTiming(ConcurrentQueue<double> times, string path) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(inner => async context =>
            {
                var start = Stopwatch.GetTimestamp();
                await inner(context);
                if (context.Request.Path.StartsWithSegments(path))
                {
                    times.Enqueue(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                }
            });
            next(app);
        };
    }
}
