using System.Text.Json;
using Attune.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Attune.Web.Features.Export;

/// <summary>What an import came to: counts per stream, or the problems found (and then nothing was stored).</summary>
public sealed record ImportOutcome(IReadOnlyList<ImportCount> Counts, IReadOnlyList<ImportProblem> Problems, IReadOnlyList<string> NotImported)
{
    public bool Succeeded => Problems.Count == 0;

    public int Added => Counts.Sum(c => c.Added);

    public int AlreadyThere => Counts.Sum(c => c.AlreadyThere);
}

/// <summary>
/// Brings a JSON export back into the signed-in person's account. The whole file is checked first, every stream of it;
/// only when nothing is wrong is anything stored, in one transaction. Items keep their ids when those are free or
/// already the importer's (so importing twice adds nothing the second time); an id that belongs to someone else gets
/// an id derived from the importer and the original, so nobody's row is ever touched. Everything imported belongs to
/// the importer. The account profile and grants are not imported: the account keeps its own, and consent to share is
/// given again by both people.
/// </summary>
public sealed class PersonalImport(AttuneDb db, IEnumerable<IImportStream> streams, TimeProvider clock)
{
    /// <summary>Largest JSON export accepted in one request (it is read whole to be checked whole).</summary>
    public const long MaxBytes = 200L * 1024 * 1024;

    private const string General = "file";

    public async Task<ImportOutcome> ImportAsync(Guid me, Stream body, CancellationToken cancel)
    {
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(body, new JsonDocumentOptions { MaxDepth = 32 }, cancel);
        }
        catch (JsonException)
        {
            return Failed("This doesn't read as an Attune JSON export. Please choose the .json file the export gave you.");
        }
        using (document)
        {
            return await ImportAsync(me, document.RootElement, cancel);
        }
    }

    public async Task<ImportOutcome> ImportAsync(Guid me, JsonElement root, CancellationToken cancel)
    {
        if (root.ValueKind != JsonValueKind.Object
            || !root.TryGetProperty("format", out var format) || format.ValueKind != JsonValueKind.String || format.GetString() != PersonalExport.Format
            || !root.TryGetProperty("streams", out var streamValues) || streamValues.ValueKind != JsonValueKind.Object)
        {
            return Failed("This doesn't read as an Attune JSON export (it has no \"format\": \"attune-export\" and \"streams\"). Please choose the .json file the export gave you.");
        }
        if (!root.TryGetProperty("version", out var version) || !version.TryGetInt32(out var v) || v < 1 || v > PersonalExport.Version)
        {
            return Failed($"This export is from a newer version of Attune (format version {version}). Please update this Attune first.");
        }
        var context = new ImportContext(me, clock.GetUtcNow().UtcDateTime);
        var known = streams.ToDictionary(s => s.Name, StringComparer.Ordinal);
        var notImported = streamValues.EnumerateObject().Select(p => p.Name).Where(n => !known.ContainsKey(n)).ToList();
        try
        {
            foreach (var stream in known.Values.OrderBy(s => s.Order))
            {
                if (streamValues.TryGetProperty(stream.Name, out var value) && value.ValueKind != JsonValueKind.Null)
                {
                    await stream.CheckAsync(context, value, cancel);
                }
            }
            if (context.Failed)
            {
                return new ImportOutcome(context.Counts, context.Problems, notImported);
            }
            await using var transaction = await db.Database.BeginTransactionAsync(cancel);
            await db.SaveChangesAsync(cancel);
            await transaction.CommitAsync(cancel);
            return new ImportOutcome(context.Counts, [], notImported);
        }
        catch (DbUpdateException)
        {
            // Another import or change of the same items at the same moment: nothing of this one was stored.
            return Failed("Some of these items were being saved by another request at the same moment. Nothing was imported; please try again.");
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    private static ImportOutcome Failed(string message) => new([], [new ImportProblem(General, null, message)], []);
}
