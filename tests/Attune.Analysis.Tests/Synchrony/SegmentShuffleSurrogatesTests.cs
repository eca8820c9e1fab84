using Attune.Analysis.Synchrony;

namespace Attune.Analysis.Tests.Synchrony;

public class SegmentShuffleSurrogatesTests
{
    private const double Rate = 4.0;

    [Fact]
    public void Test_StronglyCoupledSeries_GivesSmallPValue()
    {
        var a = TestSignals.HeartRateLike(2400, Rate, seed: 11);
        var noise = TestSignals.WhiteNoise(2400, seed: 12);
        var b = TestSignals.Shift(a, 6);
        for (var i = 0; i < b.Length; i++)
        {
            b[i] += 0.5 * noise[i];
        }

        var result = SegmentShuffleSurrogates.Test(a, b, Rate, count: 200, seed: 1);

        Assert.Equal(200, result.SurrogateCount);
        Assert.True(result.PValue < 0.01, $"p = {result.PValue}");
        Assert.True(result.ObservedMeanAbsR > result.SurrogateMeanAbsR + 3 * result.SurrogateSdAbsR);
    }

    [Fact]
    public void Test_IndependentNoise_GivesLargePValue()
    {
        var a = TestSignals.SmoothNoise(2400, seed: 13);
        var b = TestSignals.SmoothNoise(2400, seed: 14);

        var result = SegmentShuffleSurrogates.Test(a, b, Rate, count: 200, seed: 1);

        Assert.True(result.PValue > 0.1, $"p = {result.PValue}");
    }

    [Fact]
    public void Test_SameSeed_SameResult()
    {
        var a = TestSignals.SmoothNoise(1200, seed: 15);
        var b = TestSignals.SmoothNoise(1200, seed: 16);

        var first = SegmentShuffleSurrogates.Test(a, b, Rate, count: 20, seed: 42);
        var second = SegmentShuffleSurrogates.Test(a, b, Rate, count: 20, seed: 42);

        Assert.Equal(first, second);
    }
}
