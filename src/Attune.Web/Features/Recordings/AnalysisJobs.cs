using System.Collections.Concurrent;
using Attune.Web.Data;
using Attune.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Attune.Web.Features.Recordings;

/// <summary>What this node learned about a recording's durable job when it asked to run it.</summary>
public abstract record JobClaim
{
    /// <summary>This node holds the lease now: run it. <paramref name="Attempt"/> counts this claim.</summary>
    public sealed record Claimed(int Attempt) : JobClaim;

    /// <summary>Another node holds a live lease, or a retry waits for its pause to end.</summary>
    public sealed record Elsewhere(AnalysisState State) : JobClaim;

    /// <summary>The job finished meanwhile: its result is stored.</summary>
    public sealed record Done : JobClaim;

    /// <summary>It failed <paramref name="Attempts"/> times and is not tried again for this content version.</summary>
    public sealed record GaveUp(int Attempts) : JobClaim;
}

/// <summary>A job a node claimed in a sweep.</summary>
public sealed record ClaimedJob(Guid RecordingId, Guid OwnerId, int ContentVersion, int Attempts);

/// <summary>
/// The database side of the shared analysis queue (decision 0022): claims with a lease, renewals, results and give-ups.
/// Every change is one conditional statement, so two nodes can never both believe they hold a job: a claim succeeds only
/// where the row still says nobody (or an expired lease) holds it. Leases are held by <see cref="Owner"/>, the node's
/// name with a suffix for this process, so two hosts with one name (tests, a restarted node) never renew each other's.
/// </summary>
public sealed class AnalysisJobs(IServiceScopeFactory scopes, NodeIdentity node, IOptions<AnalysisOptions> options, TimeProvider clock, ILogger<AnalysisJobs> log)
{
    private readonly AnalysisOptions _options = options.Value;

    /// <summary>Jobs this node is running now, with their content version: their leases are renewed by the sweeper.</summary>
    private readonly ConcurrentDictionary<Guid, int> _running = new();

    public string Owner { get; } = $"{node.Name}#{Guid.NewGuid().ToString("n")[..6]}";

    public string NodeName => node.Name;

    private TimeSpan Lease => TimeSpan.FromSeconds(_options.LeaseSeconds);

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public int RunningHere => _running.Count;

    /// <summary>A job already claimed by this node, to add in the same transaction as a new recording.</summary>
    public AnalysisJob NewClaimed(Recording recording)
    {
        var now = Now;
        return new AnalysisJob
        {
            RecordingId = recording.Id,
            OwnerId = recording.OwnerId,
            ContentVersion = recording.ContentVersion,
            State = AnalysisJobState.Running,
            LeaseOwner = Owner,
            LeaseUntil = now + Lease,
            Attempts = 1,
            CreatedAt = now,
            UpdatedAt = now,
        };
    }

    /// <summary>A job nobody holds yet, for a new recording this node's queue has no room for: any node's sweeper takes it.</summary>
    public AnalysisJob NewQueued(Recording recording)
    {
        var job = NewClaimed(recording);
        job.State = AnalysisJobState.Queued;
        job.LeaseOwner = null;
        job.LeaseUntil = job.CreatedAt;
        job.Attempts = 0;
        return job;
    }

    public void Started(Guid id, int version) => _running[id] = version;

    public void Stopped(Guid id) => _running.TryRemove(id, out _);

