namespace Attune.Analysis.CheckIns;

/// <summary>
/// A binomial proportion with its Wilson score confidence interval, for example "activated in 12 of
/// 40 check-ins: 30 % (18 % to 45 %)".
/// </summary>
/// <param name="Successes">Number of trials with the outcome, x.</param>
/// <param name="Trials">Number of trials, n (at least 1).</param>
/// <param name="Proportion">p̂ = x/n, a fraction in [0, 1].</param>
/// <param name="Lower">Lower confidence limit, a fraction in [0, p̂]; exactly 0 when x = 0.</param>
/// <param name="Upper">Upper confidence limit, a fraction in [p̂, 1]; exactly 1 when x = n.</param>
/// <param name="Confidence">Two-sided confidence level, for example 0.95.</param>
public sealed record ProportionInterval(int Successes, int Trials, double Proportion, double Lower, double Upper, double Confidence)
{
    /// <summary>The usual confidence level: 95 %.</summary>
    public const double DefaultConfidence = 0.95;

    /// <summary>
    /// The Wilson score interval for x successes in n trials (Wilson 1927; Newcombe 1998, method 3,
    /// without continuity correction).
    /// </summary>
    /// <remarks>
    /// <para>With p̂ = x/n, q̂ = 1 − p̂ and z = Φ⁻¹(1 − α/2) (1.959964 at 95 %, not the rounded 1.96):</para>
    /// <para>L, U = (2np̂ + z² ∓ z√(z² + 4np̂q̂)) / (2(n + z²))  (Newcombe 1998, eq. for method 3).</para>
    /// <para>The interval inverts the score test, so it never leaves [0, 1], is never of zero width,
    /// and keeps close to nominal coverage for small n and for p̂ near 0 or 1, where the Wald interval
    /// p̂ ± z√(p̂q̂/n) fails (Newcombe 1998; Brown, Cai &amp; DasGupta 2001). Edges: x = 0 gives L = 0
    /// exactly and U = z²/(n + z²); x = n gives U = 1 exactly and L = n/(n + z²). n = 0 is not
    /// computable (<see cref="ShortfallReason.TooFewObservations"/>, 1 required).</para>
    /// <para>References: Wilson EB (1927) Probable inference, the law of succession, and statistical
    /// inference. JASA 22:209–212. Newcombe RG (1998) Two-sided confidence intervals for the single
    /// proportion: comparison of seven methods. Statistics in Medicine 17:857–872.</para>
    /// </remarks>
    /// <param name="successes">x, 0 ≤ x ≤ n.</param>
    /// <param name="trials">n ≥ 0.</param>
    /// <param name="confidence">Two-sided level strictly between 0 and 1; default 0.95.</param>
    /// <exception cref="ArgumentOutOfRangeException">A negative count, x &gt; n, or a confidence level outside (0, 1).</exception>
    public static Statistic<ProportionInterval> Wilson(int successes, int trials, double confidence = DefaultConfidence)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(trials);
        ArgumentOutOfRangeException.ThrowIfNegative(successes);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(successes, trials);
        var z = CriticalValues.Normal(confidence);
        if (trials == 0)
        {
            return Statistic<ProportionInterval>.NotComputable(ShortfallReason.TooFewObservations, 1, 0);
        }
        double n = trials;
        var p = successes / n;
        var z2 = z * z;
        var centre = 2 * n * p + z2;
        var halfWidth = z * Math.Sqrt(z2 + 4 * n * p * (1 - p));
        var denominator = 2 * (n + z2);
        // At the edges the formula gives 0 and 1 only up to rounding; the exact limits are known.
        var lower = successes == 0 ? 0 : (centre - halfWidth) / denominator;
        var upper = successes == trials ? 1 : (centre + halfWidth) / denominator;
        return Statistic<ProportionInterval>.Computed(new ProportionInterval(successes, trials, p, lower, upper, confidence));
    }
}
