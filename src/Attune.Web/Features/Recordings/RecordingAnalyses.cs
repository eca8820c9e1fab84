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
            return hit;
        }
        var content = await db.Recordings.AsNoTracking().OwnedBy(ownerId).Where(r => r.Id == id).Select(r => r.Content).FirstAsync(cancel);
        var parsed = RecordingFiles.Parse(RecordingFiles.Decompress(content), meta.Kind, meta.SampleRateHz);
        if (!parsed.IsSuccess)
        {
            // Stored files were parsed at upload; only a parser change that refuses old files gets here.
            throw new InvalidOperationException($"Stored recording {id} no longer parses: {parsed.Error}");
        }
        var analysed = RecordingAnalysis.Run(id, parsed.Value, meta.StartedAt);
        _cache.Set(id, analysed, new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = TimeSpan.FromMinutes(30) });
        return analysed;
    }

    public void Forget(Guid id) => _cache.Remove(id);

    public void Dispose() => _cache.Dispose();
}
