using System.Threading.Channels;
using Attune.Web.Data;
using Attune.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Attune.Web.Features.CheckIns;

/// <summary>
/// Group commit for new check-ins. SQLite has one writer at a time, so committing each check-in alone caps a server
/// at a few hundred a second with long queues before that. Check-ins that arrive together are written in one
/// transaction instead. A batch that fails (an idempotency key that raced) is retried row by row, so one conflict
/// never fails its neighbours.
/// </summary>
/// <remarks>
/// On SQLite a batch of new check-ins commits with synchronous=NORMAL (WAL mode): the commit reaches the operating
/// system but does not wait for the disk's fsync, which the next durable commit of any other write, or the next
/// checkpoint, makes for it. An application crash or kill -9 loses nothing; a power cut may lose the check-ins of
/// the last moments. Every other write (accounts, grants, revocations, deletes, erasure) keeps synchronous=FULL.
/// docs/decisions/0021-check-in-commits.md says why; PostgreSQL gets the same with synchronous_commit=off.
/// <c>Database:DurableCheckInCommits=true</c> makes check-ins wait for the disk like everything else.
/// </remarks>
public sealed class CheckInWriter(IServiceScopeFactory scopes, IOptions<DatabaseOptions> options, ILogger<CheckInWriter> log) : BackgroundService
{
    private const int MaxBatch = 128;

    private readonly bool _durable = options.Value.DurableCheckInCommits;

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
        var relaxed = false;
        try
        {
            relaxed = !_durable && await RelaxAsync(db);
            await SaveAsync(db, batch);
        }
        catch (Exception e)
        {
            foreach (var (_, done) in batch)
            {
                done.TrySetException(e);
            }
        }
        finally
        {
            if (relaxed)
            {
                await RestoreAsync(db);
            }
        }
    }

    private async Task SaveAsync(AttuneDb db, List<(CheckIn Row, TaskCompletionSource Done)> batch)
    {
        try
        {
            db.AddRange(batch.Select(b => b.Row));
            await SaveChangesAsync(db);
            foreach (var (_, done) in batch)
            {
                done.TrySetResult();
            }
            return;
        }
        catch (DbUpdateException) when (batch.Count > 1)
        {
            log.LogDebug("A batch of {Count} check-ins hit a constraint; writing them one by one", batch.Count);
        }
        foreach (var (row, done) in batch)
        {
            db.ChangeTracker.Clear();
            try
            {
                db.Add(row);
                await SaveChangesAsync(db);
                done.TrySetResult();
            }
            catch (Exception e)
            {
                done.TrySetException(e);
            }
        }
    }

    /// <summary>
    /// Opens the connection for the batch and, on SQLite, sets synchronous=NORMAL on it. True when it did, so that
    /// <see cref="RestoreAsync"/> puts FULL back before the pooled connection serves any other write.
    /// </summary>
    private static async Task<bool> RelaxAsync(AttuneDb db)
    {
        await db.Database.OpenConnectionAsync(CancellationToken.None);
        if (!db.Database.IsSqlite())
        {
            return false;
        }
        await db.Database.ExecuteSqlRawAsync("PRAGMA synchronous=NORMAL;", CancellationToken.None);
        return true;
    }

    private async Task RestoreAsync(AttuneDb db)
    {
        try
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA synchronous=FULL;", CancellationToken.None);
        }
        catch (Exception e)
        {
            // A connection that cannot be set back must not serve other writes: take it out of the pool.
            log.LogWarning(e, "Could not restore synchronous=FULL after a batch of check-ins; dropping the connection");
            if (db.Database.GetDbConnection() is Microsoft.Data.Sqlite.SqliteConnection connection)
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearPool(connection);
            }
        }
        await db.Database.CloseConnectionAsync();
    }

    /// <summary>On PostgreSQL the batch's own transaction commits without waiting for its WAL flush (SET LOCAL).</summary>
    private async Task SaveChangesAsync(AttuneDb db)
    {
        if (_durable || !db.Database.IsNpgsql())
        {
            await db.SaveChangesAsync(CancellationToken.None);
            return;
        }
        await using var transaction = await db.Database.BeginTransactionAsync(CancellationToken.None);
        await db.Database.ExecuteSqlRawAsync("SET LOCAL synchronous_commit = off;", CancellationToken.None);
        await db.SaveChangesAsync(CancellationToken.None);
        await transaction.CommitAsync(CancellationToken.None);
    }
}
