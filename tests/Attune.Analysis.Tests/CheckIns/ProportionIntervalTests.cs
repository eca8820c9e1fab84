using Attune.Analysis.CheckIns;

namespace Attune.Analysis.Tests.CheckIns;

public sealed class ProportionIntervalTests
{
    // Newcombe RG (1998) Two-sided confidence intervals for the single proportion: comparison of seven
    // methods. Statistics in Medicine 17:857–872, Table I, method 3 (score, no continuity correction),
    // 95 % limits printed to 4 decimals. Newcombe used z = 1.96; we use z = 1.959964, which moves these
    // limits by at most 5e-6, so the tolerance is half a unit in the 4th decimal plus 1e-5.
    [Theory]
    [InlineData(81, 263, 0.2553, 0.3662)]
    [InlineData(15, 148, 0.0624, 0.1605)]
    [InlineData(0, 20, 0.0000, 0.1611)]
    [InlineData(1, 29, 0.0061, 0.1718)]
    public void Wilson_NewcombeTableI_MatchesPublishedLimits(int x, int n, double lower, double upper)
    {
        var r = ProportionInterval.Wilson(x, n);
        Assert.True(r.IsComputed);
        AssertClose(lower, r.Value.Lower, 6e-5);
        AssertClose(upper, r.Value.Upper, 6e-5);
        Assert.Equal((double)x / n, r.Value.Proportion, 15);
    }

    [Fact]
    public void Wilson_ThirteenOfSixteen_MatchesFagerlandLydersenLaake()
    {
        // Fagerland MW, Lydersen S, Laake P (2017) Statistical Analysis of Contingency Tables, ch. 2
        // (Ligarden 2010 example, 13 of 16): Wilson score 95 % CI 0.5699 to 0.9341, as printed by the
        // book's R package contingencytables (Wilson_score_CI_1x2, tests/testthat/test-ch2.R).
        var r = ProportionInterval.Wilson(13, 16).Value!;
        AssertClose(0.5699, r.Lower, 6e-5);
        AssertClose(0.9341, r.Upper, 6e-5);
    }

    [Fact]
    public void Wilson_NoSuccesses_LowerIsExactlyZeroAndUpperIsZSquaredOverNPlusZSquared()
    {
        var z = 1.959963984540054;
        var r = ProportionInterval.Wilson(0, 20).Value!;
        Assert.Equal(0, r.Lower);
        AssertClose(z * z / (20 + z * z), r.Upper, 1e-12);
    }

    [Fact]
    public void Wilson_AllSuccesses_UpperIsExactlyOneAndLowerIsNOverNPlusZSquared()
    {
        var z = 1.959963984540054;
        var r = ProportionInterval.Wilson(29, 29).Value!;
        Assert.Equal(1, r.Upper);
        AssertClose(29 / (29 + z * z), r.Lower, 1e-12);
    }

    [Fact]
    public void Wilson_NoTrials_NotComputable()
    {
        var r = ProportionInterval.Wilson(0, 0);
        Assert.False(r.IsComputed);
        Assert.Equal(new Shortfall(ShortfallReason.TooFewObservations, 1, 0), r.Shortfall);
    }

    [Theory]
    [InlineData(-1, 10, 0.95)]
    [InlineData(11, 10, 0.95)]
    [InlineData(1, -1, 0.95)]
    [InlineData(1, 10, 0)]
    [InlineData(1, 10, 1)]
    [InlineData(1, 10, double.NaN)]
    public void Wilson_InvalidArguments_Throw(int x, int n, double confidence)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ProportionInterval.Wilson(x, n, confidence));
    }

    [Fact]
    public void Wilson_AnyCounts_LimitsInUnitIntervalAndAroundEstimate()
    {
        for (var n = 1; n <= 60; n++)
        {
            for (var x = 0; x <= n; x++)
            {
                var r = ProportionInterval.Wilson(x, n).Value!;
                Assert.InRange(r.Lower, 0, r.Proportion);
                Assert.InRange(r.Upper, r.Proportion, 1);
                Assert.True(r.Upper > r.Lower);
            }
        }
    }

    [Fact]
    public void Wilson_SuccessesAndFailuresSwapped_IntervalMirrors()
    {
        for (var x = 0; x <= 37; x++)
        {
            var r = ProportionInterval.Wilson(x, 37).Value!;
            var mirrored = ProportionInterval.Wilson(37 - x, 37).Value!;
            AssertClose(1 - r.Upper, mirrored.Lower, 1e-14);
            AssertClose(1 - r.Lower, mirrored.Upper, 1e-14);
        }
    }

    [Fact]
    public void Wilson_MoreTrialsSameProportion_Narrower()
    {
        var previous = double.PositiveInfinity;
        foreach (var n in new[] { 10, 20, 40, 80, 160, 320 })
        {
            var r = ProportionInterval.Wilson(3 * n / 10, n).Value!;
            var width = r.Upper - r.Lower;
            Assert.True(width < previous);
            previous = width;
        }
    }

    [Fact]
    public void Wilson_HigherConfidence_ContainsLowerConfidenceInterval()
    {
        var narrow = ProportionInterval.Wilson(12, 40, 0.80).Value!;
        var usual = ProportionInterval.Wilson(12, 40).Value!;
        var wide = ProportionInterval.Wilson(12, 40, 0.99).Value!;
        Assert.True(wide.Lower < usual.Lower && usual.Lower < narrow.Lower);
        Assert.True(wide.Upper > usual.Upper && usual.Upper > narrow.Upper);
        Assert.Equal(0.99, wide.Confidence);
    }

    internal static void AssertClose(double expected, double actual, double tolerance) =>
        Assert.True(Math.Abs(expected - actual) <= tolerance, $"Expected {expected} ± {tolerance}, got {actual}.");
}
