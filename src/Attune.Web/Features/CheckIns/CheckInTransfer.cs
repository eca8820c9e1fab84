using System.Globalization;
using System.Text;
using Attune.Web.Data;
using Attune.Web.Features.Sharing;
using Microsoft.EntityFrameworkCore;
using nietras.SeparatedValues;

namespace Attune.Web.Features.CheckIns;

/// <summary>What an import came to: how many were added, how many were already there, or the first problem and its line.</summary>
public sealed record ImportResult(int Added, int AlreadyThere, int? Line, string? Problem)
{
    public bool Succeeded => Problem is null;
}

/// <summary>
/// A person's check-ins out as CSV or JSON, and the same CSV back in. Cells a spreadsheet would run as a formula
/// (starting with = + - @ tab or return) are written with a leading apostrophe, which the import removes again.
/// An import is checked whole before anything is stored; one bad line stores nothing and names the line.
/// Each row carries the check-in's id, so importing a file twice adds its check-ins once.
/// </summary>
public sealed class CheckInTransfer(AttuneDb db, Access access, CheckIns checkIns, TimeProvider clock)
{
    public const int MaxImportRows = 100_000;
    public const long MaxImportBytes = 20 * 1024 * 1024;

    private static readonly string[] Columns =
    [
        "id", "occurredAt", "timeZone", "localDate", "state", "intensity", "blend", "emotionIds", "emotionNames", "body",
        "who", "where", "doing", "triggers", "glimmers", "stress", "sleepHours", "note", "visibility",
    ];

    public async Task<List<CheckInDto>> AllAsync(Guid me, CancellationToken cancel)
    {
        var rows = await access.Own<CheckIn>(me).AsNoTracking().OrderBy(c => c.OccurredAt).ToListAsync(cancel);
        return await checkIns.ToDtosAsync(me, rows, cancel);
    }

