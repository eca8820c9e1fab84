using System.Globalization;
using System.Text;
using System.Text.Unicode;

namespace Attune.Analysis.Parsing;

/// <summary>Field splitting and culture-invariant number parsing shared by the CSV parsers.</summary>
internal static class TextFields
{
    /// <summary>No separator: the file has a single column.</summary>
    public const char None = '\0';

    /// <summary>Picks the separator from a header or first line: tab, then ';', then ','.</summary>
    public static char DetectSeparator(ReadOnlySpan<char> line) =>
        line.Contains('\t') ? '\t' : line.Contains(';') ? ';' : line.Contains(',') ? ',' : None;

    /// <summary>Splits <paramref name="line"/> into at most <paramref name="fields"/>.Length fields,
    /// trimmed of spaces and of one pair of double quotes; returns the number of fields found (which
    /// may exceed the span's length, meaning there were too many).</summary>
    public static int Split(ReadOnlySpan<char> line, char separator, Span<Range> fields)
    {
        var count = 0;
        var start = 0;
        while (true)
        {
            var rest = line[start..];
            var at = separator == None ? -1 : rest.IndexOf(separator);
            var end = at < 0 ? line.Length : start + at;
            if (count < fields.Length)
            {
                fields[count] = Trim(line, start, end);
            }
            count++;
            if (at < 0)
            {
                return count;
            }
            start = end + 1;
        }
    }

    private static Range Trim(ReadOnlySpan<char> line, int start, int end)
    {
        while (start < end && char.IsWhiteSpace(line[start]))
        {
            start++;
        }
        while (end > start && char.IsWhiteSpace(line[end - 1]))
        {
            end--;
        }
        if (end - start >= 2 && line[start] == '"' && line[end - 1] == '"')
        {
            start++;
            end--;
        }
        return start..end;
    }

    /// <summary>
    /// Parses a number with the invariant culture ('.' decimal point, optional exponent). When
    /// <paramref name="decimalComma"/> is true, a ',' in the field is read as the decimal point.
    /// Non-finite results (NaN, Infinity) are rejected.
    /// </summary>
    public static bool TryParseNumber(ReadOnlySpan<char> field, bool decimalComma, out double value)
    {
        if (TryParseSimple(field, decimalComma, out value))
        {
            return true;
        }
        if (decimalComma && field.Contains(','))
        {
            if (field.Length > 64 || field.Contains('.'))
            {
                value = double.NaN;
                return false;
            }
            Span<char> copy = stackalloc char[field.Length];
            field.CopyTo(copy);
            copy.Replace(',', '.');
            return double.TryParse(copy, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);
        }
        return double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);
    }

    private static readonly double[] PowersOfTen =
        [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22];

    /// <summary>
    /// Fast path for the common "[-]digits[.digits]" with at most 15 significant digits: the digits
    /// form an exact integer m &lt; 2^53 and m / 10^k (k ≤ 22) is correctly rounded (Clinger, 1990),
    /// so the result equals <see cref="double.Parse(string)"/>'s. Anything else falls through.
    /// </summary>
    private static bool TryParseSimple(ReadOnlySpan<char> field, bool decimalComma, out double value)
    {
        value = 0;
        var i = 0;
        var negative = false;
        if (field.Length > 0 && (field[0] == '-' || field[0] == '+'))
        {
            negative = field[0] == '-';
            i = 1;
        }
        long mantissa = 0;
        var digits = 0;
        var sawDigit = false;
        var fraction = -1;
        for (; i < field.Length; i++)
        {
            var c = field[i];
            var d = (uint)(c - '0');
            if (d <= 9)
            {
                if (digits == 15)
                {
                    return false;
                }
                sawDigit = true;
                mantissa = mantissa * 10 + d;
                if (mantissa != 0)
                {
                    digits++;
                }
                if (fraction >= 0)
                {
                    fraction++;
                }
            }
            else if ((c == '.' || (c == ',' && decimalComma)) && fraction < 0)
            {
                fraction = 0;
            }
            else
            {
                return false;
            }
        }
        var scale = fraction < 0 ? 0 : fraction;
        if (!sawDigit || scale > 22)
        {
            return false;
        }
        value = mantissa / PowersOfTen[scale];
        if (negative)
        {
            value = -value;
        }
        return true;
    }

    /// <summary>Shortens a field for an error message.</summary>
    public static string Show(ReadOnlySpan<char> field) =>
        field.Length <= 40 ? $"'{field}'" : $"'{field[..40]}…'";

    /// <summary>Decodes UTF-8 bytes, or returns null when they are not valid UTF-8 text.</summary>
    public static string? DecodeUtf8(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Contains((byte)0) || !Utf8.IsValid(bytes))
        {
            return null;
        }
        return Encoding.UTF8.GetString(bytes);
    }

    public const string BinaryMessage = "the input is not text (it contains NUL or control bytes, or invalid UTF-8); export the data as a CSV or text file";
}

/// <summary>A growable array of doubles with amortised O(1) append.</summary>
internal struct DoubleBuffer(int capacity)
{
    private double[] _items = new double[Math.Max(capacity, 16)];

    public int Count { get; private set; }

    public void Add(double value)
    {
        if (Count == _items.Length)
        {
            Array.Resize(ref _items, _items.Length * 2);
        }
        _items[Count++] = value;
    }

    public readonly double this[int index] => _items[index];

    public readonly ReadOnlySpan<double> AsSpan() => _items.AsSpan(0, Count);

    public readonly double[] ToArray() => _items.AsSpan(0, Count).ToArray();
}
