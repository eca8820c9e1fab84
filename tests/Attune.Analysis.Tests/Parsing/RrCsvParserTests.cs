using System.Text;
using Attune.Analysis.Parsing;

namespace Attune.Analysis.Tests.Parsing;

public class RrCsvParserTests
{
    private static ParsedRr Ok(ParseResult<ParsedRr> r)
    {
        Assert.True(r.IsSuccess, r.Error?.ToString());
        return r.Value;
    }

    private static ParseError Fails(ParseResult<ParsedRr> r)
    {
        Assert.False(r.IsSuccess);
        return r.Error;
    }

    [Fact]
    public void Parse_RrMsHeader_ReadsIntervalsAsRunningSum()
    {
        var p = Ok(RrCsvParser.Parse("rr_ms\n800\n812.5\n790\n"));
        Assert.Equal([800, 812.5, 790], p.Series.IntervalsMs.ToArray());
        Assert.Equal(2.4025, p.Series.BeatTimesS[^1], 12);
        Assert.Null(p.Series.Start);
        Assert.Equal(0, p.OutOfRangeCount);
    }

    [Fact]
    public void Parse_TimeAndRrHeader_UsesBeatTimes()
    {
        var p = Ok(RrCsvParser.Parse("t_s,rr_ms\n1.0,800\n1.8,800\n5.0,790\n"));
        Assert.Equal([1.0, 1.8, 5.0], p.Series.BeatTimesS.ToArray());
        Assert.Equal(790, p.Series.IntervalsMs[2]);
    }

