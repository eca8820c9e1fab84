using Attune.Analysis.Hrv;
using Attune.Analysis.Series;

namespace Attune.Analysis.Tests.Hrv;

public sealed class DfaTests
{
    [Fact]
    public void Alpha_WhiteNoise_NearHalf()
    {
        var x = Synthetic.WhiteNoise(20000, 21);
        Assert.Equal(0.5, Dfa.Alpha(x, 16, 64), 0.08);
        Assert.Equal(0.5, Dfa.Alpha(x, 4, 16), 0.1);
    }

    [Fact]
    public void Alpha_BrownianMotion_NearOnePointFive()
    {
        var noise = Synthetic.WhiteNoise(20000, 22, 0, 1);
        var walk = new double[noise.Length];
        double sum = 0;
        for (var i = 0; i < noise.Length; i++)
        {
            sum += noise[i];
            walk[i] = sum;
        }
        Assert.Equal(1.5, Dfa.Alpha(walk, 16, 64), 0.08);
        Assert.Equal(1.5, Dfa.Alpha(walk, 4, 16), 0.1);
    }

    [Fact]
    public void Fluctuation_LinearProfile_Zero()
    {
        // A constant RR series has a zero profile; a linear profile is removed exactly by the per-box fit.
        var profile = Enumerable.Range(0, 64).Select(i => 3.0 * i + 1).ToArray();
        Assert.Equal(0, Dfa.Fluctuation(profile, 8), 9);
    }

    [Fact]
    public void Fluctuation_HandExample_MatchesResidual()
    {
        // Box of 4: y = [0, 1, 0, 1]; fit slope 0.2 through mean 0.5 → residuals −0.2, 0.6, −0.6, 0.2; Σr² = 0.8.
        // F(4) over one box = √(0.8/4).
        Assert.Equal(Math.Sqrt(0.2), Dfa.Fluctuation([0, 1, 0, 1], 4), 12);
    }

    [Fact]
    public void Alpha_TooFewIntervals_ThrowsNotEnoughBeats()
    {
        var series = RrSeries.FromIntervals(Synthetic.WhiteNoise(200, 1));
        var e = Assert.Throws<InsufficientDataException>(() => Dfa.Alpha(series, 16, 64));
        Assert.Equal(InsufficientDataReason.NotEnoughBeats, e.Reason);
        Assert.Throws<ArgumentException>(() => Dfa.Alpha(series, 16, 16));
    }
}
