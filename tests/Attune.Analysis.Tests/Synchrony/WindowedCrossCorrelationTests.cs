using Attune.Analysis.Synchrony;

namespace Attune.Analysis.Tests.Synchrony;

public class WindowedCrossCorrelationTests
{
    private const double Rate = 4.0;

    [Fact]
    public void Compute_SeriesWithItself_IsOneAtLagZeroInEveryWindow()
    {
        var a = TestSignals.HeartRateLike(2400, Rate, seed: 1);

        var m = WindowedCrossCorrelation.Compute(a, a, Rate);

        Assert.True(m.WindowCount > 0);
        foreach (var r in m.Row(0))
        {
            Assert.Equal(1.0, r, 1e-12);
        }
    }

    [Fact]
    public void Compute_DefaultOptionsOneHour_HasExpectedShape()
    {
        var a = TestSignals.HeartRateLike(14400, Rate, seed: 2);
        var m = WindowedCrossCorrelation.Compute(a, a, Rate);

        Assert.Equal(41, m.LagCount);
        Assert.Equal((14400 - 120 - 20) / 2 + 1, m.WindowCount);
        Assert.Equal(-5.0, m.LagS(0), 12);
        Assert.Equal(5.0, m.LagS(40), 12);
    }

    [Theory]
    [InlineData(8)]
    [InlineData(-8)]
    [InlineData(3)]
    [InlineData(-5)]
    public void PickPeaks_BFollowsAByKSamples_PeakAtLagKWithSign(int k)
    {
        // B[t] = A[t − k]: for k > 0 B follows A, so A leads and the peak is at +k.
        var a = TestSignals.HeartRateLike(2400, Rate, seed: 3);
        var b = TestSignals.Shift(a, k);

        var m = WindowedCrossCorrelation.Compute(a, b, Rate);
        var peaks = PeakPicking.Pick(m);

        for (var j = 0; j < peaks.WindowCount; j++)
        {
            Assert.Equal(k / Rate, peaks.PeakLagS[j], 12);
            Assert.Equal(1.0, peaks.PeakR[j], 1e-9);
        }
        var summary = SynchronySummary.From(m, peaks, inPhaseToleranceS: 0.25);
        Assert.Equal(k > 0 ? 1.0 : 0.0, summary.ShareALeads, 12);
        Assert.Equal(k < 0 ? 1.0 : 0.0, summary.ShareBLeads, 12);
    }