    [Fact]
    public void Parse_UnixTimestamp_SetsStartAndRelativeTimes()
    {
        var p = Ok(RrCsvParser.Parse("timestamp,rr\n1700000000.5,800\n1700000001.3,800\n"));
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1700000000500), p.Series.Start);
        Assert.Equal(0, p.Series.BeatTimesS[0]);
        Assert.Equal(0.8, p.Series.BeatTimesS[1], 6);
    }

    [Fact]
    public void Parse_IsoTimestamp_SetsStartAndRelativeTimes()
    {
        var p = Ok(RrCsvParser.Parse("timestamp,rr\n2025-01-02T10:00:00.000Z,800\n2025-01-02T10:00:00.800Z,800\n2025-01-02T11:00:01+01:00,200\n"));
        Assert.Equal(new DateTimeOffset(2025, 1, 2, 10, 0, 0, TimeSpan.Zero), p.Series.Start);
        Assert.Equal(0.8, p.Series.BeatTimesS[1], 9);
        Assert.Equal(1.0, p.Series.BeatTimesS[2], 9);
    }

    [Fact]
    public void Parse_SemicolonSeparator_ReadsDecimalCommas()
    {
        var p = Ok(RrCsvParser.Parse("t_s;rr_ms\n0,8125;812,5\n1,6;787,5\n"));
        Assert.Equal([812.5, 787.5], p.Series.IntervalsMs.ToArray());
        Assert.Equal(0.8125, p.Series.BeatTimesS[0], 12);
    }

    [Fact]
    public void Parse_TabSeparatorWithCrLfAndBom_Reads()
    {
        var p = Ok(RrCsvParser.Parse("\uFEFFt_s\trr_ms\r\n0.8\t800\r\n1.6\t800\r\n"));
        Assert.Equal(2, p.Series.Count);
    }

    [Fact]
    public void Parse_HeaderlessSingleColumn_ReadsIncludingDecimalComma()
    {
        var p = Ok(RrCsvParser.Parse("800\n\n812,5\n 790 \n"));
        Assert.Equal([800, 812.5, 790], p.Series.IntervalsMs.ToArray());
    }

    [Fact]
    public void Parse_QuotedHeaderAndValues_Reads()
    {
        var p = Ok(RrCsvParser.Parse("\"t_s\",\"rr_ms\"\n\"0.8\",\"800\"\n"));
        Assert.Equal(800, p.Series.IntervalsMs[0]);
    }

    [Fact]
    public void Parse_OutOfRangeIntervals_KeptAndCounted()
    {
        var p = Ok(RrCsvParser.Parse("rr_ms\n800\n150\n800\n3500\n800\n"));
        Assert.Equal(5, p.Series.Count);
        Assert.Equal(2, p.OutOfRangeCount);
        Assert.Equal(3, p.FirstOutOfRangeLine);
    }

    [Fact]
    public void Parse_EmptyInput_Error()
    {
        var e = Fails(RrCsvParser.Parse(""));
        Assert.Null(e.Line);
        Assert.Contains("empty", e.Message, StringComparison.Ordinal);
        Assert.Contains("empty", Fails(RrCsvParser.Parse("\n  \n")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_HeaderOnly_Error()
    {
        var e = Fails(RrCsvParser.Parse("t_s,rr_ms\n"));
        Assert.Contains("no data rows", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("rr_ms\n800\nNaN\n", 3)]
    [InlineData("rr_ms\n800\nabc\n", 3)]
    [InlineData("rr_ms\n800\n0\n", 3)]
    [InlineData("rr_ms\n800\n\n-5\n", 4)]
    [InlineData("rr_ms\n800\nInfinity\n", 3)]
    [InlineData("t_s,rr_ms\n1,800\n1,800\n", 3)]
    [InlineData("t_s,rr_ms\n1,800\n2,800\n1.5,800\n", 4)]
    [InlineData("t_s,rr_ms\n1,800\n2\n", 3)]
    [InlineData("t_s,rr_ms\n1,800\n2,800,3\n", 3)]
    [InlineData("beat,interval\n1,800\n", 1)]
    [InlineData("timestamp,rr\nyesterday,800\n", 2)]
    [InlineData("timestamp,rr\n2025-01-01T00:00:00Z,800\n1700000000,800\n", 3)]
    public void Parse_BadRow_ErrorNamesLine(string text, int line)
    {
        var e = Fails(RrCsvParser.Parse(text));
        Assert.Equal(line, e.Line);
        Assert.StartsWith($"line {line}: ", e.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ValuesInSeconds_Error()
    {
        var e = Fails(RrCsvParser.Parse("rr\n0.8\n0.81\n"));
        Assert.Contains("milliseconds", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_BinaryBytes_Error()
    {
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00];
        Assert.Contains("not text", Fails(RrCsvParser.Parse(png)).Message, StringComparison.Ordinal);
        byte[] latin1 = [(byte)'r', (byte)'r', (byte)'\n', 0xE9, (byte)'8', (byte)'\n'];
        Assert.Contains("not text", Fails(RrCsvParser.Parse(latin1)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ControlCharactersInText_ErrorNamesLine()
    {
        var e = Fails(RrCsvParser.Parse("rr_ms\n800\n8\u000100\n"));
        Assert.Equal(3, e.Line);
        Assert.Contains("not text", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_Utf8Bytes_Reads()
    {
        var p = Ok(RrCsvParser.Parse(Encoding.UTF8.GetBytes("rr_ms\n800\n900\n")));
        Assert.Equal(2, p.Series.Count);
    }

    [Fact]
    public void ParseIntervalList_TextHeaderAndBlankLines_ReadsEveryInterval()
    {
        var p = Ok(RrCsvParser.ParseIntervalList("Polar H10 RR, exported 2025-01-01\n\n812\n798\n\n805\n"));
        Assert.Equal([812, 798, 805], p.Series.IntervalsMs.ToArray());
    }

    [Fact]
    public void ParseIntervalList_NoHeader_Reads()
    {
        var p = Ok(RrCsvParser.ParseIntervalList("812\r\n798\r\n"));
        Assert.Equal(2, p.Series.Count);
    }

    [Fact]
    public void ParseIntervalList_TwoHeaderLines_ErrorOnSecond()
    {
        var e = Fails(RrCsvParser.ParseIntervalList("title\nRR\n800\n"));
        Assert.Equal(2, e.Line);
    }

    [Fact]
    public void Parse_ProgressGiven_ReportsLinesRead()
    {
        var progress = new Recorder();
        var sb = new StringBuilder("rr_ms\n");
        for (var i = 0; i < 300_000; i++)
        {
            sb.Append("800\n");
        }
        Ok(RrCsvParser.Parse(sb.ToString(), progress));
        Assert.True(progress.Values.Count >= 2);
        Assert.Equal(300_001, progress.Values[^1]);
    }

    [Fact]
    public void Parse_TwoMillionRows_ScalesLinearly()
    {
        var small = Rows(200_000);
        var large = Rows(2_000_000);
        Ok(RrCsvParser.Parse(small));
        var watch = System.Diagnostics.Stopwatch.StartNew();
        Ok(RrCsvParser.Parse(small));
        var smallTime = watch.Elapsed;
        watch.Restart();
        var p = Ok(RrCsvParser.Parse(large));
        var largeTime = watch.Elapsed;
        Assert.Equal(2_000_000, p.Series.Count);
        // Linear: about 10 times longer; quadratic would be 100 times.
        Assert.True(largeTime < 40 * smallTime + TimeSpan.FromSeconds(2), $"{smallTime} then {largeTime}");
    }

    private static string Rows(int count)
    {
        var sb = new StringBuilder("t_s,rr_ms\n", count * 20);
        var t = 0.0;
        for (var i = 0; i < count; i++)
        {
            var rr = 700 + i % 300;
            t += rr / 1000.0;
            sb.Append(t.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture)).Append(',').Append(rr).Append('\n');
        }
        return sb.ToString();
    }

    private sealed class Recorder : IProgress<long>
    {
        public List<long> Values { get; } = [];

        public void Report(long value) => Values.Add(value);
    }
}

public class TextFieldsTests
{
    [Fact]
    public void TryParseNumber_RandomDecimals_EqualsDoubleParse()
    {
        var random = new Random(5);
        for (var i = 0; i < 20000; i++)
        {
            var text = (random.NextDouble() * Math.Pow(10, random.Next(-3, 9)) * (random.Next(2) == 0 ? -1 : 1))
                .ToString(i % 2 == 0 ? "R" : "F" + random.Next(0, 8), System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(TextFields.TryParseNumber(text, false, out var v));
            Assert.Equal(double.Parse(text, System.Globalization.CultureInfo.InvariantCulture), v);
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("-")]
    [InlineData(".")]
    [InlineData("1.2.3")]
    [InlineData("12a")]
    [InlineData("NaN")]
    [InlineData("-Infinity")]
    [InlineData("1,5")]
    public void TryParseNumber_NotAFiniteNumber_False(string text)
    {
        Assert.False(TextFields.TryParseNumber(text, false, out _));
    }

    [Fact]
    public void TryParseNumber_DecimalCommaAllowed_ReadsComma()
    {
        Assert.True(TextFields.TryParseNumber("812,5", true, out var v));
        Assert.Equal(812.5, v);
        Assert.True(TextFields.TryParseNumber("1,5e2", true, out v));
        Assert.Equal(150, v);
    }
}

public class LongInputTests
{
    [Fact]
    public void Parse_HugeLineWithoutBreaks_ErrorWithoutBufferingEverything()
    {
        var text = "rr_ms\n" + new string('7', 3 << 20);
        var r = RrCsvParser.Parse(text);
        Assert.False(r.IsSuccess);
        Assert.Equal(2, r.Error.Line);
    }

    [Theory]
    [InlineData("rr_ms\n800\n810\n1e300\n790\n", 4)]
    [InlineData("rr_ms\n800\n60001\n", 3)]
    public void Parse_IntervalOverAMinute_FailsNamingTheLine(string text, int line)
    {
        var result = RrCsvParser.Parse(text);

        Assert.False(result.IsSuccess);
        Assert.Equal(line, result.Error!.Line);
        Assert.Contains("unit", result.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_LongPauseUnderAMinute_IsKeptAndCounted()
    {
        var result = RrCsvParser.Parse("rr_ms\n800\n12000\n810\n");

        Assert.True(result.IsSuccess);
        Assert.Equal(1, result.Value!.OutOfRangeCount);
    }
}
