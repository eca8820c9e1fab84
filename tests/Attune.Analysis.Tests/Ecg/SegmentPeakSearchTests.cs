using Attune.Analysis.Ecg;
using Attune.Analysis.Parsing;
using Attune.Analysis.Series;

namespace Attune.Analysis.Tests.Ecg;

/// <summary>The block search of a segment against the sequential search it replaced, on one core and on two.</summary>
public sealed class SegmentPeakSearchTests
{
    /// <summary>Real ECGs from the reference data, each repeated end to end (a jump at every join, as when an
    /// electrode is moved) until the segment spans at least 8 blocks, so two cores share it and block edges fall
    /// inside QRS complexes.</summary>
    public static TheoryData<string, double> RealRecordings => new()
    {
        { "bio_resting_8min_100hz", 100 },
        { "bio_eventrelated_100hz", 100 },
        { "ecg_1000hz", 1000 },
        { "ecg_3000hz", 3000 },
    };

    [Theory]
    [MemberData(nameof(RealRecordings))]
    public void Detect_RealEcgOverManyBlocks_SamePeaksAsTheSequentialSearchOnOneCoreAndTwo(string name, double fs)
    {
        var ecg = Tiled(ReadEcg(name, fs), 9 * SegmentPeakSearch.BlockSize);
        var expected = SequentialPeakSearch.Detect(ecg);
        // At least a beat every 1.5 s: the comparison is over real beats, not an empty list.
        Assert.True(expected.Length > ecg.Count / fs / 1.5, $"{expected.Length} peaks in {ecg.Count / fs:0} s");

        Assert.Equal(expected, NeuroKitPeakDetector.Detect(ecg, parallel: false).Indices.ToArray());
        Assert.Equal(expected, NeuroKitPeakDetector.Detect(ecg, parallel: true).Indices.ToArray());
    }

