using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using Attune.Web.Features.Recordings;
using Attune.Web.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Attune.Web.Tests.Recordings;

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MemoryCollection
{
    public const string Name = "Memory (runs alone)";
}

/// <summary>
/// The finding this answers: one account could exhaust a small server's memory with a few large analyses at once.
/// Ten of the largest recordings the limits allow are analysed at the same time, and the process must stay
/// within the configured budget and give the memory back afterwards.
/// </summary>
[Collection(MemoryCollection.Name)]
public sealed class AnalysisMemoryTests(ITestOutputHelper output)
{
    private const int BudgetMb = 1024;

    [Fact]
    public async Task Ten_concurrent_analyses_of_a_week_of_beats_stay_within_the_memory_budget()
    {
        await using var factory = await AttuneWebFactory.CreateAsync(DatabaseProvider.Sqlite, new Dictionary<string, string?>
        {
            ["Analysis:Concurrency"] = "2",
            ["Analysis:MemoryBudgetMb"] = BudgetMb.ToString(CultureInfo.InvariantCulture),
            ["Analysis:RequestWaitSeconds"] = "600",
            ["Analysis:TimeoutSeconds"] = "600",
        });
        var (_, client) = await TestUsers.SignedInAsync(factory);
        var week = WeekOfBeats(RecordingLimits.Default.MaxBeatDays - 0.01);
        var ids = new List<Guid>();
        for (var i = 0; i < 10; i++)
        {
            ids.Add((await TestRecordings.UploadAsync(client, week, $"Week {i}")).Id);
        }
        Collect();
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        var baseline = process.WorkingSet64;
        long peak = baseline;
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                process.Refresh();
                peak = Math.Max(peak, process.WorkingSet64);
                await Task.Delay(50);
            }
        });

        var clock = Stopwatch.StartNew();
        var results = await Task.WhenAll(ids.Select(id => client.GetFromJsonAsync<RecordingAnalysisDto>($"/api/v1/recordings/{id}/analysis")));
        clock.Stop();
        await sampling.CancelAsync();
        await sampler;
        Collect();
        process.Refresh();
        var after = process.WorkingSet64;

        const long mb = 1024 * 1024;
        output.WriteLine($"10 analyses of {week.Length / 1024} KB files in {clock.Elapsed.TotalSeconds:0.0} s; working set baseline {baseline / mb} MB, peak {peak / mb} MB (+{(peak - baseline) / mb} MB), after {after / mb} MB");
        Assert.All(results, r => Assert.True(r!.BeatCount > 600_000));
        Assert.True(peak - baseline < BudgetMb * mb, $"The analyses raised the working set by {(peak - baseline) / mb} MB, over the {BudgetMb} MB budget.");
        Assert.True(after - baseline < 400 * mb, $"{(after - baseline) / mb} MB were not given back after the work.");
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

    private static void Collect()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
    }
}
