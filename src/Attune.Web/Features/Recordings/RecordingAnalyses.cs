using System.Linq.Expressions;
using Attune.Web.Data;
using Attune.Web.Features.Sharing;
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

    /// <summary>Still queued (with how many before it) or running.</summary>
    public sealed record Pending(AnalysisState State, int Ahead) : AnalysisLookup;

    /// <summary>Too much is waiting already: try again shortly.</summary>
    public sealed record Busy : AnalysisLookup;

    /// <summary>The analysis stopped (ran too long, or failed); asking again starts it afresh.</summary>
    public sealed record Failed : AnalysisLookup;

    public sealed record NotFound : AnalysisLookup;
}

/// <summary>
/// Analyses recordings on demand through the <see cref="AnalysisQueue"/> and keeps recent results in memory: a
/// 24-hour file takes about a second, and people move between the detail, together and API views of the same
/// recording. Recordings never change after upload, so an entry is only dropped when the recording is deleted,
/// when it falls out of the size-bounded cache, or after an idle half hour.
/// </summary>
public sealed class RecordingAnalyses(AnalysisQueue queue, Microsoft.Extensions.Options.IOptions<AnalysisOptions> options) : IDisposable
{
    /// <summary>How long a request waits for a fresh analysis before answering that it is still being worked on.</summary>
    public TimeSpan RequestWait { get; } = TimeSpan.FromSeconds(options.Value.RequestWaitSeconds);

    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = 64 });

    /// <summary>
    /// The analysis of a recording the reader may see (their own or shared with them), waiting at most
    /// <paramref name="wait"/> for it. The cache holds results, never access decisions: access is checked against
    /// the database on every call.
    /// </summary>
    public async Task<AnalysisLookup> LookupAsync(Access access, Guid reader, Guid id, TimeSpan wait, CancellationToken cancel)
    {
        var found = await access.FindAsync<Recording, Meta>(reader, id, r => new Meta(r.Kind, r.SampleRateHz, r.StartedAt, r.PointCount), cancel);
        if (found is null)
        {
            return new AnalysisLookup.NotFound();
        }
        var meta = found.Value;
        if (_cache.TryGetValue(id, out AnalysedRecording? hit) && hit is not null)
        {
            return new AnalysisLookup.Ready(hit);
        }
        // Two requests for the same cold recording (the together page asks for two at once, a person may reload)
        // share one job; only the first reads the file.
        var job = queue.Find(id);
        if (job is null)
        {
            if (await access.FindAsync<Recording, byte[]>(reader, id, r => r.Content, cancel) is not { } stored)
            {
                return new AnalysisLookup.NotFound();
            }
            var content = stored.Value;
            job = queue.Enqueue(id, EstimateBytes(meta), token => _cache.TryGetValue(id, out AnalysedRecording? done) && done is not null
                ? done
                : Analyse(id, content, meta, token));
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
            return new AnalysisLookup.Pending(job.State, queue.Ahead(job));
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
    /// A rough upper bound of the memory one analysis needs, from what the recording holds: several double arrays
    /// per beat (intervals, corrections, resampled series, spectra) or per ECG sample (filtered copies).
    /// </summary>
    public static long EstimateBytes(RecordingKind kind, int points) =>
        32L * 1024 * 1024 + (kind == RecordingKind.Ecg ? 64L : 600L) * points;

    private static long EstimateBytes(Meta meta) => EstimateBytes(meta.Kind, meta.PointCount);

    private AnalysedRecording Analyse(Guid id, byte[] content, Meta meta, CancellationToken cancel)
    {
        var parsed = RecordingFiles.Parse(RecordingFiles.Decompress(content), meta.Kind, meta.SampleRateHz);
        if (!parsed.IsSuccess)
        {
            // Stored files were parsed at upload; only a parser change that refuses old files gets here.
            throw new InvalidOperationException($"Stored recording {id} no longer parses: {parsed.Error}");
        }
        cancel.ThrowIfCancellationRequested();
        var analysed = RecordingAnalysis.Run(id, parsed.Value, meta.StartedAt, cancel);
        // Sized by beats, so the cache holds many short recordings or a few week-long ones, not 64 of the largest.
        _cache.Set(id, analysed, new MemoryCacheEntryOptions { Size = 1 + meta.PointCount / 100_000, SlidingExpiration = TimeSpan.FromMinutes(30) });
        return analysed;
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

    private void Forget(Guid id)
    {
        queue.Forget(id);
        _cache.Remove(id);
    }

    public void Dispose() => _cache.Dispose();

    private sealed record Meta(RecordingKind Kind, double? SampleRateHz, DateTime? StartedAt, int PointCount);
}
