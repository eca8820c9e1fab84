using Attune.Analysis.Hrv;
using Attune.Analysis.Series;

namespace Attune.Analysis.Tests.Hrv;

public sealed class EntropyTests
{
    public static TheoryData<int, bool, int> Cases => new()
    {
        { 2, false, 1 },
        { 2, true, 2 },
        { 1, false, 3 },
        { 3, true, 4 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void SampleEntropyCounts_Random2000_EqualBruteForceExactly(int m, bool quantised, int seed)
    {
        var x = RandomSeries(2000, seed, quantised);
        var r = 0.2 * StandardDeviation(x);
        var fast = SampleEntropy.CountMatches(x, m, r);
        var brute = EntropyBruteForce.SampEnCounts(x, m, r);
        Assert.Equal(brute, fast);
        Assert.Equal(-Math.Log((double)brute.A / brute.B), SampleEntropy.FromCounts(fast.A, fast.B));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void ApproximateEntropy_Random2000_EqualsBruteForceExactly(int m, bool quantised, int seed)
    {
        var x = RandomSeries(2000, seed, quantised);
        var r = 0.2 * StandardDeviation(x);
        var (countsM, countsM1) = ApproximateEntropy.NeighbourCounts(x, m, r);
        Assert.Equal(EntropyBruteForce.NeighbourCounts(x, m, r), countsM);
        Assert.Equal(EntropyBruteForce.NeighbourCounts(x, m + 1, r), countsM1[..^1]);
        var expected = EntropyBruteForce.Phi(x, m, r) - EntropyBruteForce.Phi(x, m + 1, r);
        Assert.Equal(expected, ApproximateEntropy.FromData(x, m, r));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void EntropyPair_Random2000_SameCountsAndValuesAsSeparateComputations(int m, bool quantised, int seed)
    {
        var x = RandomSeries(2000, seed, quantised);
        var r = 0.2 * StandardDeviation(x);
        var (countsM, countsM1) = ApproximateEntropy.Counts(x, m, r);
        Assert.Equal(EntropyBruteForce.SampEnCounts(x, m, r), EntropyPair.SampleEntropyCounts(countsM, countsM1, x.Length, m));

        var series = RrSeries.FromIntervals(x);
        var (sampEn, apEn) = EntropyPair.Compute(series, m, 0.2);
        Assert.Equal(SampleEntropy.Compute(series, m, 0.2), sampEn);
        Assert.Equal(ApproximateEntropy.Compute(series, m, 0.2), apEn);
    }

    [Fact]
    public void EntropyPair_PeriodicHandExample_SameAsSeparate()
    {
        var series = RrSeries.FromIntervals([600, 900, 600, 900, 600, 900, 600, 900]);
        var (sampEn, apEn) = EntropyPair.Compute(series, 2, 0.2);
        Assert.Equal(SampleEntropy.Compute(series, 2, 0.2), sampEn);
        Assert.Equal(ApproximateEntropy.Compute(series, 2, 0.2), apEn);
    }

    [Fact]
    public void ApproximateEntropy_PeriodicHandExample()
    {
        // x = 1,2,1,2,1,2, m = 2, r = 0.5. Length 2: five templates (1,2)×3, (2,1)×2, so
        // C = 3/5 for (1,2) and 2/5 for (2,1): Φ² = (3 ln 0.6 + 2 ln 0.4)/5.
        // Length 3: four templates (1,2,1)×2, (2,1,2)×2, each C = 2/4: Φ³ = ln 0.5.
        // ApEn = Φ² − Φ³ ≈ 0.0201355.
        double[] x = [1, 2, 1, 2, 1, 2];
        var expected = (3 * Math.Log(0.6) + 2 * Math.Log(0.4)) / 5 - Math.Log(0.5);
        Assert.Equal(expected, ApproximateEntropy.FromData(x, 2, 0.5), 14);
        Assert.Equal(0.0201355, expected, 6);
    }

    [Fact]
    public void SampleEntropy_PeriodicHandExample_Zero()
    {
        // x = 1,2,1,2,1,2, m = 2, r = 0.5: templates i = 0..3 are (1,2),(2,1),(1,2),(2,1): B = 2 pairs;
        // their length-3 extensions (1,2,1),(2,1,2),(1,2,1),(2,1,2) also give A = 2; SampEn = −ln(2/2) = 0.
        var (a, b) = SampleEntropy.CountMatches([1, 2, 1, 2, 1, 2], 2, 0.5);
        Assert.Equal((2L, 2L), (a, b));
        Assert.Equal(0, SampleEntropy.FromCounts(a, b));
    }

    [Fact]
    public void SampleEntropy_NoMatchesAtLongerLength_Infinite()
    {
        Assert.Equal(double.PositiveInfinity, SampleEntropy.FromCounts(0, 5));
        Assert.True(double.IsNaN(SampleEntropy.FromCounts(0, 0)));
    }

    [Fact]
    public void SampleEntropy_WhiteNoiseHigherThanSine()
    {
        var noise = RrSeries.FromIntervals(Synthetic.WhiteNoise(1000, 8));
        var sine = Synthetic.Sinusoid(800, 30, 0.1, 800);
        Assert.True(SampleEntropy.Compute(noise) > 1.5);
        Assert.True(SampleEntropy.Compute(sine) < 0.5);
    }

    private static double[] RandomSeries(int n, int seed, bool quantised)
    {
        var x = Synthetic.WhiteNoise(n, seed);
        // A slow drift makes the series less trivial; quantising to 1/128 s exercises grouping of ties.
        for (var i = 0; i < n; i++)
        {
            x[i] += 40 * Math.Sin(i / 50.0);
            if (quantised)
            {
                x[i] = Math.Round(x[i] / 7.8125) * 7.8125;
            }
        }
        return x;
    }

    private static double StandardDeviation(double[] x)
    {
        var mean = x.Average();
        return Math.Sqrt(x.Sum(v => (v - mean) * (v - mean)) / (x.Length - 1));
    }

    [Fact]
    public void Entropies_FewerThanMPlusTwoIntervals_ThrowNotEnoughBeats()
    {
        var series = RrSeries.FromIntervals([800, 810, 790]);

        Assert.Equal(InsufficientDataReason.NotEnoughBeats, Assert.Throws<InsufficientDataException>(() => SampleEntropy.Compute(series)).Reason);
        Assert.Equal(InsufficientDataReason.NotEnoughBeats, Assert.Throws<InsufficientDataException>(() => ApproximateEntropy.Compute(series)).Reason);
        Assert.Throws<ArgumentException>(() => SampleEntropy.Compute(series, dimension: 0));
    }
}
