using System.Text;
using System.Text.Unicode;

namespace Attune.Analysis.Parsing;

/// <summary>
/// Reads a single-column numeric CSV (a header line naming the column, or none) straight from UTF-8 bytes:
/// the stream is read in 1 MiB blocks, never whole, and each line is parsed where it lies. The number parser
/// is fused with the search for the line end: a line of the form <c>[-]digits[.digits]</c> with at most 15
/// significant digits is converted with exactly the arithmetic of <see cref="TextFields.TryParseNumber"/>'s
/// fast path (so the same double); any other line (blank, spaces, quotes, exponent, decimal comma, bad
/// bytes) goes through the general rules of <see cref="TimedCsvReader"/> one line at a time, with the same
/// messages and line numbers. Values are stored as floats (see <see cref="Series.EcgSignal.Samples"/>). The output buffer is sized once from the file length and the mean line length
/// of the first block, so no doubling copies are made.
/// </summary>
internal static class SingleColumnStreamReader
{
    private const int BlockBytes = 1 << 20;

    private static readonly double[] PowersOfTen =
        [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22];

    /// <summary>
    /// Parses the stream when its first non-blank line is <paramref name="columnName"/> (a header) or a lone
    /// number; otherwise returns null with the stream at an unspecified position (the caller seeks back and
    /// uses the general reader). Requires a seekable stream.
    /// </summary>
    // Runs once per process over millions of samples: compile optimised at once, not via tier 0 and OSR.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static ParseResult<SampleBuffer>? TryRead(Stream stream, string columnName, string valueDescription, IProgress<long>? progress)
    {
        if (!stream.CanSeek)
        {
            return null;
        }
        var origin = stream.Position;
        var buffer = new byte[BlockBytes + 4096];
        var filled = Fill(stream, buffer, 0);
        var start = 0;
        if (filled >= 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF)
        {
            start = 3;
        }

        // The layout: skip blank lines, then a header equal to the column name, or a first data line.
        var lineNumber = 0;
        var headerLine = 0;
        while (true)
        {
            var nl = buffer.AsSpan(start, filled - start).IndexOf((byte)'\n');
            if (nl < 0)
            {
                return null;
            }
            var lineBytes = buffer.AsSpan(start, nl);
            if (lineBytes.ContainsAny((byte)',', (byte)';', (byte)'\t') || lineBytes.Contains((byte)0) || !Utf8.IsValid(lineBytes))
            {
                return null;
            }
            var text = Encoding.UTF8.GetString(lineBytes).TrimEnd('\r');
            if (LineReader.LooksBinary(text))
            {
                return null;
            }
            lineNumber++;
            if (text.AsSpan().IsWhiteSpace())
            {
                start += nl + 1;
                continue;
            }
            Span<Range> field = stackalloc Range[1];
            TextFields.Split(text, TextFields.None, field);
            if (text.AsSpan()[field[0]].Equals(columnName, StringComparison.OrdinalIgnoreCase))
            {
                headerLine = lineNumber;
                start += nl + 1;
            }
            else if (TextFields.TryParseNumber(text.AsSpan()[field[0]], false, out _))
            {
                lineNumber--;
            }
            else
            {
                return null;
            }
            break;
        }

        // Capacity from the mean line length of what is already in memory.
        var sample = buffer.AsSpan(start, filled - start);
        var sampleLines = Math.Max(1, sample.Count((byte)'\n'));
        var remaining = stream.Length - origin - start;
        var estimate = remaining / ((double)sample.Length / sampleLines) * 1.02 + 4096;
        var values = GC.AllocateUninitializedArray<float>((int)Math.Min(estimate, Array.MaxLength));
        var count = 0;

        var eof = filled < buffer.Length - 1;
        var parallel = Environment.ProcessorCount > 1;
        float[]? tail = null;
        while (true)
        {
            int end;
            if (eof)
            {
                // A sentinel line end, so that the last line needs no special case.
                buffer[filled] = (byte)'\n';
                end = filled > 0 && buffer[filled - 1] == '\n' ? filled : filled + 1;
            }
            else
            {
                var last = buffer.AsSpan(start, filled - start).LastIndexOf((byte)'\n');
                if (last < 0)
                {
                    // No line end in a full block: its first MiB is one line, as LineReader hands it out
                    // (never a number: it fails as binary or as not a finite number).
                    lineNumber++;
                    var message = SlowLine(buffer.AsSpan(start, Math.Min(filled - start, BlockBytes)), valueDescription, out var chunkValue);
                    return ParseResult<SampleBuffer>.Failure(lineNumber, message ?? OutOfRange(chunkValue, valueDescription));
                }
                end = start + last + 1;
            }
            // On a large block the second half (from a line end near the middle) is parsed on another core into its own
            // array, then appended: the same values, and the first bad line in file order is the one reported.
            var split = parallel && end - start >= ParallelFromBytes ? SplitPoint(buffer, start, end) : -1;
            Parsed first, second = default;
            if (split < 0)
            {
                first = ParseLines(buffer, start, end, values, count, lineNumber, valueDescription);
            }
            else
            {
                var linesBefore = lineNumber + buffer.AsSpan(start, split - start).Count((byte)'\n');
                var (from, to, into, into0, lines0) = (start, end, values, count, lineNumber);
                tail ??= GC.AllocateUninitializedArray<float>(BlockBytes / 2 + 2);
                var tailBuffer = tail;
                Parsed a = default, b = default;
                Concurrently.Invoke(true,
                    () => a = ParseLines(buffer, from, split, into, into0, lines0, valueDescription),
                    () => b = ParseLines(buffer, split, to, tailBuffer, 0, linesBefore, valueDescription));
                (first, second) = (a, b);
            }
            if (first.Error is { } error)
            {
                return ParseResult<SampleBuffer>.Failure(first.Lines, error);
            }
            (values, count, lineNumber) = (first.Values, first.Count, first.Lines);
            if (split >= 0)
            {
                if (second.Error is { } later)
                {
                    return ParseResult<SampleBuffer>.Failure(second.Lines, later);
                }
                if (count + second.Count > values.Length)
                {
                    Grow(ref values, count + second.Count);
                }
                second.Values.AsSpan(0, second.Count).CopyTo(values.AsSpan(count));
                count += second.Count;
                lineNumber = second.Lines;
            }
            progress?.Report(lineNumber);
            if (eof)
            {
                break;
            }
            var carry = filled - end;
            buffer.AsSpan(end, carry).CopyTo(buffer);
            start = 0;
            var added = Fill(stream, buffer, carry);
            filled = carry + added;
            eof = filled < buffer.Length - 1;
        }
        progress?.Report(lineNumber);
        if (count == 0)
        {
            return ParseResult<SampleBuffer>.Failure(null, headerLine > 0 ? $"the input has a header (line {headerLine}) but no data rows" : "the input has no data rows");
        }
        return ParseResult<SampleBuffer>.Success(new SampleBuffer(values, count));
    }

