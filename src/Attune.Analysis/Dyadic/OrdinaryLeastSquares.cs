using MathNet.Numerics.LinearAlgebra;

namespace Attune.Analysis.Dyadic;

/// <summary>Result of an OLS fit (internal building block of the dyadic models).</summary>
internal sealed record OlsFit(ParameterEstimate[] Coefficients, double RSquared, double AdjustedRSquared, int Observations, double ResidualVariance);

/// <summary>
/// Ordinary least squares by Householder QR: β = argmin ‖y − Xβ‖², Cov(β) = s² (XᵀX)⁻¹ with
/// s² = RSS/(n − p) and (XᵀX)⁻¹ = R⁻¹R⁻ᵀ. R² and adjusted R² follow R's <c>summary.lm</c>: with an
/// intercept in the formula the total sum of squares is centred, without one (<c>-1</c>) it is
/// Σy² (uncentred) and df_int = 0: adj R² = 1 − (1 − R²)(n − df_int)/(n − p).
/// </summary>
internal static class OrdinaryLeastSquares
{
    /// <summary>Fits y on the columns of <paramref name="design"/> (row-major, n × p).</summary>
    /// <exception cref="InsufficientDataException">n ≤ p (<see cref="InsufficientDataReason.TooShort"/>) or the design is rank
    /// deficient (<see cref="InsufficientDataReason.NoVariation"/>).</exception>
    public static OlsFit Fit(double[] design, double[] y, int p, bool formulaHasIntercept)
    {
        var n = y.Length;
        if (n <= p)
        {
            throw new InsufficientDataException(InsufficientDataReason.TooShort, $"Need more complete observations ({n}) than parameters ({p}).");
        }
        var x = Matrix<double>.Build.Dense(n, p, (i, j) => design[i * p + j]);
        var yv = Vector<double>.Build.Dense(y);
        var qr = x.QR(MathNet.Numerics.LinearAlgebra.Factorization.QRMethod.Thin);
        var r = qr.R;
        for (var j = 0; j < p; j++)
        {
            if (Math.Abs(r[j, j]) < 1e-12 * Math.Max(1.0, Math.Abs(r[0, 0])))
            {
                throw new InsufficientDataException(InsufficientDataReason.NoVariation, "The predictors are collinear (for example a flat series), so the model cannot be fitted.");
            }
        }
        var beta = qr.Solve(yv);
        var residuals = yv - x * beta;
        var rss = residuals.DotProduct(residuals);
        var s2 = rss / (n - p);
        var rInv = r.Inverse();
        var cov = rInv * rInv.Transpose();

        double tss;
        if (formulaHasIntercept)
        {
            var mean = yv.Average();
            tss = 0;
            for (var i = 0; i < n; i++)
            {
                tss += (y[i] - mean) * (y[i] - mean);
            }
        }
        else
        {
            tss = yv.DotProduct(yv);
        }
        var r2 = tss > 0 ? 1 - rss / tss : double.NaN;
        var dfInt = formulaHasIntercept ? 1 : 0;
        var adj = 1 - (1 - r2) * (n - dfInt) / (n - p);
        var coefficients = new ParameterEstimate[p];
        for (var j = 0; j < p; j++)
        {
            coefficients[j] = new ParameterEstimate(beta[j], Math.Sqrt(s2 * cov[j, j]));
        }
        return new OlsFit(coefficients, r2, adj, n, s2);
    }
}
