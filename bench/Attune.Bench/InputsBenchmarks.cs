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
/// artifact correction (synthetic, and the reference 1000 Hz ECG averaged down to 250 Hz and tiled to
/// 21.6 M samples), and artifact correction of a 24 h RR series (115,277 beats, like LTDB 14046).
/// Each benchmark builds only its own input.
/// </summary>
[MemoryDiagnoser]
public class InputsBenchmarks
{
    private string _csv = "";
    private EcgSignal _ecg = EcgSignal.Create([], 250);
    private RrSeries _rr = RrSeries.FromIntervals([]);
    private EcgSignal _ecgReference = EcgSignal.Create([], 250);

    internal EcgSignal ReferenceEcg => _ecgReference;

    [GlobalSetup(Target = nameof(Ecg24hReferenceTiled))]
    public void SetupReferenceEcg()
    {
        var path = HrvBenchmarks.FindReferenceFile("ecg/ecg_1000hz.ecg.csv")
            ?? throw new FileNotFoundException("shared/reference-data/ecg/ecg_1000hz.ecg.csv not found above the working directory.");
        var lines = File.ReadAllLines(path);
        var at250 = new double[(lines.Length - 1) / 4];
        for (var i = 0; i < at250.Length; i++)
        {
            double sum = 0;
            for (var k = 1; k <= 4; k++)
            {
                sum += double.Parse(lines[4 * i + k], CultureInfo.InvariantCulture);
            }
            at250[i] = sum / 4;
        }
        var x = new double[24 * 3600 * 250];
        for (var i = 0; i < x.Length; i++)
        {
            x[i] = at250[i % at250.Length];
        }
        _ecgReference = EcgSignal.Create(x, 250);
    }

    [GlobalSetup(Targets = [nameof(ParseRrCsv10MRows), nameof(Ecg24hCleanPeaksArtifacts), nameof(ArtifactCorrection115kBeats)])]
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
    public int Ecg24hReferenceTiled()
    {
        var peaks = NeuroKitPeakDetector.Detect(_ecgReference);
        return LipponenTarvainen.Correct(peaks.ToRrSeries()).Counts.Total;
    }

    [Benchmark]
    public int ArtifactCorrection115kBeats() => LipponenTarvainen.Correct(_rr).Counts.Total;
}