    /// <summary>From this many bytes in a block, its two halves are parsed in parallel.</summary>
    private const int ParallelFromBytes = 256 * 1024;

    /// <summary>What <see cref="ParseLines"/> read: the values array (grown if it had to be), their count, the number of
    /// the last line read, and the first bad line's message (its number in <c>Lines</c>).</summary>
    private readonly record struct Parsed(float[] Values, int Count, int Lines, string? Error);

    /// <summary>The index just after the first line end at or past the middle of the block; -1 when there is none before its end.</summary>
    private static int SplitPoint(byte[] buffer, int start, int end)
    {
        var middle = start + (end - start) / 2;
        var nl = buffer.AsSpan(middle, end - middle).IndexOf((byte)'\n');
        var split = nl < 0 ? -1 : middle + nl + 1;
        return split < end ? split : -1;
    }

    /// <summary>Parses the lines of <c>buffer[from..end)</c> (which ends with a line end), numbering them after
    /// <paramref name="lineNumber"/> and appending to <paramref name="values"/> from <paramref name="count"/>.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static Parsed ParseLines(byte[] buffer, int from, int end, float[] values, int count, int lineNumber, string valueDescription)
    {
        ReadOnlySpan<byte> region = buffer.AsSpan(0, end);
        var i = from;
        while (i < end)
        {
            lineNumber++;
            var lineStart = i;
            if (TryFastLine(region, ref i, out var value))
            {
                if (Math.Abs(value) > float.MaxValue)
                {
                    return new(values, count, lineNumber, OutOfRange(value, valueDescription));
                }
                Add(ref values, ref count, value);
                continue;
            }
            var nl = region[lineStart..].IndexOf((byte)'\n');
            var lineEnd = nl < 0 ? end : lineStart + nl;
            i = nl < 0 ? end : lineEnd + 1;
            var slow = SlowLine(region[lineStart..lineEnd], valueDescription, out value);
            if (slow is { } message)
            {
                return new(values, count, lineNumber, message);
            }
            if (!double.IsNaN(value))
            {
                if (Math.Abs(value) > float.MaxValue)
                {
                    return new(values, count, lineNumber, OutOfRange(value, valueDescription));
                }
                Add(ref values, ref count, value);
            }
        }
        return new(values, count, lineNumber, null);
    }

