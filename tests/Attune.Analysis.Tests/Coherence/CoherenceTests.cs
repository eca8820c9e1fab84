using Attune.Analysis.Coherence;
using Attune.Analysis.Series;
using Attune.Analysis.Tests.Hrv;

namespace Attune.Analysis.Tests.Coherence;

public sealed class CoherenceTests
{
    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.OrderBy(v => v).ToArray();
        return sorted[sorted.Length / 2];
    }

    [Fact]
    public void Compute_PureSine0_1Hz_HighRatioAndPeakAtPoint1()
    {
        var samples = CoherenceRatio.Compute(Synthetic.Sinusoid(1000, 50, 0.1, 300));
        Assert.NotEmpty(samples);
        Assert.All(samples, s => Assert.Equal(0.1, s.PeakFrequencyHz, 0.006));
        Assert.True(Median(samples.Select(s => s.CoherenceRatioValue)) > 4, "a pure sine should be highly coherent");
    }

    [Fact]
    public void Compute_WhiteNoise_LowRatio()
    {
        var samples = CoherenceRatio.Compute(RrSeries.FromIntervals(Synthetic.WhiteNoise(400, 31, 1000, 50)));
        Assert.True(Median(samples.Select(s => s.CoherenceRatioValue)) < 0.5);
    }

    [Fact]
    public void Compute_WindowsEveryFiveSeconds()
    {
        var samples = CoherenceRatio.Compute(Synthetic.Sinusoid(1000, 50, 0.1, 300));
        for (var i = 1; i < samples.Count; i++)
        {
            Assert.Equal(5, samples[i].TimeS - samples[i - 1].TimeS, 9);
        }
        Assert.Equal(samples[0].PowerRatio * samples[0].PowerRatio, samples[0].CoherenceRatioValue, 12);
    }

    [Fact]
    public void Compute_ShorterThanWindow_ThrowsTooShort()
    {
        var e = Assert.Throws<InsufficientDataException>(() => CoherenceRatio.Compute(Synthetic.Sinusoid(1000, 50, 0.1, 50)));
        Assert.Equal(InsufficientDataReason.TooShort, e.Reason);
    }

    [Fact]
    public void ResonanceFrequency_PacedAtSixPerMinute_FindsSix()
    {
        var estimate = ResonanceFrequency.Estimate(Synthetic.Sinusoid(950, 60, 0.1, 300));
        Assert.Equal(6, estimate.BreathsPerMinute, 0.3);
        Assert.True(estimate.WindowCount > 30);
    }

    [Fact]
    public void RespiratoryRate_RsaAtFifteenPerMinute_FindsFifteen()
    {
        var samples = RespiratoryRate.FromRsa(Synthetic.Sinusoid(800, 30, 0.25, 180));
        Assert.All(samples, s => Assert.Equal(15, s.BreathsPerMinute, 0.5));
    }
}
