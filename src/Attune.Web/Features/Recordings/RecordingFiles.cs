using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Unicode;
using Attune.Analysis.Parsing;
using Attune.Analysis.Series;

namespace Attune.Web.Features.Recordings;

/// <summary>A recording file read into one of the analysis library's validated series.</summary>
public sealed record ParsedRecording(
    RecordingKind Kind,
    RrSeries? Rr,
    HeartRateSeries? HeartRate,
    EcgSignal? Ecg,
    int PointCount,
    double DurationSeconds,
    DateTimeOffset? Start);

/// <summary>
/// Turns uploaded bytes into a <see cref="ParsedRecording"/> (through the Attune.Analysis parsers, so
/// the app accepts exactly what the CLI accepts) and stores and restores the original file.
/// </summary>
public static class RecordingFiles
{
    /// <summary>Largest accepted upload: a 24-hour RR export is ~1 MB, 30 minutes of 250 Hz ECG ~10 MB.</summary>
    public const long MaxBytes = 30 * 1024 * 1024;

    public const double MinSampleRateHz = 100;
    public const double MaxSampleRateHz = 3000;

    public static readonly string SampleRateMessage = string.Create(CultureInfo.InvariantCulture,
        $"An ECG file needs its sample rate, between {MinSampleRateHz} and {MaxSampleRateHz} samples per second (it is usually in the device's export settings).");

    public static bool IsValidSampleRate(double? rate) =>
        rate is { } r && double.IsFinite(r) && r >= MinSampleRateHz && r <= MaxSampleRateHz;

    public const string BinaryMessage =
        "This file doesn't look like text: it contains binary bytes. Please export your recording as a CSV or plain-text file and try again.";

    /// <summary>Parses <paramref name="bytes"/> as <paramref name="kind"/>; an error names the line when it can.</summary>
    public static ParseResult<ParsedRecording> Parse(ReadOnlySpan<byte> bytes, RecordingKind kind, double? sampleRateHz)
    {
        if (bytes.Length == 0)
        {
            return ParseResult<ParsedRecording>.Failure(null, "The file is empty.");
        }
        if (bytes.Contains((byte)0) || !Utf8.IsValid(bytes))
        {
            return ParseResult<ParsedRecording>.Failure(null, BinaryMessage);
        }
        var text = Encoding.UTF8.GetString(bytes);
        switch (kind)
        {
            case RecordingKind.Rr:
                var rr = RrCsvParser.Parse(text);
                if (!rr.IsSuccess)
                {
                    // Polar and Elite HRV exports start with a free-text title line; the generic reader refuses it.
                    var list = RrCsvParser.ParseIntervalList(text);
                    if (!list.IsSuccess)
                    {
                        return ParseResult<ParsedRecording>.Failure(rr.Error);
                    }
                    rr = list;
                }
                var s = rr.Value.Series;
                return ParseResult<ParsedRecording>.Success(new ParsedRecording(kind, s, null, null, s.Count, s.DurationS, s.Start));
            case RecordingKind.HeartRate:
                var hr = HeartRateCsvParser.Parse(text);
                if (!hr.IsSuccess)
                {
                    return ParseResult<ParsedRecording>.Failure(hr.Error);
                }
                var h = hr.Value.Series;
                var duration = h.Count < 2 ? 0 : h.TimesS[^1] - h.TimesS[0];
                return ParseResult<ParsedRecording>.Success(new ParsedRecording(kind, null, h, null, h.Count, duration, h.Start));
            case RecordingKind.Ecg:
                if (!IsValidSampleRate(sampleRateHz) || sampleRateHz is not { } rate)
                {
                    return ParseResult<ParsedRecording>.Failure(null, SampleRateMessage);
                }
                var ecg = EcgCsvParser.Parse(text, rate);
                if (!ecg.IsSuccess)
                {
                    return ParseResult<ParsedRecording>.Failure(ecg.Error);
                }
                var e = ecg.Value;
                var last = e.Segments.Count == 0 ? null : (EcgSegment?)e.Segments[^1];
                var length = last is { } seg ? seg.StartTimeS + seg.Length / rate - e.Segments[0].StartTimeS : e.Count / rate;
                return ParseResult<ParsedRecording>.Success(new ParsedRecording(kind, null, null, e, e.Count, length, e.Start));
            default:
                return ParseResult<ParsedRecording>.Failure(null, "Unknown recording kind.");
        }
    }

    /// <summary>Reads a kind from the API's spelling: rr, heart-rate (or hr), ecg.</summary>
    public static RecordingKind? ParseKind(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        null or "" or "rr" => RecordingKind.Rr,
        "heart-rate" or "heartrate" or "hr" => RecordingKind.HeartRate,
        "ecg" => RecordingKind.Ecg,
        _ => null,
    };

    public static string KindName(RecordingKind kind) => kind switch
    {
        RecordingKind.Rr => "rr",
        RecordingKind.HeartRate => "heart-rate",
        _ => "ecg",
    };

    /// <summary>A user-facing sentence for a parse error, with the line number when known.</summary>
    public static string Describe(ParseError error)
    {
        var message = error.Message.Length > 0 ? char.ToUpperInvariant(error.Message[0]) + error.Message[1..] : error.Message;
        if (!message.EndsWith('.'))
        {
            message += ".";
        }
        return error.Line is int line ? $"Line {line.ToString(CultureInfo.InvariantCulture)}: {message}" : message;
    }

    public static byte[] Compress(ReadOnlySpan<byte> bytes)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(bytes);
        }
        return output.ToArray();
    }

    public static byte[] Decompress(byte[] stored)
    {
        using var input = new MemoryStream(stored);
        using var gzip = new GZipStream(input, CompressionMode.Decompress);
        using var output = new MemoryStream();
        gzip.CopyTo(output);
        return output.ToArray();
    }

    /// <summary>
    /// Reads at most <paramref name="limit"/> bytes; null when the stream holds more. Covers servers and
    /// chunked bodies where no Content-Length was declared up front.
    /// </summary>
    public static async Task<byte[]?> ReadLimitedAsync(Stream body, long limit, CancellationToken cancel)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await body.ReadAsync(chunk, cancel)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return null;
            }
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }
}
