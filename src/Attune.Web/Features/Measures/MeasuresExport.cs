using System.Globalization;
using System.IO.Compression;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Attune.Web.Features.Export;
using Attune.Web.Features.Sharing;
using Microsoft.EntityFrameworkCore;

namespace Attune.Web.Features.Measures;

/// <summary>One filled-in questionnaire in a person's export: the answers as given and what was computed from them.</summary>
public sealed record MeasureExportDto(Guid Id, string Measure, DateTime TakenAt, int[] Answers, int Total, string Band, bool SafetyScreen);

/// <summary>
/// The person's own questionnaires (WHO-5, PHQ-9, GAD-7, CSI-4): JSON, one CSV row each, and in FHIR a
/// QuestionnaireResponse with its total score as an Observation (<see cref="FhirMapping.QuestionnaireResources"/>).
/// Not imported: a score is what was answered then, and the form computes it again when answered anew.
/// </summary>
public sealed class MeasuresExport(Access access) : IExportStream
{
    public string Name => "measures";

    public async Task WriteJsonAsync(ExportContext context, Utf8JsonWriter json, Func<Task> flush, CancellationToken cancel) =>
        JsonSerializer.Serialize(json, await RowsAsync(context.OwnerId, cancel), ImportJson.Options);

    public async Task WriteCsvAsync(ExportContext context, ZipArchive zip, CancellationToken cancel) =>
        await CsvFiles.WriteAsync(zip, "measures.csv", ["id", "measure", "takenAt", "answers", "total", "band", "safetyScreen"],
            (await RowsAsync(context.OwnerId, cancel)).Select(m => new[]
            {
                m.Id.ToString(), m.Measure, CsvCells.Instant(m.TakenAt), string.Join(' ', m.Answers.Select(a => a.ToString(CultureInfo.InvariantCulture))),
                m.Total.ToString(CultureInfo.InvariantCulture), m.Band, m.SafetyScreen ? "true" : "false",
            }), cancel);

    public async IAsyncEnumerable<FhirEntry> ToFhirAsync(ExportContext context, [EnumeratorCancellation] CancellationToken cancel)
    {
        foreach (var m in await RowsAsync(context.OwnerId, cancel))
        {
            foreach (var entry in FhirMapping.QuestionnaireResources(new QuestionnaireAnswers(m.Id, m.Measure, m.TakenAt, m.Answers, m.Total), context.PatientReference))
            {
                yield return entry;
            }
        }
    }

    private async Task<List<MeasureExportDto>> RowsAsync(Guid me, CancellationToken cancel) =>
        [.. (await access.Own<MeasureResponse>(me).AsNoTracking().OrderBy(m => m.TakenAt).ToListAsync(cancel))
            .Select(m => new MeasureExportDto(m.Id, MeasureCatalog.Of(m.Kind).Slug, m.TakenAt, m.AnswerValues(), m.Total, m.Band, m.SafetyScreen))];
}
