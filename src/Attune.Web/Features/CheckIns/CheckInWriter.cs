using System.Threading.Channels;
using Attune.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Attune.Web.Features.CheckIns;

/// <summary>
/// Group commit for new check-ins. With SQLite's synchronous=FULL every transaction waits for the disk (a few
/// milliseconds here), and SQLite has one writer at a time, so committing each check-in alone caps a server at a
/// few hundred a second with long queues before that. Check-ins that arrive together are written in one
/// transaction instead: each request still returns only after its row is durably stored. A batch that fails (an
/// idempotency key that raced) is retried row by row, so one conflict never fails its neighbours.
/// </summary>
public sealed class CheckInWriter(IServiceScopeFactory scopes, ILogger<CheckInWriter> log) : BackgroundService
{
    private const int MaxBatch = 128;

    private readonly Channel<(CheckIn Row, TaskCompletionSource Done)> _queue =
        Channel.CreateBounded<(CheckIn, TaskCompletionSource)>(new BoundedChannelOptions(10_000) { SingleReader = true });

    /// <summary>Stores <paramref name="row"/>; throws <see cref="DbUpdateException"/> when it breaks a constraint (a repeated idempotency key).</summary>
    public async Task WriteAsync(CheckIn row, CancellationToken cancel)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await _queue.Writer.WriteAsync((row, done), cancel);
        // Once queued the row is written whatever happens to the request, as if it had reached the database.
        await done.Task;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<(CheckIn Row, TaskCompletionSource Done)>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync(CancellationToken.None))
        {
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var item))
            {
                batch.Add(item);
            }
            await WriteBatchAsync(batch);
            batch.Clear();
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        // Finish what is queued before the app stops: those requests are waiting for their answer.
        _queue.Writer.TryComplete();
        await base.StopAsync(cancellationToken);
    }

    private async Task WriteBatchAsync(List<(CheckIn Row, TaskCompletionSource Done)> batch)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AttuneDb>();
        try
        {
            db.AddRange(batch.Select(b => b.Row));
            await db.SaveChangesAsync(CancellationToken.None);
            foreach (var (_, done) in batch)
            {
                done.TrySetResult();
            }
            return;
        }
        catch (Exception e) when (batch.Count > 1 && e is DbUpdateException)
        {
            log.LogDebug("A batch of {Count} check-ins hit a constraint; writing them one by one", batch.Count);
        }
        catch (Exception e)
        {
            foreach (var (_, done) in batch)
            {
                done.TrySetException(e);
            }
            return;
        }
        foreach (var (row, done) in batch)
        {
            db.ChangeTracker.Clear();
            try
            {
                db.Add(row);
                await db.SaveChangesAsync(CancellationToken.None);
                done.TrySetResult();
            }
            catch (Exception e)
            {
                done.TrySetException(e);
            }
        }
    }
}