    /// <summary>The message for a value beyond single precision, which samples are stored in.</summary>
    public static string OutOfRange(double value, string valueDescription) =>
        $"{valueDescription} {value.ToString(System.Globalization.CultureInfo.InvariantCulture)} is beyond ±3.4e38, which no recording holds";

    private static void Add(ref float[] values, ref int count, double value)
    {
        if (count == values.Length)
        {
            Grow(ref values, count + 1);
        }
        values[count++] = (float)value;
    }

    // Only when the first block's lines were much longer than the rest: a quarter more, or what is needed if that is more.
    private static void Grow(ref float[] values, int needed) =>
        Array.Resize(ref values, (int)Math.Min(Math.Max(values.Length * 1.25 + 4096, needed), Array.MaxLength));

    // "[-+]digits[.digits]" with at most 15 digits, then '\n' or "\r\n"; advances past the line end. The
    // region always ends with '\n' (a sentinel is appended at the end of input), so the digit loops stop
    // without a bounds test of their own. m < 10^15 < 2^53 is exact and m / 10^k (k ≤ 15) correctly rounded
    // (Clinger 1990), the value double.Parse gives, as TextFields.TryParseNumber's fast path.
    private static bool TryFastLine(ReadOnlySpan<byte> b, ref int position, out double value)
    {
        value = 0;
        var i = position;
        var negative = b[i] == '-';
        if (negative || b[i] == '+')
        {
            i++;
        }
        var first = i;
        long mantissa = 0;
        uint d;
        while ((d = (uint)(b[i] - '0')) <= 9)
        {
            mantissa = mantissa * 10 + d;
            i++;
        }
        var digits = i - first;
        var fraction = 0;
        if (b[i] == '.')
        {
            i++;
            var fractionStart = i;
            while ((d = (uint)(b[i] - '0')) <= 9)
            {
                mantissa = mantissa * 10 + d;
                i++;
            }
            fraction = i - fractionStart;
            digits += fraction;
        }
        if (digits == 0 || digits > 15)
        {
            return false;
        }
        if (b[i] == '\n')
        {
            i++;
        }
        else if (b[i] == '\r' && b[i + 1] == '\n')
        {
            i += 2;
        }
        else
        {
            return false;
        }
        value = mantissa / PowersOfTen[fraction];
        if (negative)
        {
            value = -value;
        }
        position = i;
        return true;
    }

    // The general rules for one line; NaN for a blank line, a message for a bad one.
    private static string? SlowLine(ReadOnlySpan<byte> bytes, string valueDescription, out double value)
    {
        value = double.NaN;
        if (bytes.Contains((byte)0) || !Utf8.IsValid(bytes))
        {
            return TextFields.BinaryMessage;
        }
        var line = Encoding.UTF8.GetString(bytes).AsSpan();
        if (!line.IsEmpty && line[^1] == '\r')
        {
            line = line[..^1];
        }
        if (LineReader.LooksBinary(line))
        {
            return TextFields.BinaryMessage;
        }
        if (line.IsWhiteSpace())
        {
            return null;
        }
        Span<Range> field = stackalloc Range[1];
        TextFields.Split(line, TextFields.None, field);
        if (!TextFields.TryParseNumber(line[field[0]], true, out value))
        {
            return $"{TextFields.Show(line[field[0]])} is not a finite number ({valueDescription})";
        }
        return null;
    }

    private static int Fill(Stream stream, byte[] buffer, int offset)
    {
        var total = 0;
        // The last byte stays free for the sentinel line end.
        while (offset + total < buffer.Length - 1)
        {
            var read = stream.Read(buffer, offset + total, buffer.Length - 1 - offset - total);
            if (read <= 0)
            {
                break;
            }
            total += read;
        }
        return total;
    }
}

/// <summary>Parsed values: the first <paramref name="Count"/> elements of <paramref name="Buffer"/>.</summary>
internal sealed record SampleBuffer(float[] Buffer, int Count);
