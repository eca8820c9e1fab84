using Attune.Analysis.CheckIns;
using static Attune.Analysis.Tests.CheckIns.ProportionIntervalTests;

namespace Attune.Analysis.Tests.CheckIns;

public sealed class LiftTests
{
    [Fact]
    public void Compute_HandTable_LiftRiskRatioAndProportions()
    {
        // 100 check-ins, 20 with the tag; the state in 12 of those and in 18 of the other 80.
        // P(state | tag) = 0.6, P(state | no tag) = 0.225, P(state) = 0.3.
        // Lift = 0.6/0.3 = 2; RR = 0.6/0.225 = 8/3; Lift = RR/(w·RR + 1 − w) with w = 0.2: (8/3)/(8/15 + 4/5) = 2.
        var counts = new TagStateCounts(12, 20, 18, 80);
        var r = Lift.Compute(counts);
        Assert.Equal(counts, r.Counts);
        var e = r.Estimate.Value!;
        Assert.Equal(0.6, e.StateGivenTag.Proportion, 15);
        Assert.Equal(0.225, e.StateGivenNoTag.Proportion, 15);
        Assert.Equal(0.3, e.StateOverall, 15);
        AssertClose(2, e.Lift.Value!.Estimate, 1e-14);
        AssertClose(8.0 / 3, e.RiskRatio.Value!.Estimate, 1e-14);

        var rr = RiskRatio.Katz(counts).Value!;
        Assert.Equal(rr, e.RiskRatio.Value);
        AssertClose(rr.Lower / (0.2 * rr.Lower + 0.8), e.Lift.Value.Lower, 1e-14);
        AssertClose(rr.Upper / (0.2 * rr.Upper + 0.8), e.Lift.Value.Upper, 1e-14);
        Assert.Equal(ProportionInterval.Wilson(12, 20).Value, e.StateGivenTag);
        Assert.Equal(ProportionInterval.Wilson(18, 80).Value, e.StateGivenNoTag);
    }

    [Fact]
    public void Compute_FewerThanTenWithTag_CountsOnly()
    {
        var r = Lift.Compute(new TagStateCounts(5, 9, 20, 200));
        Assert.Equal(9, r.Counts.WithTag);
        Assert.Equal(new Shortfall(ShortfallReason.TooFewWithTag, 10, 9), r.Estimate.Shortfall);
    }

    [Fact]
    public void Compute_FewerThanTenWithoutTag_CountsOnly()
    {
        var r = Lift.Compute(new TagStateCounts(20, 200, 5, 9));
        Assert.Equal(new Shortfall(ShortfallReason.TooFewWithoutTag, 10, 9), r.Estimate.Shortfall);
    }

    [Fact]
    public void Compute_CustomMinimum_Respected()
    {
        Assert.True(Lift.Compute(new TagStateCounts(3, 5, 4, 5), minimumWithTag: 5, minimumWithoutTag: 5).Estimate.IsComputed);
        Assert.Equal(
            new Shortfall(ShortfallReason.TooFewWithTag, 30, 25),
            Lift.Compute(new TagStateCounts(10, 25, 40, 100), minimumWithTag: 30).Estimate.Shortfall);
    }

    [Fact]
    public void Compute_StateNeverWithTag_ProportionsButNoRatios()
    {
        var e = Lift.Compute(new TagStateCounts(0, 25, 31, 100)).Estimate.Value!;
        Assert.Equal(0, e.StateGivenTag.Lower);
        Assert.Equal(0, e.StateGivenTag.Proportion);
        Assert.Equal(new Shortfall(ShortfallReason.StateNeverWithTag, 1, 0), e.RiskRatio.Shortfall);
        Assert.Equal(new Shortfall(ShortfallReason.StateNeverWithTag, 1, 0), e.Lift.Shortfall);
    }

    [Fact]
    public void Compute_StateNeverWithoutTag_NoRatios()
    {
        var e = Lift.Compute(new TagStateCounts(8, 25, 0, 100)).Estimate.Value!;
        Assert.Equal(new Shortfall(ShortfallReason.StateNeverWithoutTag, 1, 0), e.Lift.Shortfall);
    }

    [Fact]
    public void Compute_AnyTable_LiftIntervalAgreesWithRiskRatioAboutOne()
    {
        for (var a = 1; a <= 20; a++)
        {
            for (var c = 1; c <= 60; c += 3)
            {
                var counts = new TagStateCounts(a, 20, c, 60);
                var e = Lift.Compute(counts).Estimate.Value!;
                var lift = e.Lift.Value!;
                var rr = e.RiskRatio.Value!;
                Assert.InRange(lift.Estimate, lift.Lower, lift.Upper);
                Assert.Equal(rr.Lower > 1, lift.Lower > 1);
                Assert.Equal(rr.Upper < 1, lift.Upper < 1);
                Assert.Equal(rr.Estimate > 1, lift.Estimate > 1 + 1e-12);
                // Lift cannot exceed 1/w = N/n₁.
                Assert.True(lift.Upper <= 80.0 / 20 + 1e-12);
                AssertClose(rr.Estimate / (0.25 * rr.Estimate + 0.75), lift.Estimate, 1e-12);
            }
        }
    }

    [Fact]
    public void Compute_InvalidOptions_Throw()
    {
        var counts = new TagStateCounts(3, 20, 4, 20);
        Assert.Throws<ArgumentOutOfRangeException>(() => Lift.Compute(counts, minimumWithTag: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Lift.Compute(counts, minimumWithoutTag: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Lift.Compute(counts, confidence: 1.5));
    }
}
