using System.Globalization;
using System.IO.Compression;
using System.Text.Json;
using Attune.Web.Features.Export;
using Attune.Web.Features.Sharing;
using Microsoft.EntityFrameworkCore;

namespace Attune.Web.Features.Recordings;

/// <summary>One beat the person added to or removed from one of their recordings by hand.</summary>
public sealed record BeatEditExportDto(Guid Id, Guid RecordingId, int SampleIndex, string Edit, DateTime CreatedAt);

/// <summary>
/// The person's hand edits of their recordings' beats (the detector's beats are found again from the recording's file;
/// these are applied on top). Not imported: a recording imported under a new id would no longer match them.
/// </summary>
public sealed class BeatEditsExport(Access access) : IExportStream
{
    public string Name => "beatEdits";

    public async Task WriteJsonAsync(ExportContext context, Utf8JsonWriter json, Func<Task> flush, CancellationToken cancel) =>
        JsonSerializer.Serialize(json, await RowsAsync(context.OwnerId, cancel), ImportJson.Options);

    public async Task WriteCsvAsync(ExportContext context, ZipArchive zip, CancellationToken cancel) =>
        await CsvFiles.WriteAsync(zip, "beat-edits.csv", ["id", "recordingId", "sampleIndex", "edit", "createdAt"],
            (await RowsAsync(context.OwnerId, cancel)).Select(e => new[]
            {
                e.Id.ToString(), e.RecordingId.ToString(), e.SampleIndex.ToString(CultureInfo.InvariantCulture), e.Edit, CsvCells.Instant(e.CreatedAt),
            }), cancel);

    private async Task<List<BeatEditExportDto>> RowsAsync(Guid me, CancellationToken cancel) =>
        await access.Own<BeatEdit>(me).AsNoTracking().OrderBy(e => e.RecordingId).ThenBy(e => e.SampleIndex)
            .Select(e => new BeatEditExportDto(e.Id, e.RecordingId, e.SampleIndex, e.Added ? "added" : "removed", e.CreatedAt)).ToListAsync(cancel);
}
