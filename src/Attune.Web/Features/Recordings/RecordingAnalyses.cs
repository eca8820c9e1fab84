using System.Linq.Expressions;
using Attune.Analysis.Series;
using Attune.Web.Data;
using Attune.Web.Features.Sharing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace Attune.Web.Features.Recordings;

/// <summary>Reading recordings, for the API and the pages alike, through the access layer.</summary>
public static class RecordingReads
{
    public static readonly Expression<Func<Recording, RecordingDto>> ToDto = r => new RecordingDto(r.Id, r.Name,
        r.Kind == RecordingKind.Rr ? "rr" : r.Kind == RecordingKind.HeartRate ? "heart-rate" : "ecg",
        r.OriginalFileName, r.StartedAt, r.UploadedAt, r.SampleRateHz, r.DurationSeconds, r.PointCount, r.OwnerId, null);

    /// <summary>The reader's own recordings, those shared with them, or both; newest upload first.</summary>
    public static async Task<List<RecordingDto>> ListAsync(Access access, AttuneDb db, Guid reader, Whose whose, CancellationToken cancel)
    {
        var rows = await access.ListAsync(reader, whose, q => q.OrderByDescending(r => r.UploadedAt), ToDto, cancel);
        return await NameOwnersAsync(db, reader, rows, cancel);
    }

    /// <summary>A recording the reader may see, or null (no such recording, or not theirs to see).</summary>
    public static async Task<RecordingDto?> FindAsync(Access access, AttuneDb db, Guid reader, Guid id, CancellationToken cancel)
    {
        var row = await access.FindAsync(reader, id, ToDto, cancel);
        return row is null ? null : (await NameOwnersAsync(db, reader, [row], cancel))[0];
    }

    private static async Task<List<RecordingDto>> NameOwnersAsync(AttuneDb db, Guid reader, List<Read<RecordingDto>> rows, CancellationToken cancel)
    {
        var names = await People.NamesAsync(db, rows.Where(r => r.OwnerId != reader).Select(r => r.OwnerId), cancel);
        return [.. rows.Select(r => r.OwnerId == reader ? r.Value : r.Value with { SharedBy = names.GetValueOrDefault(r.OwnerId, "someone") })];
    }
}

/// <summary>What asking for an analysis came to.</summary>
public abstract record AnalysisLookup
{
    public sealed record Ready(AnalysedRecording Result) : AnalysisLookup;

    /// <summary>Still queued (with how many before it) or running, and about how many seconds until it is done.</summary>
    public sealed record Pending(AnalysisState State, int Ahead, int AboutSeconds = 0) : AnalysisLookup;

    /// <summary>Too much is waiting already: try again shortly.</summary>
    public sealed record Busy : AnalysisLookup;

    /// <summary>The analysis stopped (ran too long, or failed); asking again starts it afresh.</summary>
    public sealed record Failed : AnalysisLookup;

    public sealed record NotFound : AnalysisLookup;
}

