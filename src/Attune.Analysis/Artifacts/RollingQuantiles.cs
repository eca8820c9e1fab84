namespace Attune.Analysis.Artifacts;

/// <summary>
/// Centred moving quantiles with windows clipped at the ends (pandas
/// <c>rolling(w, center=True, min_periods=1).quantile(q)</c>, linear interpolation). A sorted copy of
/// the window is updated in place as it slides: two binary searches, then one block move of the
/// values between the leaving and the entering one. O(n·(log w + w)) with the O(w) part a memmove;
/// no sort per step.
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
            var drop = i - half - 1;
            var add = i + half;
            if (drop >= 0 && add < n)
            {
                Replace(sorted, count, x[drop], x[add]);
            }
            else if (drop >= 0)
            {
                Remove(sorted, ref count, x[drop]);
            }
            else if (add < n)
            {
                Insert(sorted, ref count, x[add]);
            }
            lower[i] = Quantile(sorted, count, qLower);
            upper[i] = Quantile(sorted, count, qUpper);
        }
    }

    private static double Quantile(double[] sorted, int count, double q)
    {
        var pos = q * (count - 1);
        var lo = (int)pos;
        var frac = pos - lo;
        return frac == 0 ? sorted[lo] : sorted[lo] + (sorted[lo + 1] - sorted[lo]) * frac;
    }

    /// <summary>First index whose value is ≥ <paramref name="value"/>.</summary>
    private static int LowerBound(double[] sorted, int count, double value)
    {
        int lo = 0, hi = count;
        while (lo < hi)
        {
            var mid = (lo + hi) >> 1;
            if (sorted[mid] < value)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }
        return lo;
    }

    private static void Replace(double[] sorted, int count, double leaving, double entering)
    {
        var at = LowerBound(sorted, count, leaving);
        if (entering > leaving)
        {
            // Values in (at, target] move one place left; the new value takes the last place.
            var target = LowerBound(sorted, count, entering) - 1;
            Array.Copy(sorted, at + 1, sorted, at, target - at);
            sorted[target] = entering;
        }
        else if (entering < leaving)
        {
            var target = LowerBound(sorted, at, entering);
            Array.Copy(sorted, target, sorted, target + 1, at - target);
            sorted[target] = entering;
        }
    }

    private static void Insert(double[] sorted, ref int count, double value)
    {
        var at = LowerBound(sorted, count, value);
        Array.Copy(sorted, at, sorted, at + 1, count - at);
        sorted[at] = value;
        count++;
    }

    private static void Remove(double[] sorted, ref int count, double value)
    {
        var at = LowerBound(sorted, count, value);
        Array.Copy(sorted, at + 1, sorted, at, count - at - 1);
        count--;
    }
}
