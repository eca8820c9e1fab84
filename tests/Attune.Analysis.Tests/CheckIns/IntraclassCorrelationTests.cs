using Attune.Analysis.CheckIns;
using static Attune.Analysis.Tests.CheckIns.ProportionIntervalTests;

namespace Attune.Analysis.Tests.CheckIns;

public sealed class IntraclassCorrelationTests
{
    // Shrout PE, Fleiss JL (1979) Intraclass correlations: uses in assessing rater reliability.
    // Psychological Bulletin 86:420–428. Table 2: four judges rate six targets. Table 3 gives
    // BMS = 11.24, JMS = 32.49, EMS = 1.02, WMS = 6.26; Table 4 gives ICC(3,1) = .71 and ICC(3,k) = .91.
    internal static readonly double[] ShroutFleissTable2 =
    [
        9, 2, 5, 8,
        6, 1, 3, 2,
        8, 4, 6, 8,
        7, 1, 2, 6,
        10, 5, 6, 9,
        6, 2, 4, 7,
    ];

    [Fact]
    public void Consistency_ShroutFleissTable2_MatchesPublishedValues()
    {
        var r = IntraclassCorrelation.Consistency(EmotionRatings.Create(ShroutFleissTable2, 4));
        Assert.True(r.IsComputed);
        AssertClose(0.71, r.Value.Icc31, 0.005);
        AssertClose(0.91, r.Value.Icc3k, 0.005);
        AssertClose(11.24, r.Value.BetweenTargetsMeanSquare, 0.005);
        AssertClose(1.02, r.Value.ResidualMeanSquare, 0.005);
        Assert.Equal(6, r.Value.Targets);
        Assert.Equal(4, r.Value.Raters);
    }

    [Fact]
    public void Consistency_ShroutFleissTable2_ExactFromSumsOfSquares()
    {
        // By hand in fractions: grand mean 127/24; SS_rows = 1349/24, SS_cols = 2339/24, SS_total = 4055/24.
        // BMS = 1349/120 = 11.2416̅; EMS = (4055 − 1349 − 2339)/(24·15) = 367/360 = 1.0194̅.
        var r = IntraclassCorrelation.Consistency(EmotionRatings.Create(ShroutFleissTable2, 4)).Value!;
        AssertClose(1349.0 / 120, r.BetweenTargetsMeanSquare, 1e-12);
        AssertClose(367.0 / 360, r.ResidualMeanSquare, 1e-12);
        var bms = r.BetweenTargetsMeanSquare;
        var ems = r.ResidualMeanSquare;
        AssertClose((bms - ems) / (bms + 3 * ems), r.Icc31, 1e-14);
        AssertClose((bms - ems) / bms, r.Icc3k, 1e-14);
    }

    [Fact]
    public void Consistency_RowWithMissingRating_LeftOut()
    {
        var withMissing = ShroutFleissTable2.Concat([3, double.NaN, 4, 4]).ToArray();
        var a = IntraclassCorrelation.Consistency(EmotionRatings.Create(ShroutFleissTable2, 4)).Value!;
        var b = IntraclassCorrelation.Consistency(EmotionRatings.Create(withMissing, 4)).Value!;
        Assert.Equal(a.Icc3k, b.Icc3k, 14);
        Assert.Equal(6, b.Targets);
    }

    [Fact]
    public void Consistency_ColumnShiftedAndAllScaled_Unchanged()
    {
        var shifted = (double[])ShroutFleissTable2.Clone();
        for (var i = 0; i < shifted.Length; i++)
        {
            shifted[i] = 2.5 * shifted[i] + 1000 + (i % 4 == 1 ? 7 : 0);
        }
        var a = IntraclassCorrelation.Consistency(EmotionRatings.Create(ShroutFleissTable2, 4)).Value!;
        var b = IntraclassCorrelation.Consistency(EmotionRatings.Create(shifted, 4)).Value!;
        AssertClose(a.Icc31, b.Icc31, 1e-12);
        AssertClose(a.Icc3k, b.Icc3k, 1e-12);
    }

    [Fact]
    public void Consistency_RowsAndColumnsPermuted_Unchanged()
    {
        int[] rowOrder = [3, 0, 5, 1, 4, 2];
        int[] columnOrder = [2, 3, 0, 1];
        var permuted = new double[24];
        for (var i = 0; i < 6; i++)
        {
            for (var j = 0; j < 4; j++)
            {
                permuted[i * 4 + j] = ShroutFleissTable2[rowOrder[i] * 4 + columnOrder[j]];
            }
        }
        var a = IntraclassCorrelation.Consistency(EmotionRatings.Create(ShroutFleissTable2, 4)).Value!;
        var b = IntraclassCorrelation.Consistency(EmotionRatings.Create(permuted, 4)).Value!;
        AssertClose(a.Icc3k, b.Icc3k, 1e-13);
        AssertClose(a.Icc31, b.Icc31, 1e-13);
    }

    [Fact]
    public void Consistency_RowsWithEqualMeans_NoVariation()
    {
        var r = IntraclassCorrelation.Consistency(EmotionRatings.Create([1, 3, 3, 1, 2, 2], 2));
        Assert.Equal(ShortfallReason.NoVariation, r.Shortfall!.Reason);
    }

    [Fact]
    public void Consistency_OneCompleteRow_NotComputable()
    {
        var r = IntraclassCorrelation.Consistency(EmotionRatings.Create([1, 3, double.NaN, 1], 2));
        Assert.Equal(new Shortfall(ShortfallReason.TooFewObservations, 2, 1), r.Shortfall);
    }

    [Fact]
    public void Consistency_RatingsMovingApart_NegativeNotClamped()
    {
        // Two emotions that trade off exactly (x + y constant except for noise) are less consistent than chance.
        var r = IntraclassCorrelation.Consistency(EmotionRatings.Create([1, 9, 9, 1, 5, 6, 2, 8, 7, 3], 2)).Value!;
        Assert.True(r.Icc3k < 0);
    }

    [Fact]
    public void Create_BadShape_Throws()
    {
        Assert.Throws<ArgumentException>(() => EmotionRatings.Create([1, 2, 3], 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => EmotionRatings.Create([1, 2, 3], 1));
        Assert.Throws<ArgumentException>(() => EmotionRatings.Create([1, double.PositiveInfinity], 2));
    }

    [Fact]
    public void Create_CopiesAndIndexes()
    {
        double[] values = [1, 2, 3, 4, 5, 6];
        var ratings = EmotionRatings.Create(values, 3);
        values[5] = 99;
        Assert.Equal(2, ratings.CheckInCount);
        Assert.Equal(3, ratings.EmotionCount);
        Assert.Equal(6, ratings[1, 2]);
        Assert.Throws<ArgumentOutOfRangeException>(() => ratings[2, 0]);
    }
}
