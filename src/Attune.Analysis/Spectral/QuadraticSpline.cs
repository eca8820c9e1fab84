namespace Attune.Analysis.Spectral;

/// <summary>
/// Quadratic interpolating B-spline as SciPy builds it for <c>interp1d(kind="quadratic")</c>
/// (<c>make_interp_spline(x, y, k=2)</c>), which NeuroKit2's <c>signal_interpolate</c> uses by default.
/// </summary>
/// <remarks>
/// Knots: x[0] three times, the midpoints (x[i] + x[i+1])/2 for i = 1 … n − 3 (the first and last midpoints
/// left out, "not-a-knot" style), x[n−1] three times; n coefficients. Data site x[j] lies in the knot span of
/// basis functions j − 1, j, j + 1, so the collocation system is tridiagonal with rows 0 and n − 1 the identity
/// (B-spline collocation matrices are totally positive, so elimination without pivoting is stable; de Boor
/// 1978, ch. XIII). Values are evaluated by de Boor's recurrence. Outside [x[0], x[n−1]] the first and last
/// values are used (interp1d's <c>fill_value=(y[0], y[-1])</c> in NeuroKit2). Requires n ≥ 3.
/// </remarks>
internal static class QuadraticSpline
{
    /// <summary>Evaluates the spline through (x, y) at the increasing abscissae <c>x0 + k·step</c>, k = 0 … output.Length − 1.</summary>
    public static void EvaluateOnGrid(ReadOnlySpan<double> x, ReadOnlySpan<double> y, double x0, double step, Span<double> output)
    {
        var n = x.Length;
        if (n < 3 || y.Length != n)
        {
            throw new ArgumentException("A quadratic spline needs at least three points and as many values as abscissae.", nameof(x));
        }
        var knots = new double[n + 3];
        knots[0] = knots[1] = knots[2] = x[0];
        for (var i = 1; i <= n - 3; i++)
        {
            knots[i + 2] = (x[i] + x[i + 1]) / 2;
        }
        knots[n] = knots[n + 1] = knots[n + 2] = x[n - 1];

        var c = Coefficients(x, y, knots);
        var span = 2;
        for (var k = 0; k < output.Length; k++)
        {
            var xv = x0 + k * step;
            if (xv < x[0])
            {
                output[k] = y[0];
                continue;
            }
            if (xv > x[n - 1])
            {
                output[k] = y[n - 1];
                continue;
            }
            while (span < n - 1 && xv >= knots[span + 1])
            {
                span++;
            }
            output[k] = Evaluate(knots, c, span, xv);
        }
    }

    // Solves Σ_i c[i]·B_i(x[j]) = y[j]; row j has bases j − 1, j, j + 1 (rows 0 and n − 1 are c = y).
    private static double[] Coefficients(ReadOnlySpan<double> x, ReadOnlySpan<double> y, double[] knots)
    {
        var n = x.Length;
        var lower = new double[n];
        var diag = new double[n];
        var upper = new double[n];
        var rhs = new double[n];
        diag[0] = 1;
        rhs[0] = y[0];
        diag[n - 1] = 1;
        rhs[n - 1] = y[n - 1];
        Span<double> b = stackalloc double[3];
        for (var j = 1; j < n - 1; j++)
        {
            Basis(knots, j + 1, x[j], b);
            lower[j] = b[0];
            diag[j] = b[1];
            upper[j] = b[2];
            rhs[j] = y[j];
        }
        for (var j = 1; j < n; j++)
        {
            var m = lower[j] / diag[j - 1];
            diag[j] -= m * upper[j - 1];
            rhs[j] -= m * rhs[j - 1];
        }
        var c = new double[n];
        c[n - 1] = rhs[n - 1] / diag[n - 1];
        for (var j = n - 2; j >= 0; j--)
        {
            c[j] = (rhs[j] - upper[j] * c[j + 1]) / diag[j];
        }
        return c;
    }

    // The three non-zero quadratic B-splines on knot span [t[span], t[span+1]) at v (Cox–de Boor).
    private static void Basis(double[] t, int span, double v, Span<double> b)
    {
        var left1 = v - t[span];
        var left2 = v - t[span - 1];
        var right1 = t[span + 1] - v;
        var right2 = t[span + 2] - v;
        var b0 = 1.0;
        var a = b0 / (right1 + left1);
        var n0 = right1 * a;
        var n1 = left1 * a;
        var s0 = n0 / (right1 + left2);
        var s1 = n1 / (right2 + left1);
        b[0] = right1 * s0;
        b[1] = left2 * s0 + right2 * s1;
        b[2] = left1 * s1;
    }

    private static double Evaluate(double[] t, double[] c, int span, double v)
    {
        var d0 = c[span - 2];
        var d1 = c[span - 1];
        var d2 = c[span];
        var a2 = (v - t[span]) / (t[span + 2] - t[span]);
        var a1 = (v - t[span - 1]) / (t[span + 1] - t[span - 1]);
        d2 = (1 - a2) * d1 + a2 * d2;
        d1 = (1 - a1) * d0 + a1 * d1;
        var a = (v - t[span]) / (t[span + 1] - t[span]);
        return (1 - a) * d1 + a * d2;
    }
}