    /// <summary>
    /// For a reader who found no result: claims the job of <paramref name="id"/> at <paramref name="version"/> for this node,
    /// creating or resetting it when there is none or it is for an older version, or says who has it.
    /// </summary>
    public async Task<JobClaim> ClaimAsync(AttuneDb db, Guid id, Guid ownerId, int version, CancellationToken cancel)
    {
        var jobs = db.Set<AnalysisJob>();
        for (var tries = 0; tries < 3; tries++)
        {
            var now = Now;
            var job = await jobs.AsNoTracking().FirstOrDefaultAsync(j => j.RecordingId == id, cancel);
            if (job is null)
            {
                db.Add(new AnalysisJob
                {
                    RecordingId = id,
                    OwnerId = ownerId,
                    ContentVersion = version,
                    State = AnalysisJobState.Running,
                    LeaseOwner = Owner,
                    LeaseUntil = now + Lease,
                    Attempts = 1,
                    CreatedAt = now,
                    UpdatedAt = now,
                });
                try
                {
                    await db.SaveChangesAsync(cancel);
                    return new JobClaim.Claimed(1);
                }
                catch (DbUpdateException)
                {
                    // Another node created it first (or the recording was just deleted): look again.
                    db.ChangeTracker.Clear();
                    continue;
                }
            }
            if (job.ContentVersion > version)
            {
                return new JobClaim.Elsewhere(AnalysisState.Queued);
            }
            if (job.ContentVersion < version || job.State == AnalysisJobState.Done)
            {
                // The recording changed (beat edits) or its result is gone: a fresh job, with fresh attempts.
                var reset = await jobs.Where(j => j.RecordingId == id && j.ContentVersion == job.ContentVersion && j.State == job.State && j.UpdatedAt == job.UpdatedAt)
                    .ExecuteUpdateAsync(u => u.SetProperty(j => j.ContentVersion, version).SetProperty(j => j.State, AnalysisJobState.Running)
                        .SetProperty(j => j.LeaseOwner, Owner).SetProperty(j => j.LeaseUntil, now + Lease).SetProperty(j => j.Attempts, 1)
                        .SetProperty(j => j.UpdatedAt, now), cancel);
                if (reset == 1)
                {
                    return new JobClaim.Claimed(1);
                }
                continue;
            }
            if (job.State == AnalysisJobState.Failed)
            {
                return new JobClaim.GaveUp(job.Attempts);
            }
            var mine = job.LeaseOwner == Owner;
            if (job.LeaseUntil >= now && !mine)
            {
                return new JobClaim.Elsewhere(job.State == AnalysisJobState.Running ? AnalysisState.Running : AnalysisState.Queued);
            }
            if (job.Attempts >= _options.MaxAttempts)
            {
                await GiveUpAsync(db, cancel);
                continue;
            }
            // Unclaimed, expired, or ours but no longer in this node's queue (it was dropped): claim it if nobody else did first.
            var claimed = await jobs.Where(j => j.RecordingId == id && j.ContentVersion == version && j.UpdatedAt == job.UpdatedAt
                    && (j.State == AnalysisJobState.Queued || j.State == AnalysisJobState.Running))
                .ExecuteUpdateAsync(u => u.SetProperty(j => j.State, AnalysisJobState.Running).SetProperty(j => j.LeaseOwner, Owner)
                    .SetProperty(j => j.LeaseUntil, now + Lease).SetProperty(j => j.Attempts, j => j.Attempts + 1).SetProperty(j => j.UpdatedAt, now), cancel);
            if (claimed == 1)
            {
                return new JobClaim.Claimed(job.Attempts + 1);
            }
        }
        return new JobClaim.Elsewhere(AnalysisState.Queued);
    }