    [Fact]
    public void Compute_SwappingPartners_MirrorsLags()
    {
        var a = TestSignals.HeartRateLike(1600, Rate, seed: 4);
        var b = TestSignals.HeartRateLike(1600, Rate, seed: 5);

        var ab = WindowedCrossCorrelation.Compute(a, b, Rate);
        var ba = WindowedCrossCorrelation.Compute(b, a, Rate);

        Assert.Equal(ab.WindowCount, ba.WindowCount);
        for (var k = -ab.MaxLagSamples; k <= ab.MaxLagSamples; k++)
        {
            for (var j = 0; j < ab.WindowCount; j++)
            {
                Assert.Equal(ab.At(k, j), ba.At(-k, j), 1e-12);
            }
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Compute_RunningSums_MatchNaivePerWindowPearson(bool withMissing)
    {
        var random = new Random(6);
        var a = new double[700];
        var b = new double[700];
        for (var i = 0; i < a.Length; i++)
        {
            a[i] = 1000 + random.NextDouble() * 50;
            b[i] = random.NextDouble() * 3 - 10;
        }
        if (withMissing)
        {
            for (var i = 0; i < 40; i++)
            {
                a[random.Next(a.Length)] = double.NaN;
                b[random.Next(b.Length)] = double.NaN;
            }
        }
        var options = new WindowedCrossCorrelationOptions(WindowS: 10, MaxLagS: 2.5, StepS: 0.75, MaxMissingFraction: 0.1);

        var m = WindowedCrossCorrelation.Compute(a, b, Rate, options);

        var w = 40;
        var compared = 0;
        for (var k = -10; k <= 10; k++)
        {
            for (var j = 0; j < m.WindowCount; j++)
            {
                var s = m.WindowStart(j);
                var aStart = s - FloorHalf(k);
                var bStart = s + k - FloorHalf(k);
                var expected = NaivePearson(a.AsSpan(aStart, w), b.AsSpan(bStart, w), minPairs: 36);
                var actual = m.At(k, j);
                if (double.IsNaN(expected))
                {
                    Assert.True(double.IsNaN(actual));
                }
                else
                {
                    Assert.Equal(expected, actual, 1e-9);
                    compared++;
                }
            }
        }
        Assert.True(compared > 1000);
    }

    [Fact]
    public void Compute_LinearRescaleOfOnePartner_LeavesMatrixUnchanged()
    {
        var a = TestSignals.HeartRateLike(1200, Rate, seed: 9);
        var b = TestSignals.HeartRateLike(1200, Rate, seed: 10);
        var scaled = new double[a.Length];
        for (var i = 0; i < a.Length; i++)
        {
            scaled[i] = 3.5 * a[i] - 40;
        }

        var m1 = WindowedCrossCorrelation.Compute(a, b, Rate);
        var m2 = WindowedCrossCorrelation.Compute(scaled, b, Rate);

        for (var i = 0; i < m1.Values.Length; i++)
        {
            Assert.Equal(m1.Values[i], m2.Values[i], 1e-10);
        }
    }

    [Fact]
    public void Compute_SeriesShorterThanWindowPlusLags_HasNoWindows()
    {
        var a = TestSignals.HeartRateLike(139, Rate, seed: 12);

        var m = WindowedCrossCorrelation.Compute(a, a, Rate);

        Assert.Equal(0, m.WindowCount);
        Assert.Empty(m.Values);
    }

    [Fact]
    public void Compute_WindowFullOfMissingData_IsSkipped()
    {
        var a = TestSignals.HeartRateLike(800, Rate, seed: 7);
        var b = TestSignals.HeartRateLike(800, Rate, seed: 8);
        for (var i = 300; i < 460; i++)
        {
            b[i] = double.NaN;
        }

        var m = WindowedCrossCorrelation.Compute(a, b, Rate);
        var summary = SynchronySummary.From(m, PeakPicking.Pick(m), 0.25);

        Assert.True(summary.WindowsSkipped > 0);
        Assert.True(double.IsNaN(m.At(0, (360 - m.FirstWindowStart) / m.StepSamples)));
    }

    private static int FloorHalf(int k) => (int)Math.Floor(k / 2.0);

    private static double NaivePearson(ReadOnlySpan<double> x, ReadOnlySpan<double> y, int minPairs)
    {
        double sx = 0, sy = 0;
        var n = 0;
        for (var i = 0; i < x.Length; i++)
        {
            if (!double.IsNaN(x[i]) && !double.IsNaN(y[i]))
            {
                sx += x[i];
                sy += y[i];
                n++;
            }
        }
        if (n < minPairs)
        {
            return double.NaN;
        }
        double mx = sx / n, my = sy / n, cxx = 0, cyy = 0, cxy = 0;
        for (var i = 0; i < x.Length; i++)
        {
            if (!double.IsNaN(x[i]) && !double.IsNaN(y[i]))
            {
                cxx += (x[i] - mx) * (x[i] - mx);
                cyy += (y[i] - my) * (y[i] - my);
                cxy += (x[i] - mx) * (y[i] - my);
            }
        }
        return cxy / Math.Sqrt(cxx * cyy);
    }

    [Theory]
    [InlineData(30, 5, 0.3)]
    [InlineData(30.1, 5, 0.5)]
    [InlineData(30, 5.1, 0.5)]
    public void Compute_SecondsBetweenGridSamples_ThrowInsteadOfRounding(double windowS, double maxLagS, double stepS)
    {
        var grid = CommonGrid.Resample(TimedSignal.Create([0, 100], [70, 80], null), TimedSignal.Create([0, 100], [60, 70], null));

        Assert.Throws<ArgumentException>(() => WindowedCrossCorrelation.Compute(grid, new WindowedCrossCorrelationOptions(windowS, maxLagS, stepS)));
    }
}
