using Attune.Analysis.Series;
using Attune.Analysis.Synchrony;

namespace Attune.Analysis.Tests.Synchrony;

public class WindowedSynchronyTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 22, 20, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Analyze_RrSeriesStartedAtDifferentClockTimes_FindsALeadingByTwoSeconds()
    {
        // B's heart rate follows A's 2 s later (wall-clock), and B's recording started 7 s after A's.
        static double Hr(double t) => 70 + 5 * Math.Sin(2 * Math.PI * 0.05 * t) + 3 * Math.Sin(2 * Math.PI * 0.13 * t + 1) + 2 * Math.Sin(2 * Math.PI * 0.021 * t);
        var a = Beats(t => Hr(t), durationS: 600, start: T0);
        var b = Beats(t => Hr(t + 7 - 2) + 5, durationS: 600, start: T0.AddSeconds(7));

        var grid = CommonGrid.Resample(a, b);
        var result = WindowedSynchrony.Analyze(grid, surrogateCount: 50, seed: 3);

        Assert.True(grid.AlignedOnWallClock);
        Assert.Equal(2.0, result.Summary.MeanPeakLagS, 0.3);
        Assert.True(result.Summary.ShareALeads > 0.9, $"A leads in {result.Summary.ShareALeads:P0} of windows");
        Assert.True(result.Summary.MeanPeakR > 0.9);
        Assert.NotNull(result.Surrogates);
        Assert.True(result.Surrogates.PValue < 0.05);
    }

    [Fact]
    public void Analyze_NoSurrogatesRequested_LeavesThemOut()
    {
        var a = TestSignals.HeartRateLike(800, 4, seed: 31);
        var grid = new CommonGridSeries(a, TestSignals.Shift(a, -4), 4, 0, null, false, 3);

        var result = WindowedSynchrony.Analyze(grid, surrogateCount: 0);

        Assert.Null(result.Surrogates);
        Assert.Equal(1.0, result.Summary.ShareBLeads, 12);
        Assert.Equal(-1.0, result.Summary.MeanPeakLagS, 12);
    }

    // Beats placed by integrating the heart rate: t_{i+1} = t_i + 60 / HR(t_i).
    private static RrSeries Beats(Func<double, double> hrBpm, double durationS, DateTimeOffset start)
    {
        var intervals = new List<double>();
        var t = 0.0;
        while (t < durationS)
        {
            var rr = 60.0 / hrBpm(t);
            intervals.Add(rr * 1000);
            t += rr;
        }
        return RrSeries.FromIntervals(intervals.ToArray(), start);
    }
}
