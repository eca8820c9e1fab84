using Attune.Analysis.Parsing;

namespace Attune.Analysis.Tests.Parsing;

public class HeartRateAndEcgParserTests
{
    [Theory]
    [InlineData("t_s,hr\n0,60\n1,61.5\n2,62\n")]
    [InlineData("t_s;bpm\n0;60\n1;61,5\n2;62\n")]
    [InlineData("T_S\tHEART_RATE\n0\t60\n1\t61.5\n2\t62\n")]
    public void Parse_RelativeTimes_ReadsSeries(string text)
    {
        var r = HeartRateCsvParser.Parse(text);
        Assert.True(r.IsSuccess, r.Error?.ToString());
        Assert.Equal([0, 1, 2], r.Value.Series.TimesS.ToArray());
        Assert.Equal([60, 61.5, 62], r.Value.Series.Bpm.ToArray());
        Assert.Null(r.Value.Series.Start);
    }

    [Fact]
    public void Parse_Timestamps_SetsStart()
    {
        var r = HeartRateCsvParser.Parse("timestamp,bpm\n1700000000,70\n1700000005,400\n");
        Assert.True(r.IsSuccess, r.Error?.ToString());
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1700000000), r.Value.Series.Start);
        Assert.Equal(5, r.Value.Series.TimesS[1], 9);
        Assert.Equal(1, r.Value.OutOfRangeCount);
        Assert.Equal(3, r.Value.FirstOutOfRangeLine);
    }

    [Theory]
    [InlineData("hr\n60\n", 1)]
    [InlineData("60\n61\n", 1)]
    [InlineData("t_s,hr\n0,60\n1,0\n", 3)]
    [InlineData("t_s,hr\n0,60\n0,61\n", 3)]
    public void Parse_BadInput_ErrorNamesLine(string text, int line)
    {
        var r = HeartRateCsvParser.Parse(text);
        Assert.False(r.IsSuccess);
        Assert.Equal(line, r.Error.Line);
    }

    [Fact]
    public void Parse_EcgSingleColumn_OneSegment()
    {
        var r = EcgCsvParser.Parse("ecg\n0.1\n-0.2\n0.3\n", 250);
        Assert.True(r.IsSuccess, r.Error?.ToString());
        Assert.Equal([0.1f, -0.2f, 0.3f], r.Value.Samples.ToArray());
        Assert.Equal(250, r.Value.SampleRateHz);
        Assert.Single(r.Value.Segments);
        Assert.Equal(0.008, r.Value.TimeOfSample(2), 12);
    }

    [Fact]
    public void Parse_EcgTimestampsWithGap_SplitsSegments()
    {
        // 100 Hz; a 0.5 s jump after the third sample.
        var r = EcgCsvParser.Parse("timestamp_unix_s,ecg\n1000.00,1\n1000.01,2\n1000.02,3\n1000.52,4\n1000.53,5\n", 100);
        Assert.True(r.IsSuccess, r.Error?.ToString());
        var s = r.Value.Segments;
        Assert.Equal(2, s.Count);
        Assert.Equal((0, 3), (s[0].StartIndex, s[0].Length));
        Assert.Equal((3, 2), (s[1].StartIndex, s[1].Length));
        Assert.Equal(0.52, s[1].StartTimeS, 6);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1000), r.Value.Start);
        Assert.Equal(0.53, r.Value.TimeOfSample(4), 6);
    }

    [Fact]
    public void Parse_EcgJitterBelowGapFactor_OneSegment()
    {
        var r = EcgCsvParser.Parse("timestamp_unix_s,ecg\n1000.000,1\n1000.014,2\n1000.020,3\n", 100);
        Assert.True(r.IsSuccess, r.Error?.ToString());
        Assert.Single(r.Value.Segments);
    }

    [Theory]
    [InlineData("timestamp_unix_s,ecg\n1000.00,1\n999.99,2\n", 3)]
    [InlineData("ecg\n1\nNaN\n", 3)]
    [InlineData("ecg\n", null)]
    public void Parse_EcgBadInput_Error(string text, int? line)
    {
        var r = EcgCsvParser.Parse(text, 100);
        Assert.False(r.IsSuccess);
        Assert.Equal(line, r.Error.Line);
    }

    [Fact]
    public void Parse_EcgBadSampleRate_Error()
    {
        Assert.False(EcgCsvParser.Parse("ecg\n1\n", 0).IsSuccess);
        Assert.False(EcgCsvParser.Parse("ecg\n1\n", double.NaN).IsSuccess);
    }
}
