using Attune.Analysis.Hrv;
using Attune.Analysis.Series;

namespace Attune.Analysis.Tests.Hrv;

public sealed class FrequencyDomainTests
{
    [Theory]
    [InlineData(SpectralMethod.Welch)]
    [InlineData(SpectralMethod.LombScargle)]
    public void Compute_Sinusoid0_1Hz_PowerInLfEqualsHalfAmplitudeSquared(SpectralMethod method)
    {
        // A sinusoid of amplitude A has variance A²/2 = 50 ms² for A = 10 ms.
        var series = Synthetic.Sinusoid(800, 10, 0.1, 1200);
        var result = FrequencyDomain.Compute(series, FrequencyOptions.Default with { Method = method });
        Assert.Equal(50, result.LfMs2!.Value, 50 * 0.05);
        Assert.True(result.HfMs2 < 0.5, $"HF {result.HfMs2}");
        Assert.True(result.VlfMs2 < 0.5, $"VLF {result.VlfMs2}");
        Assert.Equal(0.1, result.LfPeakHz!.Value, 0.005);
        Assert.Equal(method, result.MethodUsed);
    }

    [Theory]
    [InlineData(SpectralMethod.Welch)]
    [InlineData(SpectralMethod.LombScargle)]
    public void Compute_Sinusoid0_25Hz_PowerInHf(SpectralMethod method)
    {
        var series = Synthetic.Sinusoid(800, 20, 0.25, 600);
        var result = FrequencyDomain.Compute(series, FrequencyOptions.Default with { Method = method });
        Assert.Equal(200, result.HfMs2!.Value, 200 * 0.05);
        Assert.True(result.LfMs2 < 2, $"LF {result.LfMs2}");
        Assert.True(result.HfNu > 99);
    }

    [Fact]
    public void Compute_WhiteNoise_TotalPowerNearVariance()
    {
        // The tachogram of white-noise RR is not white (the spline smooths), so TP ≤ variance; within 40 %.
        var rr = Synthetic.WhiteNoise(3000, 3, 800, 30);
        var series = RrSeries.FromIntervals(rr);
        var result = FrequencyDomain.Compute(series);
        Assert.InRange(result.TotalPowerMs2, 900 * 0.6, 900 * 1.05);
    }

    [Fact]
    public void Compute_EqualIntervals_ZeroPowerAndRatiosNotComputable()
    {
        // 1000 × 800 ms = 800 s: long enough for VLF too.
        var intervals = new double[1000];
        Array.Fill(intervals, 800);

        var result = FrequencyDomain.Compute(RrSeries.FromIntervals(intervals));

        Assert.Equal(0, result.LfMs2);
        Assert.Equal(0, result.HfMs2);
        Assert.Equal(0, result.VlfMs2);
        Assert.Equal(0, result.TotalPowerMs2);
        Assert.Null(result.LfHfRatio);
        Assert.Null(result.LfNu);
        Assert.Null(result.HfNu);
        foreach (var name in (string[])["LFHF", "LFnu", "HFnu"])
        {
            Assert.Contains("Every interval is the same", result.NotComputable.Single(n => n.Measure == name).Reason, StringComparison.Ordinal);
        }
    }
}
