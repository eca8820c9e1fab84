using Attune.Analysis.Series;

namespace Attune.Analysis.Hrv;

/// <summary>
/// Sample entropy SampEn(m, r, N) (Richman &amp; Moorman 2000).
/// </summary>
public static class SampleEntropy
{
    /// <summary>Default embedding dimension m.</summary>
    public const int DefaultDimension = 2;

    /// <summary>Default tolerance as a fraction of the series' standard deviation (N − 1).</summary>
    public const double DefaultToleranceFraction = 0.2;

    /// <summary>
    /// SampEn = −ln(A/B), r = <paramref name="toleranceFraction"/>·SD(RR) with SD the sample standard
    /// deviation (N − 1).
    /// </summary>
    /// <remarks>
    /// Templates u_m(i) = (RR[i], …, RR[i+m−1]) for i = 0..N−m−1 (the same N − m starting points for
    /// lengths m and m + 1, as in Richman &amp; Moorman 2000, so that every length-m template has a
    /// continuation). B = number of pairs i &lt; j with Chebyshev distance max_k |RR[i+k] − RR[j+k]| ≤ r
    /// at length m; A = the same at length m + 1. Self-matches are excluded. Returns +∞ when A = 0 and
    /// B &gt; 0 (no regularity found), NaN when B = 0. Exact counts by orthogonal range counting in
    /// O(N log² N) for m = 1 and 2 (<see cref="TemplateRangeCounts"/>; other m by a sorted-window
    /// comparison, see docs/numerics/hrv.md), with results identical to the O(N²) definition.
    /// </remarks>
    /// <exception cref="ArgumentException">m &lt; 1.</exception>
    /// <exception cref="InsufficientDataException">Fewer than m + 2 intervals (<see cref="InsufficientDataReason.NotEnoughBeats"/>).</exception>
    public static double Compute(RrSeries series, int dimension = DefaultDimension, double toleranceFraction = DefaultToleranceFraction)
    {
        ArgumentNullException.ThrowIfNull(series);
        var x = series.IntervalsMs;
        var r = toleranceFraction * Descriptive.SampleStandardDeviation(x);
        var (a, b) = CountMatches(x.ToArray(), dimension, r);
        return FromCounts(a, b);
    }

    internal static double FromCounts(long a, long b) =>
        b == 0 ? double.NaN : a == 0 ? double.PositiveInfinity : -Math.Log((double)a / b);

    /// <summary>A = matching pairs at length m + 1, B = at length m, over templates i = 0..N−m−1.</summary>
    internal static (long A, long B) CountMatches(double[] x, int dimension, double r)
    {
        if (dimension < 1)
        {
            throw new ArgumentException("The embedding dimension must be at least 1.", nameof(dimension));
        }
        if (x.Length < dimension + 2)
        {
            throw new InsufficientDataException(InsufficientDataReason.NotEnoughBeats, $"Sample entropy with m = {dimension} needs at least {dimension + 2} values; got {x.Length}.");
        }
        if (TemplateRangeCounts.Supports(dimension))
        {
            var (countsM, countsM1) = TemplateRangeCounts.NeighbourCounts(x, dimension, r);
            return EntropyPair.SampleEntropyCounts(countsM, countsM1, x.Length, dimension);
        }
        // Length m + 1 templates over i = 0..N−m−1: pairs matching on the first m coordinates are B,
        // on all m + 1 they are A.
        var (b, a) = ChebyshevTemplates.Build(x, dimension + 1, x.Length - dimension).CountPairs(r);
        return (a, b);
    }
}
