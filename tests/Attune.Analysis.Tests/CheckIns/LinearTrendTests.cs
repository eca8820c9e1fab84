using Attune.Analysis.CheckIns;
using static Attune.Analysis.Tests.CheckIns.ProportionIntervalTests;

namespace Attune.Analysis.Tests.CheckIns;

public sealed class LinearTrendTests
{
    // Anscombe FJ (1973) Graphs in statistical analysis. The American Statistician 27:17–21. All four
    // data sets give: regression coefficient 0.500, intercept 3.0, estimated standard error of the
    // coefficient 0.118, regression sum of squares 27.50, residual sum of squares 13.75 (printed to
    // those digits). Exact values for set I by hand: b = 0.5000909…, a = 3.0000909…, SE = 0.1179055.
    private static readonly double[] AnscombeX = [10, 8, 13, 9, 11, 14, 6, 4, 12, 7, 5];
    private static readonly double[] AnscombeX4 = [8, 8, 8, 8, 8, 8, 8, 19, 8, 8, 8];

    public static TheoryData<double[], double[]> AnscombeSets => new()
    {
        { AnscombeX, [8.04, 6.95, 7.58, 8.81, 8.33, 9.96, 7.24, 4.26, 10.84, 4.82, 5.68] },
        { AnscombeX, [9.14, 8.14, 8.74, 8.77, 9.26, 8.10, 6.13, 3.10, 9.13, 7.26, 4.74] },
        { AnscombeX, [7.46, 6.77, 12.74, 7.11, 7.81, 8.84, 6.08, 5.39, 8.15, 6.42, 5.73] },
        { AnscombeX4, [6.58, 5.76, 7.71, 8.84, 8.47, 7.04, 5.25, 12.50, 5.56, 7.91, 6.89] },
    };

    [Theory]
    [MemberData(nameof(AnscombeSets))]
    public void Fit_AnscombeQuartet_MatchesPublishedRegression(double[] x, double[] y)
    {
        var r = LinearTrend.Fit(x, y);
        Assert.True(r.IsComputed);
        AssertClose(0.500, r.Value.Slope, 5e-4);
        AssertClose(3.0, r.Value.Intercept, 5e-3);
        AssertClose(0.118, r.Value.StandardError, 5e-4);
        Assert.Equal(11, r.Value.Points);
        // t(0.975, 9) = 2.262157 (any t table).
        AssertClose(r.Value.Slope - 2.2621571628 * r.Value.StandardError, r.Value.Lower, 1e-9);
        AssertClose(r.Value.Slope + 2.2621571628 * r.Value.StandardError, r.Value.Upper, 1e-9);
    }

    [Fact]
    public void Fit_AnscombeOne_ExactValues()
    {
        var r = LinearTrend.Fit(AnscombeX, [8.04, 6.95, 7.58, 8.81, 8.33, 9.96, 7.24, 4.26, 10.84, 4.82, 5.68]).Value!;
        // Sxx = 110, Sxy = 55.01, RSS = 13.76269: b = 55.01/110 = 0.50009; SE = √(13.76269/9/110).
        AssertClose(55.01 / 110, r.Slope, 1e-14);
        AssertClose(Math.Sqrt(13.76269 / 9 / 110), r.StandardError, 1e-12);
    }

    [Theory]
    [InlineData(0.95, 2, 4.302652729749464)]
    [InlineData(0.95, 9, 2.262157162798205)]
    [InlineData(0.95, 30, 2.042272456301238)]
    [InlineData(0.99, 5, 4.032142983557536)]
    [InlineData(0.90, 1, 6.313751514675043)]
    public void StudentT_Quantiles_MatchTables(double confidence, int df, double expected)
    {
        // Two-sided critical values of Student's t (e.g. R's qt(1 − α/2, df)).
        AssertClose(expected, CriticalValues.StudentT(confidence, df), 1e-9);
    }

    [Fact]
    public void Normal_Quantile_Is1Point96()
    {
        AssertClose(1.959963984540054, CriticalValues.Normal(0.95), 1e-13);
    }

    [Fact]
    public void Fit_PointsOnALine_ZeroStandardError()
    {
        var r = LinearTrend.Fit([0, 1, 2, 5], [3, 5, 7, 13]).Value!;
        AssertClose(2, r.Slope, 1e-14);
        AssertClose(3, r.Intercept, 1e-14);
        Assert.Equal(0, r.StandardError, 12);
        Assert.Equal(r.Lower, r.Upper, 12);
    }

    [Fact]
    public void Fit_TwoPoints_NotComputable()
    {
        Assert.Equal(new Shortfall(ShortfallReason.TooFewObservations, 3, 2), LinearTrend.Fit([0, 1], [1, 2]).Shortfall);
    }

    [Fact]
    public void Fit_AllXEqual_NoVariation()
    {
        Assert.Equal(ShortfallReason.NoVariation, LinearTrend.Fit([2, 2, 2], [1, 2, 3]).Shortfall!.Reason);
    }

    [Fact]
    public void Fit_BadInput_Throws()
    {
        Assert.Throws<ArgumentException>(() => LinearTrend.Fit([1, 2, 3], [1, 2]));
        Assert.Throws<ArgumentException>(() => LinearTrend.Fit([1, 2, double.NaN], [1, 2, 3]));
        Assert.Throws<ArgumentOutOfRangeException>(() => LinearTrend.Fit([1, 2, 3], [1, 2, 4], 0));
    }

    [Fact]
    public void Fit_YScaledAndShifted_SlopeAndErrorScaleShiftIgnored()
    {
        double[] x = [0, 1, 2, 3, 4, 6, 9];
        double[] y = [2, 3.5, 3, 5, 4.5, 7, 8];
        var baseFit = LinearTrend.Fit(x, y).Value!;
        var transformed = new double[y.Length];
        for (var i = 0; i < y.Length; i++)
        {
            transformed[i] = -3 * y[i] + 1000;
        }
        var t = LinearTrend.Fit(x, transformed).Value!;
        AssertClose(-3 * baseFit.Slope, t.Slope, 1e-11);
        AssertClose(3 * baseFit.StandardError, t.StandardError, 1e-11);
    }

    [Fact]
    public void Fit_XShifted_SlopeUnchanged()
    {
        double[] y = [2, 3.5, 3, 5, 4.5, 7, 8];
        var a = LinearTrend.Fit([0, 1, 2, 3, 4, 6, 9], y).Value!;
        var b = LinearTrend.Fit([1e6, 1e6 + 1, 1e6 + 2, 1e6 + 3, 1e6 + 4, 1e6 + 6, 1e6 + 9], y).Value!;
        AssertClose(a.Slope, b.Slope, 1e-9);
        AssertClose(a.StandardError, b.StandardError, 1e-9);
    }
}
