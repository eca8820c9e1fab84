using System.Globalization;

namespace Attune.Analysis.Parsing;

/// <summary>What a one- or two-column numeric CSV must look like.</summary>
internal sealed class ColumnSpec
{
    /// <summary>Accepted names for a value column.</summary>
    public required string[] ValueNames { get; init; }

    /// <summary>Accepted names for a time column holding seconds from an arbitrary origin.</summary>
    public required string[] RelativeTimeNames { get; init; }

    /// <summary>Accepted names for a time column holding Unix seconds or ISO-8601 instants.</summary>
    public required string[] TimestampNames { get; init; }

    /// <summary>What a value is, for messages ("RR interval (ms)").</summary>
    public required string ValueDescription { get; init; }

    /// <summary>Values must be strictly positive.</summary>
    public bool PositiveValues { get; init; }

    /// <summary>A single-column file may come without a header.</summary>
    public bool AllowHeaderless { get; init; } = true;

    /// <summary>Single column only; a first line that is not a number is a free-text header.</summary>
    public bool AnyTextHeader { get; init; }

    /// <summary>Values outside [<see cref="PlausibleMin"/>, <see cref="PlausibleMax"/>] are counted.</summary>
    public double PlausibleMin { get; init; } = double.NegativeInfinity;

    /// <summary>Upper end of the plausible range.</summary>
    public double PlausibleMax { get; init; } = double.PositiveInfinity;

    /// <summary>A value above this is not kept but is an error naming the line (a wrong unit or a corrupt value).</summary>
    public double MaximumValue { get; init; } = double.PositiveInfinity;

    /// <summary>The headers accepted, for messages.</summary>
    public string AcceptedHeaders()
    {
        var single = string.Join(" or ", ValueNames);
        var times = string.Join(" or ", [.. RelativeTimeNames, .. TimestampNames]);
        return $"'{single}' alone, or a time column ({times}) then the value column";
    }
}

/// <summary>The columns read from a file, before they become a domain type.</summary>
internal sealed record TimedColumns(double[] Values, double[]? TimesS, DateTimeOffset? Start, int OutOfRangeCount, int? FirstOutOfRangeLine);

/// <summary>
/// Reads a one-column (value) or two-column (time, value) CSV in one pass over the text, with
/// spans and no per-line allocation.
/// </summary>
internal static class TimedCsvReader
{
    private enum TimeColumn { None, Relative, Timestamp }

