using System.Globalization;
using Attune.Analysis.Series;

namespace Attune.Analysis.Parsing;

/// <summary>
/// Reads a raw single-lead ECG at a sample rate the caller states: header <c>ecg</c> (or no header)
/// with one sample per line, or <c>timestamp_unix_s,ecg</c> (also <c>timestamp,ecg</c>: Unix
/// seconds or ISO-8601; or <c>t_s,ecg</c>: seconds) with one timestamped sample per line.
/// </summary>
/// <remarks>
/// <para>With timestamps, a jump between consecutive samples of more than 1.5 sample periods is a
/// gap: the signal is split into <see cref="EcgSegment"/>s, each starting at its first sample's
/// timestamp. Within a segment, sample times are taken as evenly spaced at the stated rate
/// (device clocks jitter). The first timestamp becomes <see cref="EcgSignal.Start"/>.</para>
/// <para>Samples may be any finite number; NaN, non-numbers, timestamps not strictly increasing and
/// binary content give an error naming the line. Separators and decimal commas follow
/// <see cref="RrCsvParser"/>.</para>
/// </remarks>
public static class EcgCsvParser
{
    /// <summary>A jump between timestamps longer than this many sample periods starts a new segment.</summary>
    public const double GapFactor = 1.5;

    private static readonly ColumnSpec Spec = new()
    {
        ValueNames = ["ecg"],
        RelativeTimeNames = ["t_s"],
        TimestampNames = ["timestamp_unix_s", "timestamp"],
        ValueDescription = "ECG sample",
    };

    /// <summary>Parses an ECG CSV recorded at <paramref name="sampleRateHz"/>.</summary>
    public static ParseResult<EcgSignal> Parse(TextReader reader, double sampleRateHz, IProgress<long>? progress = null)
    {
        if (!double.IsFinite(sampleRateHz) || sampleRateHz <= 0)
        {
            return ParseResult<EcgSignal>.Failure(null, $"the sample rate {sampleRateHz.ToString(CultureInfo.InvariantCulture)} Hz must be a positive number");
        }
        var read = TimedCsvReader.Read(reader, Spec, progress);
        if (!read.IsSuccess)
        {
            return ParseResult<EcgSignal>.Failure(read.Error);
        }
        var c = read.Value;
        for (var i = 0; i < c.Values.Length; i++)
        {
            if (Math.Abs(c.Values[i]) > float.MaxValue)
            {
                return ParseResult<EcgSignal>.Failure(null, $"sample {i + 1}: " + SingleColumnStreamReader.OutOfRange(c.Values[i], Spec.ValueDescription));
            }
        }
        if (c.TimesS is null)
        {
            return ParseResult<EcgSignal>.Success(EcgSignal.CreateOwned(c.Values, sampleRateHz, null, c.Start));
        }
        var t = c.TimesS;
        var maxStep = GapFactor / sampleRateHz;
        var segments = new List<EcgSegment>();
        var segStart = 0;
        for (var i = 1; i <= t.Length; i++)
        {
            if (i == t.Length || t[i] - t[i - 1] > maxStep)
            {
                segments.Add(new EcgSegment(segStart, i - segStart, t[segStart]));
                segStart = i;
            }
        }
        // Evenly spaced samples may run past the next segment's timestamp when the device clock runs
        // slow; shift a segment's start just enough to keep time order.
        for (var k = 1; k < segments.Count; k++)
        {
            var prev = segments[k - 1];
            var prevEnd = prev.StartTimeS + (prev.Length - 1) / sampleRateHz;
            if (segments[k].StartTimeS < prevEnd)
            {
                segments[k] = segments[k] with { StartTimeS = prevEnd + 1 / sampleRateHz };
            }
        }
        return ParseResult<EcgSignal>.Success(EcgSignal.CreateOwned(c.Values, sampleRateHz, [.. segments], c.Start));
    }

    /// <summary>
    /// Parses an ECG CSV from a stream of UTF-8 bytes without holding its text: a seekable stream whose first
    /// line is the header <c>ecg</c> (or a number) is read block by block with a byte-level fast path and the
    /// samples go into one buffer sized from the file length; any other layout is read as by
    /// <see cref="Parse(TextReader, double, IProgress{long})"/>. Same values, errors and line numbers either way.
    /// </summary>
    public static ParseResult<EcgSignal> Parse(Stream stream, double sampleRateHz, IProgress<long>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!double.IsFinite(sampleRateHz) || sampleRateHz <= 0)
        {
            return ParseResult<EcgSignal>.Failure(null, $"the sample rate {sampleRateHz.ToString(CultureInfo.InvariantCulture)} Hz must be a positive number");
        }
        var origin = stream.CanSeek ? stream.Position : 0;
        if (SingleColumnStreamReader.TryRead(stream, "ecg", Spec.ValueDescription, progress) is { } fast)
        {
            return fast.IsSuccess
                ? ParseResult<EcgSignal>.Success(EcgSignal.CreateOwned(fast.Value.Buffer, fast.Value.Count, sampleRateHz, null, null))
                : ParseResult<EcgSignal>.Failure(fast.Error);
        }
        if (stream.CanSeek)
        {
            stream.Position = origin;
        }
        using var reader = new StreamReader(stream, System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true, 1 << 16, leaveOpen: true);
        return Parse(reader, sampleRateHz, progress);
    }

    /// <summary>Parses an ECG CSV held in a string.</summary>
    public static ParseResult<EcgSignal> Parse(string text, double sampleRateHz, IProgress<long>? progress = null)
    {
        using var reader = new StringReader(text);
        return Parse(reader, sampleRateHz, progress);
    }

    /// <summary>Parses an ECG CSV from UTF-8 bytes.</summary>
    public static ParseResult<EcgSignal> Parse(ReadOnlySpan<byte> utf8, double sampleRateHz, IProgress<long>? progress = null)
    {
        var text = TextFields.DecodeUtf8(utf8);
        return text is null ? ParseResult<EcgSignal>.Failure(null, TextFields.BinaryMessage) : Parse(text, sampleRateHz, progress);
    }
}