/// <summary>
/// Analyses recordings on demand through the <see cref="AnalysisQueue"/> and keeps recent results in memory: a
/// 24-hour file takes about a second, and people move between the detail, together and API views of the same
/// recording. A recording's file never changes after upload, but an ECG's beats can be edited by hand: each
/// result is cached under the recording's id together with a stamp of its edits (how many, and the newest),
/// read from the database with the access check, so an edit made on any node is followed on the next request.
/// Entries are dropped when the recording is deleted or edited, when they fall out of the size-bounded cache,
/// or after an idle half hour.
/// </summary>
public sealed class RecordingAnalyses(AnalysisQueue queue, Microsoft.Extensions.Options.IOptions<AnalysisOptions> options) : IDisposable
{
    /// <summary>How long a request waits for a fresh analysis before answering that it is still being worked on.</summary>
    public TimeSpan RequestWait { get; } = TimeSpan.FromSeconds(options.Value.RequestWaitSeconds);

    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = 64 });

    /// <summary>Parsed ECG signals for the beat view, sized in MB: a day of 250 Hz ECG is 86 MB.</summary>
    private readonly MemoryCache _signals = new(new MemoryCacheOptions { SizeLimit = 256 });

    /// <summary>Which version of a recording each queued or running job analyses.</summary>
    private readonly System.Collections.Concurrent.ConcurrentDictionary<Guid, Key> _jobKeys = new();

    /// <summary>
    /// The analysis of a recording the reader may see (their own or shared with them), waiting at most
    /// <paramref name="wait"/> for it. The cache holds results, never access decisions: access is checked against
    /// the database on every call.
    /// </summary>
    public async Task<AnalysisLookup> LookupAsync(Access access, Guid reader, Guid id, TimeSpan wait, CancellationToken cancel)
    {
        var found = await access.FindAsync<Recording, Meta>(reader, id, r => new Meta(r.Kind, r.SampleRateHz, r.StartedAt, r.PointCount, r.Channel,
            r.BeatEdits.Count(), r.BeatEdits.Max(e => (DateTime?)e.CreatedAt)), cancel);
        if (found is null)
        {
            return new AnalysisLookup.NotFound();
        }
        var meta = found.Value;
        var key = new Key(id, meta.EditCount, meta.LastEditAt);
        if (_cache.TryGetValue(key, out AnalysedRecording? hit) && hit is not null)
        {
            return new AnalysisLookup.Ready(hit);
        }
        // Two requests for the same cold recording (the together page asks for two at once, a person may reload)
        // share one job; only the first reads the file. A job for an older version of the edits is dropped.
        var job = queue.Find(id);
        if (job is not null && _jobKeys.TryGetValue(id, out var jobKey) && jobKey != key)
        {
            queue.Forget(id);
            job = null;
        }
        if (job is null)
        {
            if (await access.FindAsync<Recording, Stored>(reader, id, r => new Stored(r.Content,
                    r.BeatEdits.Select(e => new Attune.Analysis.Ecg.BeatEdit(e.SampleIndex, e.Added)).ToList()), cancel) is not { } stored)
            {
                return new AnalysisLookup.NotFound();
            }
            var (content, edits) = stored.Value;
            _jobKeys[id] = key;
            job = queue.Enqueue(id, EstimateBytes(meta), token => _cache.TryGetValue(key, out AnalysedRecording? done) && done is not null
                ? done
                : Analyse(key, content, edits, meta, token));
            if (job is null)
            {
                return new AnalysisLookup.Busy();
            }
        }
        try
        {
            return new AnalysisLookup.Ready(await job.Task.WaitAsync(wait, cancel));
        }
        catch (TimeoutException)
        {
            return new AnalysisLookup.Pending(job.State, queue.Ahead(job), queue.EstimateSeconds(job));
        }
        catch (Exception) when (job.Task.IsFaulted || job.Task.IsCanceled)
        {
            return new AnalysisLookup.Failed();
        }
    }

    /// <summary>The analysis, waiting as long as it takes (within the queue's own time limit); null when not found or it failed.</summary>
    public async Task<AnalysedRecording?> GetAsync(Access access, Guid reader, Guid id, CancellationToken cancel) =>
        await LookupAsync(access, reader, id, Timeout.InfiniteTimeSpan, cancel) is AnalysisLookup.Ready ready ? ready.Result : null;

    /// <summary>
    /// Where a recording's first analysis stands without starting one: null when it is cached or nobody asked for
    /// it; otherwise queued (with how many ahead) or running, and about how many seconds are left. For lists.
    /// </summary>
    public AnalysisLookup.Pending? Progress(Guid id) =>
        queue.Peek(id) is { } job && job.State is AnalysisState.Queued or AnalysisState.Running
            ? new AnalysisLookup.Pending(job.State, queue.Ahead(job), queue.EstimateSeconds(job))
            : null;

    /// <summary>
    /// The parsed ECG of a recording the reader may see, for drawing it: null when not found or not an ECG. Kept a
    /// few minutes (people scroll through it), within a memory budget.
    /// </summary>
    public async Task<EcgSignal?> EcgAsync(Access access, Guid reader, Guid id, CancellationToken cancel)
    {
        var found = await access.FindAsync<Recording, Meta>(reader, id, r => new Meta(r.Kind, r.SampleRateHz, r.StartedAt, r.PointCount, r.Channel, 0, null), cancel);
        if (found is null || found.Value.Kind != RecordingKind.Ecg)
        {
            return null;
        }
        if (_signals.TryGetValue(id, out EcgSignal? hit) && hit is not null)
        {
            return hit;
        }
        if (await access.FindAsync<Recording, byte[]>(reader, id, r => r.Content, cancel) is not { } stored)
        {
            return null;
        }
        var meta = found.Value;
        var parsed = RecordingFiles.Parse(RecordingFiles.Decompress(stored.Value), meta.Kind, meta.SampleRateHz, meta.Channel);
        if (!parsed.IsSuccess || parsed.Value.Ecg is not { } ecg)
        {
            return null;
        }
        _signals.Set(id, ecg, new MemoryCacheEntryOptions { Size = 1 + ecg.Count * 4L / (1024 * 1024), SlidingExpiration = TimeSpan.FromMinutes(10) });
        return ecg;
    }

    /// <summary>
    /// A rough upper bound of the memory one analysis needs, from what the recording holds: several double arrays
    /// per beat (intervals, corrections, resampled series, spectra) or per ECG sample (filtered copies).
    /// </summary>
    public static long EstimateBytes(RecordingKind kind, int points) =>
        32L * 1024 * 1024 + (kind == RecordingKind.Ecg ? 64L : 600L) * points;

    private static long EstimateBytes(Meta meta) => EstimateBytes(meta.Kind, meta.PointCount);

    private AnalysedRecording Analyse(Key key, byte[] content, List<Attune.Analysis.Ecg.BeatEdit> edits, Meta meta, CancellationToken cancel)
    {
        var parsed = RecordingFiles.Parse(RecordingFiles.Decompress(content), meta.Kind, meta.SampleRateHz, meta.Channel);
        if (!parsed.IsSuccess)
        {
            // Stored files were parsed at upload; only a parser change that refuses old files gets here.
            throw new InvalidOperationException($"Stored recording {key.Id} no longer parses: {parsed.Error}");
        }
        cancel.ThrowIfCancellationRequested();
        var analysed = RecordingAnalysis.Run(key.Id, parsed.Value, meta.StartedAt, edits, cancel);
        // Sized by beats, so the cache holds many short recordings or a few week-long ones, not 64 of the largest.
        _cache.Set(key, analysed, new MemoryCacheEntryOptions { Size = 1 + meta.PointCount / 100_000, SlidingExpiration = TimeSpan.FromMinutes(30) });
        return analysed;
    }

    /// <summary>
    /// Deletes the owner's recording and forgets its analysis, so no cached result outlives it. False when
    /// there is no such recording of theirs (someone it is shared with cannot delete it).
    /// </summary>
    public async Task<bool> DeleteAsync(Access access, Guid ownerId, Guid id, CancellationToken cancel)
    {
        if (await access.Own<Recording>(ownerId).Where(r => r.Id == id).ExecuteDeleteAsync(cancel) == 0)
        {
            return false;
        }
        Forget(id);
        _signals.Remove(id);
        return true;
    }

    /// <summary>
    /// Drops every cached analysis of a recording and any job under way (its beats were edited). The stamp in the
    /// cache key already keeps a stale result from being served; this frees the memory at once.
    /// </summary>
    public void Forget(Guid id)
    {
        queue.Forget(id);
        _jobKeys.TryRemove(id, out _);
        foreach (var key in _cache.Keys.OfType<Key>().Where(k => k.Id == id).ToList())
        {
            _cache.Remove(key);
        }
    }

    public void Dispose()
    {
        _cache.Dispose();
        _signals.Dispose();
    }

    private sealed record Meta(RecordingKind Kind, double? SampleRateHz, DateTime? StartedAt, int PointCount, string? Channel, int EditCount, DateTime? LastEditAt);

    private sealed record Stored(byte[] Content, List<Attune.Analysis.Ecg.BeatEdit> Edits);

    /// <summary>A recording as of a state of its hand edits.</summary>
    private sealed record Key(Guid Id, int EditCount, DateTime? LastEditAt);
}
