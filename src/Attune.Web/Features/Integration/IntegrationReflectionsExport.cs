using System.Globalization;
using System.IO.Compression;
using System.Text.Json;
using Attune.Web.Features.Export;
using Attune.Web.Features.Sharing;
using Microsoft.EntityFrameworkCore;

namespace Attune.Web.Features.Integration;

/// <summary>One reflection on the nine domains: where the person placed themselves, −3 (chaos) to +3 (rigidity), by domain.</summary>
public sealed record IntegrationReflectionExportDto(Guid Id, DateTime TakenAt, IReadOnlyDictionary<string, int> Domains);

/// <summary>The person's own integration reflections, one CSV column per domain. Not imported.</summary>
public sealed class IntegrationReflectionsExport(Access access) : IExportStream
{
    public string Name => "integrationReflections";

    public async Task WriteJsonAsync(ExportContext context, Utf8JsonWriter json, Func<Task> flush, CancellationToken cancel) =>
        JsonSerializer.Serialize(json, await RowsAsync(context.OwnerId, cancel), ImportJson.Options);

    public async Task WriteCsvAsync(ExportContext context, ZipArchive zip, CancellationToken cancel) =>
        await CsvFiles.WriteAsync(zip, "integration-reflections.csv", ["id", "takenAt", .. IntegrationDomains.All.Select(d => d.Slug)],
            (await RowsAsync(context.OwnerId, cancel)).Select(r => (string[])
            [
                r.Id.ToString(), CsvCells.Instant(r.TakenAt), .. IntegrationDomains.All.Select(d => r.Domains[d.Slug].ToString(CultureInfo.InvariantCulture)),
            ]), cancel);

    private async Task<List<IntegrationReflectionExportDto>> RowsAsync(Guid me, CancellationToken cancel) =>
        [.. (await access.Own<IntegrationReflection>(me).AsNoTracking().OrderBy(r => r.TakenAt).ToListAsync(cancel))
            .Select(r => new IntegrationReflectionExportDto(r.Id, r.TakenAt,
                IntegrationDomains.All.Zip(r.Values()).ToDictionary(p => p.First.Slug, p => p.Second, StringComparer.Ordinal)))];
}
