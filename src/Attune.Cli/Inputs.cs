using System.Globalization;
using System.Text;
using Attune.Analysis.Parsing;
using Attune.Analysis.Series;
using Attune.Analysis.Synchrony;

namespace Attune.Cli;

/// <summary>What kind of heart data a file holds, judged from its header.</summary>
internal enum HeartFileKind
{
    RrIntervals,
    HeartRate,
}

/// <summary>Opens input files and runs the Attune.Analysis parsers on them, turning every failure into a <see cref="CliException"/>.</summary>
internal static class Inputs
{
    /// <summary>Size of the file in bytes; a missing or unreadable file ends with exit code 3.</summary>
    public static long RequireFile(string path)
    {
        if (Directory.Exists(path))
        {
            throw Unreadable(path, "it is a folder, not a file");
        }
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                throw Unreadable(path, "no such file");
            }
            return info.Length;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw Unreadable(path, e.Message);
        }
    }

    /// <summary>Reads an RR file (generic CSV layouts, or a Polar/Elite HRV list of intervals).</summary>
    public static ParsedRr ReadRr(string path, IProgressSink progress) =>
        Read(path, progress, (reader, p) => RrCsvParser.Parse(reader, p), retryAsIntervalList: true);

    /// <summary>Reads a heart-rate file (<c>t_s,hr</c> or <c>timestamp,hr</c>).</summary>
    public static ParsedHeartRate ReadHeartRate(string path, IProgressSink progress) =>
        Read(path, progress, (reader, p) => HeartRateCsvParser.Parse(reader, p), retryAsIntervalList: false);

    /// <summary>Reads a raw ECG at the given sample rate.</summary>
    public static EcgSignal ReadEcg(string path, double sampleRateHz, IProgressSink progress) =>
        Read(path, progress, (reader, p) => EcgCsvParser.Parse(reader, sampleRateHz, p), retryAsIntervalList: false);

    /// <summary>Heart rate (bpm) or RR intervals? Decided by the header's column names.</summary>
    public static HeartFileKind DetectKind(string path)
    {
        string? first;
        try
        {
            using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            do
            {
                first = reader.ReadLine();
            }
            while (first is not null && string.IsNullOrWhiteSpace(first));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Unreadable(path, e.Message);
        }
        if (first is null)
        {
            return HeartFileKind.RrIntervals;
        }
        var names = first.Split([',', ';', '\t'], StringSplitOptions.TrimEntries);
        foreach (var name in names)
        {
            var n = name.Trim('"').ToLowerInvariant();
            if (n is "hr" or "bpm" or "heart_rate")
            {
                return HeartFileKind.HeartRate;
            }
        }
        return HeartFileKind.RrIntervals;
    }

    /// <summary>
    /// One person's heart rate over time (bpm at each time), from an RR file (instantaneous rate at
    /// each beat, after artifact correction) or a heart-rate file.
    /// </summary>
    public static (TimedSignal Signal, HeartFileKind Kind, int Corrections) ReadHeartSignal(string path, IProgressSink progress)
    {
        var kind = DetectKind(path);
        if (kind == HeartFileKind.HeartRate)
        {
            var hr = ReadHeartRate(path, progress).Series;
            return (TimedSignal.Create(hr.TimesS, hr.Bpm, hr.Start), kind, 0);
        }
        var rr = ReadRr(path, progress);
        progress.Stage($"Correcting artifacts in {Path.GetFileName(path)}");
        var correction = Attune.Analysis.Artifacts.LipponenTarvainen.Correct(rr.Series);
        return (TimedSignal.FromRrSeries(correction.Corrected), kind, correction.Counts.Total);
    }

    private static T Read<T>(string path, IProgressSink progress, Func<TextReader, IProgress<long>?, ParseResult<T>> parse, bool retryAsIntervalList)
        where T : class
    {
        RequireFile(path);
        ParseResult<T> result;
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
            using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, 1 << 16);
            result = parse(reader, progress.ForFile($"Reading {Path.GetFileName(path)}", stream));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Unreadable(path, e.Message);
        }
        if (!result.IsSuccess && retryAsIntervalList && result.Error.Line == 1 && typeof(T) == typeof(ParsedRr))
        {
            // A Polar or Elite HRV export starts with a free-text title the generic layout rejects.
            using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            if (RrCsvParser.ParseIntervalList(reader) is { IsSuccess: true } list)
            {
                return (T)(object)list.Value;
            }
        }
        if (!result.IsSuccess)
        {
            throw new CliException(ExitCodes.BadData, BadDataMessage(path, result.Error));
        }
        return result.Value;
    }

    public static string BadDataMessage(string path, ParseError error) =>
        error.Line is int line
            ? string.Create(CultureInfo.InvariantCulture, $"{path}, line {line}: {error.Message}. Please check that line and try again.")
            : $"{path}: {error.Message}.";

    private static CliException Unreadable(string path, string why) =>
        new(ExitCodes.FileUnreadable, $"{path}: cannot open this file ({why}). Please check the name and path.");
}
