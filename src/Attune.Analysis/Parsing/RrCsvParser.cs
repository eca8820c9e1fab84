using Attune.Analysis.Series;

namespace Attune.Analysis.Parsing;

/// <summary>An RR series read from text, with how many intervals lie outside the plausible range.</summary>
/// <param name="Series">Every interval in the file, none dropped.</param>
/// <param name="OutOfRangeCount">Intervals below <see cref="RrCsvParser.PlausibleMinMs"/> or above
/// <see cref="RrCsvParser.PlausibleMaxMs"/>; artifact correction replaces them.</param>
/// <param name="FirstOutOfRangeLine">1-based line of the first such interval, or null.</param>
public sealed record ParsedRr(RrSeries Series, int OutOfRangeCount, int? FirstOutOfRangeLine);

/// <summary>
/// Reads RR (inter-beat) intervals in milliseconds from CSV or plain-text exports.
/// </summary>
/// <remarks>
/// <para>Accepted layouts of <see cref="Parse(TextReader, IProgress{long})"/>, chosen by the header
/// (case-insensitive): <c>rr_ms</c> (or <c>rr</c>) alone; <c>t_s,rr_ms</c> where <c>t_s</c> is the
/// beat time in seconds from an arbitrary origin; <c>timestamp,rr</c> where the timestamp is Unix
/// seconds or ISO-8601 (the first row's timestamp becomes <see cref="RrSeries.Start"/> and t = 0); or
/// no header and one interval per line. Each row is one beat: its time is the time of the beat that
/// closes the interval, so times must strictly increase.</para>
/// <para>Separators: ',' or ';' or tab, detected from the header. A ',' inside a field is a decimal
/// comma unless ',' is the separator (so <c>t_s;rr_ms</c> with <c>0,8;812,5</c> reads 812.5 ms).
/// Numbers are otherwise parsed with the invariant culture.</para>
/// <para>Bad input (empty, header only, a non-number, NaN, zero or negative interval, times not
/// increasing, binary content, all values below 10 which suggests seconds, an interval over a minute)
/// gives an error naming the 1-based line. Implausible intervals (&lt; 200 ms or &gt; 3000 ms) are kept and counted:
/// dropping them would shift every later beat, so the decision is left to artifact correction.</para>
/// <para>Linear in the input; progress reports the number of lines read.</para>
/// </remarks>
public static class RrCsvParser
{
    /// <summary>Shortest plausible RR interval, ms (a heart rate of 300 bpm).</summary>
    public const double PlausibleMinMs = 200;

    /// <summary>Longest plausible RR interval, ms (a heart rate of 20 bpm).</summary>
    public const double PlausibleMaxMs = 3000;

    /// <summary>
    /// Longest RR interval accepted at all, ms: one minute. A longer value is no pause between beats but a
    /// wrong unit or a corrupt value, and would also break the beat-time axis (at 10^300 ms the running
    /// sum of intervals no longer changes), so it is an error naming the line.
    /// </summary>
    public const double MaximumMs = 60_000;

    private static readonly ColumnSpec Generic = new()
    {
        ValueNames = ["rr_ms", "rr"],
        RelativeTimeNames = ["t_s"],
        TimestampNames = ["timestamp"],
        ValueDescription = "RR interval (ms)",
        PositiveValues = true,
        PlausibleMin = PlausibleMinMs,
        PlausibleMax = PlausibleMaxMs,
        MaximumValue = MaximumMs,
    };

    private static readonly ColumnSpec PerLine = new()
    {
        ValueNames = [],
        RelativeTimeNames = [],
        TimestampNames = [],
        ValueDescription = "RR interval (ms)",
        PositiveValues = true,
        AnyTextHeader = true,
        PlausibleMin = PlausibleMinMs,
        PlausibleMax = PlausibleMaxMs,
        MaximumValue = MaximumMs,
    };

    /// <summary>Parses a generic RR CSV (layouts in the type's remarks).</summary>
    public static ParseResult<ParsedRr> Parse(TextReader reader, IProgress<long>? progress = null) =>
        Build(TimedCsvReader.Read(reader, Generic, progress));

    /// <summary>Parses a generic RR CSV held in a string.</summary>
    public static ParseResult<ParsedRr> Parse(string text, IProgress<long>? progress = null)
    {
        using var reader = new StringReader(text);
        return Parse(reader, progress);
    }

    /// <summary>Parses a generic RR CSV from UTF-8 bytes; non-UTF-8 or binary bytes give an error.</summary>
    public static ParseResult<ParsedRr> Parse(ReadOnlySpan<byte> utf8, IProgress<long>? progress = null)
    {
        var text = TextFields.DecodeUtf8(utf8);
        return text is null ? ParseResult<ParsedRr>.Failure(null, TextFields.BinaryMessage) : Parse(text, progress);
    }

    /// <summary>
    /// Parses a Polar or Elite HRV RR export: one interval in ms per line, an optional first line of
    /// free text (a title or column name), blank lines ignored.
    /// </summary>
    public static ParseResult<ParsedRr> ParseIntervalList(TextReader reader, IProgress<long>? progress = null) =>
        Build(TimedCsvReader.Read(reader, PerLine, progress));

    /// <summary>Parses a Polar or Elite HRV RR export held in a string.</summary>
    public static ParseResult<ParsedRr> ParseIntervalList(string text, IProgress<long>? progress = null)
    {
        using var reader = new StringReader(text);
        return ParseIntervalList(reader, progress);
    }

    /// <summary>Parses a Polar or Elite HRV RR export from UTF-8 bytes.</summary>
    public static ParseResult<ParsedRr> ParseIntervalList(ReadOnlySpan<byte> utf8, IProgress<long>? progress = null)
    {
        var text = TextFields.DecodeUtf8(utf8);
        return text is null ? ParseResult<ParsedRr>.Failure(null, TextFields.BinaryMessage) : ParseIntervalList(text, progress);
    }

    private static ParseResult<ParsedRr> Build(ParseResult<TimedColumns> read)
    {
        if (!read.IsSuccess)
        {
            return ParseResult<ParsedRr>.Failure(read.Error);
        }
        var c = read.Value;
        var max = 0.0;
        foreach (var v in c.Values)
        {
            max = Math.Max(max, v);
        }
        if (max < 10)
        {
            return ParseResult<ParsedRr>.Failure(null, "every RR value is below 10; intervals must be in milliseconds (values in seconds must be multiplied by 1000)");
        }
        var series = c.TimesS is null
            ? RrSeries.FromIntervals(c.Values, c.Start)
            : RrSeries.FromBeats(c.Values, c.TimesS, c.Start);
        return ParseResult<ParsedRr>.Success(new ParsedRr(series, c.OutOfRangeCount, c.FirstOutOfRangeLine));
    }
}
