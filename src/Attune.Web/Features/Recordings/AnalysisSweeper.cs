using Microsoft.Extensions.Options;

namespace Attune.Web.Features.Recordings;

/// <summary>
/// Every node's small loop over the shared analysis jobs (decision 0022): renews the leases of the jobs this node runs,
/// fails for good the jobs that used up their attempts, and claims jobs nobody holds (queued, or left by a node that died)
/// while this node's queue has room.
/// </summary>
public sealed class AnalysisSweeper(
    AnalysisJobs jobs, RecordingAnalyses analyses, IOptions<AnalysisOptions> options, IHostApplicationLifetime lifetime, ILogger<AnalysisSweeper> log)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            if (options.Value.WarmUp)
            {
                // Only once the node serves requests: on two cores, warming up beside the start made it 0.7 s slower.
                var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
                {
                    await started.Task.WaitAsync(stoppingToken);
                }
                await Task.Run(analyses.WarmUp, stoppingToken);
                await analyses.WarmUpStoreAsync(stoppingToken);
                // The warm-ups' made-up day is garbage now: give its memory back (about 40 MB of the node's memory after start).
                // Only after a warm-up: a full compacting collection is not free, least of all where many apps share a process.
                AnalysisQueue.ReturnMemory();
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogWarning(e, "Warming up the analysis failed; the first analysis will be slower");
        }
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(Math.Max(0.05, options.Value.SweepSeconds)));
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await SweepAsync(stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // The database may be away for a moment (a failover); the next sweep tries again, and leases allow for it.
                    log.LogWarning(e, "Sweeping the analysis jobs failed; trying again shortly");
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    internal async Task SweepAsync(CancellationToken cancel)
    {
        await jobs.RenewAsync(cancel);
        foreach (var claimed in await jobs.ClaimDueAsync(analyses.Room, cancel))
        {
            // A queue that filled meanwhile hands the claim back itself.
            await analyses.RunClaimedAsync(claimed, cancel);
        }
    }
}