    public static ParseResult<TimedColumns> Read(TextReader reader, ColumnSpec spec, IProgress<long>? progress)
    {
        var lines = new LineReader(reader, progress);
        ReadOnlySpan<char> line;
        do
        {
            if (!lines.TryReadLine(out line))
            {
                return ParseResult<TimedColumns>.Failure(null, "the input is empty");
            }
            if (LineReader.LooksBinary(line))
            {
                return ParseResult<TimedColumns>.Failure(lines.LineNumber, TextFields.BinaryMessage);
            }
        }
        while (line.IsWhiteSpace());

        var separator = spec.AnyTextHeader ? TextFields.None : TextFields.DetectSeparator(line);
        Span<Range> f = stackalloc Range[3];
        var n = TextFields.Split(line, separator, f);
        var firstIsNumber = TextFields.TryParseNumber(line[f[0]], separator != ',', out _);
        var timeColumn = TimeColumn.None;
        var headerLine = 0;
        if (!firstIsNumber)
        {
            headerLine = lines.LineNumber;
            if (spec.AnyTextHeader)
            {
                // Free-text title line, as some exporters write.
            }
            else if (n == 1 && Matches(line[f[0]], spec.ValueNames))
            {
                timeColumn = TimeColumn.None;
            }
            else if (n == 2 && Matches(line[f[1]], spec.ValueNames) && Matches(line[f[0]], spec.RelativeTimeNames))
            {
                timeColumn = TimeColumn.Relative;
            }
            else if (n == 2 && Matches(line[f[1]], spec.ValueNames) && Matches(line[f[0]], spec.TimestampNames))
            {
                timeColumn = TimeColumn.Timestamp;
            }
            else
            {
                return ParseResult<TimedColumns>.Failure(lines.LineNumber,
                    $"unrecognised header {TextFields.Show(line)}; expected {spec.AcceptedHeaders()}, separated by ',', ';' or tab");
            }
        }
        else if (!spec.AllowHeaderless)
        {
            return ParseResult<TimedColumns>.Failure(lines.LineNumber, $"missing header; expected {spec.AcceptedHeaders()}");
        }
        else
        {
            // A header-less file is a single column; a comma in it can only be a decimal comma.
            separator = TextFields.None;
        }

        var expectedFields = timeColumn == TimeColumn.None ? 1 : 2;
        var decimalComma = separator != ',';
        var values = new DoubleBuffer(1024);
        var times = timeColumn == TimeColumn.None ? default : new DoubleBuffer(1024);
        var outOfRange = 0;
        int? firstOutOfRange = null;
        var isoTimestamps = false;
        double t0 = 0;
        long t0Ticks = 0;
        DateTimeOffset? start = null;
        var previousTime = double.NegativeInfinity;
        var havePending = headerLine == 0;

        while (havePending || lines.TryReadLine(out line))
        {
            havePending = false;
            var lineNo = lines.LineNumber;
            if (LineReader.LooksBinary(line))
            {
                return ParseResult<TimedColumns>.Failure(lineNo, TextFields.BinaryMessage);
            }
            if (line.IsWhiteSpace())
            {
                continue;
            }
            n = TextFields.Split(line, separator, f);
            if (n != expectedFields)
            {
                var sep = separator switch { '\t' => "tab", TextFields.None => "a separator", _ => $"'{separator}'" };
                return ParseResult<TimedColumns>.Failure(lineNo, $"expected {expectedFields} field(s) separated by {sep}, found {n} in {TextFields.Show(line)}");
            }
            var valueField = line[f[expectedFields - 1]];
            if (!TextFields.TryParseNumber(valueField, decimalComma, out var value))
            {
                return ParseResult<TimedColumns>.Failure(lineNo, $"{TextFields.Show(valueField)} is not a finite number ({spec.ValueDescription})");
            }
            if (spec.PositiveValues && value <= 0)
            {
                return ParseResult<TimedColumns>.Failure(lineNo, $"{spec.ValueDescription} {value.ToString(CultureInfo.InvariantCulture)} is not positive");
            }
            if (value > spec.MaximumValue)
            {
                return ParseResult<TimedColumns>.Failure(lineNo, $"{spec.ValueDescription} {value.ToString(CultureInfo.InvariantCulture)} is above {spec.MaximumValue.ToString(CultureInfo.InvariantCulture)}, which no recording holds; please check the value and its unit");
            }
            if (value < spec.PlausibleMin || value > spec.PlausibleMax)
            {
                outOfRange++;
                firstOutOfRange ??= lineNo;
            }
            if (timeColumn != TimeColumn.None)
            {
                var timeField = line[f[0]];
                double t;
                if (values.Count == 0 && timeColumn == TimeColumn.Timestamp)
                {
                    if (TextFields.TryParseNumber(timeField, decimalComma, out t0))
                    {
                        start = DateTimeOffset.UnixEpoch.AddTicks((long)Math.Round(t0 * TimeSpan.TicksPerSecond));
                    }
                    else if (DateTimeOffset.TryParse(timeField, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var first))
                    {
                        isoTimestamps = true;
                        t0Ticks = first.UtcTicks;
                        start = first;
                    }
                    else
                    {
                        return ParseResult<TimedColumns>.Failure(lineNo, $"timestamp {TextFields.Show(timeField)} is neither Unix seconds nor an ISO-8601 date and time");
                    }
                }
                if (timeColumn == TimeColumn.Relative)
                {
                    if (!TextFields.TryParseNumber(timeField, decimalComma, out t))
                    {
                        return ParseResult<TimedColumns>.Failure(lineNo, $"time {TextFields.Show(timeField)} is not a finite number of seconds");
                    }
                }
                else if (isoTimestamps)
                {
                    if (!DateTimeOffset.TryParse(timeField, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var dto))
                    {
                        return ParseResult<TimedColumns>.Failure(lineNo, $"timestamp {TextFields.Show(timeField)} is not an ISO-8601 date and time like the first row's");
                    }
                    t = (dto.UtcTicks - t0Ticks) / (double)TimeSpan.TicksPerSecond;
                }
                else
                {
                    if (!TextFields.TryParseNumber(timeField, decimalComma, out t))
                    {
                        return ParseResult<TimedColumns>.Failure(lineNo, $"timestamp {TextFields.Show(timeField)} is not a number of Unix seconds like the first row's");
                    }
                    t -= t0;
                }
                if (t <= previousTime)
                {
                    return ParseResult<TimedColumns>.Failure(lineNo, $"time {TextFields.Show(timeField)} is not after the previous row's; times must strictly increase");
                }
                previousTime = t;
                times.Add(t);
            }
            values.Add(value);
        }

        if (values.Count == 0)
        {
            return ParseResult<TimedColumns>.Failure(null, headerLine > 0 ? $"the input has a header (line {headerLine}) but no data rows" : "the input has no data rows");
        }
        return ParseResult<TimedColumns>.Success(new TimedColumns(
            values.ToArray(), timeColumn == TimeColumn.None ? null : times.ToArray(), start, outOfRange, firstOutOfRange));
    }

    private static bool Matches(ReadOnlySpan<char> field, string[] names)
    {
        foreach (var name in names)
        {
            if (field.Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }
        return false;
    }
}
