using System.Diagnostics;
using Attune.Analysis.Hrv;
using Attune.Analysis.Series;
using Xunit.Abstractions;

namespace Attune.Analysis.Tests.Hrv;

public sealed class RealRecordingTests(ITestOutputHelper output)
{
    private const string LtdbFile = "rr/ltdb_14046_24h.rr.csv";

    [Fact]
    public void Analyze_Ltdb14046_AllMeasuresPlausible()
    {
        var path = ReferenceData.Path(LtdbFile);
        var series = RrSeries.FromIntervals(ReferenceData.ReadRrMs(path));
        Assert.Equal(115_277, series.Count);

        HrvAnalyzer.Analyze(series);
        var stopwatch = Stopwatch.StartNew();
        var report = HrvAnalyzer.Analyze(series);
        stopwatch.Stop();
        foreach (var m in report.ToMeasures())
        {
            output.WriteLine($"{m.Name} = {m.Value} {m.Unit}");
        }
        // Timing is informative only (shared machines); bench/Attune.Bench measures it properly.
        output.WriteLine($"Full report: {stopwatch.Elapsed.TotalMilliseconds:0.0} ms");

        Assert.Empty(report.NotComputable);
        var t = report.TimeDomain!;
        Assert.InRange(t.MeanNnMs, 500, 1200);
        Assert.InRange(t.SdnnMs, 20, 300);
        Assert.InRange(t.RmssdMs, 5, 200);
        Assert.InRange(t.MeanHrBpm, 50, 120);
        Assert.InRange(t.SdannMs!.Value, 5, t.SdnnMs);
        Assert.InRange(t.SdnniMs!.Value, 5, t.SdnnMs);
        var f = report.FrequencyDomain!;
        Assert.True(f.VlfMs2 > 0 && f.LfMs2 > 0 && f.HfMs2 > 0);
        Assert.True(f.TotalPowerMs2 > f.LfMs2 + f.HfMs2);
        Assert.InRange(f.LfNu!.Value + f.HfNu!.Value, 99.999, 100.001);
        Assert.InRange(report.DfaAlpha1!.Value, 0.3, 1.8);
        Assert.InRange(report.DfaAlpha2!.Value, 0.3, 1.8);
        Assert.InRange(report.SampEn!.Value, 0.05, 3);
        Assert.InRange(report.ApEn!.Value, 0.05, 3);
    }

    [Fact]
    public void LombScargleAndWelch_Ltdb14046_AgreeOnBands()
    {
        var path = ReferenceData.Path(LtdbFile);
        // The LTDB record is not artifact-corrected (ectopic beats, pauses up to 10 s), and a cubic
        // spline through such outliers overshoots wildly. A crude stand-in for artifact correction:
        // replace intervals more than 20 % from the median of their 11 neighbours by that median.
        var series = RrSeries.FromIntervals(MedianCorrected(ReferenceData.ReadRrMs(path)));
        var welch = FrequencyDomain.Compute(series, FrequencyOptions.Default with { Method = SpectralMethod.Welch });
        var lomb = FrequencyDomain.Compute(series, FrequencyOptions.Default with { Method = SpectralMethod.LombScargle });
        var variance = Math.Pow(TimeDomain.Compute(series).SdnnMs, 2);
        output.WriteLine($"Welch LF {welch.LfMs2:0} HF {welch.HfMs2:0} VLF {welch.VlfMs2:0} TP {welch.TotalPowerMs2:0}; Lomb LF {lomb.LfMs2:0} HF {lomb.HfMs2:0} VLF {lomb.VlfMs2:0} TP {lomb.TotalPowerMs2:0}; variance {variance:0}");
        // Different estimators (interpolated vs raw beat times, Hann vs no taper), same bands: within a factor 1.5.
        Assert.InRange(lomb.LfMs2!.Value / welch.LfMs2!.Value, 1 / 1.5, 1.5);
        Assert.InRange(lomb.HfMs2!.Value / welch.HfMs2!.Value, 1 / 1.5, 1.5);
        Assert.InRange(lomb.VlfMs2!.Value / welch.VlfMs2!.Value, 1 / 1.5, 1.5);
        // 256-s segments drop power below ~0.004 Hz (day–night changes), so TP is well under the variance.
        Assert.True(welch.TotalPowerMs2 < variance);
    }

    [Fact]
    public void CoherenceAndFlooding_Ltdb14046_RunOverTheWholeDay()
    {
        var path = ReferenceData.Path(LtdbFile);
        var series = RrSeries.FromIntervals(ReferenceData.ReadRrMs(path));
        var coherence = Attune.Analysis.Coherence.CoherenceRatio.Compute(series);
        var expectedWindows = (int)((series.BeatTimesS[^1] - series.BeatTimesS[0] - 64) / 5) + 1;
        Assert.InRange(coherence.Count, expectedWindows - 1, expectedWindows + 1);
        Assert.All(coherence, c => Assert.True(c.PowerRatio >= 0 && double.IsFinite(c.PowerRatio)));
        var baseline = Attune.Analysis.Flooding.PersonalBaseline.FromHistory([series]);
        Assert.NotNull(baseline);
        Assert.InRange(baseline.RestingHrBpm, 40, 90);
        var events = Attune.Analysis.Flooding.FloodingDetector.Detect(series, baseline.RestingHrBpm);
        output.WriteLine($"Resting HR {baseline.RestingHrBpm:0.0} bpm, RMSSD {baseline.RestingRmssdMs:0.0} ms, {events.Count} flooding events, {coherence.Count} coherence windows");
    }

    private static double[] MedianCorrected(double[] rr)
    {
        var corrected = (double[])rr.Clone();
        var window = new double[11];
        for (var i = 5; i < rr.Length - 5; i++)
        {
            Array.Copy(rr, i - 5, window, 0, 11);
            Array.Sort(window);
            var median = window[5];
            if (Math.Abs(rr[i] - median) > 0.2 * median)
            {
                corrected[i] = median;
            }
        }
        return corrected;
    }
}
