namespace Attune.Analysis.CheckIns;

/// <summary>A ratio with its confidence interval.</summary>
/// <param name="Estimate">The point estimate (dimensionless; 1 = no difference).</param>
/// <param name="Lower">Lower confidence limit (&gt; 0).</param>
/// <param name="Upper">Upper confidence limit (finite).</param>
/// <param name="Confidence">Two-sided confidence level, for example 0.95.</param>
public sealed record RatioInterval(double Estimate, double Lower, double Upper, double Confidence);

/// <summary>
/// The risk ratio (relative risk) of two independent binomial proportions with the log (Katz)
/// confidence interval.
/// </summary>
public static class RiskRatio
{
    /// <summary>
    /// RR = (a/n₁)/(c/n₀) with the Katz log interval exp(ln RR ± z·SE), SE = √(1/a − 1/n₁ + 1/c − 1/n₀).
    /// </summary>
    /// <remarks>
    /// <para>The interval is Wald's on the log scale, with the delta-method variance of ln RR
    /// ("method C" of Katz, Baptista, Azen &amp; Pike 1978); Morris &amp; Gardner (1988) and Altman
    /// (1991, Practical Statistics for Medical Research) give the same formula. z = Φ⁻¹(1 − α/2), unrounded.</para>
    /// <para>Edges: a = 0 makes RR = 0 and c = 0 makes it infinite; ln RR and the SE then do not
    /// exist and the result is not computable (<see cref="ShortfallReason.StateNeverWithTag"/> or
    /// <see cref="ShortfallReason.StateNeverWithoutTag"/>, 1 required, 0 available). No 0.5 is added to
    /// the cells: the two group proportions with their Wilson intervals say what there is to say
    /// ("never in 25 check-ins"). When a = n₁ and c = n₀ the SE is 0 and the interval is [1, 1].</para>
    /// <para>References: Katz D, Baptista J, Azen SP, Pike MC (1978) Obtaining confidence intervals
    /// for the risk ratio in cohort studies. Biometrics 34:469–474. Morris JA, Gardner MJ (1988)
    /// Calculating confidence intervals for relative risks (odds ratios) and standardised ratios and
    /// rates. BMJ 296:1313–1316. Fagerland MW, Lydersen S, Laake P (2017) Statistical Analysis of
    /// Contingency Tables, ch. 4 (the Katz log interval).</para>
    /// </remarks>
    /// <param name="counts">a, n₁, c, n₀; each group must hold at least one check-in.</param>
    /// <param name="confidence">Two-sided level strictly between 0 and 1; default 0.95.</param>
    /// <exception cref="ArgumentOutOfRangeException">A group is empty, or the confidence is outside (0, 1).</exception>
    public static Statistic<RatioInterval> Katz(TagStateCounts counts, double confidence = ProportionInterval.DefaultConfidence)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(counts.WithTag, 1, nameof(counts));
        ArgumentOutOfRangeException.ThrowIfLessThan(counts.WithoutTag, 1, nameof(counts));
        var z = CriticalValues.Normal(confidence);
        if (counts.StateWithTag == 0)
        {
            return Statistic<RatioInterval>.NotComputable(ShortfallReason.StateNeverWithTag, 1, 0);
        }
        if (counts.StateWithoutTag == 0)
        {
            return Statistic<RatioInterval>.NotComputable(ShortfallReason.StateNeverWithoutTag, 1, 0);
        }
        double a = counts.StateWithTag, n1 = counts.WithTag, c = counts.StateWithoutTag, n0 = counts.WithoutTag;
        var ratio = a / n1 / (c / n0);
        // Each term 1/x − 1/n ≥ 0; a tiny negative from rounding when x = n is clamped.
        var variance = Math.Max(0, 1 / a - 1 / n1 + (1 / c - 1 / n0));
        var halfWidth = z * Math.Sqrt(variance);
        var logRatio = Math.Log(ratio);
        return Statistic<RatioInterval>.Computed(new RatioInterval(ratio, Math.Exp(logRatio - halfWidth), Math.Exp(logRatio + halfWidth), confidence));
    }
}
