using Attune.Analysis.Series;

namespace Attune.Analysis.Tests.Series;

public class RrWindowsTests
{
    [Fact]
    public void Slice_KeepsOnlyIntervalsWhollyInside()
    {
        // Beats at 1, 2, 3, 4, 5 s, each closing a 1000 ms interval.
        var series = RrSeries.FromIntervals([1000, 1000, 1000, 1000, 1000]);
        var slice = RrWindows.Slice(series, 1.5, 4.2);
        // Interval (1,2] starts before 1.5: out; (2,3] and (3,4] in; (4,5] ends after 4.2: out.
        Assert.Equal([3.0, 4.0], slice.BeatTimesS.ToArray());
        Assert.Equal(2, slice.Count);
    }

    [Fact]
    public void Slice_OutsideTheRecording_IsEmpty()
    {
        var series = RrSeries.FromIntervals([800, 800, 800]);
        Assert.Equal(0, RrWindows.Slice(series, 10, 20).Count);
    }

    [Fact]
    public void Slice_TheWholeRange_IsTheWholeSeries()
    {
        var series = RrSeries.FromIntervals([800, 810, 790, 805]);
        var slice = RrWindows.Slice(series, 0, series.DurationS);
        Assert.Equal(series.IntervalsMs.ToArray(), slice.IntervalsMs.ToArray());
    }

    [Fact]
    public void Segments_FullLengthsOnly()
    {
        var windows = RrWindows.Segments(0, 1000, 300);
        Assert.Equal([new TimeWindow(0, 300), new TimeWindow(300, 600), new TimeWindow(600, 900)], windows);
    }

    [Fact]
    public void Segments_ShorterThanOne_IsEmpty()
    {
        Assert.Empty(RrWindows.Segments(0, 200, 300));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(double.NaN)]
    public void Segments_BadLength_Throws(double length)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => RrWindows.Segments(0, 100, length));
    }

    [Fact]
    public void LowestHeartRate_FindsTheSlowStretch()
    {
        // An hour at 600 ms, then 20 minutes at 1000 ms, then another hour at 600 ms.
        var rr = new List<double>();
        rr.AddRange(Enumerable.Repeat(600.0, 6000));
        rr.AddRange(Enumerable.Repeat(1000.0, 1200));
        rr.AddRange(Enumerable.Repeat(600.0, 6000));
        var series = RrSeries.FromIntervals(rr.ToArray());
        var window = RrWindows.LowestHeartRate(series, 600);
        Assert.NotNull(window);
        Assert.InRange(window.Value.FromS, 3600 - 1, 3600 + 600 + 1);
        Assert.InRange(window.Value.ToS, 3600 + 600 - 1, 3600 + 1200 + 1);
        Assert.Equal(600, window.Value.LengthS, 9);
    }

    [Fact]
    public void LowestHeartRate_RecordingShorterThanTheWindow_IsNull()
    {
        Assert.Null(RrWindows.LowestHeartRate(RrSeries.FromIntervals([800, 800]), 600));
    }
}
