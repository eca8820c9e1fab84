using System.Buffers;

namespace Attune.Analysis.Spectral;

/// <summary>
/// Natural cubic spline through points (x, y), evaluated on an even grid in O(n).
/// </summary>
/// <remarks>
/// The second derivatives M at the knots solve the tridiagonal system
/// h[i-1]·M[i-1] + 2(h[i-1]+h[i])·M[i] + h[i]·M[i+1] = 6((y[i+1]-y[i])/h[i] - (y[i]-y[i-1])/h[i-1])
/// with natural end conditions M[0] = M[n-1] = 0, solved by the Thomas algorithm (the matrix is
/// strictly diagonally dominant, so no pivoting is needed). Reference: Press et al., Numerical
/// Recipes, 3rd ed. (2007), §3.3.
/// </remarks>
internal static class NaturalCubicSpline
{
    /// <summary>
    /// Evaluates the spline through (x, y) at <c>x0 + k/rateHz</c> for k = 0..output.Length-1.
    /// Points outside [x[0], x[^1]] are clamped to the end values. Requires n ≥ 2 strictly increasing x;
    /// with n = 2 the spline is the straight line.
    /// </summary>
    public static void EvaluateOnGrid(ReadOnlySpan<double> x, ReadOnlySpan<double> y, double x0, double rateHz, Span<double> output)
    {
        var n = x.Length;
        if (n < 2 || y.Length != n)
        {
            throw new ArgumentException("A spline needs at least two points and as many values as abscissae.", nameof(x));
        }
        // Scratch from the shared pool: a 24-hour record needs three ~1 MB arrays, which would
        // otherwise land on the large-object heap and trigger gen-2 collections on every call.
        var pool = ArrayPool<double>.Shared;
        var m = pool.Rent(n);
        try
        {
            m[0] = 0;
            m[n - 1] = 0;
            if (n > 2)
            {
                SolveSecondDerivatives(x, y, m);
            }
            Evaluate(x, y, m, x0, rateHz, output);
        }
        finally
        {
            pool.Return(m);
        }
    }

    private static void Evaluate(ReadOnlySpan<double> x, ReadOnlySpan<double> y, double[] m, double x0, double rateHz, Span<double> output)
    {
        var n = x.Length;

        var k = 0;
        for (var j = 0; j < output.Length; j++)
        {
            var t = x0 + j / rateHz;
            if (t <= x[0])
            {
                output[j] = y[0];
                continue;
            }
            if (t >= x[n - 1])
            {
                output[j] = y[n - 1];
                continue;
            }
            while (x[k + 1] < t)
            {
                k++;
            }
            var h = x[k + 1] - x[k];
            var a = (x[k + 1] - t) / h;
            var b = 1.0 - a;
            output[j] = a * y[k] + b * y[k + 1] + ((a * a * a - a) * m[k] + (b * b * b - b) * m[k + 1]) * (h * h) / 6.0;
        }
    }

    private static void SolveSecondDerivatives(ReadOnlySpan<double> x, ReadOnlySpan<double> y, double[] m)
    {
        var n = x.Length;
        // Thomas algorithm on the interior unknowns M[1..n-2]; cPrime holds the modified super-diagonal.
        var pool = ArrayPool<double>.Shared;
        var cPrime = pool.Rent(n);
        var dPrime = pool.Rent(n);
        cPrime[0] = 0;
        dPrime[0] = 0;
        for (var i = 1; i < n - 1; i++)
        {
            var hPrev = x[i] - x[i - 1];
            var h = x[i + 1] - x[i];
            var diag = 2.0 * (hPrev + h);
            var rhs = 6.0 * ((y[i + 1] - y[i]) / h - (y[i] - y[i - 1]) / hPrev);
            var sub = i > 1 ? hPrev : 0.0;
            var denom = diag - sub * cPrime[i - 1];
            cPrime[i] = h / denom;
            dPrime[i] = (rhs - sub * dPrime[i - 1]) / denom;
        }
        m[n - 2] = dPrime[n - 2];
        for (var i = n - 3; i >= 1; i--)
        {
            m[i] = dPrime[i] - cPrime[i] * m[i + 1];
        }
        pool.Return(cPrime);
        pool.Return(dPrime);
    }
}
