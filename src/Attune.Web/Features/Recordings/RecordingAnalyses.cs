using System.Diagnostics;
using System.Linq.Expressions;
using Attune.Analysis.Series;
using Attune.Web.Data;
using Attune.Web.Features.Sharing;
using Attune.Web.Infrastructure;
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

    /// <summary>
    /// The analysis stopped (ran too long, or failed). Asking again starts it afresh, unless it <paramref name="GaveUp"/>
    /// after <paramref name="Attempts"/> tries: then only a change to the recording does.
    /// </summary>
    public sealed record Failed(int Attempts = 0, bool GaveUp = false) : AnalysisLookup;

    /// <summary>"once", "2 times": how many tries, in words for a sentence.</summary>
    public static string Tries(int attempts) => attempts == 1 ? "once" : $"{attempts} times";

    public sealed record NotFound : AnalysisLookup;
}

/// <summary>
/// Analyses recordings through the <see cref="AnalysisQueue"/>, right after upload and otherwise on demand, and keeps recent
/// results in memory together with their JSON, serialized and compressed once (gzip and Brotli) for the API: a 24-hour file
/// takes a few hundred milliseconds, and people move between the detail, together and API views of the same recording.
/// Entries are keyed by the recording's <see cref="Recording.ContentVersion"/>, which hand edits of an ECG's beats
/// increment in the same save as the edit: a changed recording is analysed afresh (with its edits, read from the database
/// with the access check, so an edit made on any node is followed on the next request), and an entry is otherwise dropped
/// when the recording is deleted, when it falls out of the size-bounded cache, or after an idle half hour.
/// </summary>
public sealed partial class RecordingAnalyses : IDisposable
{
    private readonly AnalysisQueue queue;
    private readonly ILogger<RecordingAnalyses> log;
    private readonly CacheEvictions _evictions;

    public RecordingAnalyses(
        AnalysisQueue queue, Microsoft.Extensions.Options.IOptions<AnalysisOptions> options,
        Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, ILogger<RecordingAnalyses> log,
        CacheEvictions evictions, AnalysisJobs jobs, IServiceScopeFactory scopes)
    {
        this.queue = queue;
        _jobs = jobs;
        _scopes = scopes;
        _options = options.Value;
        this.log = log;
        _evictions = evictions;
        RequestWait = TimeSpan.FromSeconds(options.Value.RequestWaitSeconds);
        _json = json.Value.SerializerOptions;
        // Access is checked on every read, so another node's stale entry is never served to someone who may not see it;
        // evicting it frees the memory of a deleted or erased recording at once.
        evictions.Listen(EvictionKind.Recording, ForgetHere, () =>
        {
            _cache.Compact(1.0);
            _signals.Compact(1.0);
        });
    }

