using Attune.Analysis.Series;

namespace Attune.Analysis.Hrv;

/// <summary>
/// Approximate entropy ApEn(m, r, N) (Pincus 1991).
/// </summary>
public static class ApproximateEntropy
{
    /// <summary>
    /// ApEn = Φ^m(r) − Φ^{m+1}(r), r = <paramref name="toleranceFraction"/>·SD(RR), SD with N − 1.
    /// </summary>
    /// <remarks>
    /// For length k, templates i = 0..N−k (N − k + 1 of them); C_i^k = #{j : max_l |RR[i+l] − RR[j+l]| ≤ r} / (N − k + 1),
    /// self-match included (so C_i^k &gt; 0 and the logarithm is always defined);
    /// Φ^k = (1/(N − k + 1))·Σ_i ln C_i^k, summed in index order. Counts are exact (same algorithm as
    /// <see cref="SampleEntropy"/>, O(N log² N) for m = 1 and 2), so the value equals the O(N²) definition bit for bit.
    /// ApEn is biased towards regularity for short series because of the self-matches.
    /// </remarks>
    /// <exception cref="ArgumentException">m &lt; 1.</exception>
    /// <exception cref="InsufficientDataException">Fewer than m + 2 intervals (<see cref="InsufficientDataReason.NotEnoughBeats"/>).</exception>
    public static double Compute(RrSeries series, int dimension = SampleEntropy.DefaultDimension, double toleranceFraction = SampleEntropy.DefaultToleranceFraction)
    {
        ArgumentNullException.ThrowIfNull(series);
        var x = series.IntervalsMs;
        var r = toleranceFraction * Descriptive.SampleStandardDeviation(x);
        return FromData(x.ToArray(), dimension, r);
    }

    internal static double FromData(double[] x, int dimension, double r)
    {
        var (countsM, countsM1) = Counts(x, dimension, r);
        return FromCounts(countsM, countsM1, x.Length, dimension);
    }

    /// <summary>Validates m and N, then <see cref="NeighbourCounts"/>.</summary>
    internal static (int[] LengthM, int[] LengthM1) Counts(double[] x, int dimension, double r)
    {
        if (dimension < 1)
        {
            throw new ArgumentException("The embedding dimension must be at least 1.", nameof(dimension));
        }
        if (x.Length < dimension + 2)
        {
            throw new InsufficientDataException(InsufficientDataReason.NotEnoughBeats, $"Approximate entropy with m = {dimension} needs at least {dimension + 2} values; got {x.Length}.");
        }
        return NeighbourCounts(x, dimension, r);
    }

    internal static double FromCounts(int[] countsM, int[] countsM1, int n, int dimension) =>
        Phi(countsM, n - dimension + 1) - Phi(countsM1, n - dimension);

    private static double Phi(int[] counts, int n)
    {
        double sum = 0;
        for (var i = 0; i < n; i++)
        {
            sum += Math.Log((double)counts[i] / n);
        }
        return sum / n;
    }

    /// <summary>
    /// Per-template neighbour counts (self included) at length m for i = 0..N−m and at length m + 1 for
    /// i = 0..N−m−1 (the returned array is one longer; its last entry is unused). Orthogonal range
    /// counting (<see cref="TemplateRangeCounts"/>, O(N log² N)) for m = 1 and 2, the sorted-window
    /// comparison otherwise; both give the exact integers of the definition.
    /// </summary>
    internal static (int[] LengthM, int[] LengthM1) NeighbourCounts(double[] x, int dimension, double r) =>
        TemplateRangeCounts.Supports(dimension)
            ? TemplateRangeCounts.NeighbourCounts(x, dimension, r)
            : SortedWindowNeighbourCounts(x, dimension, r);

    /// <summary>
    /// <see cref="NeighbourCounts"/> by sorted templates and a first-coordinate window
    /// (<see cref="ChebyshevTemplates"/>): any m, but quadratic when many templates lie within r.
    /// </summary>
    internal static (int[] LengthM, int[] LengthM1) SortedWindowNeighbourCounts(double[] x, int dimension, double r)
    {
        // One set of length-(m + 1) templates for i = 0..N−m; the last one has no continuation, so its
        // (m + 1)-th coordinate is NaN, which never matches.
        var extended = new double[x.Length + 1];
        x.CopyTo(extended, 0);
        extended[^1] = double.NaN;
        return ChebyshevTemplates.Build(extended, dimension + 1, x.Length - dimension + 1).CountNeighboursIncludingSelf(r);
    }
}
