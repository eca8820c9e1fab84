namespace Attune.Analysis.Hrv;

/// <summary>Small descriptive statistics shared by the HRV measures.</summary>
internal static class Descriptive
{
    public static double Mean(ReadOnlySpan<double> x)
    {
        double sum = 0;
        for (var i = 0; i < x.Length; i++)
        {
            sum += x[i];
        }
        return sum / x.Length;
    }

    /// <summary>Sample standard deviation with the N − 1 denominator (two-pass); NaN when N &lt; 2.</summary>
    public static double SampleStandardDeviation(ReadOnlySpan<double> x)
    {
        if (x.Length < 2)
        {
            return double.NaN;
        }
        var mean = Mean(x);
        double ss = 0;
        for (var i = 0; i < x.Length; i++)
        {
            var d = x[i] - mean;
            ss += d * d;
        }
        return Math.Sqrt(ss / (x.Length - 1));
    }

    /// <summary>
    /// Quantile of sorted data with linear interpolation between order statistics
    /// (Hyndman &amp; Fan 1996 definition 7, numpy's default): h = (n − 1)·p,
    /// Q = x[⌊h⌋] + (h − ⌊h⌋)·(x[⌊h⌋+1] − x[⌊h⌋]).
    /// </summary>
    public static double QuantileOfSorted(ReadOnlySpan<double> sorted, double p)
    {
        var h = (sorted.Length - 1) * p;
        var lo = (int)Math.Floor(h);
        if (lo >= sorted.Length - 1)
        {
            return sorted[^1];
        }
        return sorted[lo] + (h - lo) * (sorted[lo + 1] - sorted[lo]);
    }
}