    /// <summary>
    /// Claims up to <paramref name="max"/> jobs that are queued and due, or whose lease ran out (their node died or stalled),
    /// oldest first. On PostgreSQL rows another node is claiming right now are skipped (<c>FOR UPDATE SKIP LOCKED</c>), so
    /// sweepers on several nodes never wait on each other or take the same job; SQLite has one writer at a time, and the
    /// conditional update is enough.
    /// </summary>
    public async Task<List<ClaimedJob>> ClaimDueAsync(int max, CancellationToken cancel)
    {
        if (max <= 0)
        {
            return [];
        }
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AttuneDb>();
        await GiveUpAsync(db, cancel);
        var now = Now;
        var until = now + Lease;
        if (db.Database.IsNpgsql())
        {
            return await db.Database.SqlQuery<ClaimedJob>($"""
                UPDATE "AnalysisJobs" AS j
                SET "State" = 'Running', "LeaseOwner" = {Owner}, "LeaseUntil" = {until}, "Attempts" = j."Attempts" + 1, "UpdatedAt" = {now}
                FROM (SELECT "RecordingId" FROM "AnalysisJobs"
                      WHERE "State" IN ('Queued', 'Running') AND "LeaseUntil" < {now} AND "Attempts" < {_options.MaxAttempts}
                      ORDER BY "CreatedAt" LIMIT {max} FOR UPDATE SKIP LOCKED) AS due
                WHERE j."RecordingId" = due."RecordingId"
                RETURNING j."RecordingId", j."OwnerId", j."ContentVersion", j."Attempts"
                """).ToListAsync(cancel);
        }
        var jobs = db.Set<AnalysisJob>();
        var due = await jobs.AsNoTracking()
            .Where(j => (j.State == AnalysisJobState.Queued || j.State == AnalysisJobState.Running) && j.LeaseUntil < now && j.Attempts < _options.MaxAttempts)
            .OrderBy(j => j.CreatedAt).Take(max).ToListAsync(cancel);
        var claimed = new List<ClaimedJob>();
        foreach (var job in due)
        {
            if (await jobs.Where(j => j.RecordingId == job.RecordingId && j.UpdatedAt == job.UpdatedAt && j.State == job.State)
                    .ExecuteUpdateAsync(u => u.SetProperty(j => j.State, AnalysisJobState.Running).SetProperty(j => j.LeaseOwner, Owner)
                        .SetProperty(j => j.LeaseUntil, until).SetProperty(j => j.Attempts, j => j.Attempts + 1).SetProperty(j => j.UpdatedAt, now), cancel) == 1)
            {
                claimed.Add(new ClaimedJob(job.RecordingId, job.OwnerId, job.ContentVersion, job.Attempts + 1));
            }
        }
        return claimed;
    }

    /// <summary>Extends the leases of the jobs this node is running, so nobody takes them while they run.</summary>
    public async Task RenewAsync(CancellationToken cancel)
    {
        var ids = _running.Keys.ToList();
        if (ids.Count == 0)
        {
            return;
        }
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AttuneDb>();
        var now = Now;
        await db.Set<AnalysisJob>().Where(j => ids.Contains(j.RecordingId) && j.LeaseOwner == Owner && j.State == AnalysisJobState.Running)
            .ExecuteUpdateAsync(u => u.SetProperty(j => j.LeaseUntil, now + Lease).SetProperty(j => j.UpdatedAt, now), cancel);
    }

