namespace Attune.Analysis.Dyadic;

/// <summary>One partner's inertia–coordination parameters.</summary>
/// <param name="Intercept">b0_p, in the units of the input (after detrending, near 0).</param>
/// <param name="Inertia">How much a person's own deviation carries over one lag later (unitless).</param>
/// <param name="Coordination">How much the partner's deviation one lag earlier goes with the person's now (unitless).</param>
public sealed record InertiaCoordinationPartner(ParameterEstimate Intercept, ParameterEstimate Inertia, ParameterEstimate Coordination);

/// <summary>Result of the inertia–coordination model for one dyad.</summary>
/// <param name="PersonA">Parameters of the equation predicting A.</param>
/// <param name="PersonB">Parameters of the equation predicting B.</param>
/// <param name="AdjustedRSquared">Adjusted R² of the joint fit (uncentred, as R reports for rties' <c>-1</c> formula).</param>
/// <param name="Observations">Rows used (both partners stacked).</param>
/// <param name="LagSamples">Lag in samples.</param>
/// <param name="LagS">Lag in seconds.</param>
/// <param name="Reading">A plain-language description of this recording, never a diagnosis.</param>
public sealed record InertiaCoordinationResult(
    InertiaCoordinationPartner PersonA,
    InertiaCoordinationPartner PersonB,
    double AdjustedRSquared,
    int Observations,
    int LagSamples,
    double LagS,
    string Reading);

/// <summary>
/// The inertia–coordination model of rties (Butler 2011; rties <c>dataPrep</c> + <c>indivInertCoord</c>
/// with <c>whichModel = "inertCoord"</c>), fitted per dyad.
/// </summary>
/// <remarks>
/// <para>Model, for p ∈ {A, B} with partner q, on each person's linearly detrended series
/// (<see cref="LinearDetrend"/>):
/// <c>y_p(t) = b0_p + inertia_p · y_p(t − lag) + coordination_p · y_q(t − lag) + e(t)</c>
/// (equivalently y_p(t + lag) from values at t). Both equations are fitted jointly by OLS in rties'
/// form <c>obs ~ −1 + dist0 + dist1 + dist0:obs_Lag + dist0:p_obs_Lag + dist1:obs_Lag + dist1:p_obs_Lag</c>:
/// the person dummies give each partner an intercept and slopes; the point estimates equal two
/// separate regressions, while the standard errors use the pooled residual variance
/// s² = RSS/(n − 6). Rows with a missing value are dropped (R's <c>na.exclude</c>).</para>
/// <para>As in R for a formula with <c>−1</c>, R² uses the uncentred total sum of squares Σy² and
/// adj R² = 1 − (1 − R²)·n/(n − 6). rties estimates the model per dyad with <c>lm</c>, which we
/// match; its multilevel variants (<c>nlme::lme</c> across dyads) are not reproduced.</para>
/// <para>Interpretation: inertia near 1 means a person's state changes slowly (carries over);
/// coordination &gt; 0 means a person moves in the same direction as the partner did a lag earlier,
/// &lt; 0 the opposite direction. Lag defaults to 1 sample; at the CLI rate of 1 Hz that is 1 s.</para>
/// <para>References: Butler EA (2011). Temporal interpersonal emotion systems. Personality and Social
/// Psychology Review 15(4):367–393. Butler EA, rties: Modeling interpersonal dynamics (R package).</para>
/// </remarks>
public static class InertiaCoordination
{
    /// <summary>
    /// Fits the model to two evenly sampled series of equal length (NaN = missing) at
    /// <paramref name="rateHz"/> samples per second.
    /// </summary>
    /// <exception cref="ArgumentException">Lengths differ, lag &lt; 1 or rate not positive.</exception>
    /// <exception cref="InsufficientDataException">Too few complete rows, more than 6 needed
    /// (<see cref="InsufficientDataReason.TooShort"/>), or a flat series (<see cref="InsufficientDataReason.NoVariation"/>).</exception>
    public static InertiaCoordinationResult Fit(ReadOnlySpan<double> a, ReadOnlySpan<double> b, int lag = 1, double rateHz = 1.0)
    {
        if (a.Length != b.Length)
        {
            throw new ArgumentException($"Series lengths differ: {a.Length} and {b.Length}.", nameof(b));
        }
        ArgumentOutOfRangeException.ThrowIfLessThan(lag, 1);
        if (!(rateHz > 0))
        {
            throw new ArgumentException($"Rate must be positive; got {rateHz} Hz.", nameof(rateHz));
        }
        var ya = LinearDetrend.Apply(a);
        var yb = LinearDetrend.Apply(b);
        const int p = 6;
        var design = new List<double>(2 * a.Length * p);
        var target = new List<double>(2 * a.Length);
        AddRows(ya, yb, lag, personOffset: 0, design, target);
        AddRows(yb, ya, lag, personOffset: 3, design, target);
        var fit = OrdinaryLeastSquares.Fit(design.ToArray(), target.ToArray(), p, formulaHasIntercept: false);
        var c = fit.Coefficients;
        var personA = new InertiaCoordinationPartner(c[0], c[1], c[2]);
        var personB = new InertiaCoordinationPartner(c[3], c[4], c[5]);
        return new InertiaCoordinationResult(personA, personB, fit.AdjustedRSquared, fit.Observations, lag, lag / rateHz,
            DyadicReadings.InertiaCoordination(personA, personB));
    }

    // Columns: [int_A, inert_A, coord_A, int_B, inert_B, coord_B]; a person's rows fill their three.
    private static void AddRows(double[] self, double[] partner, int lag, int personOffset, List<double> design, List<double> target)
    {
        Span<double> row = stackalloc double[6];
        for (var t = lag; t < self.Length; t++)
        {
            var y = self[t];
            var own = self[t - lag];
            var other = partner[t - lag];
            if (double.IsNaN(y) || double.IsNaN(own) || double.IsNaN(other))
            {
                continue;
            }
            row.Clear();
            row[personOffset] = 1;
            row[personOffset + 1] = own;
            row[personOffset + 2] = other;
            foreach (var v in row)
            {
                design.Add(v);
            }
            target.Add(y);
        }
    }
}
