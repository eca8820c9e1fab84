using System.Collections.Concurrent;
using System.Linq.Expressions;
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

/// <summary>
/// Analyses recordings on demand and keeps recent results in memory: a 24-hour file takes about a
/// second, and people move between the detail, together and API views of the same recording.
/// Recordings never change after upload, so an entry is only dropped when the recording is deleted,
/// when it falls out of the size-bounded cache, or after an idle half hour.
/// </summary>
public sealed class RecordingAnalyses : IDisposable
{
    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = 64 });
    private readonly ConcurrentDictionary<Guid, Lazy<Task<AnalysedRecording>>> _running = new();

    /// <summary>
    /// The analysis of a recording the reader may see (their own or shared with them), or null when there
    /// is no such recording or it is not theirs to see. The cache holds results, never access decisions:
    /// access is checked against the database on every call.
    /// </summary>
    public async Task<AnalysedRecording?> GetAsync(Access access, Guid reader, Guid id, CancellationToken cancel)
    {
        var found = await access.FindAsync<Recording, Meta>(reader, id, r => new Meta(r.Kind, r.SampleRateHz, r.StartedAt), cancel);
        if (found is null)
        {
            return null;
        }
        var meta = found.Value;
        if (_cache.TryGetValue(id, out AnalysedRecording? hit) && hit is not null)
        {
            // A computation whose only waiter gave up is finished by now; drop its handle.
            if (_running.TryGetValue(id, out var done) && done.IsValueCreated && done.Value.IsCompleted)
            {
                _running.TryRemove(new KeyValuePair<Guid, Lazy<Task<AnalysedRecording>>>(id, done));
            }
            return hit;
        }
        if (await access.FindAsync<Recording, byte[]>(reader, id, r => r.Content, cancel) is not { } stored)
        {
            return null;
        }
        var content = stored.Value;
        // Two requests for the same cold recording (the together page asks for two at once, a person
        // may reload) share one computation instead of each spending a second of CPU on it.
        // The cache is asked again inside: a computation that finished (and left _running) while this request was
        // reading the file has already put its result there.
        var lazy = _running.GetOrAdd(id, _ => new Lazy<Task<AnalysedRecording>>(
            () => Task.Run(() => _cache.TryGetValue(id, out AnalysedRecording? done) && done is not null
                ? done
                : Analyse(id, content, meta.Kind, meta.SampleRateHz, meta.StartedAt), CancellationToken.None)));
        var running = lazy.Value;
        try
        {
            return await running.WaitAsync(cancel);
        }
        finally
        {
            if (running.IsCompleted)
            {
                _running.TryRemove(new KeyValuePair<Guid, Lazy<Task<AnalysedRecording>>>(id, lazy));
            }
        }
    }

    private AnalysedRecording Analyse(Guid id, byte[] content, RecordingKind kind, double? sampleRateHz, DateTime? startedAt)
    {
        var parsed = RecordingFiles.Parse(RecordingFiles.Decompress(content), kind, sampleRateHz);
        if (!parsed.IsSuccess)
        {
            // Stored files were parsed at upload; only a parser change that refuses old files gets here.
            throw new InvalidOperationException($"Stored recording {id} no longer parses: {parsed.Error}");
        }
        var analysed = RecordingAnalysis.Run(id, parsed.Value, startedAt);
        _cache.Set(id, analysed, new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = TimeSpan.FromMinutes(30) });
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
        return true;
    }

    private void Forget(Guid id)
    {
        _running.TryRemove(id, out _);
        _cache.Remove(id);
    }

    public void Dispose() => _cache.Dispose();

    private sealed record Meta(RecordingKind Kind, double? SampleRateHz, DateTime? StartedAt);
}
