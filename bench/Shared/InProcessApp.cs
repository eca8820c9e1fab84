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
