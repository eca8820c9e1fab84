using System.IO.Compression;
using System.Text.Json;

namespace Attune.Web.Features.Export;

/// <summary>Who is being exported, when, and what the streams share while they write.</summary>
public sealed class ExportContext(Guid ownerId, DateTime exportedAt)
{
    public Guid OwnerId { get; } = ownerId;

    public DateTime ExportedAt { get; } = exportedAt;

    /// <summary>The reference every FHIR resource of this person points at (the minimal Patient of <see cref="PersonalExport.FhirBundleAsync"/>).</summary>
    public string PatientReference { get; init; } = "urn:uuid:" + ownerId.ToString("D");
}

/// <summary>
/// One kind of a person's data in their export: a property under <c>streams</c> in the JSON document, one or more
/// CSV files in the zip, and (where a clinical standard exists for it) FHIR resources. Features add their data to
/// the export by implementing this and registering it with <see cref="ExportSetup.AddExportStream{T}"/>; nothing
/// else changes (docs/decisions/0008-export-import-erasure.md).
/// </summary>
/// <remarks>
/// Every stream reads only the exporting person's own rows (<c>Access.Own</c>): what others shared with them is
/// theirs to export, not this person's.
/// </remarks>
public interface IExportStream
{
    /// <summary>The property name under <c>streams</c> (camelCase), also the import's key.</summary>
    string Name { get; }

    /// <summary>Writes the stream's value (an array or an object) at the writer's current position.</summary>
    Task WriteJsonAsync(ExportContext context, Utf8JsonWriter json, Func<Task> flush, CancellationToken cancel);

    /// <summary>Adds the stream's CSV file(s) to the zip; cells that a spreadsheet would run are defused (<see cref="CsvCells.Safe"/>).</summary>
    Task WriteCsvAsync(ExportContext context, ZipArchive zip, CancellationToken cancel);

    /// <summary>The stream's FHIR R4 resources, if it has any; each refers to <see cref="ExportContext.PatientReference"/>.</summary>
    IAsyncEnumerable<FhirEntry> ToFhirAsync(ExportContext context, CancellationToken cancel) => AsyncEnumerable.Empty<FhirEntry>();
}

public static class ExportSetup
{
    /// <summary>Adds a stream to every export (JSON, CSV and FHIR), in the order of registration.</summary>
    public static IServiceCollection AddExportStream<T>(this IServiceCollection services) where T : class, IExportStream =>
        services.AddScoped<IExportStream, T>();

    /// <summary>Adds a stream that the JSON import can bring back; <see cref="IImportStream.Order"/> decides when it runs.</summary>
    public static IServiceCollection AddImportStream<T>(this IServiceCollection services) where T : class, IImportStream =>
        services.AddScoped<IImportStream, T>();

    public static IServiceCollection AddAttuneExport(this IServiceCollection services)
    {
        services.AddExportStream<AccountExport>();
        services.AddExportStream<EmotionWordsExport>();
        services.AddExportStream<CheckInsExport>();
        services.AddExportStream<CheckInSettingsExport>();
        services.AddExportStream<RecordingsExport>();
        services.AddExportStream<GrantsExport>();
        services.AddImportStream<EmotionWordsExport>();
        services.AddImportStream<CheckInsExport>();
        services.AddImportStream<CheckInSettingsExport>();
        services.AddImportStream<RecordingsExport>();
        services.AddScoped<PersonalExport>();
        services.AddScoped<PersonalImport>();
        return services;
    }
}

/// <summary>Writing CSV cells a spreadsheet cannot run (OWASP's CSV injection advice), as the check-in export does.</summary>
public static class CsvCells
{
    public static string Safe(string? cell) => CheckIns.CheckInTransfer.Safe(cell ?? "");

    public static string Instant(DateTime? at) =>
        at is { } t ? t.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture) : "";

    public static string Number(double? value) =>
        value is { } v ? v.ToString("R", System.Globalization.CultureInfo.InvariantCulture) : "";
}
