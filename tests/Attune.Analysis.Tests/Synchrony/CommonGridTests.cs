using Attune.Analysis.Series;
using Attune.Analysis.Synchrony;

namespace Attune.Analysis.Tests.Synchrony;

public class CommonGridTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 22, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Resample_BothStartsKnown_AlignsOnWallClockAndKeepsOverlapOnly()
    {
        // A: 0..20 s, value = t; B starts 5 s later on the clock, its own t 0..20, value = 100 + t.
        var a = TimedSignal.Create(Range(0, 20, 1), Map(Range(0, 20, 1), t => t), T0);
        var b = TimedSignal.Create(Range(0, 20, 1), Map(Range(0, 20, 1), t => 100 + t), T0.AddSeconds(5));

        var grid = CommonGrid.Resample(a, b, rateHz: 2);

        Assert.True(grid.AlignedOnWallClock);
        Assert.Equal(5.0, grid.FirstSampleS, 12);
        Assert.Equal(T0.AddSeconds(5), grid.Start);
        Assert.Equal(31, grid.Count); // 5.0 .. 20.0 s in 0.5 s steps
        Assert.Equal(5.0, grid.A[0], 12);
        Assert.Equal(100.0, grid.B[0], 12);
        Assert.Equal(12.5, grid.A[15], 12); // t = 12.5 s, linear between samples
        Assert.Equal(107.5, grid.B[15], 12); // B's own time 7.5 s
        Assert.Equal(115.0, grid.B[^1], 12);
    }

    [Fact]
    public void Resample_NoStartTimes_AlignsOnTimeZeroAndSaysSo()
    {
        var a = TimedSignal.Create([0, 1, 2, 3], [1, 2, 3, 4], null);
        var b = TimedSignal.Create([0.5, 1.5, 2.5], [5, 6, 7], null);

        var grid = CommonGrid.Resample(a, b, rateHz: 4);

        Assert.False(grid.AlignedOnWallClock);
        Assert.Null(grid.Start);
        Assert.Equal(0.5, grid.FirstSampleS, 12);
        Assert.Equal(9, grid.Count); // 0.5 .. 2.5 s
    }

    [Fact]
    public void Resample_OnlyOneStartTime_ThrowsNoCommonClock()
    {
        var a = TimedSignal.Create([0, 1, 2], [1, 2, 3], T0);
        var b = TimedSignal.Create([0, 1, 2], [1, 2, 3], null);
        var e = Assert.Throws<InsufficientDataException>(() => CommonGrid.Resample(a, b));
        Assert.Equal(InsufficientDataReason.NoCommonClock, e.Reason);
    }

    [Fact]
    public void Resample_NoOverlap_ThrowsNoOverlap()
    {
        var a = TimedSignal.Create([0, 1, 2], [1, 2, 3], T0);
        var b = TimedSignal.Create([0, 1, 2], [1, 2, 3], T0.AddMinutes(1));
        var e = Assert.Throws<InsufficientDataException>(() => CommonGrid.Resample(a, b));
        Assert.Equal(InsufficientDataReason.NoOverlap, e.Reason);
        Assert.Throws<ArgumentException>(() => CommonGrid.Resample(a, a, rateHz: 0));
    }

    [Fact]
    public void Resample_GapLongerThanThreeSeconds_MarksGridPointsMissing()
    {
        // Beats every 1 s, then none between 10 s and 14 s.
        double[] times = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 14, 15, 16];
        var a = TimedSignal.Create(times, Map(times, _ => 60), null);
        var b = TimedSignal.Create(Range(0, 16, 1), Map(Range(0, 16, 1), _ => 70), null);

        var grid = CommonGrid.Resample(a, b, rateHz: 4);

        Assert.Equal(60, grid.A[40]); // 10 s
        for (var i = 41; i < 56; i++)
        {
            Assert.True(double.IsNaN(grid.A[i]), $"grid point {i} should be missing");
        }
        Assert.Equal(60, grid.A[56]); // 14 s
        Assert.Equal(15, grid.MissingCountA);
        Assert.Equal(0, grid.MissingCountB);
    }

    [Fact]
    public void Resample_RrSeries_UsesInstantaneousHeartRateAtBeats()
    {
        var a = RrSeries.FromIntervals([1000, 500, 1000, 1000], T0);
        var b = RrSeries.FromIntervals([1000, 1000, 1000, 1000], T0);

        var grid = CommonGrid.Resample(a, b, rateHz: 2);

        // A's beats at 1, 1.5, 2.5, 3.5 s with HR 60, 120, 60, 60; B's at 1..4 s, all 60.
        Assert.Equal(1.0, grid.FirstSampleS, 12);
        Assert.Equal(60, grid.A[0], 12);
        Assert.Equal(120, grid.A[1], 12);
        Assert.Equal(90, grid.A[2], 12); // 2.0 s: halfway between 120 and 60
        Assert.Equal(60, grid.B[2], 12);
    }

    private static double[] Range(double from, double to, double step)
    {
        var n = (int)Math.Round((to - from) / step) + 1;
        var x = new double[n];
        for (var i = 0; i < n; i++)
        {
            x[i] = from + i * step;
        }
        return x;
    }

    private static double[] Map(double[] x, Func<double, double> f)
    {
        var y = new double[x.Length];
        for (var i = 0; i < x.Length; i++)
        {
            y[i] = f(x[i]);
        }
        return y;
    }
}
