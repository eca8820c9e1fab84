namespace Attune.Analysis.Synchrony;

/// <summary>
/// The biased (acf-style) sample cross-correlation of R's <c>stats::ccf</c> (Box &amp; Jenkins;
/// Venables &amp; Ripley 2002, Modern Applied Statistics with S, ch. 14; R documentation of <c>acf</c>).
/// </summary>
/// <remarks>
/// <para>Formula, with x̄, ȳ the means of the whole series and n its length:
/// <c>c_xy(k) = (1/n) Σ_{t} (x_{t+k} − x̄)(y_t − ȳ)</c> over the n − |k| overlapping t, and
/// <c>ρ(k) = c_xy(k) / √(c_xx(0) c_yy(0))</c>. It divides by n, not n − |k|, and by the full-series
/// SDs, so |ρ(k)| shrinks towards 0 as |k| grows; it is not Pearson's r of the overlapping parts.</para>
/// <para>Sign: as in R, ρ(k) estimates cor(x[t + k], y[t]); a peak at negative k means x's past goes
/// with y's present (x leads). This is the opposite of <see cref="WindowedCrossCorrelation"/>'s
/// convention: R's <c>ccf(A, B)</c> at lag k equals our lag −k.</para>
/// <para>Edges: NaN everywhere when n &lt; 2, when a series is constant, or when any value is NaN
/// (R's default <c>na.action = na.fail</c> stops instead). |k| must be below n.</para>
/// </remarks>
public static class BiasedCrossCorrelation
{
    /// <summary>ρ(k) for k = −<paramref name="maxLag"/>…<paramref name="maxLag"/> (index k + maxLag).</summary>
    /// <exception cref="ArgumentException">Lengths differ, or maxLag is negative or not below n.</exception>
    public static double[] Compute(ReadOnlySpan<double> x, ReadOnlySpan<double> y, int maxLag)
    {
        if (x.Length != y.Length)
        {
            throw new ArgumentException($"Series lengths differ: {x.Length} and {y.Length}.", nameof(y));
        }
        var n = x.Length;
        if (maxLag < 0 || (n > 0 && maxLag >= n))
        {
            throw new ArgumentException($"maxLag must be in [0, {n - 1}]; got {maxLag}.", nameof(maxLag));
        }
        var result = new double[2 * maxLag + 1];
        double mx = 0, my = 0;
        for (var t = 0; t < n; t++)
        {
            mx += x[t];
            my += y[t];
        }
        mx /= n;
        my /= n;
        double cxx = 0, cyy = 0;
        for (var t = 0; t < n; t++)
        {
            cxx += (x[t] - mx) * (x[t] - mx);
            cyy += (y[t] - my) * (y[t] - my);
        }
        var denom = Math.Sqrt(cxx * cyy);
        if (n < 2 || !(denom > 0))
        {
            Array.Fill(result, double.NaN);
            return result;
        }
        for (var k = -maxLag; k <= maxLag; k++)
        {
            double c = 0;
            var from = Math.Max(0, -k);
            var to = Math.Min(n, n - k);
            for (var t = from; t < to; t++)
            {
                c += (x[t + k] - mx) * (y[t] - my);
            }
            // The 1/n factors of c_xy(k) and of the two c(0) cancel.
            result[k + maxLag] = c / denom;
        }
        return result;
    }
}
