namespace Attune.Web.Features.Sharing;

/// <summary>
/// The kinds of a person's data that can be shared, one grant covering any set of them. Stored as
/// bit flags; on the wire each is a lower-case word (<see cref="DataStreams"/>).
/// </summary>
[Flags]
public enum DataStream
{
    None = 0,
    Recordings = 1,
    CheckIns = 2,
    Practices = 4,
    Measures = 8,
    Together = 16,
}

public static class DataStreams
{
    /// <summary>Streams whose feature exists today; a grant may only name these.</summary>
    public static IReadOnlyList<DataStream> Available { get; } = [DataStream.CheckIns, DataStream.Practices, DataStream.Recordings, DataStream.Measures];

    public static string Name(DataStream stream) => stream switch
    {
        DataStream.Recordings => "recordings",
        DataStream.CheckIns => "checkins",
        DataStream.Practices => "practices",
        DataStream.Measures => "measures",
        DataStream.Together => "together",
        _ => throw new ArgumentOutOfRangeException(nameof(stream), stream, "Not a single stream."),
    };

    /// <summary>What a person reads on a page: "heart recordings".</summary>
    public static string Label(DataStream stream) => stream switch
    {
        DataStream.Recordings => "heart recordings",
        DataStream.CheckIns => "check-ins",
        DataStream.Practices => "practices",
        DataStream.Measures => "well-being measures and reflections",
        DataStream.Together => "time together",
        _ => throw new ArgumentOutOfRangeException(nameof(stream), stream, "Not a single stream."),
    };

    public static DataStream? Parse(string? name) =>
        Available.FirstOrDefault(s => string.Equals(Name(s), name?.Trim(), StringComparison.OrdinalIgnoreCase)) is var s and not DataStream.None ? s : null;

    public static IEnumerable<DataStream> Each(DataStream streams) =>
        Enum.GetValues<DataStream>().Where(s => s != DataStream.None && streams.HasFlag(s));

    public static string[] Names(DataStream streams) => [.. Each(streams).Select(Name)];

    /// <summary>"heart recordings and check-ins".</summary>
    public static string Describe(DataStream streams)
    {
        var labels = Each(streams).Select(Label).ToList();
        return labels.Count switch
        {
            0 => "nothing",
            1 => labels[0],
            _ => string.Join(", ", labels[..^1]) + " and " + labels[^1],
        };
    }
}
