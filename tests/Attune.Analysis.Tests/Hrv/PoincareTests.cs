using Attune.Analysis.Hrv;
using Attune.Analysis.Series;

namespace Attune.Analysis.Tests.Hrv;

public sealed class PoincareTests
{
    [Fact]
    public void Compute_LinearRamp_Sd1ZeroSd2FromSdnn()
    {
        // RR = 800..850 step 10: every ΔRR = 10, SDSD = 0 → SD1 = 0; SDNN² = 1750/5 = 350 → SD2 = √700.
        var r = Poincare.Compute(RrSeries.FromIntervals([800, 810, 820, 830, 840, 850]));
        Assert.Equal(0, r.Sd1Ms, 12);
        Assert.Equal(Math.Sqrt(700), r.Sd2Ms, 12);
        Assert.Equal(0, r.Sd1Sd2Ratio, 12);
    }

    [Fact]
    public void Compute_WhiteNoise_Sd1AndSd2NearSdnn()
    {
        // For independent RR, SDSD² ≈ 2·SDNN², so SD1 ≈ SD2 ≈ SDNN.
        var rr = Synthetic.WhiteNoise(20000, 5, 800, 40);
        var r = Poincare.Compute(RrSeries.FromIntervals(rr));
        Assert.Equal(40, r.Sd1Ms, 1.5);
        Assert.Equal(40, r.Sd2Ms, 1.5);
    }

    [Fact]
    public void Compute_ScaledByK_BothAxesScaleByK()
    {
        var rr = Synthetic.WhiteNoise(400, 6);
        var a = Poincare.Compute(RrSeries.FromIntervals(rr));
        var b = Poincare.Compute(RrSeries.FromIntervals(rr.Select(x => 2 * x).ToArray()));
        Assert.Equal(2 * a.Sd1Ms, b.Sd1Ms, 9);
        Assert.Equal(2 * a.Sd2Ms, b.Sd2Ms, 9);
    }

    [Fact]
    public void Analyze_ThreeIntervals_Sd2NotComputableBecauseTheRadicandIsNegative()
    {
        // SDNN = 10, SDSD = √450: 2·100 − ½·450 = −25 ms². SD2 is not zero; it cannot be estimated.
        var series = RrSeries.FromIntervals([800, 810, 790]);

        var report = HrvAnalyzer.Analyze(series);

        Assert.True(double.IsNaN(Poincare.Compute(series).Sd2Ms));
        Assert.Null(report.ToMeasures().Single(m => m.Name == "SD2").Value);
        Assert.NotNull(report.ToMeasures().Single(m => m.Name == "SD1").Value);
        var reason = report.NotComputable.Single(n => n.Measure == "SD2").Reason;
        Assert.Contains("negative", reason, StringComparison.Ordinal);
        Assert.DoesNotContain("no variability", report.NotComputable.Single(n => n.Measure == "SD1SD2").Reason, StringComparison.Ordinal);
    }
}
