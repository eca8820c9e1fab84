using Attune.Analysis.Flooding;
using Attune.Analysis.Series;

namespace Attune.Analysis.Tests.Flooding;

public sealed class FloodingDetectorTests
{
    // Heart rate sampled at 1 Hz, piecewise constant.
    private static (double[] Times, double[] Bpm) Piecewise(params (double UntilS, double Bpm)[] pieces)
    {
        var times = new List<double>();
        var bpm = new List<double>();
        var t = 0.0;
        foreach (var (until, value) in pieces)
        {
            for (; t < until; t += 1)
            {
                times.Add(t);
                bpm.Add(value);
            }
        }
        return (times.ToArray(), bpm.ToArray());
    }

    [Fact]
    public void Detect_RiseAboveBaseline_OneEventWithKnownOnsetAndOffset()
    {
        // Baseline 70 → threshold min(100, 77) = 77, release 72. HR 90 on [100, 250).
        // 10-s trailing mean (window (t−10, t]) first exceeds 77 at t = 103 (4 of 10 samples at 90 → 78)
        // and first falls below 72 at t = 259 (no sample at 90 left), then stays there 30 s.
        var (t, hr) = Piecewise((100, 70), (250, 90), (400, 70));
        var events = FloodingDetector.Detect(t, hr, baselineBpm: 70);
        var e = Assert.Single(events);
        Assert.Equal(103, e.StartS);
        Assert.Equal(259, e.EndS);
        Assert.Equal(90, e.PeakBpm, 9);
        Assert.Equal(77, e.ThresholdBpm, 9);
        Assert.False(e.EndedByData);
    }

    [Fact]
    public void Detect_DipBetweenThresholdAndRelease_DoesNotSplitEvent()
    {
        // A 40-s dip to 75 bpm stays above the release level 72: hysteresis keeps one event.
        var (t, hr) = Piecewise((100, 70), (200, 90), (240, 75), (340, 90), (500, 70));
        Assert.Single(FloodingDetector.Detect(t, hr, baselineBpm: 70));
    }

    [Fact]
    public void Detect_ShortDipBelowRelease_DoesNotSplitEvent()
    {
        // 15 s at 60 bpm is below release but shorter than the 30-s hold.
        var (t, hr) = Piecewise((100, 70), (200, 90), (215, 60), (340, 90), (500, 70));
        Assert.Single(FloodingDetector.Detect(t, hr, baselineBpm: 70));
    }

    [Fact]
    public void Detect_LongRecoveryBetweenRises_TwoEvents()
    {
        var (t, hr) = Piecewise((100, 70), (200, 90), (280, 65), (380, 90), (500, 70));
        Assert.Equal(2, FloodingDetector.Detect(t, hr, baselineBpm: 70).Count);
    }

    [Fact]
    public void Detect_RiseShorterThanMinimumDuration_NoEvent()
    {
        var (t, hr) = Piecewise((100, 70), (140, 95), (400, 70));
        Assert.Empty(FloodingDetector.Detect(t, hr, baselineBpm: 70));
    }

    [Fact]
    public void Detect_NoBaseline_UsesAbsoluteThreshold()
    {
        var (t, hr) = Piecewise((100, 80), (250, 95), (400, 80));
        Assert.Empty(FloodingDetector.Detect(t, hr));
        var (t2, hr2) = Piecewise((100, 80), (250, 110), (400, 80));
        var e = Assert.Single(FloodingDetector.Detect(t2, hr2));
        Assert.Equal(100, e.ThresholdBpm);
    }

    [Fact]
    public void Detect_StillElevatedAtEnd_EndedByData()
    {
        var (t, hr) = Piecewise((100, 70), (300, 110));
        var e = Assert.Single(FloodingDetector.Detect(t, hr, baselineBpm: 70));
        Assert.True(e.EndedByData);
        Assert.Equal(299, e.EndS);
    }

    [Fact]
    public void Detect_FromRrSeries_SameAsInstantaneousRate()
    {
        // 2 min at 1000 ms (60 bpm), 3 min at 500 ms (120 bpm), 2 min at 1000 ms.
        var rr = Enumerable.Repeat(1000.0, 120).Concat(Enumerable.Repeat(500.0, 360)).Concat(Enumerable.Repeat(1000.0, 120)).ToArray();
        var e = Assert.Single(FloodingDetector.Detect(RrSeries.FromIntervals(rr), baselineBpm: 60));
        Assert.Equal(120, e.PeakBpm, 9);
        Assert.InRange(e.StartS, 120, 125);
        Assert.InRange(e.EndS, 300, 312);
    }

    [Fact]
    public void Threshold_BaselineHigh_CappedAtAbsolute()
    {
        Assert.Equal(100, FloodingDetector.Threshold(95));
        Assert.Equal(66, FloodingDetector.Threshold(60), 9);
    }
}
