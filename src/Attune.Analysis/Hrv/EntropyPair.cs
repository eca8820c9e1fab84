using Attune.Analysis.Series;

namespace Attune.Analysis.Hrv;

/// <summary>
/// SampEn and ApEn of one series from a single template sort and sweep, for the report, which needs
/// both with the same m and r. Values are identical to <see cref="SampleEntropy.Compute"/> and
/// <see cref="ApproximateEntropy.Compute"/>: the pair counts are the same integers, derived from the
/// per-template neighbour counts that ApEn needs anyway.
/// </summary>
internal static class EntropyPair
{
    /// <summary>(SampEn, ApEn) with r = <paramref name="toleranceFraction"/>·SD(RR), SD with N − 1.</summary>
    /// <exception cref="ArgumentException">m &lt; 1.</exception>
    /// <exception cref="InsufficientDataException">Fewer than m + 2 intervals.</exception>
    public static (double SampEn, double ApEn) Compute(RrSeries series, int dimension, double toleranceFraction)
    {
        ArgumentNullException.ThrowIfNull(series);
        var x = series.IntervalsMs;
        var r = toleranceFraction * Descriptive.SampleStandardDeviation(x);
        var data = x.ToArray();
        var (countsM, countsM1) = ApproximateEntropy.Counts(data, dimension, r);
        var (a, b) = SampleEntropyCounts(countsM, countsM1, data.Length, dimension);
        return (SampleEntropy.FromCounts(a, b), ApproximateEntropy.FromCounts(countsM, countsM1, data.Length, dimension));
    }

    /// <summary>
    /// SampEn's A and B from ApEn's neighbour counts (self included) over the N − m + 1 length-m
    /// templates. SampEn uses only the first T = N − m templates; the last one, L = N − m, has no
    /// continuation. Σ_i countsM[i] = (N − m + 1) + 2·(pairs at length m among all templates), and L
    /// takes part in countsM[L] − 1 of those pairs, so B = (Σ countsM − (N − m + 1))/2 − (countsM[L] − 1).
    /// L never matches at length m + 1, so A = (Σ_{i&lt;T} countsM1[i] − T)/2.
    /// </summary>
    internal static (long A, long B) SampleEntropyCounts(int[] countsM, int[] countsM1, int n, int dimension)
    {
        var templates = n - dimension;
        long sumM = 0, sumM1 = 0;
        for (var i = 0; i < templates; i++)
        {
            sumM += countsM[i];
            sumM1 += countsM1[i];
        }
        var last = countsM[templates];
        sumM += last;
        var b = (sumM - (templates + 1)) / 2 - (last - 1);
        var a = (sumM1 - templates) / 2;
        return (a, b);
    }
}
