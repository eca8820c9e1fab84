namespace Attune.Analysis.CheckIns;

/// <summary>
/// A straight-line trend y = Intercept + Slope·x fitted by ordinary least squares, with the slope's
/// standard error and a t-based confidence interval.
/// </summary>
/// <param name="Slope">b, units of y per unit of x (for a weekly trend: per week).</param>
/// <param name="StandardError">SE(b) = √(s²/Sxx), s² = RSS/(n − 2); 0 when the points lie on a line.</param>
/// <param name="Lower">b − t·SE(b).</param>
/// <param name="Upper">b + t·SE(b).</param>
/// <param name="Intercept">a = ȳ − b·x̄, units of y.</param>
/// <param name="Points">n, the number of (x, y) points.</param>
/// <param name="Confidence">Two-sided confidence level, for example 0.95.</param>
public sealed record LinearTrend(double Slope, double StandardError, double Lower, double Upper, double Intercept, int Points, double Confidence)
{
    /// <summary>Fewest points for a slope with a standard error: 3 (one residual degree of freedom).</summary>
    public const int MinimumPoints = 3;

    /// <summary>
    /// Fits y on x by ordinary least squares.
    /// </summary>
    /// <remarks>
    /// <para>x̄, ȳ; Sxx = Σ(x − x̄)², Sxy = Σ(x − x̄)(y − ȳ); b = Sxy/Sxx; a = ȳ − b·x̄;
    /// RSS = Σ(y − a − b·x)² (summed from the residuals, not as Syy − b·Sxy, which cancels badly when
    /// the fit is close); s² = RSS/(n − 2) (unbiased); SE(b) = √(s²/Sxx); the interval is
    /// b ± t₁₋α/₂,ₙ₋₂·SE(b) with Student's t on n − 2 degrees of freedom (Draper &amp; Smith 1998,
    /// Applied Regression Analysis, 3rd ed., ch. 1).</para>
    /// <para>The interval assumes independent residuals of constant variance; week-to-week values of a
    /// person are often autocorrelated, which makes it too narrow. It describes, it does not test.</para>
    /// <para>Edges: fewer than <see cref="MinimumPoints"/> points is
    /// <see cref="ShortfallReason.TooFewObservations"/>; all x equal (Sxx = 0) is
    /// <see cref="ShortfallReason.NoVariation"/>. Points exactly on a line give SE = 0 and a zero-width
    /// interval. Three passes over the data, no allocation.</para>
    /// </remarks>
    /// <param name="x">Predictor values (finite).</param>
    /// <param name="y">Responses (finite), as many as <paramref name="x"/>.</param>
    /// <param name="confidence">Two-sided level strictly between 0 and 1; default 0.95.</param>
    /// <exception cref="ArgumentException">Lengths differ or a value is not finite.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The confidence is outside (0, 1).</exception>
    public static Statistic<LinearTrend> Fit(ReadOnlySpan<double> x, ReadOnlySpan<double> y, double confidence = ProportionInterval.DefaultConfidence)
    {
        if (x.Length != y.Length)
        {
            throw new ArgumentException($"x has {x.Length} values and y {y.Length}.", nameof(y));
        }
        CriticalValues.Validate(confidence);
        var n = x.Length;
        double sumX = 0, sumY = 0;
        for (var i = 0; i < n; i++)
        {
            if (!double.IsFinite(x[i]) || !double.IsFinite(y[i]))
            {
                throw new ArgumentException($"Point {i} is not finite.", double.IsFinite(x[i]) ? nameof(y) : nameof(x));
            }
            sumX += x[i];
            sumY += y[i];
        }
        if (n < MinimumPoints)
        {
            return Statistic<LinearTrend>.NotComputable(ShortfallReason.TooFewObservations, MinimumPoints, n);
        }
        var meanX = sumX / n;
        var meanY = sumY / n;
        double sxx = 0, sxy = 0;
        for (var i = 0; i < n; i++)
        {
            var dx = x[i] - meanX;
            sxx += dx * dx;
            sxy += dx * (y[i] - meanY);
        }
        if (!(sxx > 0))
        {
            return Statistic<LinearTrend>.NotComputable(ShortfallReason.NoVariation, 2, 1);
        }
        var slope = sxy / sxx;
        var intercept = meanY - slope * meanX;
        double rss = 0;
        for (var i = 0; i < n; i++)
        {
            var e = y[i] - meanY - slope * (x[i] - meanX);
            rss += e * e;
        }
        var se = Math.Sqrt(rss / (n - 2) / sxx);
        var t = CriticalValues.StudentT(confidence, n - 2);
        return Statistic<LinearTrend>.Computed(new LinearTrend(slope, se, slope - t * se, slope + t * se, intercept, n, confidence));
    }
}
