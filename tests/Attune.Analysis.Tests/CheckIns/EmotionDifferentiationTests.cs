using Attune.Analysis.CheckIns;
using static Attune.Analysis.Tests.CheckIns.ProportionIntervalTests;

namespace Attune.Analysis.Tests.CheckIns;

public sealed class EmotionDifferentiationTests
{
    [Fact]
    public void Compute_ShroutFleissTable2_OneMinusIcc3k()
    {
        // ICC(3,k) = .91 (Shrout & Fleiss 1979, Table 4) → differentiation ≈ .09.
        var r = EmotionDifferentiation.Compute(EmotionRatings.Create(IntraclassCorrelationTests.ShroutFleissTable2, 4), minimumCheckIns: 6);
        Assert.True(r.IsComputed);
        AssertClose(0.09, r.Value.Differentiation, 0.005);
        Assert.Equal(1 - r.Value.Consistency.Icc3k, r.Value.Differentiation, 15);
    }

    [Fact]
    public void Compute_FewerThanTwentyCheckIns_NotComputableByDefault()
    {
        var r = EmotionDifferentiation.Compute(EmotionRatings.Create(IntraclassCorrelationTests.ShroutFleissTable2, 4));
        Assert.Equal(new Shortfall(ShortfallReason.TooFewObservations, 20, 6), r.Shortfall);
    }

    [Fact]
    public void Compute_NoCompleteRows_ShortfallNamesTheMinimum()
    {
        var r = EmotionDifferentiation.Compute(EmotionRatings.Create([double.NaN, 1], 2));
        Assert.Equal(new Shortfall(ShortfallReason.TooFewObservations, 20, 0), r.Shortfall);
    }

    [Fact]
    public void Compute_EmotionsMovingTogether_ZeroDifferentiation()
    {
        // Every emotion follows the same ups and downs, offset by a constant per emotion: coarse use.
        var random = new Random(2);
        var values = new double[30 * 4];
        for (var i = 0; i < 30; i++)
        {
            var level = random.Next(0, 11);
            for (var j = 0; j < 4; j++)
            {
                values[i * 4 + j] = level + j;
            }
        }
        var r = EmotionDifferentiation.Compute(EmotionRatings.Create(values, 4)).Value!;
        AssertClose(0, r.Differentiation, 1e-12);
    }

    [Fact]
    public void Compute_IndependentEmotions_DifferentiationNearOne()
    {
        var random = new Random(4);
        var values = new double[4000 * 4];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = random.Next(0, 11);
        }
        var r = EmotionDifferentiation.Compute(EmotionRatings.Create(values, 4)).Value!;
        // ICC(3,k) of independent columns is 0 in expectation; its SD here is about 0.03.
        AssertClose(1, r.Differentiation, 0.1);
    }

    [Fact]
    public void Compute_MinimumBelowTwo_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            EmotionDifferentiation.Compute(EmotionRatings.Create(IntraclassCorrelationTests.ShroutFleissTable2, 4), minimumCheckIns: 1));
    }
}
