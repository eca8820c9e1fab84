namespace Attune.Analysis.Artifacts;

/// <summary>
/// Centred moving quantiles with windows clipped at the ends (pandas
/// <c>rolling(w, center=True, min_periods=1).quantile(q)</c>, linear interpolation). A sorted copy of
/// the window is updated by one insertion and one removal per step: O(n·w) memory moves with a tiny
/// constant, no sort per step.
/// </summary>
internal static class RollingQuantiles
{
    /// <summary>Fills <paramref name="lower"/> and <paramref name="upper"/> with quantiles
    /// <paramref name="qLower"/> and <paramref name="qUpper"/> of x over windows of
    /// <paramref name="width"/> (odd) centred on each point.</summary>
    public static void Compute(ReadOnlySpan<double> x, int width, double qLower, double qUpper, Span<double> lower, Span<double> upper)
    {
        var n = x.Length;
        var half = width / 2;
        var sorted = new double[Math.Min(width, n)];
        var count = 0;
        for (var k = 0; k < Math.Min(half, n); k++)
        {
            Insert(sorted, ref count, x[k]);
        }
        for (var i = 0; i < n; i++)
        {
            var add = i + half;
            if (add < n)
            {
                Insert(sorted, ref count, x[add]);
            }
            var drop = i - half - 1;
            if (drop >= 0)
            {
                Remove(sorted, ref count, x[drop]);
            }
            var window = sorted.AsSpan(0, count);
            lower[i] = Quantile(window, qLower);
            upper[i] = Quantile(window, qUpper);
        }
    }

    private static double Quantile(ReadOnlySpan<double> sorted, double q)
    {
        var pos = q * (sorted.Length - 1);
        var lo = (int)pos;
        var frac = pos - lo;
        return frac == 0 ? sorted[lo] : sorted[lo] + (sorted[lo + 1] - sorted[lo]) * frac;
    }

    private static void Insert(double[] sorted, ref int count, double value)
    {
        var at = sorted.AsSpan(0, count).BinarySearch(value);
        if (at < 0)
        {
            at = ~at;
        }
        sorted.AsSpan(at, count - at).CopyTo(sorted.AsSpan(at + 1));
        sorted[at] = value;
        count++;
    }

    private static void Remove(double[] sorted, ref int count, double value)
    {
        var at = sorted.AsSpan(0, count).BinarySearch(value);
        sorted.AsSpan(at + 1, count - at - 1).CopyTo(sorted.AsSpan(at));
        count--;
    }
}
