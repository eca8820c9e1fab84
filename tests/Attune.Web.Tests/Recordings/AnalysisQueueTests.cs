using Attune.Web.Features.Recordings;
using Attune.Web.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Attune.Web.Tests.Recordings;

public sealed class AnalysisQueueTests
{
    private static AnalysisQueue Queue(TimeProvider clock, int concurrency = 1, int maxQueued = 2, int timeoutSeconds = 60, int budgetMb = 1024) =>
        new(Options.Create(new AnalysisOptions { Concurrency = concurrency, MaxQueued = maxQueued, TimeoutSeconds = timeoutSeconds, MemoryBudgetMb = budgetMb, AbandonAfterSeconds = 30 }),
            clock, NullLogger<AnalysisQueue>.Instance);

    private static readonly AnalysedRecording Nothing = new(null!, null);

    [Fact]
    public async Task Work_waits_its_turn_and_a_full_queue_says_busy()
    {
        using var queue = Queue(TimeProvider.System);
        using var release = new ManualResetEventSlim();
        var first = queue.Enqueue(Guid.NewGuid(), 1, _ => { release.Wait(); return Nothing; })!;
        await WaitUntilAsync(() => first.State == AnalysisState.Running);

        var second = queue.Enqueue(Guid.NewGuid(), 1, _ => Nothing)!;
        var third = queue.Enqueue(Guid.NewGuid(), 1, _ => Nothing)!;
        var fourth = queue.Enqueue(Guid.NewGuid(), 1, _ => Nothing);

        Assert.Equal((AnalysisState.Queued, 0), (second.State, queue.Ahead(second)));
        Assert.Equal(1, queue.Ahead(third));
        Assert.Null(fourth);
        release.Set();
        await Task.WhenAll(first.Task, second.Task, third.Task).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(AnalysisState.Done, third.State);
    }

    [Fact]
    public async Task The_same_recording_asked_twice_is_one_job()
    {
        using var queue = Queue(TimeProvider.System);
        var id = Guid.NewGuid();
        var runs = 0;
        using var release = new ManualResetEventSlim();
        var a = queue.Enqueue(id, 1, _ => { Interlocked.Increment(ref runs); release.Wait(); return Nothing; })!;
        var b = queue.Enqueue(id, 1, _ => { Interlocked.Increment(ref runs); return Nothing; })!;
        release.Set();
        await Task.WhenAll(a.Task, b.Task).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Same(a, b);
        Assert.Equal(1, runs);
    }

    [Fact]
    public async Task Work_on_a_changed_recording_replaces_the_work_on_its_old_version()
    {
        using var queue = Queue(TimeProvider.System);
        var id = Guid.NewGuid();
        using var release = new ManualResetEventSlim();
        var old = queue.Enqueue(id, 1, token => { release.Wait(token); return Nothing; }, version: 1)!;
        await WaitUntilAsync(() => old.State == AnalysisState.Running);

        var fresh = queue.Enqueue(id, 1, _ => Nothing, version: 2)!;

        Assert.NotSame(old, fresh);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => old.Task.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Null(queue.Find(id, version: 1));
        await fresh.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(AnalysisState.Done, fresh.State);
    }

    [Fact]
    public async Task Work_that_runs_past_the_limit_is_stopped()
    {
        using var queue = Queue(TimeProvider.System, timeoutSeconds: 1);
        var job = queue.Enqueue(Guid.NewGuid(), 1, token =>
        {
            while (true)
            {
                token.ThrowIfCancellationRequested();
                Thread.Sleep(10);
            }
        })!;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => job.Task.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(AnalysisState.Failed, job.State);
    }

    [Fact]
    public async Task Work_nobody_waits_for_any_more_is_dropped()
    {
        var clock = new TestClock();
        using var queue = Queue(clock);
        using var release = new ManualResetEventSlim();
        var blocker = queue.Enqueue(Guid.NewGuid(), 1, token => { release.Wait(token); return Nothing; })!;
        var abandoned = queue.Enqueue(Guid.NewGuid(), 1, _ => Nothing)!;

        clock.Advance(TimeSpan.FromSeconds(31));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => abandoned.Task.WaitAsync(TimeSpan.FromSeconds(10)));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => blocker.Task.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task Work_someone_is_waiting_for_is_kept_however_long_it_queues()
    {
        var clock = new TestClock();
        using var queue = Queue(clock);
        using var release = new ManualResetEventSlim();
        var blocker = queue.Enqueue(Guid.NewGuid(), 1, token => { release.Wait(token); return Nothing; })!;
        var awaited = queue.Enqueue(Guid.NewGuid(), 1, _ => Nothing)!;
        var waiting = queue.WaitAsync(awaited, Timeout.InfiniteTimeSpan, CancellationToken.None);
        var watcher = queue.WaitAsync(blocker, Timeout.InfiniteTimeSpan, CancellationToken.None);

        clock.Advance(TimeSpan.FromSeconds(31));
        await Task.Delay(1500);

        Assert.Equal(AnalysisState.Queued, awaited.State);
        release.Set();
        Assert.Same(Nothing, await waiting.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Same(Nothing, await watcher.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task Jobs_run_together_only_while_their_memory_fits_the_budget()
    {
        using var queue = Queue(TimeProvider.System, concurrency: 2, maxQueued: 4, budgetMb: 100);
        using var release = new ManualResetEventSlim();
        var big = 80L * 1024 * 1024;
        var first = queue.Enqueue(Guid.NewGuid(), big, _ => { release.Wait(); return Nothing; })!;
        await WaitUntilAsync(() => first.State == AnalysisState.Running);
        var second = queue.Enqueue(Guid.NewGuid(), big, _ => Nothing)!;

        await Task.Delay(600);
        Assert.Equal(AnalysisState.Queued, second.State);
        release.Set();
        await second.Task.WaitAsync(TimeSpan.FromSeconds(10));
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 200 && !condition(); i++)
        {
            await Task.Delay(25);
        }
        Assert.True(condition());
    }
}
