using System.Buffers;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Attune.Web.Data;
using Attune.Web.Features.Recordings;
using Attune.Web.Features.Sharing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Attune.Web.Features.Export;

/// <summary>A recording in the export: its details and <c>content</c>, the file exactly as it was uploaded.</summary>
public sealed record RecordingExportDto(
    Guid Id,
    string Name,
    string Kind,
    string OriginalFileName,
    DateTime? StartedAt,
    DateTime UploadedAt,
    double? SampleRateHz,
    double DurationSeconds,
    int PointCount,
    string? Content);

/// <summary>
/// Heart recordings with their original files. One recording's file is in memory at a time (compressed, then
/// decompressed in 64 KiB pieces straight into the response), so an export of many long recordings stays small.
/// </summary>
public sealed class RecordingsExport(AttuneDb db, Access access, RecordingAnalyses analyses, TimeProvider clock, IOptions<RecordingLimits> limits)
    : IExportStream, IImportStream
{
    public string Name => "recordings";

    public int Order => 40;

    private const int Chunk = 64 * 1024;

    private Task<List<RecordingExportDto>> ListAsync(Guid me, CancellationToken cancel) =>
        access.Own<Recording>(me).AsNoTracking().OrderBy(r => r.UploadedAt)
            .Select(r => new RecordingExportDto(r.Id, r.Name, RecordingFiles.KindName(r.Kind), r.OriginalFileName, r.StartedAt, r.UploadedAt,
                r.SampleRateHz, r.DurationSeconds, r.PointCount, null))
            .ToListAsync(cancel);

    private async Task<Stream> OpenAsync(Guid me, Guid id, CancellationToken cancel)
    {
        var stored = await access.Own<Recording>(me).Where(r => r.Id == id).Select(r => r.Content).FirstAsync(cancel);
        return new GZipStream(new MemoryStream(stored, writable: false), CompressionMode.Decompress);
    }

    public async Task WriteJsonAsync(ExportContext context, Utf8JsonWriter json, Func<Task> flush, CancellationToken cancel)
    {
        json.WriteStartArray();
        var buffer = ArrayPool<byte>.Shared.Rent(Chunk);
        try
        {
            foreach (var r in await ListAsync(context.OwnerId, cancel))
            {
                json.WriteStartObject();
                json.WriteString("id", r.Id);
                json.WriteString("name", r.Name);
                json.WriteString("kind", r.Kind);
                json.WriteString("originalFileName", r.OriginalFileName);
                if (r.StartedAt is { } started)
                {
                    json.WriteString("startedAt", started);
                }
                else
                {
                    json.WriteNull("startedAt");
                }
                json.WriteString("uploadedAt", r.UploadedAt);
                if (r.SampleRateHz is { } rate)
                {
                    json.WriteNumber("sampleRateHz", rate);
                }
                else
                {
                    json.WriteNull("sampleRateHz");
                }
                json.WriteNumber("durationSeconds", r.DurationSeconds);
                json.WriteNumber("pointCount", r.PointCount);
                json.WritePropertyName("content");
                await using (var file = await OpenAsync(context.OwnerId, r.Id, cancel))
                {
                    int read;
                    while ((read = await file.ReadAsync(buffer.AsMemory(0, Chunk), cancel)) > 0)
                    {
                        // A piece may end inside a multi-byte character; the writer carries it over to the next piece.
                        json.WriteStringValueSegment(buffer.AsSpan(0, read), isFinalSegment: false);
                        if (json.BytesPending > Chunk)
                        {
                            await flush();
                        }
                    }
                    json.WriteStringValueSegment(ReadOnlySpan<byte>.Empty, isFinalSegment: true);
                }
                json.WriteEndObject();
                await flush();
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
        json.WriteEndArray();
    }

    public async Task WriteCsvAsync(ExportContext context, ZipArchive zip, CancellationToken cancel)
    {
        var all = await ListAsync(context.OwnerId, cancel);
        await CsvFiles.WriteAsync(zip, "recordings.csv",
            ["id", "name", "kind", "originalFileName", "startedAt", "uploadedAt", "sampleRateHz", "durationSeconds", "pointCount", "file"],
            all.Select(r => new[]
            {
                r.Id.ToString(), CsvCells.Safe(r.Name), r.Kind, CsvCells.Safe(r.OriginalFileName), CsvCells.Instant(r.StartedAt), CsvCells.Instant(r.UploadedAt),
                CsvCells.Number(r.SampleRateHz), CsvCells.Number(r.DurationSeconds), r.PointCount.ToString(CultureInfo.InvariantCulture), FilePath(r),
            }), cancel);
        foreach (var r in all)
        {
            // The original file, byte for byte as uploaded (the import reads it back the same way).
            var entry = zip.CreateEntry(FilePath(r), CompressionLevel.Optimal);
            await using (var target = await entry.OpenAsync(cancel))
            await using (var file = await OpenAsync(context.OwnerId, r.Id, cancel))
            {
                await file.CopyToAsync(target, cancel);
            }
            await context.Drain();
        }
    }

    private static string FilePath(RecordingExportDto r) =>
        $"recordings/{r.Id}{(Path.GetExtension(r.OriginalFileName).ToLowerInvariant() is ".txt" ? ".txt" : ".csv")}";

    /// <summary>
    /// Heart rate and HRV per recording, from the same analysis the pages show (run through the bounded analysis queue).
    /// A recording whose analysis cannot be had now is left out rather than holding the export up.
    /// </summary>
    public async IAsyncEnumerable<FhirEntry> ToFhirAsync(ExportContext context, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancel)
    {
        foreach (var r in await ListAsync(context.OwnerId, cancel))
        {
            if (await analyses.GetAsync(access, context.OwnerId, r.Id, cancel) is not { } analysed)
            {
                continue;
            }
            var a = analysed.Analysis;
            var start = r.StartedAt ?? r.UploadedAt;
            var summary = new RecordingSummary(r.Id, r.Name, start, start.AddSeconds(r.DurationSeconds),
                a.Measure("MeanHR"), a.Measure("SDNN"), a.Measure("RMSSD"), a.Rhythm?.Flagged == true);
            foreach (var entry in FhirMapping.Observations(summary, context.PatientReference))
            {
                yield return entry;
            }
        }
    }

    public async Task CheckAsync(ImportContext context, JsonElement value, CancellationToken cancel)
    {
        if (ImportJson.Items<RecordingExportDto>(context, Name, value, 10_000) is not { } items)
        {
            return;
        }
        var me = context.OwnerId;
        var placed = await IdPlacement.PlaceAsync(Access.Unchecked<Recording>(db), me, items.Select(i => i.Item.Id), cancel);
        var seen = new HashSet<Guid>();
        long pending = 0;
        int added = 0, already = 0;
        foreach (var (index, item) in items)
        {
            var (id, isNew) = placed[item.Id];
            if (!isNew || !seen.Add(id))
            {
                already++;
                continue;
            }
            if (string.IsNullOrEmpty(item.Content))
            {
                context.Problem(Name, index, "content: the recording's file is missing.");
                continue;
            }
            if (Encoding.UTF8.GetByteCount(item.Content) > RecordingFiles.MaxBytes)
            {
                context.Problem(Name, index, $"content: larger than the {RecordingFiles.MaxBytes / 1024 / 1024} MB a recording may have.");
                continue;
            }
            var bytes = Encoding.UTF8.GetBytes(item.Content);
            var (recording, problem) = await RecordingUploads.PrepareAsync(db, me, bytes,
                new UploadDetails(item.Name, item.Kind, item.SampleRateHz, item.OriginalFileName), clock, cancel, limits.Value, pending);
            if (recording is null)
            {
                context.Problem(Name, index, $"{problem!.Field}: {problem.Message}");
                if (problem.Status == StatusCodes.Status413PayloadTooLarge)
                {
                    // Every later recording would be over the quota too; one message says it.
                    break;
                }
                continue;
            }
            recording.Id = id;
            recording.UploadedAt = item.UploadedAt == default ? context.Now : item.UploadedAt;
            pending += recording.StoredBytes;
            db.Add(recording);
            added++;
        }
        context.Counts.Add(new ImportCount(Name, added, already));
    }
}
