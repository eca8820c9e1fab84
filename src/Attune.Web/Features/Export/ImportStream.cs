using System.Security.Cryptography;
using System.Text.Json;

namespace Attune.Web.Features.Export;

/// <summary>One thing wrong with an import: which stream, which item (0-based, or none), and what to fix.</summary>
public sealed record ImportProblem(string Stream, int? Item, string Message)
{
    public override string ToString() => Item is { } i ? $"{Stream}, item {i + 1}: {Message}" : $"{Stream}: {Message}";
}

/// <summary>How many items of one stream were added and how many were already there.</summary>
public sealed record ImportCount(string Stream, int Added, int AlreadyThere);

/// <summary>
/// The state of one JSON import while every stream checks its part: the importer, the problems found so far,
/// the counts, and the ids given to items whose own id belonged to someone else (so later streams can follow them,
/// e.g. a check-in naming one of the person's own words).
/// </summary>
public sealed class ImportContext(Guid ownerId, DateTime now)
{
    public const int MaxProblems = 20;

    public Guid OwnerId { get; } = ownerId;

    public DateTime Now { get; } = now;

    public List<ImportProblem> Problems { get; } = [];

    public List<ImportCount> Counts { get; } = [];

    /// <summary>Original id → id given in this account, per stream.</summary>
    public Dictionary<(string Stream, Guid Original), Guid> Ids { get; } = [];

    public bool Failed => Problems.Count > 0;

    public void Problem(string stream, int? item, string message)
    {
        if (Problems.Count < MaxProblems)
        {
            Problems.Add(new ImportProblem(stream, item, message));
        }
    }

    /// <summary>
    /// The id an imported item gets in this account: its own when it is free or already this person's, otherwise one
    /// derived from (importer, original id), the same on every import of the same file, so importing twice still
    /// adds the item once and never touches the other person's row.
    /// </summary>
    public static Guid DerivedId(Guid ownerId, Guid original)
    {
        Span<byte> input = stackalloc byte[32];
        ownerId.TryWriteBytes(input);
        original.TryWriteBytes(input[16..]);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(input, hash);
        // Shaped as an RFC 9562 version 8 (custom) UUID.
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash[..16]);
    }
}

/// <summary>Where one of a person's items goes when imported: a new row, or nothing because it is already here.</summary>
public enum Placement
{
    Add,
    AlreadyThere,
}

/// <summary>
/// A stream that <see cref="PersonalImport"/> can bring back from a JSON export. <see cref="CheckAsync"/> validates
/// every item and stages the new rows on the (unsaved) database context; it must not save. If any stream reports a
/// problem, nothing staged by any stream is stored.
/// </summary>
public interface IImportStream
{
    string Name { get; }

    /// <summary>Streams run in ascending order: ones that others refer to (own words) first.</summary>
    int Order { get; }

    Task CheckAsync(ImportContext context, JsonElement value, CancellationToken cancel);
}

/// <summary>Reading the JSON export's values with messages a person can act on.</summary>
public static class ImportJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    /// <summary>The items of an array stream, each deserialized; null (and a problem noted) when the value is not an array of them.</summary>
    public static List<(int Index, T Item)>? Items<T>(ImportContext context, string stream, JsonElement value, int max) where T : class
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            context.Problem(stream, null, "should be a list, as in the export.");
            return null;
        }
        if (value.GetArrayLength() > max)
        {
            context.Problem(stream, null, $"holds more than {max:N0} items, more than one account can import at once.");
            return null;
        }
        var items = new List<(int, T)>();
        var index = 0;
        foreach (var element in value.EnumerateArray())
        {
            try
            {
                if (element.Deserialize<T>(Options) is { } item)
                {
                    items.Add((index, item));
                }
                else
                {
                    context.Problem(stream, index, "is empty.");
                }
            }
            catch (JsonException e)
            {
                context.Problem(stream, index, "doesn't read as in the export" + (e.Path is { Length: > 1 } path ? $" (at {path})." : "."));
            }
            index++;
        }
        return items;
    }
}
