using System.Globalization;
using Attune.Analysis.Ecg;
using Attune.Analysis.Parsing;
using Attune.Analysis.Series;

namespace Attune.Analysis.Tests.Ecg;

public class NeuroKitPeakDetectorTests
{
    [Theory]
    [InlineData(100)]
    [InlineData(250)]
    [InlineData(1000)]
    [InlineData(3000)]
    public void Detect_SyntheticEcg_EveryPeakWithinTwoSamples(double fs)
    {
        var (samples, truth) = SyntheticEcg.Make(fs, 60);
        var peaks = NeuroKitPeakDetector.Detect(EcgSignal.Create(samples, fs));
        // NeuroKit2 ignores a candidate within 0.3 s of the first sample; the first beat is at 0.6 s.
        Assert.Equal(truth.Length, peaks.Count);
        for (var k = 0; k < truth.Length; k++)
        {
            Assert.InRange(peaks.Indices[k], truth[k] - 2, truth[k] + 2);
        }
        Assert.Empty(peaks.Notes);
    }

    [Fact]
    public void ToRrSeries_SyntheticEcg_IntervalsMatchTruth()
    {
        const double fs = 250;
        var (samples, truth) = SyntheticEcg.Make(fs, 30, seed: 7);
        var rr = NeuroKitPeakDetector.Detect(EcgSignal.Create(samples, fs)).ToRrSeries();
        Assert.Equal(truth.Length - 1, rr.Count);
        for (var k = 0; k < rr.Count; k++)
        {
            Assert.InRange(rr.IntervalsMs[k], (truth[k + 1] - truth[k] - 4) * 4.0, (truth[k + 1] - truth[k] + 4) * 4.0);
            Assert.InRange(rr.BeatTimesS[k], (truth[k + 1] - 2) / fs, (truth[k + 1] + 2) / fs);
        }
    }

    [Fact]
    public void Detect_SegmentsWithGap_NoIntervalSpansGap()
    {
        const double fs = 250;
        var (a, truthA) = SyntheticEcg.Make(fs, 20, seed: 2);
        var (b, truthB) = SyntheticEcg.Make(fs, 20, seed: 3);
        var samples = a.Concat(b).ToArray();
        var segments = new[] { new EcgSegment(0, a.Length, 0), new EcgSegment(a.Length, b.Length, 25) };
        var ecg = EcgSignal.Create(samples, fs, segments);
        var peaks = NeuroKitPeakDetector.Detect(ecg);
        Assert.Equal(truthA.Length + truthB.Length, peaks.Count);
        var rr = peaks.ToRrSeries();
        Assert.Equal(truthA.Length - 1 + truthB.Length - 1, rr.Count);
        for (var k = 0; k < rr.Count; k++)
        {
            Assert.InRange(rr.IntervalsMs[k], 550, 1150);
        }
        var firstAfterGap = rr.BeatTimesS[truthA.Length - 1];
        Assert.Equal(25 + truthB[1] / fs, firstAfterGap, 2);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(3.7)]
    public void Detect_FlatSignal_ZeroPeaksWithNote(double level)
    {
        var ecg = EcgSignal.Create(Enumerable.Repeat(level, 2500).ToArray(), 250);
        var peaks = NeuroKitPeakDetector.Detect(ecg);
        Assert.Equal(0, peaks.Count);
        Assert.Single(peaks.Notes);
        Assert.Equal(0, peaks.ToRrSeries().Count);
    }

