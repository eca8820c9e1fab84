using System.Globalization;
using System.IO.Compression;
using System.Text.Json;
using Attune.Web.Features.CheckIns;
using Attune.Web.Features.Export;
using Attune.Web.Features.Sharing;
using Microsoft.EntityFrameworkCore;

namespace Attune.Web.Features.Practices;

/// <summary>A practice the person wrote for themselves, as they wrote it.</summary>
public sealed record OwnPracticeExportDto(
    Guid Id, string Title, string Summary, string Group, string[] States, JsonElement Steps, int Minutes,
    double? Inhale, double? HoldIn, double? Exhale, double? HoldOut, string? Cautions, DateTime CreatedAt, DateTime UpdatedAt);

/// <summary>One time the person did a practice: how they were before and after, the change, and how much they liked it.</summary>
public sealed record PracticeSessionExportDto(
    Guid Id, string PracticeId, DateTime StartedAt, DateTime EndedAt, double DurationSeconds,
    string BeforeState, int BeforeIntensity, string AfterState, int AfterIntensity, int Effect, int? Rating);

/// <summary>The practices stream of an export: own practices and practice sessions.</summary>
public sealed record PracticesExportDto(IReadOnlyList<OwnPracticeExportDto> OwnPractices, IReadOnlyList<PracticeSessionExportDto> Sessions);

/// <summary>
/// The person's own practices and their practice sessions (a session's <c>practiceId</c> is a library id or the id of
/// one of their own practices). Not imported.
/// </summary>
public sealed class PracticesExport(Access access) : IExportStream
{
    public string Name => "practices";

    public async Task WriteJsonAsync(ExportContext context, Utf8JsonWriter json, Func<Task> flush, CancellationToken cancel) =>
        JsonSerializer.Serialize(json, new PracticesExportDto(await OwnAsync(context.OwnerId, cancel), await SessionsAsync(context.OwnerId, cancel)), ImportJson.Options);

    public async Task WriteCsvAsync(ExportContext context, ZipArchive zip, CancellationToken cancel)
    {
        await CsvFiles.WriteAsync(zip, "own-practices.csv",
            ["id", "title", "summary", "group", "states", "minutes", "inhale", "holdIn", "exhale", "holdOut", "cautions", "steps", "createdAt", "updatedAt"],
            (await OwnAsync(context.OwnerId, cancel)).Select(p => new[]
            {
                p.Id.ToString(), CsvCells.Safe(p.Title), CsvCells.Safe(p.Summary), p.Group, string.Join(' ', p.States),
                p.Minutes.ToString(CultureInfo.InvariantCulture), CsvCells.Number(p.Inhale), CsvCells.Number(p.HoldIn), CsvCells.Number(p.Exhale),
                CsvCells.Number(p.HoldOut), CsvCells.Safe(p.Cautions), CsvCells.Safe(p.Steps.GetRawText()), CsvCells.Instant(p.CreatedAt), CsvCells.Instant(p.UpdatedAt),
            }), cancel);
        await context.Drain();
        await CsvFiles.WriteAsync(zip, "practice-sessions.csv",
            ["id", "practiceId", "startedAt", "endedAt", "durationSeconds", "beforeState", "beforeIntensity", "afterState", "afterIntensity", "effect", "rating"],
            (await SessionsAsync(context.OwnerId, cancel)).Select(s => new[]
            {
                s.Id.ToString(), CsvCells.Safe(s.PracticeId), CsvCells.Instant(s.StartedAt), CsvCells.Instant(s.EndedAt), CsvCells.Number(s.DurationSeconds),
                s.BeforeState, s.BeforeIntensity.ToString(CultureInfo.InvariantCulture), s.AfterState, s.AfterIntensity.ToString(CultureInfo.InvariantCulture),
                s.Effect.ToString(CultureInfo.InvariantCulture), s.Rating?.ToString(CultureInfo.InvariantCulture) ?? "",
            }), cancel);
    }

    private async Task<List<OwnPracticeExportDto>> OwnAsync(Guid me, CancellationToken cancel) =>
        [.. (await access.Own<OwnPractice>(me).AsNoTracking().OrderBy(p => p.CreatedAt).ToListAsync(cancel))
            .Select(p => new OwnPracticeExportDto(p.Id, p.Title, p.Summary, JsonNamingPolicy.CamelCase.ConvertName(p.Group.ToString()),
                p.States.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), Steps(p.Steps), p.Minutes,
                p.Inhale, p.HoldIn, p.Exhale, p.HoldOut, p.Cautions, p.CreatedAt, p.UpdatedAt))];

    private async Task<List<PracticeSessionExportDto>> SessionsAsync(Guid me, CancellationToken cancel) =>
        [.. (await access.Own<PracticeSession>(me).AsNoTracking().OrderBy(s => s.StartedAt).ToListAsync(cancel))
            .Select(s => new PracticeSessionExportDto(s.Id, s.PracticeId, s.StartedAt, s.EndedAt, (s.EndedAt - s.StartedAt).TotalSeconds,
                StateNames.Of(s.BeforeState), s.BeforeIntensity, StateNames.Of(s.AfterState), s.AfterIntensity, s.Effect, s.Rating))];

    /// <summary>The steps as the JSON they are stored as; an unreadable value (never written by Attune) as its text.</summary>
    private static JsonElement Steps(string stored)
    {
        try
        {
            return JsonSerializer.Deserialize<JsonElement>(stored);
        }
        catch (JsonException)
        {
            return JsonSerializer.SerializeToElement(stored);
        }
    }
}
