using System.IO.Compression;
using System.Text.Json;
using Attune.Web.Data;
using Attune.Web.Features.Demo;
using Attune.Web.Features.Sharing;
using Microsoft.EntityFrameworkCore;
using nietras.SeparatedValues;

namespace Attune.Web.Features.Export;

/// <summary>The profile as the person gave it, without any secret (no password hash, keys, codes or security stamps).</summary>
public sealed record AccountExportDto(
    Guid Id,
    string Email,
    bool EmailConfirmed,
    string DisplayName,
    string TimeZone,
    DateTime CreatedAt,
    bool TwoFactorEnabled,
    bool Demo);

/// <summary>The account's profile. Not imported: the account an export is imported into keeps its own.</summary>
public sealed class AccountExport(AttuneDb db) : IExportStream
{
    public string Name => "account";

    public async Task<AccountExportDto> ReadAsync(Guid me, CancellationToken cancel)
    {
        var demo = db.Set<DemoAccount>().Where(d => d.UserId == me);
        return await db.Users.AsNoTracking().Where(u => u.Id == me)
            .Select(u => new AccountExportDto(u.Id, u.Email ?? "", u.EmailConfirmed, u.DisplayName, u.TimeZone, u.CreatedAt, u.TwoFactorEnabled, demo.Any()))
            .SingleAsync(cancel);
    }

    public async Task WriteJsonAsync(ExportContext context, Utf8JsonWriter json, Func<Task> flush, CancellationToken cancel) =>
        JsonSerializer.Serialize(json, await ReadAsync(context.OwnerId, cancel), ImportJson.Options);

    public async Task WriteCsvAsync(ExportContext context, ZipArchive zip, CancellationToken cancel)
    {
        var a = await ReadAsync(context.OwnerId, cancel);
        await CsvFiles.WriteAsync(zip, "account.csv", ["id", "email", "emailConfirmed", "displayName", "timeZone", "createdAt", "twoFactorEnabled"], [
            [a.Id.ToString(), CsvCells.Safe(a.Email), a.EmailConfirmed ? "true" : "false", CsvCells.Safe(a.DisplayName), a.TimeZone,
                CsvCells.Instant(a.CreatedAt), a.TwoFactorEnabled ? "true" : "false"],
        ], cancel);
    }
}

/// <summary>
/// Grants given and received, metadata only (who, which streams, status, when): what was shared is in the owner's
/// other streams, and what others shared is theirs. Not imported: consent is given again, by both people.
/// </summary>
public sealed class GrantsExport(Grants grants) : IExportStream
{
    public string Name => "grants";

    public async Task WriteJsonAsync(ExportContext context, Utf8JsonWriter json, Func<Task> flush, CancellationToken cancel) =>
        JsonSerializer.Serialize(json, await grants.AllAsync(context.OwnerId, cancel), ImportJson.Options);

    public async Task WriteCsvAsync(ExportContext context, ZipArchive zip, CancellationToken cancel)
    {
        var all = await grants.AllAsync(context.OwnerId, cancel);
        string[] columns = ["id", "direction", "kind", "status", "streams", "ownerName", "ownerEmail", "granteeName", "granteeEmail", "consentVersion", "createdAt", "acceptedAt", "endedAt"];
        await CsvFiles.WriteAsync(zip, "grants.csv", columns, [.. all.Given.Concat(all.Received).Select(g => new[]
        {
            g.Id.ToString(), g.Direction, g.Kind, g.Status, string.Join(';', g.Streams), CsvCells.Safe(g.Owner.Name), CsvCells.Safe(g.Owner.Email),
            CsvCells.Safe(g.Grantee.Name), CsvCells.Safe(g.Grantee.Email), g.ConsentVersion.ToString(System.Globalization.CultureInfo.InvariantCulture),
            CsvCells.Instant(g.CreatedAt), CsvCells.Instant(g.AcceptedAt), CsvCells.Instant(g.EndedAt),
        })], cancel);
    }
}

/// <summary>Writes one CSV file into the export zip with Sep (quoted where needed); cells are already defused by the caller.</summary>
public static class CsvFiles
{
    public static async Task WriteAsync(ZipArchive zip, string path, IReadOnlyList<string> columns, IEnumerable<string[]> rows, CancellationToken cancel)
    {
        var entry = zip.CreateEntry(path, CompressionLevel.Optimal);
        await using var stream = await entry.OpenAsync(cancel);
        await using var text = new StreamWriter(stream, CheckIns.CheckInTransfer.Utf8);
        await WriteAsync(text, columns, rows);
    }

    public static async Task WriteAsync(TextWriter output, IReadOnlyList<string> columns, IEnumerable<string[]> rows)
    {
        // Sep writes synchronously into a string builder here; the zip entry gets it in one asynchronous write.
        using var buffer = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        using (var writer = Sep.New(',').Writer(o => o with { Escape = true }).To(buffer, leaveOpen: true))
        {
            foreach (var name in columns)
            {
                writer.Header.Add(name);
            }
            var any = false;
            foreach (var cells in rows)
            {
                any = true;
                using var row = writer.NewRow();
                for (var i = 0; i < columns.Count; i++)
                {
                    row[columns[i]].Set(cells[i]);
                }
            }
            if (!any)
            {
                writer.Header.Write();
            }
        }
        await output.WriteAsync(buffer.ToString());
    }
}
