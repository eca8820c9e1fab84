using Attune.Analysis.Hrv;
using Attune.Analysis.Series;

namespace Attune.Analysis.Tests.Hrv;

public sealed class TemplateRangeCountsTests
{
    public enum Shape
    {
        Continuous,
        Quantised,
        FewLevels,
        TenthsAtTheTolerance,
        Constant,
    }

    // Series built to stress exactness: ties, values whose differences round around r (0.1 + 0.2 ≠ 0.3),
    // r = 0, r covering everything, negative values, and the shortest allowed length.
    private static double[] Series(Random random, Shape shape, int n)
    {
        var x = new double[n];
        for (var i = 0; i < n; i++)
        {
            x[i] = shape switch
            {
                Shape.Continuous => 800 + 60 * Synthetic.Gaussian(random) + 30 * Math.Sin(i / 7.0),
                Shape.Quantised => Math.Round((800 + 60 * Synthetic.Gaussian(random)) / 7.8125) * 7.8125,
                Shape.FewLevels => random.Next(-2, 3),
                Shape.TenthsAtTheTolerance => random.Next(0, 8) * 0.1,
                _ => 812.5,
            };
        }
        return x;
    }

    private static double Tolerance(Random random, Shape shape, double[] x) => shape switch
    {
        Shape.TenthsAtTheTolerance => 0.1,
        Shape.FewLevels => random.Next(0, 3),
        _ => random.Next(0, 6) switch
        {
            0 => 0,
            1 => 1e6,
            _ => random.NextDouble() * 0.5 * Descriptive.SampleStandardDeviation(x) + 1e-9,
        },
    };

    // Dense rank limit: the default, or 0 to force the compressed two-dimensional tree.
    public static TheoryData<int, Shape, int> Cases()
    {
        var data = new TheoryData<int, Shape, int>();
        foreach (var m in (int[])[1, 2])
        {
            foreach (var shape in Enum.GetValues<Shape>())
            {
                data.Add(m, shape, TemplateRangeCounts.MaximumDenseRanks);
                data.Add(m, shape, 0);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void NeighbourCounts_RandomSeries_EqualBruteForceExactly(int m, Shape shape, int maximumDenseRanks)
    {
        var random = new Random(1000 * m + (int)shape);
        for (var trial = 0; trial < 60; trial++)
        {
            var n = trial < 5 ? m + 2 + trial : random.Next(m + 2, 300);
            var x = Series(random, shape, n);
            var r = Tolerance(random, shape, x);

            var (countsM, countsM1) = TemplateRangeCounts.NeighbourCounts(x, m, r, maximumDenseRanks);

            Assert.Equal(EntropyBruteForce.NeighbourCounts(x, m, r), countsM);
            Assert.Equal(EntropyBruteForce.NeighbourCounts(x, m + 1, r), countsM1[..^1]);
            Assert.Equal(EntropyBruteForce.SampEnCounts(x, m, r), EntropyPair.SampleEntropyCounts(countsM, countsM1, n, m));
        }
    }

    [Theory]
    [InlineData(1, Shape.Continuous, TemplateRangeCounts.MaximumDenseRanks)]
    [InlineData(2, Shape.Continuous, TemplateRangeCounts.MaximumDenseRanks)]
    [InlineData(2, Shape.Quantised, TemplateRangeCounts.MaximumDenseRanks)]
    [InlineData(2, Shape.Quantised, 0)]
    public void NeighbourCounts_Random5000_EqualTheSortedWindowCounts(int m, Shape shape, int maximumDenseRanks)
    {
        var random = new Random(m);
        var x = Series(random, shape, 5000);
        var r = 0.2 * Descriptive.SampleStandardDeviation(x);

        var (expectedM, expectedM1) = ApproximateEntropy.SortedWindowNeighbourCounts(x, m, r);
        var (countsM, countsM1) = TemplateRangeCounts.NeighbourCounts(x, m, r, maximumDenseRanks);

        Assert.Equal(expectedM, countsM);
        Assert.Equal(expectedM1, countsM1);
    }

    [Theory]
    [InlineData("rr/ltdb_14046_24h.rr.csv")]
    [InlineData("rr/ltdb_14149_24h.rr.csv")]
    public void EntropyPair_24HourHolter_SameBitsAsTheSortedWindowAlgorithm(string file)
    {
        // The reference the fast counts replaced: identical integers, so identical SampEn and ApEn bits.
        var x = ReferenceData.ReadRrMs(ReferenceData.Require(file));
        var r = 0.2 * Descriptive.SampleStandardDeviation(x);

        var (countsM, countsM1) = ApproximateEntropy.SortedWindowNeighbourCounts(x, 2, r);
        var (sampEn, apEn) = EntropyPair.Compute(RrSeries.FromIntervals(x), 2, 0.2);

        var (a, b) = EntropyPair.SampleEntropyCounts(countsM, countsM1, x.Length, 2);
        Assert.Equal(BitConverter.DoubleToInt64Bits(SampleEntropy.FromCounts(a, b)), BitConverter.DoubleToInt64Bits(sampEn));
        Assert.Equal(BitConverter.DoubleToInt64Bits(ApproximateEntropy.FromCounts(countsM, countsM1, x.Length, 2)), BitConverter.DoubleToInt64Bits(apEn));
    }
}
