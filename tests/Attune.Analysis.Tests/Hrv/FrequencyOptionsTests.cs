using Attune.Analysis.Hrv;
using Attune.Analysis.Series;

namespace Attune.Analysis.Tests.Hrv;

public sealed class FrequencyOptionsTests
{
    [Fact]
    public void Compute_NeuroKit2Compatible_SinusoidPowerAndFractionOfTotal()
    {
        // 600 s: NeuroKit2's rule takes half the record (a 300-s window, FFT 600 s) and drops bins below 4/600 Hz.
        var series = Synthetic.Sinusoid(800, 10, 0.1, 600);
        var result = FrequencyDomain.Compute(series, FrequencyOptions.NeuroKit2Compatible);
        Assert.Equal(50, result.LfMs2!.Value, 50 * 0.15);
        Assert.Equal(result.LfMs2.Value / result.TotalPowerMs2, result.LfNu!.Value, 12);
        Assert.InRange(result.LfNu.Value, 0.8, 1.0);
        Assert.Equal("fraction of TP", result.NormalizedUnitsUnit);
    }

    [Fact]
    public void Compute_NormalizeToPeakDensity_BandsAreUnitless()
    {
        var series = Synthetic.Sinusoid(800, 10, 0.1, 600);
        var absolute = FrequencyDomain.Compute(series);
        var normalized = FrequencyDomain.Compute(series, FrequencyOptions.Default with { NormalizeToPeakDensity = true });
        Assert.Equal(absolute.LfHfRatio!.Value, normalized.LfHfRatio!.Value, 9);
        Assert.True(normalized.LfMs2 < 1);
    }

    [Fact]
    public void Compute_SeriesWithGap_AutoUsesLombScargle()
    {
        // A 0.1 Hz sinusoid of amplitude 10 ms with 60 s of beats removed in the middle.
        var full = Synthetic.Sinusoid(800, 10, 0.1, 1200);
        var rr = new List<double>();
        var t = new List<double>();
        for (var i = 0; i < full.Count; i++)
        {
            var time = full.BeatTimesS[i];
            if (time is < 570 or > 630)
            {
                rr.Add(full.IntervalsMs[i]);
                t.Add(time);
            }
        }
        var series = RrSeries.FromBeats(rr.ToArray(), t.ToArray());
        var result = FrequencyDomain.Compute(series);
        Assert.Equal(SpectralMethod.LombScargle, result.MethodUsed);
        Assert.Equal(50, result.LfMs2!.Value, 50 * 0.1);
        Assert.True(result.HfMs2 < 1);
    }

    [Fact]
    public void Compute_TwoSinusoids_LfHfRatioAndNormalizedUnits()
    {
        // RR = 800 + 20 sin(2π·0.1t) + 10 sin(2π·0.25t): LF ≈ 200, HF ≈ 50, LF/HF ≈ 4, LFnu ≈ 80.
        var rr = new List<double>();
        var time = 0.0;
        while (time < 900)
        {
            var v = 800 + 20 * Math.Sin(2 * Math.PI * 0.1 * time) + 10 * Math.Sin(2 * Math.PI * 0.25 * time);
            rr.Add(v);
            time += v / 1000;
        }
        var result = FrequencyDomain.Compute(RrSeries.FromIntervals(rr.ToArray()));
        Assert.Equal(4, result.LfHfRatio!.Value, 0.3);
        Assert.Equal(80, result.LfNu!.Value, 1.5);
        Assert.Equal(100, result.LfNu.Value + result.HfNu!.Value, 9);
        Assert.Equal(250, result.TotalPowerMs2, 250 * 0.05);
    }

    [Fact]
    public void Compute_ShorterThanOneMinute_ThrowsTooShort()
    {
        var e = Assert.Throws<InsufficientDataException>(() => FrequencyDomain.Compute(Synthetic.Sinusoid(800, 10, 0.1, 50)));
        Assert.Equal(InsufficientDataReason.TooShort, e.Reason);
    }
}
