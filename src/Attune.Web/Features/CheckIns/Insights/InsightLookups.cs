using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Attune.Web.Features.CheckIns.Insights;

/// <summary>One check-in as insights read it: the columns they need, nothing else.</summary>
public readonly record struct InsightRow(
    DateOnly LocalDate,
    int LocalMinute,
    NervousState State,
    int Intensity,
    string Emotions,
    string Body,
    string Context);

/// <summary>
/// Emotion word ids mapped to small dense numbers (Attune's words first, then the person's own), looked up from a
/// span of the stored comma list without allocating a string per word. A word no longer known (an own word since
/// removed) gets a number too, with no place on pleasantness and energy.
/// </summary>
internal sealed class WordTable
{
    public const string RemovedName = "a word since removed";

    private static readonly Dictionary<string, int> VocabularyIndex = BuildVocabularyIndex();

    private readonly Dictionary<string, int> _index;
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    public WordTable(IEnumerable<EmotionWord> ownWords)
    {
        _index = new Dictionary<string, int>(VocabularyIndex, StringComparer.Ordinal);
        _lookup = _index.GetAlternateLookup<ReadOnlySpan<char>>();
        foreach (var word in CheckInVocabulary.Instance.Emotions)
        {
            Add(word.Id, word.Name, word.Pleasantness, word.Energy);
        }
        foreach (var word in ownWords)
        {
            if (!_index.ContainsKey(word.Id))
            {
                _index[word.Id] = Ids.Count;
                Add(word.Id, word.Name, word.Pleasantness, word.Energy);
            }
        }
    }

    public List<string> Ids { get; } = [];

    public List<string> Names { get; } = [];

    /// <summary>−5 to +5; NaN for a word that is no longer known.</summary>
    public List<double> Pleasantness { get; } = [];

    public List<double> Energy { get; } = [];

    public int Count => Ids.Count;

    public int IndexOf(ReadOnlySpan<char> id)
    {
        if (_lookup.TryGetValue(id, out var index))
        {
            return index;
        }
        var text = id.ToString();
        index = Ids.Count;
        _index[text] = index;
        Add(text, RemovedName, double.NaN, double.NaN);
        return index;
    }

    private void Add(string id, string name, double pleasantness, double energy)
    {
        Ids.Add(id);
        Names.Add(name);
        Pleasantness.Add(pleasantness);
        Energy.Add(energy);
    }

    private static Dictionary<string, int> BuildVocabularyIndex()
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var word in CheckInVocabulary.Instance.Emotions)
        {
            index[word.Id] = index.Count;
        }
        return index;
    }
}

/// <summary>Body regions and sensations of the vocabulary as dense numbers, looked up from spans.</summary>
internal static class BodyIndex
{
    public static readonly IReadOnlyList<BodyRegion> Regions = CheckInVocabulary.Instance.Regions;

    public static readonly IReadOnlyList<BodySensation> Sensations = CheckInVocabulary.Instance.Sensations;

    private static readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> RegionLookup = Build(Regions.Select(r => r.Id));

    private static readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> SensationLookup = Build(Sensations.Select(s => s.Id));

    /// <summary>-1 when the region is not on the map.</summary>
    public static int Region(ReadOnlySpan<char> id) => RegionLookup.TryGetValue(id, out var i) ? i : -1;

    public static int Sensation(ReadOnlySpan<char> id) => SensationLookup.TryGetValue(id, out var i) ? i : -1;

    private static Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> Build(IEnumerable<string> ids)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var id in ids)
        {
            index[id] = index.Count;
        }
        return index.GetAlternateLookup<ReadOnlySpan<char>>();
    }
}

/// <summary>
/// The who/where/doing tags of stored context JSON, read with a forward-only reader into dense tag numbers
/// ("who:colleagues" → 3). Triggers, glimmers and anything else are skipped unread. One UTF-8 buffer is reused for
/// every check-in.
/// </summary>
internal sealed class ContextTags : IDisposable
{
    public static readonly string[] Categories = ["who", "where", "doing"];

    private const int MaxTagChars = 128;

    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private byte[] _utf8 = ArrayPool<byte>.Shared.Rent(1024);

    public ContextTags() => _lookup = _index.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>"category:tag" of each number.</summary>
    public List<string> Keys { get; } = [];

    public int Count => Keys.Count;

