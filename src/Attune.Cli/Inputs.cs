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
    Ecg,
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
    public static EcgSignal ReadEcg(string path, double sampleRateHz, IProgressSink progress) => ReadEcg(path, sampleRateHz, null, progress).Signal;

    /// <summary>
    /// Reads a raw ECG: a CSV at <paramref name="sampleRateHz"/>, or an EDF/EDF+ file (recognised by its header),
    /// whose channel is chosen by <paramref name="channel"/> or by an ECG/EKG label and whose rate comes from the
    /// file. A CSV needs a rate; an EDF file's rate must agree with one given.
    /// </summary>
    public static (EcgSignal Signal, string? Channel) ReadEcg(string path, double? sampleRateHz, string? channel, IProgressSink progress)
    {
        RequireFile(path);
        try
        {
            // Bytes, not text: the parsers stream the file in blocks and never hold it whole.
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
            if (IsEdf(stream))
            {
                var edf = EdfParser.ReadEcg(stream, channel, progress.ForFile($"Reading {Path.GetFileName(path)}", stream));
                if (!edf.IsSuccess)
                {
                    throw new CliException(ExitCodes.BadData, BadDataMessage(path, edf.Error));
                }
                var fileRate = edf.Value.Signal.SampleRateHz;
                if (sampleRateHz is { } asked && Math.Abs(asked - fileRate) > 1e-9 * fileRate)
                {
                    throw new CliException(ExitCodes.Usage, string.Create(CultureInfo.InvariantCulture,
                        $"{path} records '{edf.Value.Channel.Label}' at {fileRate} Hz, but --rate says {asked} Hz. Leave --rate out for EDF files."));
                }
                return (edf.Value.Signal, edf.Value.Channel.Label);
            }
            if (channel is not null)
            {
                throw new CliException(ExitCodes.Usage, $"--channel chooses a signal of an EDF file; {path} is a CSV with one ECG column.");
            }
            if (sampleRateHz is not { } rate)
            {
                throw new CliException(ExitCodes.Usage, $"{path} is a CSV ECG: give its sample rate with --rate HZ.");
            }
            var csv = EcgCsvParser.Parse(stream, rate, progress.ForFile($"Reading {Path.GetFileName(path)}", stream));
            return csv.IsSuccess ? (csv.Value, null) : throw new CliException(ExitCodes.BadData, BadDataMessage(path, csv.Error));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Unreadable(path, e.Message);
        }
    }

    /// <summary>True when the stream starts like an EDF header; the position is restored.</summary>
    private static bool IsEdf(Stream stream)
    {
        Span<byte> first = stackalloc byte[8];
        var read = stream.ReadAtLeast(first, 8, throwOnEndOfStream: false);
        stream.Position = 0;
        return read == 8 && EdfParser.LooksLikeEdf(first);
    }

    /// <summary>True when the file starts like an EDF header.</summary>
    public static bool IsEdf(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            return IsEdf(stream);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Unreadable(path, e.Message);
        }
    }

    /// <summary>Longest first line read to find the header, in characters: the parsers' own line limit.</summary>
    internal const int MaxHeaderChars = 1 << 20;

    /// <summary>Heart rate (bpm), raw ECG or RR intervals? Decided by the header's column names.</summary>
    public static HeartFileKind DetectKind(string path)
    {
        if (IsEdf(path))
        {
            return HeartFileKind.Ecg;
        }
        try
        {
            using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            return DetectKind(reader);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Unreadable(path, e.Message);
        }
    }

    /// <summary>
    /// <see cref="DetectKind(string)"/> on the first non-blank line, reading at most
    /// <see cref="MaxHeaderChars"/> characters of it: a longer line is no header, and the parser that
    /// reads the file next reports it.
    /// </summary>
    internal static HeartFileKind DetectKind(TextReader reader)
    {
        var first = FirstNonBlankLine(reader);
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
            if (n is "ecg")
            {
                return HeartFileKind.Ecg;
            }
        }
        return HeartFileKind.RrIntervals;
    }

    private static string? FirstNonBlankLine(TextReader reader)
    {
        var line = new StringBuilder();
        var buffer = new char[4096];
        while (true)
        {
            var read = reader.Read(buffer, 0, Math.Min(buffer.Length, MaxHeaderChars - line.Length));
            if (read <= 0)
            {
                return string.IsNullOrWhiteSpace(line.ToString()) ? null : line.ToString();
            }
            for (var i = 0; i < read; i++)
            {
                if (buffer[i] != '\n')
                {
                    line.Append(buffer[i]);
                    continue;
                }
                if (!string.IsNullOrWhiteSpace(line.ToString()))
                {
                    return line.ToString();
                }
                line.Clear();
            }
            if (line.Length >= MaxHeaderChars)
            {
                return null;
            }
        }
    }

    /// <summary>
    /// One person's heart rate over time (bpm at each time), from an RR file (instantaneous rate at
    /// each beat, after artifact correction unless <paramref name="correct"/> is false), a heart-rate file,
    /// or a raw ECG (R-peaks found first; needs <paramref name="ecgRateHz"/>).
    /// </summary>
    public static (TimedSignal Signal, HeartFileKind Kind, int Corrections) ReadHeartSignal(string path, IProgressSink progress, bool correct = true, double? ecgRateHz = null)
    {
        var kind = DetectKind(path);
        if (kind == HeartFileKind.HeartRate)
        {
            var hr = ReadHeartRate(path, progress).Series;
            return (TimedSignal.Create(hr.TimesS, hr.Bpm, hr.Start), kind, 0);
        }
        RrSeries rr;
        if (kind == HeartFileKind.Ecg)
        {
            var edf = IsEdf(path);
            if (ecgRateHz is null && !edf)
            {
                throw new CliException(ExitCodes.Usage,
                    $"{path} is a raw ECG (it has an ecg column). sync and dynamics read it with --ecg-rate HZ; for other commands, turn it into RR intervals with 'attune rr {path} --rate HZ'.");
            }
            var ecg = ReadEcg(path, edf ? null : ecgRateHz, null, progress).Signal;
            progress.Stage($"Finding R-peaks in {Path.GetFileName(path)}");
            var peaks = Attune.Analysis.Ecg.NeuroKitPeakDetector.Detect(ecg);
            if (peaks.Count < 2)
            {
                throw new CliException(ExitCodes.NotEnoughData,
                    $"{path}: no heartbeats could be found in this ECG. Please check --ecg-rate and that the sensor had good skin contact.");
            }
            rr = peaks.ToRrSeries();
        }
        else
        {
            rr = ReadRr(path, progress).Series;
        }
        if (!correct)
        {
            return (TimedSignal.FromRrSeries(rr), kind, 0);
        }
        progress.Stage($"Correcting artifacts in {Path.GetFileName(path)}");
        var correction = Attune.Analysis.Artifacts.LipponenTarvainen.Correct(rr);
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
