using Attune.Analysis.Artifacts;
using Attune.Analysis.Hrv;
using Attune.Analysis.Series;
using Attune.Analysis.Spectral;

namespace Attune.Analysis.Tests.Hrv;

public sealed class PresetOptionsTests
{
    [Fact]
    public void QuadraticSpline_QuadraticData_ReproducedExactlyInside()
    {
        // A quadratic is in the spline space, so the interpolant is the quadratic itself.
        double[] x = [0, 0.7, 1.5, 2.1, 3.4, 4.0, 5.2];
        var y = x.Select(v => 3 - 2 * v + 0.5 * v * v).ToArray();
        var output = new double[60];
        QuadraticSpline.EvaluateOnGrid(x, y, 0, 0.1, output);
        for (var k = 0; k < output.Length; k++)
        {
            var v = k * 0.1;
            var expected = v > 5.2 ? y[^1] : 3 - 2 * v + 0.5 * v * v;
            Assert.Equal(expected, output[k], 10);
        }
    }

    [Fact]
    public void QuadraticSpline_AnyData_PassesThroughThePoints()
    {
        double[] x = [0, 1, 2, 3, 4, 5];
        double[] y = [800, 820, 790, 805, 830, 800];
        var output = new double[6];
        QuadraticSpline.EvaluateOnGrid(x, y, 0, 1, output);
        for (var i = 0; i < x.Length; i++)
        {
            Assert.Equal(y[i], output[i], 9);
        }
    }

    [Fact]
    public void TimeDomain_IntervalsDenominator_ScalesByDifferencesOverIntervals()
    {
        var series = RrSeries.FromIntervals([800, 900, 800, 900, 850, 845]);
        var differences = TimeDomain.Compute(series);
        var intervals = TimeDomain.Compute(series, PnnDenominator.Intervals);
        Assert.Equal(100.0 * 3 / 5, differences.Pnn50Percent, 12);
        Assert.Equal(100.0 * 3 / 6, intervals.Pnn50Percent, 12);
    }

    [Fact]
    public void Poincare_SumOfSuccessive_NeverNegativeWhereEquationNineFails()
    {
        // RR = 800, 810, 790: eq. 9's radicand is −25 ms²; the direct estimate exists.
        var series = RrSeries.FromIntervals([800, 810, 790]);
        var time = TimeDomain.Compute(series);
        Assert.True(double.IsNaN(Poincare.Compute(series, time, Sd2Estimator.FromSdnnAndSdsd).Sd2Ms));
        var direct = Poincare.Compute(series, time, Sd2Estimator.SumOfSuccessive);
        // Sums/√2: 1610/√2 and 1600/√2, 10/√2 apart; their SD (N − 1) is 5.
        Assert.Equal(5, direct.Sd2Ms, 9);
    }

    [Fact]
    public void Poincare_SumOfSuccessive_CloseToEquationNineOnLongSeries()
    {
        var series = RrSeries.FromIntervals(Synthetic.WhiteNoise(20_000, 3));
        var time = TimeDomain.Compute(series);
        var nine = Poincare.Compute(series, time, Sd2Estimator.FromSdnnAndSdsd).Sd2Ms;
        var direct = Poincare.Compute(series, time, Sd2Estimator.SumOfSuccessive).Sd2Ms;
        Assert.Equal(nine, direct, nine * 0.02);
    }

    [Fact]
    public void Dfa_HalfOverlapping_WhiteNoiseAndBrownianExponents()
    {
        var noise = RrSeries.FromIntervals(Synthetic.WhiteNoise(4096, 11));
        Assert.Equal(0.5, Dfa.Alpha(noise, 16, 64, DfaWindowing.HalfOverlapping), 0.08);
        var walk = new double[4096];
        var rng = new Random(5);
        var level = 800.0;
        for (var i = 0; i < walk.Length; i++)
        {
            level += Synthetic.Gaussian(rng);
            walk[i] = level;
        }
        Assert.Equal(1.5, Dfa.Alpha(RrSeries.FromIntervals(walk), 16, 64, DfaWindowing.HalfOverlapping), 0.1);
    }

    [Fact]
    public void Analyze_NeuroKit2Preset_LongBoxesUpToTenthOfSeries()
    {
        var series = RrSeries.FromIntervals(Synthetic.WhiteNoise(128, 2));
        var report = HrvAnalyzer.Analyze(series, HrvOptions.NeuroKit2Compatible);
        // ⌊129/10⌋ = 12: one scale only, so α2 is not computable, with the number needed.
        Assert.Null(report.DfaAlpha2);
        Assert.Contains(report.NotComputable, n => n.Measure == "DFA_alpha2" && n.Reason.Contains("129", StringComparison.Ordinal));
        Assert.NotNull(HrvAnalyzer.Analyze(RrSeries.FromIntervals(Synthetic.WhiteNoise(129, 2)), HrvOptions.NeuroKit2Compatible).DfaAlpha2);
    }

    [Fact]
    public void For_EachPreset_KubiosIsTheDefault()
    {
        Assert.Same(HrvOptions.Default, HrvOptions.For(HrvPreset.Kubios));
        Assert.Same(HrvOptions.NeuroKit2Compatible, HrvOptions.For(HrvPreset.NeuroKit2));
    }

    [Fact]
    public void NeuroKitCorrection_MissedBeat_SplitAndCounted()
    {
        var rr = Enumerable.Range(0, 200).Select(i => 800 + 20 * Math.Sin(i / 3.0)).ToList();
        rr[100] += rr[101];
        rr.RemoveAt(101);
        var correction = NeuroKitPeakCorrection.Correct(RrSeries.FromIntervals([.. rr]));
        Assert.Equal(1, correction.Counts.Missed);
        Assert.Equal(200, correction.Corrected.Count);
        Assert.InRange(correction.Corrected.IntervalsMs[100], 780, 830);
    }

    [Fact]
    public void NeuroKitCorrection_CleanSeries_Unchanged()
    {
        var series = RrSeries.FromIntervals([.. Enumerable.Range(0, 300).Select(i => 800 + 20 * Math.Sin(i / 4.0))]);
        var correction = NeuroKitPeakCorrection.Correct(series);
        Assert.Equal(0, correction.Counts.Total);
        Assert.Same(series, correction.Corrected);
    }
}
