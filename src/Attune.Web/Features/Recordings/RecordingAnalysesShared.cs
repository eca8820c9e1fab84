using System.Diagnostics;
using System.Text.Json;
using Attune.Web.Data;
using Attune.Web.Features.Sharing;
using Microsoft.EntityFrameworkCore;

namespace Attune.Web.Features.Recordings;

/// <summary>
/// A new recording's analysis, started before the recording is stored: <see cref="Job"/> goes into the recording's
/// transaction; call <see cref="Stored"/> once it has committed (the result is then stored too) or <see cref="Abandon"/>
/// when the upload was refused after all.
/// </summary>
public sealed class StartedAnalysis(AnalysisJob job, TaskCompletionSource<bool> stored, Action forget)
{
    public AnalysisJob Job { get; } = job;

    public void Stored() => stored.TrySetResult(true);

    public void Abandon()
    {
        stored.TrySetResult(false);
        forget();
    }
}

/// <summary>The durable, shared half of <see cref="RecordingAnalyses"/> (decision 0022).</summary>
public sealed partial class RecordingAnalyses
{
    private readonly AnalysisJobs _jobs;
    private readonly IServiceScopeFactory _scopes;
    private readonly AnalysisOptions _options;
    private volatile bool _stopping;

    /// <summary>The log of recordings' analyses, also used for the parts of an upload.</summary>
    internal ILogger Log => log;

    /// <summary>Called on the worker before each analysis; tests make it block, to stand for a node that dies mid-analysis.</summary>
    internal Action<Guid, CancellationToken>? OnAnalysing { get; set; }

    /// <summary>
    /// Runs a job this node has claimed in its own queue (the memory budget, concurrency and time limit hold), never dropped
    /// for want of interest, and stores the result when it is done. Null when the queue is full; the claim is then handed
    /// back (unless <paramref name="release"/> is false: an upload writes the job unclaimed instead).
    /// </summary>
    private AnalysisQueue.Job? RunDurable(Guid id, Meta meta, Func<CancellationToken, AnalysedRecording> work, Task<bool>? stored = null, bool release = true)
    {
        var job = queue.Enqueue(id, EstimateBytes(meta), work, meta.ContentVersion, keep: true);
        if (job is null)
        {
            if (release)
            {
                _ = _jobs.ReleaseAsync(id, meta.ContentVersion, CancellationToken.None);
            }
            return null;
        }
        _jobs.Started(id, meta.ContentVersion);
        _ = FinishAsync(id, meta.ContentVersion, job, stored);
        return job;
    }

    private async Task FinishAsync(Guid id, int version, AnalysisQueue.Job job, Task<bool>? stored)
    {
        try
        {
            AnalysedRecording result;
            try
            {
                result = await job.Task;
            }
            catch (Exception) when (!_stopping)
            {
                // An error or the time limit; a delete or an edit also cancels, and then no row at this version is ours.
                await _jobs.FailedAsync(id, version, CancellationToken.None);
                return;
            }
            if (_stopping || (stored is not null && !await stored))
            {
                return;
            }
            await _jobs.CompleteAsync(id, result, CancellationToken.None);
        }
        catch (Exception e) when (_stopping || e is ObjectDisposedException or OperationCanceledException)
        {
            // Stopping: the lease runs out and another node (or this one restarted) takes the job, as after a crash.
        }
        catch (Exception e)
        {
            log.LogError(e, "Could not record how the analysis of recording {RecordingId} ended", id);
        }
        finally
        {
            _jobs.Stopped(id);
        }
    }

