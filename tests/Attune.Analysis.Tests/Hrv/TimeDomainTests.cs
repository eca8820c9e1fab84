using Attune.Analysis.Hrv;
using Attune.Analysis.Series;

namespace Attune.Analysis.Tests.Hrv;

public sealed class TimeDomainTests
{
    // RR = [800, 810, 790, 820, 805], by hand:
    //   MeanNN = 4025/5 = 805; deviations −5, 5, −15, 15, 0; Σd² = 500; SDNN = √(500/4) = √125.
    //   ΔRR = 10, −20, 30, −15; ΣΔ² = 1625; RMSSD = √(1625/4) = √406.25.
    //   mean Δ = 1.25; Σ(Δ − 1.25)² = 76.5625 + 451.5625 + 826.5625 + 264.0625 = 1618.75; SDSD = √(1618.75/3).
    //   |Δ| > 50: none → pNN50 = 0 %; |Δ| > 20: only 30 (20 is not > 20) → pNN20 = 1/4 = 25 %.
    //   MeanHR = (60000/800 + 60000/810 + 60000/790 + 60000/820 + 60000/805)/5.
    //   sorted 790, 800, 805, 810, 820: median 805; Q1 at h = 1 → 800; Q3 at h = 3 → 810; IQR = 10.
    private static readonly double[] HandSeries = [800, 810, 790, 820, 805];

    [Fact]
    public void Compute_FiveBeats_MatchesHandComputation()
    {
        var r = TimeDomain.Compute(RrSeries.FromIntervals(HandSeries));
        Assert.Equal(805, r.MeanNnMs, 12);
        Assert.Equal(Math.Sqrt(125), r.SdnnMs, 12);
        Assert.Equal(Math.Sqrt(406.25), r.RmssdMs, 12);
        Assert.Equal(Math.Sqrt(1618.75 / 3), r.SdsdMs, 12);
        Assert.Equal(0, r.Pnn50Percent);
        Assert.Equal(25, r.Pnn20Percent, 12);
        Assert.Equal((60000 / 800.0 + 60000 / 810.0 + 60000 / 790.0 + 60000 / 820.0 + 60000 / 805.0) / 5, r.MeanHrBpm, 12);
        Assert.Equal(100 * Math.Sqrt(125) / 805, r.CvnnPercent, 12);
        Assert.Equal(805, r.MedianNnMs, 12);
        Assert.Equal(10, r.IqrNnMs, 12);
        Assert.Null(r.SdannMs);
        Assert.Null(r.SdnniMs);
        Assert.Equal(4, r.DifferenceCount);
    }

    [Fact]
    public void Compute_EvenCount_QuantilesInterpolateLinearly()
    {
        // Sorted 800..850 step 10 (n = 6): median at h = 2.5 → 825; Q1 at h = 1.25 → 812.5; Q3 at h = 3.75 → 837.5.
        var r = TimeDomain.Compute(RrSeries.FromIntervals([850, 800, 840, 810, 830, 820]));
        Assert.Equal(825, r.MedianNnMs, 12);
        Assert.Equal(25, r.IqrNnMs, 12);
    }

    [Fact]
    public void Compute_ThreeFullSegments_SdannAndSdnniFromSegmentMeans()
    {
        // 300 beats of 1000 ms, 400 of 750 ms, 500 of 600 ms: three 300-s segments exactly.
        // Segment means 1000, 750, 600: SDANN = SD(N − 1) = √(((216.6̅)² + (33.3̅)² + (183.3̅)²)/2); SDNNI = 0.
        var rr = new List<double>();
        rr.AddRange(Enumerable.Repeat(1000.0, 300));
        rr.AddRange(Enumerable.Repeat(750.0, 400));
        rr.AddRange(Enumerable.Repeat(600.0, 500));
        var r = TimeDomain.Compute(RrSeries.FromIntervals(rr.ToArray()));
        var mean = (1000 + 750 + 600) / 3.0;
        var expected = Math.Sqrt((Math.Pow(1000 - mean, 2) + Math.Pow(750 - mean, 2) + Math.Pow(600 - mean, 2)) / 2);
        Assert.Equal(expected, r.SdannMs!.Value, 9);
        Assert.Equal(0, r.SdnniMs!.Value, 12);
    }