    /// <summary>
    /// Stores the finished analysis and marks the job done, in one transaction. When another node stored the same version
    /// first (its lease had run out while this one still worked), its row stays: a result is stored once.
    /// </summary>
    public async Task CompleteAsync(Guid id, AnalysedRecording analysed, CancellationToken cancel)
    {
        if (analysed.Json is not { } json)
        {
            return;
        }
        var version = analysed.ContentVersion;
        var series = AnalysisSeriesCodec.Encode(analysed);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AttuneDb>();
        var now = Now;
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancel);
            await db.Set<StoredAnalysis>().Where(s => s.RecordingId == id && s.ContentVersion < version).ExecuteDeleteAsync(cancel);
            db.Add(new StoredAnalysis
            {
                RecordingId = id,
                ContentVersion = version,
                Tag = json.Tag,
                Gzip = json.Gzip,
                Brotli = json.Brotli,
                Series = series,
                Node = NodeName,
                CreatedAt = now,
            });
            await db.SaveChangesAsync(cancel);
            await MarkDoneAsync(db, id, version, now, cancel);
            await transaction.CommitAsync(cancel);
            log.LogInformation("Stored the analysis of recording {RecordingId} (version {ContentVersion}): {Bytes} bytes", id, version,
                json.Gzip.Length + json.Brotli.Length + series.Length);
        }
        catch (DbUpdateException)
        {
            // Stored by another node already, or the recording is gone: either way nothing more to keep.
            db.ChangeTracker.Clear();
            await MarkDoneAsync(db, id, version, now, cancel);
        }
    }

    private static Task<int> MarkDoneAsync(AttuneDb db, Guid id, int version, DateTime now, CancellationToken cancel) =>
        db.Set<AnalysisJob>().Where(j => j.RecordingId == id && j.ContentVersion == version)
            .ExecuteUpdateAsync(u => u.SetProperty(j => j.State, AnalysisJobState.Done).SetProperty(j => j.LeaseOwner, (string?)null)
                .SetProperty(j => j.UpdatedAt, now), cancel);

    /// <summary>
    /// An attempt of this node failed (an error, or it ran past the time limit): queued again after a pause, or failed for
    /// good once it has had <see cref="AnalysisOptions.MaxAttempts"/>.
    /// </summary>
    public async Task FailedAsync(Guid id, int version, CancellationToken cancel)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AttuneDb>();
        var now = Now;
        var max = _options.MaxAttempts;
        await db.Set<AnalysisJob>().Where(j => j.RecordingId == id && j.ContentVersion == version && j.LeaseOwner == Owner)
            .ExecuteUpdateAsync(u => u.SetProperty(j => j.State, j => j.Attempts >= max ? AnalysisJobState.Failed : AnalysisJobState.Queued)
                .SetProperty(j => j.LeaseOwner, (string?)null).SetProperty(j => j.LeaseUntil, now + TimeSpan.FromSeconds(_options.SweepSeconds))
                .SetProperty(j => j.UpdatedAt, now), cancel);
    }

    /// <summary>This node could not take the job after all (its queue is full): hand it back at once, the attempt not counted.</summary>
    public async Task ReleaseAsync(Guid id, int version, CancellationToken cancel)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AttuneDb>();
        var now = Now;
        await db.Set<AnalysisJob>().Where(j => j.RecordingId == id && j.ContentVersion == version && j.LeaseOwner == Owner)
            .ExecuteUpdateAsync(u => u.SetProperty(j => j.State, AnalysisJobState.Queued).SetProperty(j => j.LeaseOwner, (string?)null)
                .SetProperty(j => j.LeaseUntil, now).SetProperty(j => j.Attempts, j => j.Attempts - 1).SetProperty(j => j.UpdatedAt, now), cancel);
    }

    /// <summary>Jobs whose last lease ran out on their last allowed attempt (the node died each time) fail for good.</summary>
    private async Task GiveUpAsync(AttuneDb db, CancellationToken cancel)
    {
        var now = Now;
        var max = _options.MaxAttempts;
        var failed = await db.Set<AnalysisJob>()
            .Where(j => (j.State == AnalysisJobState.Queued || j.State == AnalysisJobState.Running) && j.LeaseUntil < now && j.Attempts >= max)
            .ExecuteUpdateAsync(u => u.SetProperty(j => j.State, AnalysisJobState.Failed).SetProperty(j => j.LeaseOwner, (string?)null)
                .SetProperty(j => j.UpdatedAt, now), cancel);
        if (failed > 0)
        {
            log.LogWarning("Gave up on {Count} analyses after {Attempts} attempts each", failed, max);
        }
    }

    /// <summary>The stored result of <paramref name="id"/> at <paramref name="version"/>, or null.</summary>
    public static Task<StoredAnalysis?> StoredAsync(AttuneDb db, Guid id, int version, CancellationToken cancel) =>
        db.Set<StoredAnalysis>().AsNoTracking().FirstOrDefaultAsync(s => s.RecordingId == id && s.ContentVersion == version, cancel);

    /// <summary>Where the jobs of these recordings stand, for lists: only those not done.</summary>
    public static async Task<Dictionary<Guid, AnalysisJob>> UnfinishedAsync(AttuneDb db, IReadOnlyCollection<Guid> ids, CancellationToken cancel) =>
        ids.Count == 0 ? [] : await db.Set<AnalysisJob>().AsNoTracking()
            .Where(j => ids.Contains(j.RecordingId) && j.State != AnalysisJobState.Done).ToDictionaryAsync(j => j.RecordingId, cancel);
}
