using System.Globalization;
using System.Text;
using Attune.Analysis.Artifacts;
using Attune.Analysis.Ecg;
using Attune.Analysis.Parsing;
using Attune.Analysis.Series;
using BenchmarkDotNet.Attributes;

namespace Attune.Bench;

/// <summary>
/// Inputs: a 10-million-row RR CSV parse, 24 h of ECG at 250 Hz through cleaning, R-peaks and
/// artifact correction, and artifact correction of a 24 h RR series (115,277 beats, like LTDB 14046).
/// All inputs are synthetic and generated in setup, so no file is read.
/// </summary>
[MemoryDiagnoser]
public class InputsBenchmarks
{
    private string _csv = "";
    private EcgSignal _ecg = EcgSignal.Create([], 250);
    private RrSeries _rr = RrSeries.FromIntervals([]);

    [GlobalSetup]
    public void Setup()
    {
        var sb = new StringBuilder("t_s,rr_ms\n", 10_000_000 * 16);
        var t = 0.0;
        for (var i = 0; i < 10_000_000; i++)
        {
            var rr = 700 + i % 300;
            t += rr / 1000.0;
            sb.Append(t.ToString("0.###", CultureInfo.InvariantCulture)).Append(',').Append(rr).Append('\n');
        }
        _csv = sb.ToString();

        const double fs = 250;
        var n = (int)(24 * 3600 * fs);
        var x = new double[n];
        var random = new Random(1);
        for (var i = 0; i < n; i++)
        {
            x[i] = 0.3 * Math.Sin(2 * Math.PI * 0.2 * i / fs) + 0.01 * (random.NextDouble() - 0.5);
        }
        for (var beat = 0.5; beat < n / fs - 1; beat += 0.7 + 0.3 * random.NextDouble())
        {
            var c = (int)(beat * fs);
            for (var k = -10; k <= 10; k++)
            {
                x[c + k] += Math.Exp(-0.5 * k * k / 9.0);
            }
        }
        _ecg = EcgSignal.Create(x, fs);

        var intervals = new double[115_277];
        for (var i = 0; i < intervals.Length; i++)
        {
            intervals[i] = 800 + 40 * Math.Sin(2 * Math.PI * i / 9.0) + 5 * random.NextDouble();
            if (i % 50 == 25)
            {
                intervals[i] -= 250;
            }
            else if (i % 50 == 26)
            {
                intervals[i] += 250;
            }
        }
        _rr = RrSeries.FromIntervals(intervals);
    }

    [Benchmark]
    public int ParseRrCsv10MRows() => RrCsvParser.Parse(_csv).Value!.Series.Count;

    [Benchmark]
    public int Ecg24hCleanPeaksArtifacts()
    {
        var peaks = NeuroKitPeakDetector.Detect(_ecg);
        return LipponenTarvainen.Correct(peaks.ToRrSeries()).Counts.Total;
    }

    [Benchmark]
    public int ArtifactCorrection115kBeats() => LipponenTarvainen.Correct(_rr).Counts.Total;
}
