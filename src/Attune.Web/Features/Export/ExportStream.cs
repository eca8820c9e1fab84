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

    /// <summary>Sends what the CSV zip has written so far on to the response; a stream writing many files calls it between them.</summary>
    public Func<Task> Drain { get; init; } = () => Task.CompletedTask;
}

/// <summary>
/// Collects what a synchronous writer (ZipArchive) writes, and passes it on to the real output asynchronously when
/// drained, so the response never sees a synchronous write and at most one file of the export is held in memory.
/// </summary>
public sealed class DrainingStream(Stream output) : Stream
{
    private readonly MemoryStream _buffer = new();
    private long _written;

    public async Task DrainAsync(CancellationToken cancel)
    {
        if (_buffer.Length > 0)
        {
            await output.WriteAsync(_buffer.GetBuffer().AsMemory(0, (int)_buffer.Length), cancel);
            await output.FlushAsync(cancel);
            _buffer.SetLength(0);
        }
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        _buffer.Write(buffer);
        _written += buffer.Length;
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        Write(buffer.AsSpan(offset, count));
        return Task.CompletedTask;
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Write(buffer.Span);
        return ValueTask.CompletedTask;
    }

    public override void Flush()
    {
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => _written; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _buffer.Dispose();
        }
        base.Dispose(disposing);
    }
}

/// <summary>
/// One kind of a person's data in their export: a property under <c>streams</c> in the JSON document, one or more
/// CSV files in the zip, and (where a clinical standard exists for it) FHIR resources. Features add their data to
/// the export by implementing this and registering it with <see cref="ExportSetup.AddExportStream{T}"/>; nothing
/// else changes (docs/decisions/0009-export-import-erasure.md).
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
        services.AddExportStream<Recordings.BeatEditsExport>();
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
