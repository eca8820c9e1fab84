using Attune.Analysis.Series;

namespace Attune.Analysis.Parsing;

/// <summary>A heart-rate series read from text, with how many samples lie outside 20–300 bpm.</summary>
/// <param name="Series">Every sample in the file.</param>
/// <param name="OutOfRangeCount">Samples below <see cref="HeartRateCsvParser.PlausibleMinBpm"/> or
/// above <see cref="HeartRateCsvParser.PlausibleMaxBpm"/>.</param>
/// <param name="FirstOutOfRangeLine">1-based line of the first such sample, or null.</param>
public sealed record ParsedHeartRate(HeartRateSeries Series, int OutOfRangeCount, int? FirstOutOfRangeLine);

/// <summary>
/// Reads heart rate in bpm at given times: header <c>t_s,hr</c> (seconds from an arbitrary origin)
/// or <c>timestamp,hr</c> (Unix seconds or ISO-8601; the first becomes the series start); the value
/// column may be named <c>hr</c>, <c>bpm</c> or <c>heart_rate</c>.
/// </summary>
/// <remarks>A header is required. Separators, decimal commas and bad-input errors follow
/// <see cref="RrCsvParser"/>; rates must be positive; times must strictly increase; implausible
/// rates are kept and counted.</remarks>
public static class HeartRateCsvParser
{
    /// <summary>Lowest plausible heart rate, bpm.</summary>
    public const double PlausibleMinBpm = 20;

    /// <summary>Highest plausible heart rate, bpm.</summary>
    public const double PlausibleMaxBpm = 300;

    private static readonly ColumnSpec Spec = new()
    {
        ValueNames = ["hr", "bpm", "heart_rate"],
        RelativeTimeNames = ["t_s"],
        TimestampNames = ["timestamp"],
        ValueDescription = "heart rate (bpm)",
        PositiveValues = true,
        AllowHeaderless = false,
        PlausibleMin = PlausibleMinBpm,
        PlausibleMax = PlausibleMaxBpm,
    };

    /// <summary>Parses a heart-rate CSV.</summary>
    public static ParseResult<ParsedHeartRate> Parse(TextReader reader, IProgress<long>? progress = null)
    {
        var read = TimedCsvReader.Read(reader, Spec, progress);
        if (!read.IsSuccess)
        {
            return ParseResult<ParsedHeartRate>.Failure(read.Error);
        }
        var c = read.Value;
        if (c.TimesS is null)
        {
            return ParseResult<ParsedHeartRate>.Failure(1, "a heart-rate file needs a time column: t_s,hr or timestamp,hr");
        }
        var series = HeartRateSeries.CreateOwned(c.TimesS, c.Values, c.Start);
        return ParseResult<ParsedHeartRate>.Success(new ParsedHeartRate(series, c.OutOfRangeCount, c.FirstOutOfRangeLine));
    }

    /// <summary>Parses a heart-rate CSV held in a string.</summary>
    public static ParseResult<ParsedHeartRate> Parse(string text, IProgress<long>? progress = null)
    {
        using var reader = new StringReader(text);
        return Parse(reader, progress);
    }

    /// <summary>Parses a heart-rate CSV from UTF-8 bytes.</summary>
    public static ParseResult<ParsedHeartRate> Parse(ReadOnlySpan<byte> utf8, IProgress<long>? progress = null)
    {
        var text = TextFields.DecodeUtf8(utf8);
        return text is null ? ParseResult<ParsedHeartRate>.Failure(null, TextFields.BinaryMessage) : Parse(text, progress);
    }
}
