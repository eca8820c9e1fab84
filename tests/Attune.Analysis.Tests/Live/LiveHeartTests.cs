using System.Globalization;
using Attune.Analysis.Coherence;
using Attune.Analysis.Hrv;
using Attune.Analysis.Live;
using Attune.Analysis.Series;
using Attune.Analysis.Spectral;
using Attune.TestSupport;

namespace Attune.Analysis.Tests.Live;

public class LiveHeartTests
{
    /// <summary>A breathing heart: RSA at <paramref name="breathsPerMinute"/>, a slow drift and noise.</summary>
    internal static double[] RandomRr(int seed, int count, double breathsPerMinute = 6)
    {
        var random = new Random(seed);
        var rr = new double[count];
        var baseRr = 700 + 400 * random.NextDouble();
        var swing = 20 + 100 * random.NextDouble();
        var noise = 5 + 40 * random.NextDouble();
        double t = 0;
        for (var i = 0; i < count; i++)
        {
            rr[i] = baseRr + swing * Math.Sin(2 * Math.PI * breathsPerMinute / 60 * t) + 30 * Math.Sin(t / 90) + noise * (random.NextDouble() - 0.5);
            t += rr[i] / 1000;
        }
        return rr;
    }

    internal static double[] ReferenceSlice(string file, int skip, int count)
    {
        var lines = File.ReadLines(ReferenceDataFiles.Require(file)).Skip(1 + skip).Take(count);
        return [.. lines.Select(l => double.Parse(l, CultureInfo.InvariantCulture))];
    }

    public static TheoryData<string> Series() => ["random:1", "random:2", "random:3", "random:4", "random:5", "ltdb_14046", "ltdb_14149"];

    internal static double[] Load(string name) => name switch
    {
        "ltdb_14046" => ReferenceSlice("rr/ltdb_14046_24h.rr.csv", 20000, 1500),
        "ltdb_14149" => ReferenceSlice("rr/ltdb_14149_24h.rr.csv", 20000, 1500),
        _ => RandomRr(int.Parse(name[7..], CultureInfo.InvariantCulture), 800, 4 + int.Parse(name[7..], CultureInfo.InvariantCulture)),
    };

    [Theory]
    [MemberData(nameof(Series))]
    public void HeartRateAndRmssd_EqualBatchOnTheLastMinute_EveryBeat(string name)
    {
        var rr = Load(name);
        var live = new LiveHeart();
        var times = RrSeries.FromIntervals(rr).BeatTimesS.ToArray();
        for (var i = 0; i < rr.Length; i++)
        {
            var reading = live.Add(rr[i]);
            var first = i;
            while (first > 0 && times[first - 1] > times[i] - 60)
            {
                first--;
            }
            Assert.Equal(i - first + 1, reading.Beats);
            if (reading.Beats < 10)
            {
                continue;
            }
            var batch = TimeDomain.Compute(RrSeries.FromIntervals(rr.AsSpan(first, i - first + 1)));
            Assert.Equal(batch.MeanHrBpm, reading.HeartRateBpm, 1e-9 * batch.MeanHrBpm);
            Assert.Equal(batch.RmssdMs, reading.RmssdMs, 1e-9 * batch.RmssdMs + 1e-9);
        }
    }

    [Theory]
    [MemberData(nameof(Series))]
    public void SlidingSpectrum_OnTheBatchTachogram_EqualsBatchCoherenceEverySample(string name)
    {
        var series = RrSeries.FromIntervals(Load(name));
        var o = CoherenceOptions.Default;
        var tachogram = Tachogram.Resample(series, o.ResampleHz);
        var sliding = new SlidingSpectrum(o);
        var fft = new RealFft(o.FftLength);
        var padded = new double[o.FftLength];
        var window = (int)(o.WindowS * o.ResampleHz);
        for (var m = 0; m < tachogram.Length; m++)
        {
            sliding.Push(tachogram[m], m);
            if (m + 1 < window)
            {
                Assert.False(sliding.Ready);
                continue;
            }
            var psd = ShortTimeSpectrum.Compute(tachogram.AsSpan(m + 1 - window, window), o.ResampleHz, o.Taper, fft, padded);
            var batch = CoherenceRatio.FromSpectrum(m, psd, o);
            var live = sliding.Current!;
            Assert.Equal(batch.PeakFrequencyHz, live.PeakFrequencyHz);
            Assert.Equal(batch.TotalPowerMs2, live.TotalPowerMs2, 1e-9 * batch.TotalPowerMs2);
            Assert.Equal(batch.PeakPowerMs2, live.PeakPowerMs2, 1e-9 * batch.TotalPowerMs2);
            Assert.Equal(batch.PowerRatio, live.PowerRatio, 1e-8 * Math.Max(1, batch.PowerRatio));
        }
    }

    /// <summary>The live tachogram comes from a local spline; the batch one from the spline through every beat so far.
    /// Their coherence differs by at most the bound in docs/numerics/live.md.</summary>
    [Theory]
    [MemberData(nameof(Series))]
    public void Coherence_StaysWithinTheDocumentedBoundOfBatch(string name)
    {
        var rr = Load(name);
        var o = CoherenceOptions.Default;
        var live = new LiveHeart();
        var fft = new RealFft(o.FftLength);
        var padded = new double[o.FftLength];
        var window = (int)(o.WindowS * o.ResampleHz);
        double worstRatio = 0, worstPower = 0;
        var compared = 0;
        for (var i = 0; i < rr.Length; i++)
        {
            var reading = live.Add(rr[i]);
            if (reading.Coherence is not { } c || i % 7 != 0)
            {
                continue;
            }
            var series = RrSeries.FromIntervals(rr.AsSpan(0, i + 1));
            var tachogram = Tachogram.Resample(series, o.ResampleHz);
            var end = (int)Math.Round((c.TimeS - series.BeatTimesS[0]) * o.ResampleHz);
            var psd = ShortTimeSpectrum.Compute(tachogram.AsSpan(end + 1 - window, window), o.ResampleHz, o.Taper, fft, padded);
            var batch = CoherenceRatio.FromSpectrum(c.TimeS, psd, o);
            worstPower = Math.Max(worstPower, Math.Abs(batch.TotalPowerMs2 - c.TotalPowerMs2) / batch.TotalPowerMs2);
            worstPower = Math.Max(worstPower, Math.Abs(batch.PeakPowerMs2 - c.PeakPowerMs2) / batch.TotalPowerMs2);
            worstRatio = Math.Max(worstRatio, Math.Abs(batch.PowerRatio - c.PowerRatio) / Math.Max(1, batch.PowerRatio));
            compared++;
        }
        Assert.True(compared > 50, $"only {compared} windows compared");
        Console.WriteLine($"{name}: worst relative power difference {worstPower:E2}, worst power-ratio difference {worstRatio:E2} over {compared} windows");
        // Smooth synthetic hearts: within 1e-4 (measured ≤ 4.5e-5). Real 24-h recordings with ectopic beats, whose
        // jumps make the spline's end condition matter more: within 1e-2 (measured ≤ 3.6e-3). docs/numerics/live.md.
        var bound = name.StartsWith("random", StringComparison.Ordinal) ? 1e-4 : 1e-2;
        Assert.True(worstPower < bound, $"power differs by {worstPower:E2}");
        Assert.True(worstRatio < bound, $"power ratio differs by {worstRatio:E2}");
    }

    [Fact]
    public void Add_BadInterval_Throws()
    {
        var live = new LiveHeart();
        Assert.Throws<ArgumentOutOfRangeException>(() => live.Add(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => live.Add(double.NaN));
        Assert.Equal(0, live.BeatCount);
    }
}