    /// <summary>The result another node (or this one, earlier) stored, now kept in this node's memory too; null when there is none.</summary>
    private async Task<AnalysedRecording?> LoadStoredAsync(Guid id, int version, int pointCount, CancellationToken cancel)
    {
        StoredAnalysis? row;
        await using (var scope = _scopes.CreateAsyncScope())
        {
            row = await AnalysisJobs.StoredAsync(scope.ServiceProvider.GetRequiredService<AttuneDb>(), id, version, cancel);
        }
        if (row is null)
        {
            return null;
        }
        var started = Stopwatch.GetTimestamp();
        var json = EncodedJson.FromStored(row.Gzip, row.Brotli, row.Tag);
        var dto = JsonSerializer.Deserialize<RecordingAnalysisDto>(json.Identity, _json)
            ?? throw new InvalidDataException($"The stored analysis of recording {id} is empty.");
        var analysed = AnalysisSeriesCodec.Decode(row.Series, dto, json, version);
        log.LogInformation("Read the stored analysis of recording {RecordingId} (version {ContentVersion}, by {Node}) in {Ms:0.0} ms",
            id, version, row.Node, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        Remember(id, analysed, pointCount);
        return analysed;
    }

    /// <summary>Another node runs the job: look for its result now and then while the request may wait.</summary>
    private async Task<AnalysisLookup> WaitElsewhereAsync(Guid id, int version, int pointCount, TimeSpan wait, CancellationToken cancel)
    {
        var until = wait == Timeout.InfiniteTimeSpan ? TimeSpan.FromSeconds(_options.TimeoutSeconds + _options.LeaseSeconds) : wait;
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (await LoadStoredAsync(id, version, pointCount, cancel) is { } stored)
            {
                return new AnalysisLookup.Ready(stored);
            }
            AnalysisJob? job;
            await using (var scope = _scopes.CreateAsyncScope())
            {
                job = await scope.ServiceProvider.GetRequiredService<AttuneDb>().Set<AnalysisJob>().AsNoTracking()
                    .FirstOrDefaultAsync(j => j.RecordingId == id, cancel);
            }
            if (job is { State: AnalysisJobState.Failed })
            {
                return new AnalysisLookup.Failed(job.Attempts, GaveUp: true);
            }
            var state = job is { State: AnalysisJobState.Running } ? AnalysisState.Running : AnalysisState.Queued;
            if (clock.Elapsed >= until)
            {
                return new AnalysisLookup.Pending(state, 0, Math.Max(1, (int)Math.Ceiling(RequestWait.TotalSeconds)));
            }
            await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(500, Math.Max(50, (until - clock.Elapsed).TotalMilliseconds))), cancel);
        }
    }

    /// <summary>
    /// Runs a job the sweeper claimed: reads the recording as its owner's own data (the system works on their behalf, and
    /// nobody is shown anything here), and queues it. False when this node's queue is full (the claim is handed back).
    /// </summary>
    internal async Task<bool> RunClaimedAsync(ClaimedJob claimed, CancellationToken cancel)
    {
        var id = claimed.RecordingId;
        await using var scope = _scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AttuneDb>();
        var row = await Access.OwnedBy<Recording>(db, claimed.OwnerId).Where(r => r.Id == id)
            .Select(r => new
            {
                Meta = new Meta(r.Kind, r.SampleRateHz, r.StartedAt, r.PointCount, r.Channel, r.ContentVersion),
                r.Content,
                Edits = r.BeatEdits.Select(e => new Attune.Analysis.Ecg.BeatEdit(e.SampleIndex, e.Added)).ToList(),
            })
            .FirstOrDefaultAsync(cancel);
        if (row is null)
        {
            return true;
        }
        var meta = row.Meta;
        if (meta.ContentVersion != claimed.ContentVersion)
        {
            // Edited since the job was written: the job follows the recording.
            await db.Set<AnalysisJob>().Where(j => j.RecordingId == id && j.LeaseOwner == _jobs.Owner)
                .ExecuteUpdateAsync(u => u.SetProperty(j => j.ContentVersion, meta.ContentVersion).SetProperty(j => j.Attempts, 1), cancel);
        }
        log.LogInformation("Took over the analysis of recording {RecordingId} (attempt {Attempt})", id, claimed.Attempts);
        var content = row.Content;
        var edits = row.Edits;
        return RunDurable(id, meta, token => Cached(id, meta.ContentVersion) ?? Analyse(id, meta, edits, token, content: content)) is not null;
    }

    /// <summary>
    /// Reads, compresses and analyses five hours of made-up beats and encodes the result, outside the queue and caching nothing, so the code of the
    /// analysis, the JSON and the compressors is compiled before the first upload needs it.
    /// </summary>
    internal void WarmUp()
    {
        if (!_options.WarmUp)
        {
            return;
        }
        var started = Stopwatch.GetTimestamp();
        // Through the upload's own reading of a file, so the parser is compiled too (31 ms of the first upload's reading).
        var parsed = RecordingFiles.Parse(MadeUpFile.Value, RecordingKind.Rr, null).Value!;
        var analysed = RecordingAnalysis.Run(Guid.Empty, parsed, null);
        var json = Encode(analysed.Analysis);
        _ = JsonSerializer.Deserialize<RecordingAnalysisDto>(json.Identity, _json);
        _ = AnalysisSeriesCodec.Encode(analysed with { Json = json });
        log.LogInformation("Analysis code warmed up in {Ms:0} ms", Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }

    /// <summary>
    /// Stores the made-up file as an upload does (<see cref="RecordingUploads.CreateAsync"/>: read, compress, the quota query,
    /// the insert and its audit record) for a made-up account, inside a transaction that is then rolled back: nothing is
    /// kept. The first upload after a start otherwise paid about 60 ms for compiling that path, beside its analysis.
    /// </summary>
    internal async Task WarmUpStoreAsync(CancellationToken cancel)
    {
        if (!_options.WarmUp)
        {
            return;
        }
        var started = Stopwatch.GetTimestamp();
        await using var scope = _scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AttuneDb>();
        var clock = scope.ServiceProvider.GetRequiredService<TimeProvider>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancel);
        var owner = Guid.CreateVersion7();
        var name = $"warm-up-{owner:N}@attune.invalid";
        db.Add(new Accounts.AppUser
        {
            Id = owner,
            UserName = name,
            NormalizedUserName = name.ToUpperInvariant(),
            Email = name,
            NormalizedEmail = name.ToUpperInvariant(),
            SecurityStamp = Guid.NewGuid().ToString("N"),
            ConcurrencyStamp = Guid.NewGuid().ToString("N"),
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        });
        await db.SaveChangesAsync(cancel);
        var (recording, problem) = await RecordingUploads.CreateAsync(db, owner, MadeUpFile.Value, new UploadDetails(null, "rr", null, null), clock, cancel);
        await transaction.RollbackAsync(cancel);
        db.ChangeTracker.Clear();
        if (recording is null)
        {
            log.LogWarning("Warming up the upload path was refused: {Problem}", problem?.Message);
            return;
        }
        log.LogInformation("Upload path warmed up in {Ms:0} ms (nothing kept)", Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }

    /// <summary>
    /// About five hours of beats as an RR file, taking the paths a real day takes: breathing swings, slow drift, an early beat
    /// and its pause now and then (the corrections), and a stretch of a racing heart (the flooding and irregular-rhythm
    /// checks). An hour of regular made-up beats left the first real 24-hour analysis at 373 ms; this, 314 ms.
    /// </summary>
    private static readonly Lazy<byte[]> MadeUpFile = new(() =>
    {
        var noise = new Random(7);
        var csv = new System.Text.StringBuilder("rr_ms\n", 22_000 * 10);
        for (var i = 0; i < 22_000; i++)
        {
            var interval = 800 + 60 * Math.Sin(i * 0.5) + 15 * Math.Sin(i * 1.7) + 80 * Math.Sin(i * 0.0005) + noise.NextDouble() * 20;
            if (i is > 9_000 and < 11_000)
            {
                interval = 430 + noise.NextDouble() * 30;
            }
            // An early beat and the pause after it.
            interval *= i % 150 == 0 && i > 0 ? 0.6 : i % 150 == 1 && i > 1 ? 1.4 : 1;
            csv.Append(interval.ToString("0.####", System.Globalization.CultureInfo.InvariantCulture)).Append('\n');
        }
        return System.Text.Encoding.UTF8.GetBytes(csv.ToString());
    });

    /// <summary>How many more jobs this node's queue takes from the sweeper now: up to its concurrency, counting what it runs.</summary>
    internal int Room => Math.Max(0, Math.Max(1, _options.Concurrency) - queue.Count);
}