    /// <summary>How long a request waits for a fresh analysis before answering that it is still being worked on.</summary>
    public TimeSpan RequestWait { get; }

    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = 64 });
    private readonly System.Text.Json.JsonSerializerOptions _json;

    /// <summary>Parsed ECG signals for the beat view, sized in MB: a day of 250 Hz ECG is 86 MB.</summary>
    private readonly MemoryCache _signals = new(new MemoryCacheOptions { SizeLimit = 256 });

    /// <summary>
    /// The analysis of a recording the reader may see (their own or shared with them), waiting at most
    /// <paramref name="wait"/> for it: from this node's memory, from this node's queue, from the result another node stored,
    /// or by claiming the recording's durable job and running it here (decision 0022). The caches hold results, never
    /// access decisions: access is checked against the database on every call.
    /// </summary>
    public async Task<AnalysisLookup> LookupAsync(Access access, Guid reader, Guid id, TimeSpan wait, CancellationToken cancel)
    {
        var found = await access.FindAsync<Recording, Meta>(reader, id,
            r => new Meta(r.Kind, r.SampleRateHz, r.StartedAt, r.PointCount, r.Channel, r.ContentVersion), cancel);
        if (found is null)
        {
            return new AnalysisLookup.NotFound();
        }
        var meta = found.Value;
        if (Cached(id, meta.ContentVersion) is { } hit)
        {
            return new AnalysisLookup.Ready(hit);
        }
        // Two requests for the same cold recording (the together page asks for two at once, a person may reload)
        // share one job; only the first reads the file. A job for an older version of the recording is replaced.
        var job = queue.Find(id, meta.ContentVersion);
        if (job is null)
        {
            if (await LoadStoredAsync(id, meta.ContentVersion, meta.PointCount, cancel) is { } stored)
            {
                return new AnalysisLookup.Ready(stored);
            }
            await using var scope = _scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AttuneDb>();
            switch (await _jobs.ClaimAsync(db, id, found.OwnerId, meta.ContentVersion, cancel))
            {
                case JobClaim.GaveUp gaveUp:
                    return new AnalysisLookup.Failed(gaveUp.Attempts, GaveUp: true);
                case JobClaim.Done:
                case JobClaim.Elsewhere:
                    return await WaitElsewhereAsync(id, meta.ContentVersion, meta.PointCount, wait, cancel);
            }
            if (await access.FindAsync<Recording, Stored>(reader, id, r => new Stored(r.Content,
                    r.BeatEdits.Select(e => new Attune.Analysis.Ecg.BeatEdit(e.SampleIndex, e.Added)).ToList()), cancel) is not { } content)
            {
                return new AnalysisLookup.NotFound();
            }
            var (bytes, edits) = content.Value;
            job = RunDurable(id, meta, token => Cached(id, meta.ContentVersion) ?? Analyse(id, meta, edits, token, content: bytes));
            if (job is null)
            {
                return new AnalysisLookup.Busy();
            }
        }
        try
        {
            return new AnalysisLookup.Ready(await queue.WaitAsync(job, wait, cancel));
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
        var found = await access.FindAsync<Recording, Meta>(reader, id, r => new Meta(r.Kind, r.SampleRateHz, r.StartedAt, r.PointCount, r.Channel, r.ContentVersion), cancel);
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
    /// Starts analysing a recording being stored, from the series its upload already parsed, beside the compression and the
    /// insert, so the page the person is sent to next finds the analysis done or under way. The returned job row (claimed by
    /// this node, or queued for any node when this one's queue is full) goes into the same transaction as the recording; the
    /// result is stored only once that transaction has committed.
    /// </summary>
    public StartedAnalysis Start(Recording recording, ParsedRecording parsed, long fileReceived = 0)
    {
        var meta = new Meta(recording.Kind, recording.SampleRateHz, recording.StartedAt, recording.PointCount, recording.Channel, recording.ContentVersion);
        var stored = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        var job = RunDurable(recording.Id, meta, token => Cached(recording.Id, meta.ContentVersion) ?? Analyse(recording.Id, meta, [], token, parsed: parsed),
            stored.Task, release: false);
        if (job is not null && fileReceived != 0)
        {
            _ = LogVisibleAsync(recording.Id, job.Task, stored.Task, fileReceived);
        }
        return new StartedAnalysis(job is null ? _jobs.NewQueued(recording) : _jobs.NewClaimed(recording), stored, () => ForgetHere(recording.Id));
    }

    /// <summary>
    /// Logs when an upload's analysis could first be seen: the recording stored and its analysis in this node's memory,
    /// counted from when the server had the whole file (bench/analysis.sh reads it: the server's share of upload to visible).
    /// </summary>
    private async Task LogVisibleAsync(Guid id, Task<AnalysedRecording> analysed, Task<bool> stored, long fileReceived)
    {
        try
        {
            await analysed;
            if (await stored)
            {
                log.LogInformation("The analysis of recording {RecordingId} could be seen {VisibleMs:0.0} ms after the server had its file",
                    id, Stopwatch.GetElapsedTime(fileReceived).TotalMilliseconds);
            }
        }
        catch (Exception)
        {
            // A failed or abandoned analysis is logged where it ends.
        }
    }

    /// <summary>The analysis as the API sends it (results from the cache already carry it).</summary>
    public EncodedJson Encode(RecordingAnalysisDto analysis) => EncodedJson.Create(analysis, _json);

    /// <summary>
    /// A rough upper bound of the memory one analysis needs, from what the recording holds: several double arrays
    /// per beat (intervals, corrections, resampled series, spectra) or per ECG sample (filtered copies).
    /// </summary>
    public static long EstimateBytes(RecordingKind kind, int points) =>
        32L * 1024 * 1024 + (kind == RecordingKind.Ecg ? 64L : 600L) * points;

    private static long EstimateBytes(Meta meta) => EstimateBytes(meta.Kind, meta.PointCount);

    private AnalysedRecording? Cached(Guid id, int contentVersion) =>
        _cache.TryGetValue(id, out AnalysedRecording? hit) && hit is not null && hit.ContentVersion == contentVersion ? hit : null;

    private AnalysedRecording Analyse(Guid id, Meta meta, List<Attune.Analysis.Ecg.BeatEdit> edits, CancellationToken cancel,
        byte[]? content = null, ParsedRecording? parsed = null)
    {
        OnAnalysing?.Invoke(id, cancel);
        var started = Stopwatch.GetTimestamp();
        if (parsed is null)
        {
            var result = RecordingFiles.Parse(RecordingFiles.Decompress(content!), meta.Kind, meta.SampleRateHz, meta.Channel);
            if (!result.IsSuccess)
            {
                // Stored files were parsed at upload; only a parser change that refuses old files gets here.
                throw new InvalidOperationException($"Stored recording {id} no longer parses: {result.Error}");
            }
            parsed = result.Value;
        }
        var parseMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        cancel.ThrowIfCancellationRequested();
        var analysed = RecordingAnalysis.Run(id, parsed, meta.StartedAt, edits, cancel);
        cancel.ThrowIfCancellationRequested();
        var encoded = EncodedJson.Create(analysed.Analysis, _json);
        analysed = analysed with { ContentVersion = meta.ContentVersion, Json = encoded };
        log.LogInformation(
            "Analysed recording {RecordingId} (version {ContentVersion}): reading the file {ParseMs:0.0} ms, analysis {AnalysisMs:0.0} ms, "
            + "JSON {JsonMs:0.0} ms ({JsonBytes} bytes), gzip {GzipMs:0.0} ms ({GzipBytes} bytes), Brotli {BrotliMs:0.0} ms ({BrotliBytes} bytes)",
            id, meta.ContentVersion, parseMs, analysed.Analysis.AnalysisMs, encoded.SerializeMs, encoded.Identity.Length,
            encoded.GzipMs, encoded.Gzip.Length, encoded.BrotliMs, encoded.Brotli.Length);
        Remember(id, analysed, meta.PointCount);
        return analysed;
    }

    private void Remember(Guid id, AnalysedRecording analysed, int pointCount)
    {
        // A slower job for an older version must not replace a newer result.
        if (!_cache.TryGetValue(id, out AnalysedRecording? current) || current is null || current.ContentVersion <= analysed.ContentVersion)
        {
            // Sized by beats, so the cache holds many short recordings or a few week-long ones, not 64 of the largest.
            _cache.Set(id, analysed, new MemoryCacheEntryOptions { Size = 1 + pointCount / 100_000, SlidingExpiration = TimeSpan.FromMinutes(30) });
        }
    }

    /// <summary>
    /// Deletes the owner's recording and forgets its analysis, so no cached result outlives it. False when
    /// there is no such recording of theirs (someone it is shared with cannot delete it).
    /// </summary>
    public async Task<bool> DeleteAsync(Access access, Guid ownerId, Guid id, CancellationToken cancel)
    {
        if (await access.DeleteOwnAsync<Recording>(ownerId, r => r.Id == id, cancel) == 0)
        {
            return false;
        }
        Forget(id);
        return true;
    }

    /// <summary>Drops what is cached or queued for these recordings (their owner's account was erased).</summary>
    public void Forget(IEnumerable<Guid> ids)
    {
        foreach (var id in ids)
        {
            Forget(id);
        }
    }

    /// <summary>
    /// Drops the cached analysis of a recording and any job under way (it was deleted, or its beats were edited). After an
    /// edit the incremented content version already keeps a stale result from being served; this frees the memory at once.
    /// </summary>
    public void Forget(Guid id)
    {
        ForgetHere(id);
        _evictions.Publish(EvictionKind.Recording, id);
    }

    internal void ForgetHere(Guid id)
    {
        queue.Forget(id);
        _cache.Remove(id);
        _signals.Remove(id);
    }

    public void Dispose()
    {
        _stopping = true;
        _cache.Dispose();
        _signals.Dispose();
    }

    internal sealed record Meta(RecordingKind Kind, double? SampleRateHz, DateTime? StartedAt, int PointCount, string? Channel, int ContentVersion);

    internal sealed record Stored(byte[] Content, List<Attune.Analysis.Ecg.BeatEdit> Edits);
}
