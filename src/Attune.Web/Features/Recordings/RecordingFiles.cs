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
    DateTimeOffset? Start)
{
    /// <summary>For an EDF file, the label of the signal read as the ECG.</summary>
    public string? Channel { get; init; }
}

/// <summary>
/// An EDF file that could not be stored: a header or data fault (<see cref="Channels"/> empty), or several ECG-like
/// signals and no choice yet (<see cref="Channels"/> lists them, so the person can pick one by its label).
/// </summary>
public sealed record EdfProblem(string Message, IReadOnlyList<string> Channels) : ParseError(null, Message);

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

    /// <summary>True when the bytes start like an EDF or EDF+ header (version "0" and seven spaces).</summary>
    public static bool IsEdf(ReadOnlySpan<byte> bytes) => EdfParser.LooksLikeEdf(bytes);

    /// <summary>
    /// Parses <paramref name="bytes"/> as <paramref name="kind"/>; an error names the line when it can. An EDF/EDF+
    /// file is always read as ECG, from the signal labelled <paramref name="channel"/> or, without one, the only
    /// signal whose label contains ECG or EKG; its sample rate comes from its header.
    /// </summary>
    public static ParseResult<ParsedRecording> Parse(ReadOnlySpan<byte> bytes, RecordingKind kind, double? sampleRateHz, string? channel = null)
    {
        if (bytes.Length == 0)
        {
            return ParseResult<ParsedRecording>.Failure(null, "The file is empty.");
        }
        if (IsEdf(bytes))
        {
            return ParseEdf(bytes, channel);
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

    /// <summary>Labels of the signals an EDF file may hold an ECG in: those whose label says ECG or EKG.</summary>
    public static IReadOnlyList<string> EcgLabels(EdfHeader header) =>
        [.. header.Signals.Where(s => !s.IsAnnotations && (s.Label.Contains("ECG", StringComparison.OrdinalIgnoreCase) || s.Label.Contains("EKG", StringComparison.OrdinalIgnoreCase)))
            .Select(s => s.Label)];

    private static ParseResult<ParsedRecording> ParseEdf(ReadOnlySpan<byte> bytes, string? channel)
    {
        using var stream = new MemoryStream(bytes.ToArray(), writable: false);
        var header = EdfParser.ReadHeader(stream);
        if (!header.IsSuccess)
        {
            return ParseResult<ParsedRecording>.Failure(new EdfProblem(EdfMessage(header.Error), []));
        }
        var signals = header.Value.Signals.Where(s => !s.IsAnnotations).Select(s => s.Label).ToList();
        channel = string.IsNullOrWhiteSpace(channel) ? null : channel.Trim();
        if (channel is null)
        {
            var candidates = EcgLabels(header.Value);
            if (candidates.Count > 1)
            {
                return ParseResult<ParsedRecording>.Failure(new EdfProblem(
                    $"This EDF file holds {candidates.Count} ECG signals ({string.Join(", ", candidates)}). Please choose the one to analyse.", candidates));
            }
            if (candidates.Count == 0)
            {
                return ParseResult<ParsedRecording>.Failure(new EdfProblem(
                    $"None of this EDF file's signals is labelled ECG or EKG ({string.Join(", ", signals)}). Please choose the one that holds the ECG.", signals));
            }
        }
        else if (!signals.Contains(channel, StringComparer.OrdinalIgnoreCase))
        {
            return ParseResult<ParsedRecording>.Failure(new EdfProblem(
                $"This EDF file has no signal labelled “{channel}”. Its signals are {string.Join(", ", signals)}.", signals));
        }
        stream.Position = 0;
        var read = EdfParser.ReadEcg(stream, channel);
        if (!read.IsSuccess)
        {
            return ParseResult<ParsedRecording>.Failure(new EdfProblem(EdfMessage(read.Error), []));
        }
        var e = read.Value.Signal;
        if (!IsValidSampleRate(e.SampleRateHz))
        {
            return ParseResult<ParsedRecording>.Failure(new EdfProblem(string.Create(CultureInfo.InvariantCulture,
                $"The signal “{read.Value.Channel.Label}” is sampled {e.SampleRateHz:0.##} times per second; ECG needs between {MinSampleRateHz} and {MaxSampleRateHz} to find heartbeats."), []));
        }
        var last = e.Segments[^1];
        var length = last.StartTimeS + last.Length / e.SampleRateHz - e.Segments[0].StartTimeS;
        return ParseResult<ParsedRecording>.Success(new ParsedRecording(RecordingKind.Ecg, null, null, e, e.Count, length, e.Start)
        {
            Channel = read.Value.Channel.Label,
        });
    }

    private static string EdfMessage(ParseError error)
    {
        var message = error.Message.Length > 0 ? char.ToUpperInvariant(error.Message[0]) + error.Message[1..] : error.Message;
        return "This EDF file's header or data could not be read: " + (message.EndsWith('.') ? message : message + ".");
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
