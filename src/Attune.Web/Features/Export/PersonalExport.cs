using System.IO.Compression;
using System.IO.Pipelines;
using System.Text.Json;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;

namespace Attune.Web.Features.Export;

/// <summary>
/// Everything a person owns, in one file: a JSON document (<c>format: attune-export</c>, every stream under
/// <c>streams</c>), a zip of CSV files (one or more per stream), or a FHIR R4 Bundle. Written straight into the
/// response as it is read, stream by stream.
/// </summary>
public sealed class PersonalExport(IEnumerable<IExportStream> streams, TimeProvider clock)
{
    public const string Format = "attune-export";
    public const int Version = 1;

    private static readonly JsonSerializerOptions FhirJson = new JsonSerializerOptions().ForFhir();

    public ExportContext ContextFor(Guid me) => new(me, clock.GetUtcNow().UtcDateTime);

    public IReadOnlyList<string> StreamNames => [.. streams.Select(s => s.Name)];

    public async System.Threading.Tasks.Task WriteJsonAsync(Guid me, Stream output, CancellationToken cancel)
    {
        var context = ContextFor(me);
        // The writer fills the pipe's buffer (its own flushes never touch the response); the pipe writes it out asynchronously.
        var pipe = PipeWriter.Create(output, new StreamPipeWriterOptions(leaveOpen: true));
        await using var json = new Utf8JsonWriter(pipe, new JsonWriterOptions { Indented = false });
        async System.Threading.Tasks.Task Flush()
        {
            json.Flush();
            await pipe.FlushAsync(cancel);
        }
        json.WriteStartObject();
        json.WriteString("format", Format);
        json.WriteNumber("version", Version);
        json.WriteString("exportedAt", context.ExportedAt);
        json.WriteStartObject("streams");
        foreach (var stream in streams)
        {
            json.WritePropertyName(stream.Name);
            await stream.WriteJsonAsync(context, json, Flush, cancel);
            await Flush();
        }
        json.WriteEndObject();
        json.WriteEndObject();
        await Flush();
        await pipe.CompleteAsync();
    }

    public async System.Threading.Tasks.Task WriteCsvZipAsync(Guid me, Stream output, CancellationToken cancel)
    {
        // ZipArchive writes synchronously, which the response refuses; it writes into a buffer that is sent on after each file.
        await using var sink = new DrainingStream(output);
        var context = new ExportContext(me, clock.GetUtcNow().UtcDateTime) { Drain = () => sink.DrainAsync(cancel) };
        await using (var zip = await ZipArchive.CreateAsync(sink, ZipArchiveMode.Create, leaveOpen: true, entryNameEncoding: null, cancel))
        {
            var readme = zip.CreateEntry("README.txt", CompressionLevel.Optimal);
            await using (var text = new StreamWriter(await readme.OpenAsync(cancel), CheckIns.CheckInTransfer.Utf8))
            {
                await text.WriteAsync(
                    $"Your Attune data, exported {context.ExportedAt:yyyy-MM-dd HH:mm} UTC.\n\n"
                    + "One CSV file per kind of data (UTF-8, comma-separated, first line names the columns). Cells that a spreadsheet\n"
                    + "would run as a formula start with an apostrophe. recordings/ holds each heart recording's file as you uploaded it.\n\n"
                    + "account.csv            your profile\n"
                    + "emotion-words.csv      the feeling words you added\n"
                    + "check-ins.csv          your check-ins, notes included\n"
                    + "check-in-settings.csv  your reminders and who sees new check-ins\n"
                    + "recordings.csv         your heart recordings and what was computed from them\n"
                    + "beat-edits.csv         beats you added to or removed from a recording by hand\n"
                    + "grants.csv             who you share with, and who shares with you\n"
                    + "own-practices.csv      the practices you wrote yourself\n"
                    + "practice-sessions.csv  each time you did a practice: how you were before and after, and your rating\n"
                    + "flooding-breaks.csv    the breaks you took when flooded\n"
                    + "repairs.csv            your side of each repair\n"
                    + "rituals.csv            the ritual moments you noted\n"
                    + "breath-together.csv    your side of breathing together\n"
                    + "measures.csv           the questionnaires you filled in (WHO-5, PHQ-9, GAD-7, CSI-4), answers and scores\n"
                    + "integration-reflections.csv  your reflections on the nine domains, from -3 (chaos) to +3 (rigidity)\n\n"
                    + "To bring your data back into Attune, use the JSON export: it holds the same and can be imported. Profile,\n"
                    + "sharing, practices, Together, breathing together, questionnaires, reflections and beat edits stay in the file\n"
                    + "as your record and are not imported.\n");
            }
            foreach (var stream in streams)
            {
                await stream.WriteCsvAsync(context, zip, cancel);
                await context.Drain();
            }
        }
        await sink.DrainAsync(cancel);
    }

    /// <summary>
    /// A FHIR R4 Bundle of type collection: a minimal Patient (no name, no address, no identifier: only the id the
    /// other resources point at), then each stream's resources (heart rate and HRV Observations, questionnaire responses).
    /// </summary>
    public async Task<Bundle> FhirBundleAsync(Guid me, CancellationToken cancel)
    {
        var context = ContextFor(me);
        var bundle = new Bundle
        {
            Type = Bundle.BundleType.Collection,
            Timestamp = new DateTimeOffset(context.ExportedAt, TimeSpan.Zero),
            Identifier = new Identifier("urn:ietf:rfc:3986", FhirMapping.Urn(FhirMapping.Derived(me, "export:" + context.ExportedAt.Ticks))),
        };
        bundle.Entry.Add(new Bundle.EntryComponent { FullUrl = context.PatientReference, Resource = new Patient { Id = me.ToString("D") } });
        foreach (var stream in streams)
        {
            await foreach (var entry in stream.ToFhirAsync(context, cancel))
            {
                bundle.Entry.Add(new Bundle.EntryComponent { FullUrl = entry.FullUrl, Resource = entry.Resource });
            }
        }
        return bundle;
    }

    public static async System.Threading.Tasks.Task WriteFhirAsync(Bundle bundle, Stream output, CancellationToken cancel) =>
        await JsonSerializer.SerializeAsync(output, bundle, FhirJson, cancel);

    public static string FhirToJson(Bundle bundle) => JsonSerializer.Serialize(bundle, FhirJson);

    public static JsonSerializerOptions FhirJsonOptions => FhirJson;
}
