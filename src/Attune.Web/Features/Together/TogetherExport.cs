using System.Globalization;
using System.IO.Compression;
using System.Text.Json;
using Attune.Web.Data;
using Attune.Web.Features.CheckIns;
using Attune.Web.Features.Export;
using Attune.Web.Features.Sharing;
using Microsoft.EntityFrameworkCore;

namespace Attune.Web.Features.Together;

/// <summary>A flooding break the person took.</summary>
public sealed record FloodingBreakExportDto(Guid Id, DateTime StartedAt, DateTime ReturnAt, DateTime? EndedAt, string? Note);

/// <summary>
/// The person's own side of a repair, with when it happened. The agreement is the starter's words, so it is in the
/// starter's export only.
/// </summary>
public sealed record RepairPartExportDto(
    Guid Id, Guid RepairId, string Role, DateTime RuptureAt, DateTime StartedAt, DateTime? CompletedAt, string? Agreement,
    string StateBefore, string? StateAfter, string? Move, DateTime JoinedAt, DateTime? DoneAt);

/// <summary>A ritual moment the person noted.</summary>
public sealed record RitualMomentExportDto(Guid Id, string Kind, DateTime At, DateOnly LocalDate, string? Text, int? QuestionNumber);

/// <summary>The together stream of an export.</summary>
public sealed record TogetherExportDto(
    IReadOnlyList<FloodingBreakExportDto> FloodingBreaks, IReadOnlyList<RepairPartExportDto> Repairs, IReadOnlyList<RitualMomentExportDto> Rituals);

/// <summary>
/// What the person did in Together: their flooding breaks, their own parts of repairs and the ritual moments they
/// noted. What their partner noted, and the partner's side of a repair, are the partner's to export. Not imported
/// (a repair needs both people).
/// </summary>
public sealed class TogetherExport(AttuneDb db, Access access) : IExportStream
{
    public string Name => "together";

    public async Task WriteJsonAsync(ExportContext context, Utf8JsonWriter json, Func<Task> flush, CancellationToken cancel) =>
        JsonSerializer.Serialize(json, await ReadAsync(context.OwnerId, cancel), ImportJson.Options);

    public async Task WriteCsvAsync(ExportContext context, ZipArchive zip, CancellationToken cancel)
    {
        var data = await ReadAsync(context.OwnerId, cancel);
        await CsvFiles.WriteAsync(zip, "flooding-breaks.csv", ["id", "startedAt", "returnAt", "endedAt", "note"], data.FloodingBreaks.Select(b => new[]
        {
            b.Id.ToString(), CsvCells.Instant(b.StartedAt), CsvCells.Instant(b.ReturnAt), CsvCells.Instant(b.EndedAt), CsvCells.Safe(b.Note),
        }), cancel);
        await context.Drain();
        await CsvFiles.WriteAsync(zip, "repairs.csv",
            ["id", "repairId", "role", "ruptureAt", "startedAt", "completedAt", "agreement", "stateBefore", "stateAfter", "move", "joinedAt", "doneAt"],
            data.Repairs.Select(r => new[]
            {
                r.Id.ToString(), r.RepairId.ToString(), r.Role, CsvCells.Instant(r.RuptureAt), CsvCells.Instant(r.StartedAt), CsvCells.Instant(r.CompletedAt),
                CsvCells.Safe(r.Agreement), r.StateBefore, r.StateAfter ?? "", r.Move ?? "", CsvCells.Instant(r.JoinedAt), CsvCells.Instant(r.DoneAt),
            }), cancel);
        await context.Drain();
        await CsvFiles.WriteAsync(zip, "rituals.csv", ["id", "kind", "at", "localDate", "text", "questionNumber"], data.Rituals.Select(m => new[]
        {
            m.Id.ToString(), m.Kind, CsvCells.Instant(m.At), m.LocalDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), CsvCells.Safe(m.Text),
            m.QuestionNumber?.ToString(CultureInfo.InvariantCulture) ?? "",
        }), cancel);
    }

    private async Task<TogetherExportDto> ReadAsync(Guid me, CancellationToken cancel)
    {
        var breaks = await access.Own<FloodingBreak>(me).AsNoTracking().OrderBy(b => b.StartedAt)
            .Select(b => new FloodingBreakExportDto(b.Id, b.StartedAt, b.ReturnAt, b.EndedAt, b.Note)).ToListAsync(cancel);
        var parts = await access.Own<RepairPart>(me).AsNoTracking().ToListAsync(cancel);
        var repairIds = parts.Select(p => p.RepairId).ToList();
        // The repairs the person's parts belong to, whoever started them: when it happened is both people's.
        var repairs = await Access.Unchecked<Repair>(db).AsNoTracking()
            .Where(r => repairIds.Contains(r.Id) && (r.OwnerId == me || r.PartnerId == me)).ToDictionaryAsync(r => r.Id, cancel);
        var repairRows = parts.Where(p => repairs.ContainsKey(p.RepairId)).Select(p =>
        {
            var r = repairs[p.RepairId];
            var started = r.OwnerId == me;
            return new RepairPartExportDto(p.Id, r.Id, started ? "started" : "joined", r.RuptureAt, r.StartedAt, r.CompletedAt, started ? r.Agreement : null,
                StateNames.Of(p.StateBefore), p.StateAfter is { } a ? StateNames.Of(a) : null, p.Move is { } m ? Repairs.MoveName(m) : null, p.JoinedAt, p.DoneAt);
        }).OrderBy(r => r.StartedAt).ToList();
        var rituals = (await access.Own<RitualMoment>(me).AsNoTracking().OrderBy(m => m.At).ToListAsync(cancel))
            .Select(m => new RitualMomentExportDto(m.Id, JsonNamingPolicy.CamelCase.ConvertName(m.Kind.ToString()), m.At, m.LocalDate, m.Text, m.QuestionNumber)).ToList();
        return new TogetherExportDto(breaks, repairRows, rituals);
    }
}
