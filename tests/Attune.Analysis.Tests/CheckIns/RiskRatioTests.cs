using Attune.Analysis.CheckIns;
using static Attune.Analysis.Tests.CheckIns.ProportionIntervalTests;

namespace Attune.Analysis.Tests.CheckIns;

public sealed class RiskRatioTests
{
    [Fact]
    public void Katz_PerondiTrial_MatchesFagerlandLydersenLaake()
    {
        // Fagerland MW, Lydersen S, Laake P (2017) Statistical Analysis of Contingency Tables, ch. 4: the
        // RCT of high- vs standard-dose epinephrine (Perondi et al. 2004), 7 of 34 vs 1 of 34 survived.
        // Katz log 95 % CI for the ratio of probabilities: 7.0000 (0.9096 to 53.8695), as printed by the
        // book's R package contingencytables (Katz_log_CI_2x2, tests/testthat/test-ch4.R).
        var r = RiskRatio.Katz(new TagStateCounts(7, 34, 1, 34));
        Assert.True(r.IsComputed);
        AssertClose(7.0, r.Value.Estimate, 1e-12);
        AssertClose(0.9096, r.Value.Lower, 6e-5);
        AssertClose(53.8695, r.Value.Upper, 6e-5);
    }

    [Fact]
    public void Katz_SciPyExample_MatchesToTwelveDigits()
    {
        // SciPy's scipy.stats.contingency.relative_risk docstring example (Katz method, "method C" of
        // Katz et al. 1978): 10 of 75 exposed vs 12 of 225 controls → RR 2.5,
        // ConfidenceInterval(low=1.1261564003469628, high=5.549850800541033).
        var r = RiskRatio.Katz(new TagStateCounts(10, 75, 12, 225)).Value!;
        AssertClose(2.5, r.Estimate, 1e-14);
        AssertClose(1.1261564003469628, r.Lower, 1e-12);
        AssertClose(5.549850800541033, r.Upper, 1e-11);
        Assert.Equal(0.95, r.Confidence);
    }

    [Fact]
    public void Katz_StateNeverWithTag_NotComputable()
    {
        // The Ritland et al. (2007) table of Fagerland et al. ch. 4 (0 of 16 vs 15 of 72), for which the
        // Katz limits do not exist (the package prints 0 to Inf).
        var r = RiskRatio.Katz(new TagStateCounts(0, 16, 15, 72));
        Assert.Equal(new Shortfall(ShortfallReason.StateNeverWithTag, 1, 0), r.Shortfall);
    }

    [Fact]
    public void Katz_StateNeverWithoutTag_NotComputable()
    {
        var r = RiskRatio.Katz(new TagStateCounts(15, 72, 0, 16));
        Assert.Equal(new Shortfall(ShortfallReason.StateNeverWithoutTag, 1, 0), r.Shortfall);
    }

    [Fact]
    public void Katz_StateAlwaysPresent_RatioOneWithZeroWidth()
    {
        var r = RiskRatio.Katz(new TagStateCounts(12, 12, 30, 30)).Value!;
        Assert.Equal(1, r.Estimate, 14);
        Assert.Equal(1, r.Lower, 14);
        Assert.Equal(1, r.Upper, 14);
    }

    [Fact]
    public void Katz_GroupsSwapped_RatioAndLimitsInvert()
    {
        var forward = RiskRatio.Katz(new TagStateCounts(9, 40, 21, 130)).Value!;
        var backward = RiskRatio.Katz(new TagStateCounts(21, 130, 9, 40)).Value!;
        AssertClose(1 / forward.Estimate, backward.Estimate, 1e-14);
        AssertClose(1 / forward.Upper, backward.Lower, 1e-14);
        AssertClose(1 / forward.Lower, backward.Upper, 1e-14);
    }

    [Fact]
    public void Katz_CountsScaledUp_IntervalNarrowsAroundSameRatio()
    {
        var small = RiskRatio.Katz(new TagStateCounts(6, 20, 12, 80)).Value!;
        var large = RiskRatio.Katz(new TagStateCounts(60, 200, 120, 800)).Value!;
        AssertClose(small.Estimate, large.Estimate, 1e-14);
        Assert.True(large.Lower > small.Lower && large.Upper < small.Upper);
    }

    [Fact]
    public void Katz_EmptyGroup_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => RiskRatio.Katz(new TagStateCounts(0, 0, 3, 10)));
    }

    [Theory]
    [InlineData(-1, 10, 0, 10)]
    [InlineData(11, 10, 0, 10)]
    [InlineData(1, 10, 11, 10)]
    [InlineData(1, 10, -1, 10)]
    public void TagStateCounts_Impossible_Throws(int a, int n1, int c, int n0)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new TagStateCounts(a, n1, c, n0));
    }
}
