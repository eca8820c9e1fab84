using System.Text;
using Attune.Analysis.Artifacts;
using Attune.Analysis.Ecg;
using Attune.Analysis.Parsing;
using Attune.Analysis.Series;

namespace Attune.Analysis.Tests.Parsing;

public class RobustnessTests
{
    private const string Alphabet = "0123456789.,;\t\n\r -eE\"abcrt_smshpbNaIf:TZ+";

    [Fact]
    public void Parsers_RandomInput_ReturnResultNeverThrow()
    {
        var random = new Random(17);
        string[] headers = ["", "rr_ms\n", "t_s,rr_ms\n", "timestamp;rr\n", "t_s,hr\n", "timestamp_unix_s,ecg\n", "ecg\n"];
        for (var k = 0; k < 3000; k++)
        {
            var sb = new StringBuilder(headers[k % headers.Length]);
            var length = random.Next(0, 200);
            for (var i = 0; i < length; i++)
            {
                sb.Append(Alphabet[random.Next(Alphabet.Length)]);
            }
            var text = sb.ToString();
            _ = RrCsvParser.Parse(text);
            _ = RrCsvParser.ParseIntervalList(text);
            _ = HeartRateCsvParser.Parse(text);
            _ = EcgCsvParser.Parse(text, 250);
            var bytes = new byte[random.Next(0, 40)];
            random.NextBytes(bytes);
            _ = RrCsvParser.Parse(bytes);
            _ = HeartRateMeasurementDecoder.Decode(bytes);
        }
    }

    [Fact]
    public void DetectAndCorrect_RandomNoise_NeverThrow()
    {
        var random = new Random(4);
        foreach (var fs in new[] { 50.0, 100, 250, 1000 })
        {
            var x = new double[(int)(fs * 20)];
            for (var i = 0; i < x.Length; i++)
            {
                x[i] = random.NextDouble() - 0.5;
            }
            var peaks = NeuroKitPeakDetector.Detect(EcgSignal.Create(x, fs));
            var rr = peaks.ToRrSeries();
            var corrected = LipponenTarvainen.Correct(rr, iterative: true);
            Assert.True(corrected.Corrected.Count >= 0);
        }
        var intervals = new double[2000];
        for (var i = 0; i < intervals.Length; i++)
        {
            intervals[i] = 100 + 4000 * random.NextDouble();
        }
        var result = LipponenTarvainen.Correct(RrSeries.FromIntervals(intervals), iterative: true);
        foreach (var v in result.Corrected.IntervalsMs)
        {
            Assert.True(v > 0);
        }
    }
}
