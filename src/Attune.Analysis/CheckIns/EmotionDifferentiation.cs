namespace Attune.Analysis.CheckIns;

/// <summary>
/// Emotion differentiation (granularity) from repeated intensity ratings of same-valence emotions.
/// </summary>
/// <param name="Differentiation">1 − ICC(3,k): 0 when the emotions always move together (coarse), higher
/// when they vary apart (fine-grained). Above 1 when the ICC is negative.</param>
/// <param name="Consistency">The intraclass correlations and mean squares it comes from.</param>
public sealed record EmotionDifferentiation(double Differentiation, IccConsistency Consistency)
{
    /// <summary>Default fewest complete check-ins: 20 (a product floor; see <see cref="Compute"/>).</summary>
    public const int DefaultMinimumCheckIns = 20;

    /// <summary>
    /// Differentiation = 1 − ICC(3,k), the average-measures consistency ICC across the emotions,
    /// with check-ins as targets and emotions as raters (Barrett, Gross, Christensen &amp; Benvenuto
    /// 2001; Tugade, Fredrickson &amp; Barrett 2004).
    /// </summary>
    /// <remarks>
    /// <para>Give one valence at a time (for example the ratings of anxious, angry, sad, ashamed at each
    /// check-in): the research measure is computed separately for negative and for positive emotions.
    /// A high ICC means that when one emotion is rated high the others are too, so the words are
    /// used as near-synonyms for feeling bad (or good); 1 − ICC is then low.</para>
    /// <para>Estimator: <see cref="IntraclassCorrelation.Consistency"/> (Shrout &amp; Fleiss 1979,
    /// ICC(3,k)); incomplete check-ins are left out. The ICC is not Fisher-transformed and not clamped,
    /// so differentiation can exceed 1 when ratings move against each other. Some studies report
    /// the ICC itself, or its Fisher z, and reverse it in the analysis; this reports 1 − ICC so that
    /// higher means finer.</para>
    /// <para>Minimum: fewer than <paramref name="minimumCheckIns"/> complete check-ins (default 20) is
    /// <see cref="ShortfallReason.TooFewObservations"/>. The floor is a product choice, not a
    /// published threshold: the ICC of a few rows swings widely, and experience-sampling studies
    /// collect several dozen occasions per person. BMS = 0 is <see cref="ShortfallReason.NoVariation"/>.</para>
    /// <para>References: Barrett LF, Gross J, Christensen TC, Benvenuto M (2001) Knowing what you're
    /// feeling and knowing what to do about it. Cognition and Emotion 15:713–724. Tugade MM,
    /// Fredrickson BL, Barrett LF (2004) Psychological resilience and positive emotional granularity.
    /// Journal of Personality 72:1161–1190. Shrout &amp; Fleiss (1979).</para>
    /// </remarks>
    /// <param name="ratings">Same-valence emotion ratings, check-ins × emotions.</param>
    /// <param name="minimumCheckIns">Fewest complete check-ins, at least 2.</param>
    /// <exception cref="ArgumentOutOfRangeException">A minimum below 2.</exception>
    public static Statistic<EmotionDifferentiation> Compute(EmotionRatings ratings, int minimumCheckIns = DefaultMinimumCheckIns)
    {
        ArgumentNullException.ThrowIfNull(ratings);
        ArgumentOutOfRangeException.ThrowIfLessThan(minimumCheckIns, 2);
        var icc = IntraclassCorrelation.Consistency(ratings);
        if (!icc.IsComputed)
        {
            return icc.Shortfall.Reason == ShortfallReason.TooFewObservations
                ? Statistic<EmotionDifferentiation>.NotComputable(ShortfallReason.TooFewObservations, minimumCheckIns, icc.Shortfall.Available)
                : Statistic<EmotionDifferentiation>.NotComputable(icc.Shortfall);
        }
        if (icc.Value.Targets < minimumCheckIns)
        {
            return Statistic<EmotionDifferentiation>.NotComputable(ShortfallReason.TooFewObservations, minimumCheckIns, icc.Value.Targets);
        }
        return Statistic<EmotionDifferentiation>.Computed(new EmotionDifferentiation(1 - icc.Value.Icc3k, icc.Value));
    }
}
