namespace Attune.Analysis.Measures;

/// <summary>A scored questionnaire.</summary>
/// <param name="Kind">Which measure.</param>
/// <param name="Total">Sum of the item answers, 0 to <see cref="MaxTotal"/>.</param>
/// <param name="MaxTotal">The highest possible total (WHO-5 25, PHQ-9 27, GAD-7 21, CSI-4 21).</param>
/// <param name="Band">The published range the total falls in.</param>
/// <param name="Percentage">WHO-5 only: 4 × the raw total, 0–100; null for the others.</param>
/// <param name="SafetyScreen">PHQ-9 only: true when item 9 (thoughts of being better off dead or of self-harm) is above 0.</param>
public sealed record MeasureScore(MeasureKind Kind, int Total, int MaxTotal, SeverityBand Band, int? Percentage, bool SafetyScreen);

/// <summary>What scoring a set of answers came to: a score, or why the answers cannot be scored.</summary>
public abstract record ScoringOutcome
{
    /// <summary>The answers fit the measure.</summary>
    /// <param name="Score">Their total, band and flags.</param>
    public sealed record Scored(MeasureScore Score) : ScoringOutcome;

    /// <summary>The answers do not fit the measure.</summary>
    /// <param name="Item">Zero-based index of the first offending answer, or null when the count is wrong.</param>
    /// <param name="Problem">What is wrong, in a sentence.</param>
    public sealed record Rejected(int? Item, string Problem) : ScoringOutcome;
}

/// <summary>Scores the standard measures from their item answers.</summary>
public static class MeasureScoring
{
    /// <summary>Zero-based index of PHQ-9 item 9.</summary>
    public const int Phq9SafetyItem = 8;

    /// <summary>
    /// The total of <paramref name="answers"/> and the band it falls in, by the instrument's published rules.
    /// </summary>
    /// <remarks>
    /// <para>Total = Σ aᵢ, the unweighted sum of the item answers; no item is reversed in any of the four measures.
    /// Missing items are not imputed: every item must be answered, because the published bands are for complete
    /// totals. WHO-5's percentage is 4 × the raw total (Topp et al. 2015). The PHQ-9 safety screen is item 9 &gt; 0,
    /// whatever the total (Kroenke et al. 2001 ask clinicians to follow up any positive answer to it).</para>
    /// <para>Edges: the wrong number of answers, or an answer below 0 or above its item's maximum, is
    /// <see cref="ScoringOutcome.Rejected"/> naming the first offending item; nothing is clamped.</para>
    /// </remarks>
    public static ScoringOutcome Score(Instrument instrument, IReadOnlyList<int> answers)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        ArgumentNullException.ThrowIfNull(answers);
        if (answers.Count != instrument.ItemCount)
        {
            return new ScoringOutcome.Rejected(null, $"Give exactly {instrument.ItemCount} answers, one per item; {answers.Count} were given.");
        }
        var total = 0;
        for (var i = 0; i < answers.Count; i++)
        {
            var a = answers[i];
            if (a < 0 || a > instrument.ItemMax[i])
            {
                return new ScoringOutcome.Rejected(i, $"Answer {i + 1} must be a whole number from 0 to {instrument.ItemMax[i]}; it was {a}.");
            }
            total += a;
        }
        var percentage = instrument.Kind == MeasureKind.Who5 ? total * 4 : (int?)null;
        var safety = instrument.Kind == MeasureKind.Phq9 && answers[Phq9SafetyItem] > 0;
        return new ScoringOutcome.Scored(new MeasureScore(instrument.Kind, total, instrument.MaxTotal, instrument.BandOf(total), percentage, safety));
    }
}