    [Fact]
    public void Compute_GapInBeatTimes_DifferenceAcrossGapSkipped()
    {
        // Beat 3 comes 10 s after beat 2 (a gap): only ΔRR 10 and 5 remain, so RMSSD = √((100 + 25)/2).
        double[] rr = [800, 810, 815, 820];
        double[] t = [0.8, 1.61, 11.61, 12.43];
        var r = TimeDomain.Compute(RrSeries.FromBeats(rr, t));
        Assert.Equal(2, r.DifferenceCount);
        Assert.Equal(Math.Sqrt(62.5), r.RmssdMs, 12);
    }

    [Fact]
    public void Compute_TooFewIntervals_ThrowsNotEnoughBeats()
    {
        var e = Assert.Throws<InsufficientDataException>(() => TimeDomain.Compute(RrSeries.FromIntervals([800, 810])));
        Assert.Equal(InsufficientDataReason.NotEnoughBeats, e.Reason);
    }

    [Fact]
    public void Compute_ScaledByK_SdnnAndRmssdScaleByK()
    {
        var rr = Synthetic.WhiteNoise(500, 11);
        var scaled = new double[rr.Length];
        for (var i = 0; i < rr.Length; i++)
        {
            scaled[i] = 1.7 * rr[i];
        }
        var a = TimeDomain.Compute(RrSeries.FromIntervals(rr));
        var b = TimeDomain.Compute(RrSeries.FromIntervals(scaled));
        Assert.Equal(1.7 * a.SdnnMs, b.SdnnMs, 9);
        Assert.Equal(1.7 * a.RmssdMs, b.RmssdMs, 9);
        Assert.Equal(a.CvnnPercent, b.CvnnPercent, 9);
    }

    [Fact]
    public void Compute_FluctuationScaledDown_RmssdFalls()
    {
        var rr = Synthetic.WhiteNoise(500, 12);
        var mean = rr.Average();
        var calmer = rr.Select(x => mean + 0.5 * (x - mean)).ToArray();
        var a = TimeDomain.Compute(RrSeries.FromIntervals(rr));
        var b = TimeDomain.Compute(RrSeries.FromIntervals(calmer));
        Assert.True(b.RmssdMs < a.RmssdMs);
        Assert.Equal(0.5 * a.RmssdMs, b.RmssdMs, 9);
    }

    [Fact]
    public void Compute_EveryStepAGap_ThrowsTooManyGaps()
    {
        // Beats 10 s apart with 800-ms intervals: no two beats are adjacent.
        var series = RrSeries.FromBeats([800, 800, 800, 800], [10, 20, 30, 40]);

        var e = Assert.Throws<InsufficientDataException>(() => TimeDomain.Compute(series));

        Assert.Equal(InsufficientDataReason.TooManyGaps, e.Reason);
    }

    [Fact]
    public void FrequencyDomain_GapsLeaveNoSegment_ThrowsTooManyGaps()
    {
        // Pairs of beats every 40 s over ten minutes: long enough, but no 256-s segment holds 16 beats.
        var times = new List<double>();
        for (var t = 40.0; t < 600; t += 40)
        {
            times.Add(t);
            times.Add(t + 0.8);
        }
        var rr = new double[times.Count];
        Array.Fill(rr, 800);

        var e = Assert.Throws<InsufficientDataException>(() => FrequencyDomain.Compute(RrSeries.FromBeats(rr, times.ToArray())));

        Assert.Equal(InsufficientDataReason.TooManyGaps, e.Reason);
    }
}
