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
    /// <see cref="SampleEntropy"/>), so the value equals the O(N²) definition bit for bit.
    /// ApEn is biased towards regularity for short series because of the self-matches.
    /// </remarks>
    /// <exception cref="ArgumentException">m &lt; 1, or fewer than m + 2 intervals.</exception>
    public static double Compute(RrSeries series, int dimension = SampleEntropy.DefaultDimension, double toleranceFraction = SampleEntropy.DefaultToleranceFraction)
    {
        ArgumentNullException.ThrowIfNull(series);
        var x = series.IntervalsMs;
        var r = toleranceFraction * Descriptive.SampleStandardDeviation(x);
        return FromData(x.ToArray(), dimension, r);
    }

    internal static double FromData(double[] x, int dimension, double r)
    {
        if (dimension < 1)
        {
            throw new ArgumentException("The embedding dimension must be at least 1.", nameof(dimension));
        }
        if (x.Length < dimension + 2)
        {
            throw new ArgumentException($"Approximate entropy with m = {dimension} needs at least {dimension + 2} values; got {x.Length}.", nameof(x));
        }
        return Phi(x, dimension, r) - Phi(x, dimension + 1, r);
    }

    internal static double Phi(double[] x, int length, double r)
    {
        var n = x.Length - length + 1;
        var counts = NeighbourCounts(x, length, r);
        double sum = 0;
        for (var i = 0; i < n; i++)
        {
            sum += Math.Log((double)counts[i] / n);
        }
        return sum / n;
    }

    internal static int[] NeighbourCounts(double[] x, int length, double r) =>
        ChebyshevTemplates.Build(x, length, x.Length - length + 1).CountNeighboursIncludingSelf(r);
}
