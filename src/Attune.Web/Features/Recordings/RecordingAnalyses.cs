using System.Collections.Concurrent;
using Attune.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace Attune.Web.Features.Recordings;

public static class RecordingQueries
{
    /// <summary>
    /// Every read of a recording goes through here: a recording is its owner's alone, and anything
    /// else (someone else's, or no such id) is simply not found.
    /// </summary>
    public static IQueryable<Recording> OwnedBy(this IQueryable<Recording> recordings, Guid ownerId) =>
        recordings.Where(r => r.OwnerId == ownerId);

    public static IQueryable<RecordingDto> ToDtos(this IQueryable<Recording> recordings) =>
        recordings.Select(r => new RecordingDto(r.Id, r.Name,
            r.Kind == RecordingKind.Rr ? "rr" : r.Kind == RecordingKind.HeartRate ? "heart-rate" : "ecg",
            r.OriginalFileName, r.StartedAt, r.UploadedAt, r.SampleRateHz, r.DurationSeconds, r.PointCount));

    /// <summary>The owner's recordings, newest upload first.</summary>
    public static Task<List<RecordingDto>> ListOwnedAsync(this AttuneDb db, Guid ownerId, CancellationToken cancel) =>
        db.Recordings.AsNoTracking().OwnedBy(ownerId).OrderByDescending(r => r.UploadedAt).ToDtos().ToListAsync(cancel);

    /// <summary>One of the owner's recordings, or null when there is no such recording of theirs.</summary>
    public static Task<RecordingDto?> FindOwnedAsync(this AttuneDb db, Guid ownerId, Guid id, CancellationToken cancel) =>
        db.Recordings.AsNoTracking().OwnedBy(ownerId).Where(r => r.Id == id).ToDtos().FirstOrDefaultAsync(cancel);
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

    /// <summary>The analysis of the caller's own recording, or null when there is no such recording of theirs.</summary>
    public async Task<AnalysedRecording?> GetAsync(AttuneDb db, Guid ownerId, Guid id, CancellationToken cancel)
    {
        var meta = await db.Recordings.AsNoTracking().OwnedBy(ownerId).Where(r => r.Id == id)
            .Select(r => new { r.Kind, r.SampleRateHz, r.StartedAt }).FirstOrDefaultAsync(cancel);
        if (meta is null)
        {
            return null;
        }
        if (_cache.TryGetValue(id, out AnalysedRecording? hit) && hit is not null)
        {
            // A computation whose only waiter gave up is finished by now; drop its handle.
            if (_running.TryGetValue(id, out var done) && done.IsValueCreated && done.Value.IsCompleted)
            {
                _running.TryRemove(new KeyValuePair<Guid, Lazy<Task<AnalysedRecording>>>(id, done));
            }
            return hit;
        }
        var content = await db.Recordings.AsNoTracking().OwnedBy(ownerId).Where(r => r.Id == id).Select(r => r.Content).FirstAsync(cancel);
        // Two requests for the same cold recording (the together page asks for two at once, a person
        // may reload) share one computation instead of each spending a second of CPU on it.
        var lazy = _running.GetOrAdd(id, _ => new Lazy<Task<AnalysedRecording>>(
            () => Task.Run(() => Analyse(id, content, meta.Kind, meta.SampleRateHz, meta.StartedAt), CancellationToken.None)));
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
    /// there is no such recording of theirs.
    /// </summary>
    public async Task<bool> DeleteAsync(AttuneDb db, Guid ownerId, Guid id, CancellationToken cancel)
    {
        if (await db.Recordings.OwnedBy(ownerId).Where(r => r.Id == id).ExecuteDeleteAsync(cancel) == 0)
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
}
