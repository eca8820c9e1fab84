using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using Attune.Web.Features.Recordings;
using Attune.Web.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Attune.Web.Tests.Recordings;

/// <summary>
/// The finding this answers: one account could exhaust a small server's memory with a few large analyses at once.
/// Ten of the largest recordings the limits allow are analysed at the same time by the app in its own process, started as
/// a server starts it (with its own garbage collector settings), which must stay within the configured budget and give
/// the memory back afterwards. Measured from outside, that process is undisturbed by the tests running beside this one,
/// so it need not run alone; in the test process the measurement also counted everything the suite had left on its heap.
/// </summary>
public sealed class AnalysisMemoryTests(ITestOutputHelper output)
{
    private const int BudgetMb = 1024;

    [Fact]
    public async Task Ten_concurrent_analyses_of_a_week_of_beats_stay_within_the_memory_budget()
    {
        // The account and its token are made through an app in the test process on the same database; its sweeper never
        // ticks, so it takes none of the work.
        await using var seed = await AttuneWebFactory.CreateAsync(DatabaseProvider.Sqlite, new Dictionary<string, string?> { ["Analysis:SweepSeconds"] = "3600" });
        var user = await TestUsers.CreateAsync(seed);
        string token;
        using (var seedClient = await TestUsers.WithAccessTokenAsync(seed, user))
        {
            token = seedClient.DefaultRequestHeaders.Authorization!.Parameter!;
        }
        var port = AppProcess.FreePort();
        await using var app = await AppProcess.StartAsync(AppProcess.Dll, seed.Database.DataDirectory, port, new()
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Attune__DataDirectory"] = seed.Database.DataDirectory,
            ["Analysis__Concurrency"] = "2",
            ["Analysis__MemoryBudgetMb"] = BudgetMb.ToString(CultureInfo.InvariantCulture),
            ["Analysis__RequestWaitSeconds"] = "600",
            ["Analysis__TimeoutSeconds"] = "600",
            ["Analysis__WarmUp"] = "false",
        });
        Assert.True(app.Output.Contains("Now listening on", StringComparison.Ordinal), $"The app did not start:\n{app.Output}\n{app.Errors}");
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromMinutes(10) };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);

        var week = WeekOfBeats(RecordingLimits.Default.MaxBeatDays - 0.01);
        var ids = new List<Guid>();
        for (var i = 0; i < 10; i++)
        {
            ids.Add((await TestRecordings.UploadAsync(client, week, $"Week {i}")).Id);
        }
        var baseline = Resident(app.Id, "VmRSS");
        long peak = baseline;
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                peak = Math.Max(peak, Resident(app.Id, "VmRSS"));
                await Task.Delay(50);
            }
        });

        var clock = Stopwatch.StartNew();
        var results = await Task.WhenAll(ids.Select(id => client.GetFromJsonAsync<RecordingAnalysisDto>($"/api/v1/recordings/{id}/analysis")));
        clock.Stop();
        await sampling.CancelAsync();
        await sampler;
        // The app hands the memory back with a collection right after each large analysis, which may finish just after
        // the last answer went out: give it a few seconds.
        var after = Resident(app.Id, "VmRSS");
        for (var wait = Stopwatch.StartNew(); after - baseline >= 400L * 1024 * 1024 && wait.Elapsed < TimeSpan.FromSeconds(10);)
        {
            await Task.Delay(200);
            after = Resident(app.Id, "VmRSS");
        }

        const long mb = 1024 * 1024;
        output.WriteLine($"10 analyses of {week.Length / 1024} KB files in {clock.Elapsed.TotalSeconds:0.0} s; app's resident memory baseline {baseline / mb} MB, peak {peak / mb} MB (+{(peak - baseline) / mb} MB), after {after / mb} MB");
        Assert.All(results, r => Assert.True(r!.BeatCount > 600_000));
        Assert.True(peak - baseline < BudgetMb * mb, $"The analyses raised the app's resident memory by {(peak - baseline) / mb} MB, over the {BudgetMb} MB budget.");
        Assert.True(after - baseline < 400 * mb, $"{(after - baseline) / mb} MB were not given back after the work.");
    }

    /// <summary>A line of <c>/proc/PID/status</c> (VmRSS: resident now), in bytes.</summary>
    private static long Resident(int pid, string field)
    {
        var line = File.ReadLines($"/proc/{pid}/status").Single(l => l.StartsWith(field + ":", StringComparison.Ordinal));
        return long.Parse(line[(field.Length + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
    }

    /// <summary>RR intervals around 70 bpm for <paramref name="days"/> days, one per line.</summary>
    private static string WeekOfBeats(double days)
    {
        var random = new Random(7);
        var text = new StringBuilder("rr_ms\n");
        var total = 0.0;
        var limit = days * 86_400_000;
        while (total < limit)
        {
            var rr = 857 + 60 * Math.Sin(total / 4000.0) + random.Next(-20, 21);
            total += rr;
            text.Append(rr.ToString("0", CultureInfo.InvariantCulture)).Append('\n');
        }
        return text.ToString();
    }
}