    /// <summary>
    /// Writes the distinct tag numbers of <paramref name="context"/> to <paramref name="tags"/> (grown when
    /// needed) and returns how many. Empty context, or context naming none of the three lists, costs a scan only.
    /// </summary>
    public int Read(string context, ref int[] tags)
    {
        if (context.Length == 0 || !MayHaveTags(context))
        {
            return 0;
        }
        var byteCount = Encoding.UTF8.GetMaxByteCount(context.Length);
        if (byteCount > _utf8.Length)
        {
            ArrayPool<byte>.Shared.Return(_utf8);
            _utf8 = ArrayPool<byte>.Shared.Rent(byteCount);
        }
        var length = Encoding.UTF8.GetBytes(context, _utf8);
        var count = 0;
        Span<char> key = stackalloc char[MaxTagChars + 8];
        try
        {
            var reader = new Utf8JsonReader(_utf8.AsSpan(0, length));
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return 0;
            }
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var category = reader.ValueTextEquals("who"u8) ? "who"
                    : reader.ValueTextEquals("where"u8) ? "where"
                    : reader.ValueTextEquals("doing"u8) ? "doing"
                    : null;
                reader.Read();
                if (category is null || reader.TokenType != JsonTokenType.StartArray)
                {
                    reader.Skip();
                    continue;
                }
                category.CopyTo(key);
                key[category.Length] = ':';
                var prefix = category.Length + 1;
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    if (reader.TokenType != JsonTokenType.String)
                    {
                        reader.Skip();
                        continue;
                    }
                    int tag;
                    if (reader.ValueSpan.Length <= MaxTagChars)
                    {
                        var written = reader.CopyString(key[prefix..]);
                        tag = IndexOf(key[..(prefix + written)]);
                    }
                    else
                    {
                        tag = IndexOf($"{category}:{reader.GetString()}");
                    }
                    if (tags.AsSpan(0, count).IndexOf(tag) < 0)
                    {
                        if (count == tags.Length)
                        {
                            Array.Resize(ref tags, 2 * tags.Length);
                        }
                        tags[count++] = tag;
                    }
                }
            }
        }
        catch (JsonException)
        {
            // Stored context is always written by the serializer; a row that is not JSON adds no tags.
        }
        return count;
    }

    private int IndexOf(ReadOnlySpan<char> key)
    {
        if (_lookup.TryGetValue(key, out var index))
        {
            return index;
        }
        var text = key.ToString();
        index = Keys.Count;
        _index[text] = index;
        Keys.Add(text);
        return index;
    }

    private static bool MayHaveTags(string context) =>
        context.Contains("\"who\"", StringComparison.Ordinal)
        || context.Contains("\"where\"", StringComparison.Ordinal)
        || context.Contains("\"doing\"", StringComparison.Ordinal);

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(_utf8);
        _utf8 = [];
    }
}

/// <summary>Receives one row of <see cref="CheckInInsights.ReadAsync"/>.</summary>
public delegate void InsightRowSink(in InsightRow row);

/// <summary>
/// The columns of <see cref="CheckInInsights.Rows"/> in a data reader, found by name (EF Core names each projected
/// column after its property), and one row of them read as EF Core would: the state from its stored name.
/// </summary>
internal readonly struct InsightColumns(System.Data.Common.DbDataReader reader)
{
    private readonly int _date = reader.GetOrdinal(nameof(CheckIn.LocalDate));
    private readonly int _minute = reader.GetOrdinal(nameof(CheckIn.LocalMinute));
    private readonly int _state = reader.GetOrdinal(nameof(CheckIn.State));
    private readonly int _intensity = reader.GetOrdinal(nameof(CheckIn.Intensity));
    private readonly int _emotions = reader.GetOrdinal(nameof(CheckIn.Emotions));
    private readonly int _body = reader.GetOrdinal(nameof(CheckIn.Body));
    private readonly int _context = reader.GetOrdinal(nameof(CheckIn.Context));

    public InsightRow Read(System.Data.Common.DbDataReader row) => new(
        row.GetFieldValue<DateOnly>(_date),
        row.GetInt32(_minute),
        State(row.GetString(_state)),
        row.GetInt32(_intensity),
        row.GetString(_emotions),
        row.GetString(_body),
        row.GetString(_context));

    /// <summary>The enum from the name EF Core stores (<c>HasConversion&lt;string&gt;</c>); anything else fails as EF Core would.</summary>
    internal static NervousState State(string stored) => stored switch
    {
        nameof(NervousState.Connected) => NervousState.Connected,
        nameof(NervousState.Activated) => NervousState.Activated,
        nameof(NervousState.ShutDown) => NervousState.ShutDown,
        _ => Enum.Parse<NervousState>(stored),
    };
}
