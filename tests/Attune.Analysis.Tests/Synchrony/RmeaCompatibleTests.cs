using Attune.Analysis.Synchrony;

namespace Attune.Analysis.Tests.Synchrony;

public class RmeaCompatibleTests
{
    // Hand-computed example (sampRate 1, winSec 3, lagSec 1, incSec 1, N 5):
    // n_win = ceil((5 − 3 − 1 + 1)/1) = 2; window j spans samples j … j + 3.
    // Window 0: s1 = [1 2 3 5], s2 = [1 3 2 4]
    //   lag −1: cor([2 3 5], [1 3 2]) = 1/√(14/3 · 2) = √(3/28)
    //   lag  0: cor([1 2 3], [1 3 2]) = 1/2
    //   lag +1: cor([1 2 3], [3 2 4]) = 1/2
    // Window 1: s1 = [2 3 5 4], s2 = [3 2 4 6]
    //   lag −1: cor([3 5 4], [3 2 4]) would be −1/2, but only one pair differs (5 vs 2), and rMEA
    //           returns NA when sum(x != y) < 2
    //   lag  0: cor([2 3 5], [3 2 4]) = 2/√(28/3) = √(3/7)
    //   lag +1: cor([2 3 5], [2 4 6]) = 6/√(14/3 · 8) = √(27/28)
    private static readonly double[] S1 = [1, 2, 3, 5, 4];
    private static readonly double[] S2 = [1, 3, 2, 4, 6];

    [Fact]
    public void MeaCcf_RawCorrelations_MatchHandComputedValues()
    {
        var result = RmeaCompatible.MeaCcf(S1, S2, sampRate: 1, lagSec: 1, winSec: 3, incSec: 1, r2Z: false, abs: false);

        Assert.Equal(2, result.WindowCount);
        Assert.Equal(3, result.LagCount);
        Assert.Equal(Math.Sqrt(3.0 / 28), result.At(0, -1), 12);
        Assert.Equal(0.5, result.At(0, 0), 12);
        Assert.Equal(0.5, result.At(0, 1), 12);
        Assert.True(double.IsNaN(result.At(1, -1)));
        Assert.Equal(Math.Sqrt(3.0 / 7), result.At(1, 0), 12);
        Assert.Equal(Math.Sqrt(27.0 / 28), result.At(1, 1), 12);

        Assert.Equal(0.5, result.LagZero[0], 12);
        Assert.Equal(Math.Sqrt(3.0 / 7), result.LagZero[1], 12);
        Assert.Equal(0.0, result.BestLagS[0]); // tie between lag 0 and +1: which.max takes the first
        Assert.Equal(1.0, result.BestLagS[1]);
        var all = Math.Sqrt(3.0 / 28) + 0.5 + 0.5 + Math.Sqrt(3.0 / 7) + Math.Sqrt(27.0 / 28);
        Assert.Equal(all / 5, result.GrandAver, 12); // NA removed
        Assert.Equal(0.5, result.S1Lead[0], 12);
        Assert.True(double.IsNaN(result.S2Lead[1]));
        Assert.Equal([0.0, 1.0], result.WindowStartS);
    }

    [Fact]
    public void MeaCcf_DefaultFisherZAndAbs_TransformsEachCell()
    {
        var result = RmeaCompatible.MeaCcf(S1, S2, sampRate: 1, lagSec: 1, winSec: 3, incSec: 1);

        Assert.Equal(Math.Atanh(Math.Sqrt(3.0 / 28)), result.At(0, -1), 12);
        Assert.Equal(Math.Atanh(Math.Sqrt(27.0 / 28)), result.At(1, 1), 12);
        Assert.Equal((Math.Atanh(0.5) + Math.Atanh(Math.Sqrt(3.0 / 7))) / 2, result.MeanLagZero, 12);
    }

    [Fact]
    public void MeaCcf_PerfectCorrelation_ClampsFisherZAtTen()
    {
        double[] x = [1, 4, 2, 8, 5, 7];
        double[] y = [2, 8, 4, 16, 10, 14];
        var result = RmeaCompatible.MeaCcf(x, y, sampRate: 1, lagSec: 0, winSec: 6, incSec: 1);

        Assert.Equal(1, result.WindowCount);
        Assert.Equal(10.0, result.LagZero[0]);
    }

    [Fact]
    public void MeaCcf_IdenticalSeries_IsNaBecauseNoPairDiffers()
    {
        // rMEA's guard sum(x != y) < 2 also fires for a series against itself.
        double[] x = [1, 4, 2, 8, 5, 7];
        var result = RmeaCompatible.MeaCcf(x, x, sampRate: 1, lagSec: 0, winSec: 6, incSec: 1);

        Assert.True(double.IsNaN(result.LagZero[0]));
    }

    [Fact]
    public void MeaCcf_MoreThanHalfMissing_GivesNaAtEveryLag()
    {
        double[] s1 = [1, double.NaN, double.NaN, double.NaN, 4, 2, 3, 5];
        double[] s2 = [1, 3, 2, 4, 6, 5, 7, 6];

        var result = RmeaCompatible.MeaCcf(s1, s2, sampRate: 1, lagSec: 1, winSec: 4, incSec: 3, r2Z: false, abs: false);

        Assert.Equal(2, result.WindowCount); // ceil((8 − 4 − 1 + 1)/3)
        Assert.True(double.IsNaN(result.At(0, 0)) && double.IsNaN(result.At(0, 1)) && double.IsNaN(result.At(0, -1)));
        Assert.True(double.IsNaN(result.BestLagS[0]));
        Assert.False(double.IsNaN(result.At(1, 0)));
    }

    [Fact]
    public void MeaCcf_WindowLongerThanSeries_ThrowsTooShort()
    {
        var e = Assert.Throws<InsufficientDataException>(() => RmeaCompatible.MeaCcf(S1, S2, 1, lagSec: 1, winSec: 5, incSec: 1));
        Assert.Equal(InsufficientDataReason.TooShort, e.Reason);
        Assert.Throws<ArgumentException>(() => RmeaCompatible.MeaCcf(S1, S2, 1, lagSec: 1, winSec: 1.5, incSec: 1));
    }
}