    [Theory]
    [InlineData(100, 1)]
    [InlineData(250, 2)]
    [InlineData(500, 3)]
    [InlineData(128, 4)]
    public void Detect_NoisySyntheticEcgWithGaps_SamePeaksAsTheSequentialSearchOnOneCoreAndTwo(double fs, int seed)
    {
        // Three segments: one of many blocks, one of a single block and a bit, one shorter than a block.
        var lengths = new[] { 12 * SegmentPeakSearch.BlockSize + 1234, SegmentPeakSearch.BlockSize + 17, 5_000 };
        var samples = new List<double>();
        var segments = new List<EcgSegment>();
        var start = 0.0;
        foreach (var length in lengths)
        {
            var (x, _) = SyntheticEcg.Make(fs, (length + 1) / fs, seed++, noise: 0.08);
            segments.Add(new EcgSegment(samples.Count, length, start));
            samples.AddRange(x.Take(length));
            start += length / fs + 30;
        }
        var ecg = EcgSignal.Create([.. samples], fs, segments);
        var expected = SequentialPeakSearch.Detect(ecg);

        Assert.Equal(expected, NeuroKitPeakDetector.Detect(ecg, parallel: false).Indices.ToArray());
        Assert.Equal(expected, NeuroKitPeakDetector.Detect(ecg, parallel: true).Indices.ToArray());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    public void Detect_RandomRatesLengthsAndUpsets_SamePeaksAsTheSequentialSearch(int seed)
    {
        // Lengths just around the point where a segment is split and searched in blocks, and short ones; signals with
        // flat stretches, spikes and a step, where threshold runs are long or start at the first sample.
        var random = new Random(seed);
        var fs = new[] { 100.0, 130, 250, 360, 500 }[random.Next(5)];
        var blocks = random.Next(2) == 0 ? 8 : random.Next(1, 3);
        var length = blocks * SegmentPeakSearch.BlockSize + random.Next(-60, 61);
        var (x, _) = SyntheticEcg.Make(fs, (length + 1) / fs, seed, noise: 0.02 + 0.2 * random.NextDouble());
        x = x.Take(length).ToArray();
        for (var upset = 0; upset < 12; upset++)
        {
            var at = random.Next(length);
            var span = Math.Min(length - at, random.Next(1, (int)(3 * fs)));
            switch (random.Next(3))
            {
                case 0:
                    Array.Fill(x, x[at], at, span);
                    break;
                case 1:
                    x[at] += 20 * (random.NextDouble() - 0.5);
                    break;
                default:
                    for (var i = at; i < length; i++)
                    {
                        x[i] += 3;
                    }
                    break;
            }
        }
        var ecg = EcgSignal.Create(x, fs);
        var expected = SequentialPeakSearch.Detect(ecg);

        Assert.Equal(expected, NeuroKitPeakDetector.Detect(ecg, parallel: false).Indices.ToArray());
        Assert.Equal(expected, NeuroKitPeakDetector.Detect(ecg, parallel: true).Indices.ToArray());
    }

    [Fact]
    public void Detect_SameSignalManyTimesOnTwoCores_AlwaysTheSamePeaks()
    {
        // Which core searches which block, and in what order, changes from run to run; the answer must not.
        var (x, _) = SyntheticEcg.Make(250, 20 * SegmentPeakSearch.BlockSize / 250.0, seed: 9, noise: 0.1);
        var ecg = EcgSignal.Create(x, 250);
        var first = NeuroKitPeakDetector.Detect(ecg, parallel: true).Indices.ToArray();
        for (var run = 0; run < 5; run++)
        {
            Assert.Equal(first, NeuroKitPeakDetector.Detect(ecg, parallel: true).Indices.ToArray());
        }
    }

    [Theory]
    [InlineData(250, 1_000_000)]
    [InlineData(1000, 400_000)]
    [InlineData(100, 20_000)]
    public void AddFreeResponse_HalvesFilteredApart_EqualOnePassToRounding(double fs, int n)
    {
        // A high-pass run over two halves (the second from rest, then the first half's state carried in by its
        // response to silence) against one pass over the whole, on an ECG-like signal with a large offset.
        var (samples, _) = SyntheticEcg.Make(fs, n / fs, seed: 3, noise: 0.05);
        var x = samples.Select(v => v + 400).ToArray();
        var sos = Butterworth.HighPass(5, 0.5, fs);
        var whole = (double[])x.Clone();
        var one = new SosFilter(sos);
        one.Reset(x[0]);
        one.Run(whole);

        var halves = (double[])x.Clone();
        var m = n / 2;
        var first = new SosFilter(sos);
        first.Reset(x[0]);
        first.Run(halves.AsSpan(0, m));
        var second = new SosFilter(sos);
        second.Reset(0);
        second.Run(halves.AsSpan(m));
        var ranThrough = first.AddFreeResponse(halves.AsSpan(m), backward: false);

        Assert.False(ranThrough);
        // Rounding of the order of the input's largest value (the offset the second half starts without): far below
        // the 2^-24 relative precision a sample is stored with.
        var scale = x.Max(Math.Abs);
        for (var i = 0; i < n; i++)
        {
            Assert.True(Math.Abs(whole[i] - halves[i]) <= 1e-12 * scale, $"sample {i}: {whole[i]:R} against {halves[i]:R}");
        }
    }

    [Fact]
    public void RunFrom_SinglePrecisionSamples_BitIdenticalToWideningThenRunning()
    {
        var random = new Random(5);
        foreach (var order in new[] { 5, 4 })
        {
            var sos = Butterworth.HighPass(order, 0.5, 250);
            var source = new float[10_000];
            for (var i = 0; i < source.Length; i++)
            {
                source[i] = (float)(Math.Sin(i / 30.0) + random.NextDouble());
            }
            var widened = source.Select(v => (double)v).ToArray();
            var expected = new SosFilter(sos);
            expected.Reset(0.25);
            expected.Run(widened);
            var fused = new double[source.Length];
            var filter = new SosFilter(sos);
            filter.Reset(0.25);
            filter.RunFrom(source, fused);

            Assert.Equal(widened, fused);
        }
    }

    [Fact]
    public void SmoothedGradient_RingBuffer_EqualsFullArrayBitForBit()
    {
        var random = new Random(3);
        foreach (var (n, size) in new[] { (5, 1), (50, 25), (1000, 25), (20_000, 25), (20_000, 188), (300, 301) })
        {
            var x = new double[n];
            for (var i = 0; i < n; i++)
            {
                x[i] = Math.Sin(i / 7.0) + random.NextDouble();
            }
            var full = new double[n];
            SequentialPeakSearch.SmoothAbsGradient(x, full, size);
            var ring = new SmoothedGradient(x, n, size, 190);
            for (var i = 0; i < n; i++)
            {
                Assert.Equal(BitConverter.DoubleToInt64Bits(full[i]), BitConverter.DoubleToInt64Bits(ring[i]));
                // As the detector reads: up to the capacity behind the newest index it asked for (values are produced ahead
                // in batches, and must not overwrite these).
                var behind = Math.Max(0, i - 189);
                Assert.Equal(BitConverter.DoubleToInt64Bits(full[behind]), BitConverter.DoubleToInt64Bits(ring[behind]));
            }
        }
    }

    private static EcgSignal ReadEcg(string name, double fs)
    {
        using var reader = new StreamReader(ReferenceData.Require($"ecg/{name}.ecg.csv"));
        var parsed = EcgCsvParser.Parse(reader, fs);
        Assert.True(parsed.IsSuccess, parsed.Error?.ToString());
        return parsed.Value;
    }

    private static EcgSignal Tiled(EcgSignal ecg, int atLeast)
    {
        var one = ecg.Samples;
        var samples = new double[(atLeast / one.Length + 1) * one.Length];
        for (var i = 0; i < samples.Length; i++)
        {
            samples[i] = one[i % one.Length];
        }
        return EcgSignal.Create(samples, ecg.SampleRateHz);
    }
}