    [Fact]
    public void Detect_ShortAndEmptySignals_ZeroPeaksNoException()
    {
        Assert.Equal(0, NeuroKitPeakDetector.Detect(EcgSignal.Create([], 250)).Count);
        var tiny = NeuroKitPeakDetector.Detect(EcgSignal.Create([1, 2, 3], 250));
        Assert.Equal(0, tiny.Count);
        Assert.Contains("too short", tiny.Notes[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Detect_MissingStretchOfZeros_PeaksOutsideOnly()
    {
        const double fs = 250;
        var (samples, truth) = SyntheticEcg.Make(fs, 40, seed: 5);
        Array.Clear(samples, (int)(15 * fs), (int)(10 * fs));
        var peaks = NeuroKitPeakDetector.Detect(EcgSignal.Create(samples, fs));
        var expected = truth.Count(p => p < 15 * fs - 5 || p >= 25 * fs + 5);
        var inside = 0;
        foreach (var p in peaks.Indices)
        {
            if (p > 15 * fs + fs && p < 25 * fs - fs)
            {
                inside++;
            }
        }
        Assert.Equal(0, inside);
        Assert.InRange(peaks.Count, expected - 2, expected + 2);
    }

    [Theory]
    [InlineData("bio_resting_5min_100hz.ecg.csv", 100)]
    [InlineData("ecg_1000hz.ecg.csv", 1000)]
    [InlineData("ecg_3000hz.ecg.csv", 3000)]
    public void Detect_NeuroKitExampleData_PlausibleHeartRate(string file, double fs)
    {
        using var reader = new StreamReader(Path.Combine(AppContext.BaseDirectory, "Data", file));
        var parsed = EcgCsvParser.Parse(reader, fs);
        Assert.True(parsed.IsSuccess, parsed.Error?.ToString());
        var ecg = parsed.Value;
        var peaks = NeuroKitPeakDetector.Detect(ecg);
        var minutes = ecg.Count / fs / 60;
        var bpm = peaks.Count / minutes;
        Assert.InRange(bpm, 50, 110);
        var rr = peaks.ToRrSeries();
        var outOfRange = 0;
        foreach (var v in rr.IntervalsMs)
        {
            if (v < 400 || v > 1400)
            {
                outOfRange++;
            }
        }
        Assert.True(outOfRange <= rr.Count / 50, string.Create(CultureInfo.InvariantCulture, $"{outOfRange} implausible intervals of {rr.Count}"));
    }

    [Fact]
    public void Clean_ButterworthHighPass_HalfPowerAtCutoff()
    {
        foreach (var fs in new[] { 100.0, 250, 1000, 3000 })
        {
            var sos = Butterworth.HighPass(5, 0.5, fs);
            Assert.Equal(Math.Sqrt(0.5), Gain(sos, 0.5, fs), 6);
            Assert.Equal(1, Gain(sos, 20, fs), 6);
            Assert.True(Gain(sos, 0.05, fs) < 1e-4);
        }
    }

    [Fact]
    public void Clean_ConstantOffset_RemovedWithoutEdgeTransient()
    {
        var cleaned = NeuroKitCleaning.Clean(Enumerable.Repeat(5.0, 1000).ToArray(), 250);
        foreach (var v in cleaned)
        {
            Assert.Equal(0, v, 9);
        }
    }

    [Theory]
    [InlineData(50, 1)]
    [InlineData(50, 4)]
    [InlineData(50, 25)]
    [InlineData(7, 10)]
    [InlineData(3, 75)]
    public void SmoothAbsGradient_AnySize_MatchesNaiveUniformFilter(int n, int size)
    {
        var random = new Random(n + size);
        var x = Enumerable.Range(0, n).Select(_ => random.NextDouble()).ToArray();
        var grad = new double[n];
        for (var i = 0; i < n; i++)
        {
            grad[i] = i == 0 ? Math.Abs(x[1] - x[0]) : i == n - 1 ? Math.Abs(x[i] - x[i - 1]) : Math.Abs(x[i + 1] - x[i - 1]) / 2;
        }
        var output = new double[n];
        SequentialPeakSearch.SmoothAbsGradient(x, output, size);
        for (var i = 0; i < n; i++)
        {
            double sum = 0;
            for (var k = i - size / 2; k <= i + size - size / 2 - 1; k++)
            {
                sum += grad[Math.Clamp(k, 0, n - 1)];
            }
            Assert.Equal(sum / size, output[i], 12);
        }
    }

    [Fact]
    public void MostProminentPeak_PlateauAndShoulder_PicksProminentMiddle()
    {
        Assert.Equal(-1, NeuroKitPeakDetector.MostProminentPeak([1, 2, 3, 4]));
        Assert.Equal(5, NeuroKitPeakDetector.MostProminentPeak([0, 1, 0.5, 3, 5, 5, 5, 2, 0]));
        Assert.Equal(2, NeuroKitPeakDetector.MostProminentPeak([0, 0.2, 0.9, 0.1, 0.8, 0.85, 0]));
    }

    private static double Gain(double[][] sos, double f, double fs)
    {
        var z = System.Numerics.Complex.FromPolarCoordinates(1, -2 * Math.PI * f / fs);
        System.Numerics.Complex h = 1;
        foreach (var s in sos)
        {
            h *= (s[0] + s[1] * z + s[2] * z * z) / (1 + s[3] * z + s[4] * z * z);
        }
        return h.Magnitude;
    }

    [Theory]
    [InlineData(5)]
    [InlineData(4)]
    public void RunBackward_AnyFilter_BitIdenticalToReverseRunReverse(int order)
    {
        var rng = new Random(7);
        var x = new double[5000];
        for (var i = 0; i < x.Length; i++)
        {
            x[i] = Math.Sin(i * 0.05) + rng.NextDouble();
        }
        var sos = Butterworth.HighPass(order, 0.5, 250);
        var expected = (double[])x.Clone();
        var reference = new SosFilter(sos);
        expected.AsSpan().Reverse();
        reference.Reset(expected[0]);
        reference.Run(expected);
        expected.AsSpan().Reverse();
        var actual = (double[])x.Clone();
        var filter = new SosFilter(sos);
        filter.Reset(actual[^1]);
        filter.RunBackward(actual);
        Assert.Equal(expected, actual);

        var averaged = (double[])x.Clone();
        averaged.AsSpan().Reverse();
        var average = new MovingAverageFilter(5);
        average.Reset(averaged[0]);
        average.Run(averaged);
        averaged.AsSpan().Reverse();
        var backward = (double[])x.Clone();
        var average2 = new MovingAverageFilter(5);
        average2.Reset(backward[^1]);
        average2.RunBackward(backward);
        Assert.Equal(averaged, backward);
    }
}