    public async Task WriteCsvAsync(Guid me, TextWriter output, CancellationToken cancel)
    {
        var all = await AllAsync(me, cancel);
        using var writer = Sep.New(',').Writer(o => o with { Escape = true }).To(output, leaveOpen: true);
        foreach (var name in Columns)
        {
            writer.Header.Add(name);
        }
        if (all.Count == 0)
        {
            writer.Header.Write();
        }
        foreach (var c in all)
        {
            using var row = writer.NewRow();
            row["id"].Set(c.Id.ToString());
            row["occurredAt"].Set(c.OccurredAt.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
            row["timeZone"].Set(c.TimeZone);
            row["localDate"].Set(c.LocalDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            row["state"].Set(c.State);
            row["intensity"].Set(c.Intensity.ToString(CultureInfo.InvariantCulture));
            row["blend"].Set(c.Blend ?? "");
            row["emotionIds"].Set(string.Join(';', c.Emotions.Select(e => e.Id)));
            row["emotionNames"].Set(Safe(string.Join("; ", c.Emotions.Select(e => e.Name))));
            row["body"].Set(string.Join(';', c.Body.Select(b => $"{b.Region}:{b.Sensation}")));
            row["who"].Set(List(c.Context.Who));
            row["where"].Set(List(c.Context.Where));
            row["doing"].Set(List(c.Context.Doing));
            row["triggers"].Set(List(c.Context.Triggers));
            row["glimmers"].Set(List(c.Context.Glimmers));
            row["stress"].Set(c.Scales.Stress?.ToString(CultureInfo.InvariantCulture) ?? "");
            row["sleepHours"].Set(c.Scales.SleepHours?.ToString(CultureInfo.InvariantCulture) ?? "");
            row["note"].Set(Safe(c.Note ?? ""));
            row["visibility"].Set(c.Visibility);
        }
    }

    /// <summary>Reads a CSV in the export's format (columns may come in any order; unknown columns are ignored).</summary>
    public async Task<ImportResult> ImportCsvAsync(Guid me, string text, CancellationToken cancel)
    {
        var requests = new List<(int Line, CheckInRequest Request)>();
        try
        {
            using var reader = Sep.New(',').Reader(o => o with { Unescape = true, DisableColCountCheck = false }).FromText(text);
            foreach (var required in new[] { "occurredAt", "state", "emotionIds" })
            {
                if (!reader.Header.TryIndexOf(required, out _))
                {
                    return new ImportResult(0, 0, 1, $"The first line must name the columns, including “{required}”. Export your check-ins once to see the format.");
                }
            }
            string Cell(SepReader.Row row, string name) =>
                reader.Header.TryIndexOf(name, out var i) ? Unsafe(row[i].ToString()) : "";
            foreach (var row in reader)
            {
                if (requests.Count >= MaxImportRows)
                {
                    return new ImportResult(0, 0, row.LineNumberFrom, $"A file can hold at most {MaxImportRows:N0} check-ins. Please split it.");
                }
                var (request, problem) = ToRequest(row.LineNumberFrom, Cell(row, "id"), Cell(row, "occurredAt"), Cell(row, "timeZone"), Cell(row, "state"),
                    Cell(row, "intensity"), Cell(row, "blend"), Cell(row, "emotionIds"), Cell(row, "body"), Cell(row, "who"), Cell(row, "where"),
                    Cell(row, "doing"), Cell(row, "triggers"), Cell(row, "glimmers"), Cell(row, "stress"), Cell(row, "sleepHours"), Cell(row, "note"),
                    Cell(row, "visibility"));
                if (problem is not null)
                {
                    return new ImportResult(0, 0, row.LineNumberFrom, problem);
                }
                requests.Add((row.LineNumberFrom, request!));
            }
        }
        catch (InvalidDataException e)
        {
            return new ImportResult(0, 0, null, $"This doesn't read as a CSV file: {e.Message}");
        }
        catch (ArgumentException e)
        {
            return new ImportResult(0, 0, null, $"This doesn't read as a CSV file: {e.Message}");
        }
        return await StoreAsync(me, requests, cancel);
    }

    /// <summary>Validates every row, then stores the new ones in one transaction; a bad row stores nothing.</summary>
    public async Task<ImportResult> StoreAsync(Guid me, List<(int Line, CheckInRequest Request)> requests, CancellationToken cancel)
    {
        var keys = requests.Select(r => r.Request.IdempotencyKey).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var existing = (await access.Own<CheckIn>(me).Where(c => c.IdempotencyKey != null).Select(c => c.IdempotencyKey!).ToListAsync(cancel))
            .Where(keys.Contains).ToHashSet(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var valid = new List<(ValidCheckIn Value, string? Key)>();
        var context = await checkIns.ValidationContextAsync(me, cancel);
        foreach (var (line, request) in requests)
        {
            if (request.IdempotencyKey is { } key && (existing.Contains(key) || !seen.Add(key)))
            {
                continue;
            }
            var (value, errors) = CheckInRules.Validate(request, CheckInVocabulary.Instance, context.OwnWordIds, clock.GetUtcNow().UtcDateTime,
                context.Zone, context.DefaultVisibility);
            if (value is null)
            {
                var (field, messages) = errors.First();
                return new ImportResult(0, 0, line, $"{field}: {messages[0]}");
            }
            valid.Add((value, request.IdempotencyKey));
        }
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var (value, key) in valid)
        {
            var checkIn = new CheckIn { Id = Guid.CreateVersion7(), OwnerId = me, CreatedAt = now, IdempotencyKey = key };
            CheckIns.Apply(checkIn, value, now);
            db.Add(checkIn);
        }
        await db.SaveChangesAsync(cancel);
        return new ImportResult(valid.Count, requests.Count - valid.Count, null, null);
    }

    private static (CheckInRequest? Request, string? Problem) ToRequest(int line, string id, string occurredAt, string zone, string state, string intensity,
        string blend, string emotionIds, string body, string who, string where, string doing, string triggers, string glimmers, string stress,
        string sleepHours, string note, string visibility)
    {
        _ = line;
        if (!DateTimeOffset.TryParse(occurredAt, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var when))
        {
            return (null, "occurredAt: please give the time like 2026-12-04T08:30:00Z.");
        }
        int? number(string text) => int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : null;
        if (intensity.Length > 0 && number(intensity) is null)
        {
            return (null, "intensity: a whole number from 0 to 10.");
        }
        if (stress.Length > 0 && number(stress) is null)
        {
            return (null, "stress: a whole number from 0 to 10.");
        }
        double? sleep = null;
        if (sleepHours.Length > 0)
        {
            if (!double.TryParse(sleepHours, NumberStyles.Float, CultureInfo.InvariantCulture, out var hours))
            {
                return (null, "sleepHours: a number of hours, like 7.5.");
            }
            sleep = hours;
        }
        if (id.Length > 0 && !Guid.TryParse(id, out _))
        {
            return (null, "id: leave it empty, or keep the id from an export.");
        }
        return (new CheckInRequest(
            state,
            intensity.Length > 0 ? number(intensity) : null,
            blend.Length > 0 ? blend : null,
            Split(emotionIds, ';'),
            [.. Split(body, ';').Select(p => p.Split(':', 2)).Select(p => new BodySensationDto(p[0], p.Length > 1 ? p[1] : ""))],
            new CheckInContextDto(Lines(who), Lines(where), Lines(doing), Lines(triggers), Lines(glimmers)),
            new CheckInScalesDto(stress.Length > 0 ? number(stress) : null, sleep),
            note.Length > 0 ? note : null,
            when,
            zone.Length > 0 ? zone : null,
            visibility.Length > 0 ? visibility : null,
            id.Length > 0 ? "import:" + Guid.Parse(id).ToString("N") : null), null);
    }

    private static string[] Split(string text, char separator) =>
        text.Split(separator, StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    private static string[]? Lines(string text) =>
        Split(text.ReplaceLineEndings("\n"), '\n') is { Length: > 0 } lines ? lines : null;

    /// <summary>Free-text lists go one item per line inside the cell, so no separator can clash with what people write.</summary>
    private static string List(string[]? items) => Safe(string.Join('\n', items ?? []));

    /// <summary>Defuses cells a spreadsheet would treat as a formula (OWASP's CSV injection advice).</summary>
    public static string Safe(string cell) =>
        cell.Length > 0 && cell[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + cell : cell;

    /// <summary>Undoes <see cref="Safe"/> on the way back in.</summary>
    public static string Unsafe(string cell) =>
        cell.Length > 1 && cell[0] == '\'' && cell[1] is '=' or '+' or '-' or '@' or '\t' or '\r' ? cell[1..] : cell;

    public static Encoding Utf8 { get; } = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
}
