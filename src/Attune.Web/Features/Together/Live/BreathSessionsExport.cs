using System.Globalization;
using System.IO.Compression;
using System.Text.Json;
using Attune.Web.Data;
using Attune.Web.Features.CheckIns;
using Attune.Web.Features.Export;
using Attune.Web.Features.Sharing;
using Microsoft.EntityFrameworkCore;

namespace Attune.Web.Features.Together.Live;

/// <summary>One breathe-together session in a person's export: their own side (state, heart rate) and the shared figures.</summary>
public sealed record BreathSessionExportDto(
    Guid Id,
    string Role,
    DateTime StartedAt,
    DateTime EndedAt,
    double BreathsPerMinute,
    string Outcome,
    string? StateBefore,
    string? StateAfter,
    double? MeanHeartRate,
    double? Synchrony,
    double? SynchronyP,
    int[] HeartRateCurve);

/// <summary>
/// Breathe-together sessions a person took part in, started or joined. Only their own side: the partner's states and
/// curve are the partner's to export. Not imported (a session needs both people). Erasure of either person removes
/// the session through the foreign keys.
/// </summary>
public sealed class BreathSessionsExport(AttuneDb db) : IExportStream
{
    public string Name => "breathTogether";

    public async Task WriteJsonAsync(ExportContext context, Utf8JsonWriter json, Func<Task> flush, CancellationToken cancel) =>
        JsonSerializer.Serialize(json, await RowsAsync(context.OwnerId, cancel), ImportJson.Options);

    public async Task WriteCsvAsync(ExportContext context, ZipArchive zip, CancellationToken cancel)
    {
        string[] columns = ["id", "role", "startedAt", "endedAt", "breathsPerMinute", "outcome", "stateBefore", "stateAfter", "meanHeartRate", "synchrony", "synchronyP", "heartRateCurve"];
        await CsvFiles.WriteAsync(zip, "breath-together.csv", columns, [.. (await RowsAsync(context.OwnerId, cancel)).Select(s => new[]
        {
            s.Id.ToString(), s.Role, CsvCells.Instant(s.StartedAt), CsvCells.Instant(s.EndedAt), CsvCells.Number(s.BreathsPerMinute), s.Outcome,
            s.StateBefore ?? "", s.StateAfter ?? "", CsvCells.Number(s.MeanHeartRate), CsvCells.Number(s.Synchrony), CsvCells.Number(s.SynchronyP),
            string.Join(' ', s.HeartRateCurve.Select(v => v.ToString(CultureInfo.InvariantCulture))),
        })], cancel);
    }

    private async Task<List<BreathSessionExportDto>> RowsAsync(Guid me, CancellationToken cancel)
    {
        // The person's own export: the sessions they started and the ones they joined (their side of the latter).
        var rows = await Access.Unchecked<BreathSession>(db).AsNoTracking()
            .Where(s => s.OwnerId == me || s.PartnerId == me).OrderBy(s => s.PacerStart).ToListAsync(cancel);
        return [.. rows.Select(s =>
        {
            var mine = s.OwnerId == me;
            return new BreathSessionExportDto(s.Id, mine ? "started" : "joined", s.PacerStart, s.EndedAt, s.BreathsPerMinute,
                BreathSessions.OutcomeName(s.Outcome), State(mine ? s.OwnerBefore : s.PartnerBefore), State(mine ? s.OwnerAfter : s.PartnerAfter),
                mine ? s.OwnerMeanHeartRate : s.PartnerMeanHeartRate, s.Synchrony, s.SynchronyP,
                BreathSessions.ParseCurve(mine ? s.OwnerCurve : s.PartnerCurve));
        })];
    }

    private static string? State(NervousState? state) => state is { } s ? StateNames.Of(s) : null;
}
