using System.Globalization;
using System.Text;
using Attune.Analysis.Parsing;

namespace Attune.Analysis.Tests.Parsing;

public sealed class EcgStreamParserTests
{
    private static ParseResult<Attune.Analysis.Series.EcgSignal> FromStream(string text, double rate = 250) =>
        EcgCsvParser.Parse(new MemoryStream(Encoding.UTF8.GetBytes(text)), rate);

    private static ParseResult<Attune.Analysis.Series.EcgSignal> FromReader(string text, double rate = 250) =>
        EcgCsvParser.Parse(new StringReader(text), rate);

    [Theory]
    [InlineData("ecg\n0.1\n-0.2\n0.3\n")]
    [InlineData("ECG\r\n0.1\r\n-0.2\r\n0.3")]
    [InlineData("\uFEFFecg\n1\n2\n")]
    [InlineData("\n\necg\n\n1.5\n \n-2\n\n")]
    [InlineData("0.25\n0.5\n")]
    [InlineData("ecg\n\"0.5\"\n 7 \n1e-3\n+4\n-.5\n5.\n0,75\n")]
    [InlineData("ecg\n1234567890.123456\n0.0000000000000001\n12345678901234567890\n")]
    [InlineData("timestamp_unix_s,ecg\n1000.00,1\n1000.01,2\n1000.02,3\n")]
    [InlineData("t_s;ecg\n0,00;1,5\n0,01;2,5\n")]
    public void Parse_Stream_SameSamplesAsTextReader(string text)
    {
        var stream = FromStream(text);
        var reader = FromReader(text);
        Assert.True(stream.IsSuccess, stream.Error?.ToString());
        Assert.True(reader.IsSuccess, reader.Error?.ToString());
        Assert.Equal(reader.Value.Samples.ToArray(), stream.Value.Samples.ToArray());
        Assert.Equal(reader.Value.Segments, stream.Value.Segments);
        Assert.Equal(reader.Value.Start, stream.Value.Start);
    }

    [Theory]
    [InlineData("ecg\n1\nabc\n3\n")]
    [InlineData("ecg\n1\n2\n\n1.2.3\n")]
    [InlineData("ecg\n1\n\u0001\n")]
    [InlineData("ecg\n")]
    [InlineData("")]
    [InlineData("ecg\n1\nNaN\n")]
    [InlineData("hr\n70\n")]
    public void Parse_Stream_SameErrorAsTextReader(string text)
    {
        var stream = FromStream(text);
        var reader = FromReader(text);
        Assert.False(stream.IsSuccess);
        Assert.False(reader.IsSuccess);
        Assert.Equal(reader.Error, stream.Error);
    }

    [Fact]
    public void Parse_Stream_InvalidUtf8Line_BinaryErrorWithLine()
    {
        var bytes = Encoding.UTF8.GetBytes("ecg\n1\n2\n").Concat(new byte[] { 0xC3, 0x28, (byte)'\n' }).ToArray();
        var result = EcgCsvParser.Parse(new MemoryStream(bytes), 250);
        Assert.False(result.IsSuccess);
        Assert.Equal(4, result.Error!.Line);
        Assert.Equal(EcgCsvParser.Parse(bytes, 250).Error!.Message, result.Error.Message);
    }

    [Fact]
    public void Parse_Stream_ManyBlocks_SameSamplesAsTextReader()
    {
        // About 5 MiB: lines cross the 1 MiB blocks at every offset; odd lines in between take the slow path.
        var random = new Random(7);
        var text = new StringBuilder("ecg\r\n");
        for (var i = 0; i < 500_000; i++)
        {
            var v = (random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-3, 4));
            text.Append(v.ToString(i % 1000 == 0 ? "E3" : "0.######", CultureInfo.InvariantCulture)).Append(i % 3 == 0 ? "\r\n" : "\n");
            if (i % 77_777 == 0)
            {
                text.Append('\n');
            }
        }
        var s = text.ToString();
        Assert.Equal(FromReader(s).Value!.Samples.ToArray(), FromStream(s).Value!.Samples.ToArray());
    }

    [Fact]
    public void Parse_Stream_EveryFractionLength_SameSamplesAsTextReader()
    {
        // Fractions of 0 to 17 digits (8 at a time, then one by one; past 15 digits in all, the general rules), integer
        // parts of 0 to 9 digits, signs, and fractions that end at every byte of an 8-byte word.
        var random = new Random(11);
        var text = new StringBuilder("ecg\n");
        for (var i = 0; i < 200_000; i++)
        {
            var integer = random.Next(0, 10);
            var fraction = random.Next(0, 18);
            text.Append(random.Next(3) switch { 0 => "-", 1 => "+", _ => "" });
            for (var k = 0; k < integer; k++)
            {
                text.Append((char)('0' + random.Next(10)));
            }
            if (integer == 0 && fraction == 0)
            {
                text.Append('0');
            }
            if (fraction > 0 || random.Next(4) == 0)
            {
                text.Append('.');
            }
            for (var k = 0; k < fraction; k++)
            {
                text.Append((char)('0' + random.Next(10)));
            }
            text.Append(i % 5 == 0 ? "\r\n" : "\n");
        }
        var s = text.ToString();
        var expected = FromReader(s);
        Assert.True(expected.IsSuccess, expected.Error?.ToString());
        Assert.Equal(expected.Value!.Samples.ToArray(), FromStream(s).Value!.Samples.ToArray());
    }

    [Theory]
    // Blocks of 1 MiB hold about 130,000 of these lines; each is parsed as two halves in parallel. Bad lines in the
    // second half only, in both halves (the first in file order is reported), past single precision in the second half.
    [InlineData(new[] { 100_000 }, "abc")]
    [InlineData(new[] { 30_000, 100_000 }, "abc")]
    [InlineData(new[] { 250_000, 260_000 }, "1.2.3")]
    [InlineData(new[] { 110_000 }, "1e39")]
    public void Parse_Stream_LargeBlocksInParallel_SameFirstErrorAsTextReader(int[] badLines, string bad)
    {
        var text = new StringBuilder("ecg\n");
        for (var i = 2; i <= 400_000; i++)
        {
            text.Append(badLines.Contains(i) ? bad : (i % 997 / 100.0).ToString("0.##", CultureInfo.InvariantCulture)).Append('\n');
        }
        var s = text.ToString();
        var stream = FromStream(s);
        var reader = FromReader(s);
        Assert.False(stream.IsSuccess);
        Assert.Equal(badLines.Min(), stream.Error!.Line);
        Assert.False(reader.IsSuccess);
        if (bad == "1e39")
        {
            // The text reader names the sample rather than the line for this one (as for a small file).
            Assert.Contains("3.4e38", stream.Error.Message, StringComparison.Ordinal);
        }
        else
        {
            Assert.Equal(reader.Error, stream.Error);
        }
    }

    [Fact]
    public void Parse_Stream_ValueBeyondSinglePrecision_ErrorNamesTheLine()
    {
        var result = FromStream("ecg\n1\n1e39\n");
        Assert.False(result.IsSuccess);
        Assert.Equal(3, result.Error!.Line);
        Assert.Contains("3.4e38", result.Error.Message, StringComparison.Ordinal);
        Assert.False(FromReader("ecg\n1\n1e39\n").IsSuccess);
    }
}
