using Attune.Analysis.Hrv;
using Attune.Analysis.Series;

namespace Attune.Analysis.Tests.Hrv;

public sealed class HrvAnalyzerTests
{
    [Fact]
    public void Analyze_FiveBeats_TimeDomainOnlyAndReasonsForTheRest()
    {
        var report = HrvAnalyzer.Analyze(RrSeries.FromIntervals([800, 810, 790, 820, 805]));
        Assert.NotNull(report.TimeDomain);
        Assert.Null(report.FrequencyDomain);
        Assert.Null(report.DfaAlpha1);
        Assert.Null(report.SampEn);
        var names = report.NotComputable.Select(n => n.Measure).ToHashSet();
        foreach (var name in new[] { "SDANN", "VLF", "LF", "HF", "TotalPower", "DFA_alpha1", "DFA_alpha2", "SampEn", "ApEn" })
        {
            Assert.Contains(name, names);
        }
        Assert.DoesNotContain("RMSSD", names);
    }

    [Fact]
    public void Analyze_FiveMinutes_VlfAndAlpha2MissingOthersPresent()
    {
        var rr = Synthetic.WhiteNoise(375, 41);
        var report = HrvAnalyzer.Analyze(RrSeries.FromIntervals(rr));
        Assert.NotNull(report.FrequencyDomain!.LfMs2);
        Assert.NotNull(report.FrequencyDomain.HfMs2);
        Assert.Null(report.FrequencyDomain.VlfMs2);
        Assert.NotNull(report.DfaAlpha1);
        Assert.NotNull(report.DfaAlpha2);
        Assert.NotNull(report.SampEn);
        Assert.Contains(report.NotComputable, n => n.Measure == "VLF");
    }

    [Fact]
    public void ToMeasures_NamesInDocumentedOrder()
    {
        var report = HrvAnalyzer.Analyze(RrSeries.FromIntervals(Synthetic.WhiteNoise(400, 42)));
        var names = report.ToMeasures().Select(m => m.Name).ToArray();
        Assert.Equal(
            ["MeanNN", "SDNN", "RMSSD", "SDSD", "pNN50", "pNN20", "MeanHR", "CVNN", "MedianNN", "IQRNN", "SDANN", "SDNNI",
             "VLF", "LF", "HF", "LFHF", "LFnu", "HFnu", "TotalPower", "SD1", "SD2", "SD1SD2", "DFA_alpha1", "DFA_alpha2", "SampEn", "ApEn"],
            names);
        foreach (var m in report.ToMeasures())
        {
            Assert.True(m.Value is null == report.NotComputable.Any(n => n.Measure == m.Name), m.Name);
        }
    }

    [Fact]
    public void Analyze_ConstantSeries_NoNaNAndEveryNullExplained()
    {
        var rr = Enumerable.Repeat(800.0, 1000).ToArray();
        var report = HrvAnalyzer.Analyze(RrSeries.FromIntervals(rr));
        foreach (var m in report.ToMeasures())
        {
            Assert.True(m.Value is null || double.IsFinite(m.Value.Value), m.Name);
            Assert.True(m.Value is null == report.NotComputable.Any(n => n.Measure == m.Name), m.Name);
        }
        Assert.Equal(0, report.TimeDomain!.RmssdMs);
    }

    [Fact]
    public void Analyze_MoreIntervalsThanEntropyLimit_EntropyNotComputableWithReasonOthersComputed()
    {
        var options = HrvOptions.Default with { MaximumEntropyIntervals = 500 };
        var report = HrvAnalyzer.Analyze(RrSeries.FromIntervals(Synthetic.WhiteNoise(1000, 43)), options);
        Assert.Null(report.SampEn);
        Assert.Null(report.ApEn);
        foreach (var name in new[] { "SampEn", "ApEn" })
        {
            var reason = Assert.Single(report.NotComputable, n => n.Measure == name).Reason;
            Assert.Contains("at most 500 intervals", reason, StringComparison.Ordinal);
            Assert.Contains("got 1000", reason, StringComparison.Ordinal);
        }
        Assert.NotNull(report.TimeDomain);
        Assert.NotNull(report.FrequencyDomain);
        Assert.NotNull(report.DfaAlpha1);
        Assert.NotNull(report.DfaAlpha2);
    }

    [Fact]
    public void Analyze_AtEntropyLimit_EntropyComputed()
    {
        var options = HrvOptions.Default with { MaximumEntropyIntervals = 1000 };
        var report = HrvAnalyzer.Analyze(RrSeries.FromIntervals(Synthetic.WhiteNoise(1000, 43)), options);
        Assert.NotNull(report.SampEn);
        Assert.NotNull(report.ApEn);
    }

