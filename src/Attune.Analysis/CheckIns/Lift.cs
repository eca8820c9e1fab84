namespace Attune.Analysis.CheckIns;

/// <summary>
/// How a state goes with a context tag, for one tag and one state, once both groups are large enough.
/// </summary>
/// <param name="StateGivenTag">P(state | tag) = a/n₁ with its Wilson interval.</param>
/// <param name="StateGivenNoTag">P(state | no tag) = c/n₀ with its Wilson interval.</param>
/// <param name="StateOverall">P(state) = (a + c)/N, a fraction in [0, 1].</param>
/// <param name="Lift">Lift = P(state | tag)/P(state) with an interval mapped from the risk ratio's
/// (see <see cref="CheckIns.Lift.Compute"/>); not computable when a or c is 0.</param>
/// <param name="RiskRatio">P(state | tag)/P(state | no tag) with the Katz log interval; not computable when a or c is 0.</param>
public sealed record LiftEstimate(
    ProportionInterval StateGivenTag,
    ProportionInterval StateGivenNoTag,
    double StateOverall,
    Statistic<RatioInterval> Lift,
    Statistic<RatioInterval> RiskRatio);

/// <summary>The counts for one tag and one state, always; the estimate only above the minimum counts.</summary>
/// <param name="Counts">The 2 × 2 counts, shown whether or not the estimate is.</param>
/// <param name="Estimate">The estimate, or <see cref="ShortfallReason.TooFewWithTag"/> /
/// <see cref="ShortfallReason.TooFewWithoutTag"/> with the minimum and the count.</param>
public sealed record LiftResult(TagStateCounts Counts, Statistic<LiftEstimate> Estimate);

/// <summary>
/// Association between a context tag (who with, where, doing what) and a nervous-system state:
/// lift with an honest interval, and the risk ratio it comes from.
/// </summary>
public static class Lift
{
    /// <summary>Default minimum number of check-ins with the tag, and separately without it.</summary>
    public const int DefaultMinimumPerGroup = 10;

    /// <summary>
    /// Lift = P(state | tag)/P(state) = aN/(n₁(a + c)), the risk ratio RR = (a/n₁)/(c/n₀) with the
    /// Katz log interval, and both group proportions with Wilson intervals.
    /// </summary>
    /// <remarks>
    /// <para><b>What is reported.</b> Lift (as in association-rule mining: how much more often the
    /// state shows up when the tag is there than it does overall) is the number a person reads; the
    /// inference is made on the risk ratio of the state with the tag against without it, whose log
    /// interval (<see cref="CheckIns.RiskRatio.Katz"/>) is standard. With w = n₁/N fixed, as it is in
    /// the two-binomial model the Katz interval assumes (group sizes fixed, check-ins independent),
    /// lift is a strictly increasing function of RR:</para>
    /// <para>Lift = RR/(w·RR + 1 − w),</para>
    /// <para>so mapping the RR limits through it gives a lift interval with the same coverage, and
    /// lift's interval excludes 1 exactly when RR's does. The lift point estimate equals the mapped RR
    /// estimate. Lift is bounded above by 1/w; RR is not.</para>
    /// <para><b>Minimum counts.</b> Below <paramref name="minimumWithTag"/> check-ins with the tag or
    /// <paramref name="minimumWithoutTag"/> without it (default 10 each) no estimate is given, only
    /// the counts: proportions from a handful of check-ins swing too far to teach anything.</para>
    /// <para><b>Edges.</b> When the state never occurs with the tag (a = 0) or never without it
    /// (c = 0), lift and RR are reported as not computable (no log-scale interval exists), while both
    /// proportions with their Wilson intervals still are. Check-ins are treated as independent;
    /// several a day from one person are not, so the intervals are, if anything, too narrow. This is
    /// stated next to them, and nothing here is a test of cause.</para>
    /// <para>References: Katz et al. (1978); Wilson (1927); Newcombe (1998); Tan P-N, Kumar V,
    /// Srivastava J (2004) Selecting the right objective measure for association analysis.
    /// Information Systems 29:293–313 (lift, also called interest).</para>
    /// </remarks>
    /// <param name="counts">The 2 × 2 counts of the tag against the state.</param>
    /// <param name="minimumWithTag">Fewest check-ins with the tag for an estimate (≥ 1).</param>
    /// <param name="minimumWithoutTag">Fewest check-ins without the tag for an estimate (≥ 1).</param>
    /// <param name="confidence">Two-sided level strictly between 0 and 1; default 0.95.</param>
    /// <exception cref="ArgumentOutOfRangeException">A minimum below 1, or the confidence is outside (0, 1).</exception>
    public static LiftResult Compute(
        TagStateCounts counts,
        int minimumWithTag = DefaultMinimumPerGroup,
        int minimumWithoutTag = DefaultMinimumPerGroup,
        double confidence = ProportionInterval.DefaultConfidence)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(minimumWithTag, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(minimumWithoutTag, 1);
        CriticalValues.Validate(confidence);
        if (counts.WithTag < minimumWithTag)
        {
            return new LiftResult(counts, Statistic<LiftEstimate>.NotComputable(ShortfallReason.TooFewWithTag, minimumWithTag, counts.WithTag));
        }
        if (counts.WithoutTag < minimumWithoutTag)
        {
            return new LiftResult(counts, Statistic<LiftEstimate>.NotComputable(ShortfallReason.TooFewWithoutTag, minimumWithoutTag, counts.WithoutTag));
        }

        var withTag = ProportionInterval.Wilson(counts.StateWithTag, counts.WithTag, confidence).Value!;
        var withoutTag = ProportionInterval.Wilson(counts.StateWithoutTag, counts.WithoutTag, confidence).Value!;
        double total = counts.Total;
        var overall = counts.StateTotal / total;
        var riskRatio = RiskRatio.Katz(counts, confidence);
        Statistic<RatioInterval> lift;
        if (riskRatio.IsComputed)
        {
            var w = counts.WithTag / total;
            var rr = riskRatio.Value;
            // aN/(n₁(a + c)) directly, rather than through RR, so the point estimate has no extra rounding.
            var liftEstimate = (double)counts.StateWithTag * counts.Total / ((double)counts.WithTag * counts.StateTotal);
            lift = Statistic<RatioInterval>.Computed(new RatioInterval(liftEstimate, FromRiskRatio(rr.Lower, w), FromRiskRatio(rr.Upper, w), confidence));
        }
        else
        {
            lift = Statistic<RatioInterval>.NotComputable(riskRatio.Shortfall);
        }
        return new LiftResult(counts, Statistic<LiftEstimate>.Computed(new LiftEstimate(withTag, withoutTag, overall, lift, riskRatio)));
    }

    /// <summary>Lift = RR/(w·RR + 1 − w) for a share w of check-ins with the tag.</summary>
    internal static double FromRiskRatio(double riskRatio, double shareWithTag) =>
        riskRatio / (shareWithTag * riskRatio + 1 - shareWithTag);
}