    [Fact]
    public void Analyze_TwoMillionIntervals_CompletesWithFiniteResults()
    {
        // About 19 days of beats at 1 ms resolution: respiratory and slow oscillations plus noise.
        var rng = new Random(44);
        var rr = new double[2_000_000];
        var t = 0.0;
        for (var i = 0; i < rr.Length; i++)
        {
            var value = 820 + 40 * Math.Sin(2 * Math.PI * 0.25 * t) + 30 * Math.Sin(2 * Math.PI * 0.01 * t) + 20 * Synthetic.Gaussian(rng);
            rr[i] = Math.Round(value);
            t += rr[i] / 1000;
        }
        var report = HrvAnalyzer.Analyze(RrSeries.FromIntervals(rr));
        Assert.Equal(rr.Length, report.BeatCount);
        foreach (var m in report.ToMeasures())
        {
            Assert.True(m.Value is null || double.IsFinite(m.Value.Value), m.Name);
        }
        var missing = report.NotComputable.Select(n => n.Measure).Order().ToArray();
        Assert.Equal(["ApEn", "SampEn"], missing);
    }
}

public sealed class HrvAnalyzerParallelTests
{
    // About five hours with breathing swings, drift, an early beat and its pause now and then, and a racing stretch: every
    // part has work to do, and the rhythm check finds irregular windows.
    private static RrSeries Day()
    {
        var random = new Random(5);
        var rr = new double[20_000];
        for (var i = 0; i < rr.Length; i++)
        {
            rr[i] = 800 + 60 * Math.Sin(i * 0.5) + 80 * Math.Sin(i * 0.0007) + random.NextDouble() * 30;
            if (i is > 8_000 and < 9_500)
            {
                rr[i] = 420 + random.NextDouble() * 260;
            }
        }
        for (var i = 97; i + 1 < rr.Length; i += 211)
        {
            rr[i] *= 0.6;
            rr[i + 1] *= 1.4;
        }
        return RrSeries.FromIntervals(rr);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Analyze_InParallel_SameReportAsOneAfterAnother(bool missingParts)
    {
        var series = Day();
        // With parts that cannot be computed, the reasons must come in the same order too.
        var options = missingParts
            ? HrvOptions.Default with { ComputeEntropy = false, DfaLongBoxes = new(3_000, null) }
            : HrvOptions.Default;
        var serial = HrvAnalyzer.Analyze(series, options, parallel: false);
        var parallel = HrvAnalyzer.Analyze(series, options, parallel: true);

        Assert.Equal(serial.ToMeasures().Select(m => (m.Name, m.Value)), parallel.ToMeasures().Select(m => (m.Name, m.Value)));
        Assert.Equal(serial.NotComputable, parallel.NotComputable);
        Assert.Equal(serial.IrregularRhythm!.IrregularWindows, parallel.IrregularRhythm!.IrregularWindows);
        Assert.Equal(serial.IrregularRhythm.Stretches, parallel.IrregularRhythm.Stretches);
        Assert.True(serial.IrregularRhythm.IrregularWindows > 0);
        if (missingParts)
        {
            Assert.Equal(["SampEn", "ApEn"], serial.NotComputable.Select(n => n.Measure).Where(n => n is "SampEn" or "ApEn"));
            Assert.Contains(serial.NotComputable, n => n.Measure == "DFA_alpha2");
            Assert.True(serial.NotComputable.ToList().FindIndex(n => n.Measure == "DFA_alpha2")
                < serial.NotComputable.ToList().FindIndex(n => n.Measure == "SampEn"));
        }
        else
        {
            Assert.NotNull(serial.SampEn);
            Assert.NotNull(serial.DfaAlpha2);
            Assert.NotNull(serial.FrequencyDomain!.LfMs2);
        }
    }

    [Fact]
    public void Analyze_LongRecord_DefaultRunsInParallelAndMatches()
    {
        var series = Day();
        Assert.True(series.Count >= HrvAnalyzer.ParallelFromIntervals);
        var report = HrvAnalyzer.Analyze(series);
        Assert.Equal(HrvAnalyzer.Analyze(series, null, parallel: false).ToMeasures().Select(m => m.Value), report.ToMeasures().Select(m => m.Value));
    }

    [Fact]
    public void FrequencyDomain_KeepsTheSpectrumItIntegrated()
    {
        var series = Day();
        var result = FrequencyDomain.Compute(series);
        var again = FrequencyDomain.Spectrum(series);
        Assert.NotNull(result.Spectrum);
        Assert.Equal(again.FrequenciesHz, result.Spectrum.FrequenciesHz);
        Assert.Equal(again.Density, result.Spectrum.Density);
        Assert.Equal(result.LfMs2!.Value, again.BandPower(FrequencyOptions.Default.LfBandHz.Low, FrequencyOptions.Default.LfBandHz.High), 9);
    }
}
