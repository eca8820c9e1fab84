using System.Globalization;

namespace Attune.Analysis.Synchrony;

/// <summary>What a surrogate test allows one to say about two people's synchrony.</summary>
public enum ChanceOutcome
{
    /// <summary>No surrogate test was run, or it had nothing to test: say nothing about chance, and do not describe moving together as a finding.</summary>
    NotTested,

    /// <summary>The real pairing moved together more than the shuffled pairings of the same data (p below the level).</summary>
    MoreThanChance,

    /// <summary>It did not: whatever moving together the windows show is what chance pairings of the same data show too.</summary>
    NoMoreThanChance,
}

/// <summary>
/// A surrogate test turned into one plain verdict, with the numbers behind it, so that the web app, its
/// API and the CLI word chance the same way.
/// </summary>
/// <param name="Outcome">The verdict.</param>
/// <param name="PValue">One-sided p of <see cref="SurrogateTestResult.PValue"/>, or null when not tested.</param>
/// <param name="SurrogateCount">Surrogates behind p, or 0 when not tested.</param>
/// <param name="Level">The significance level p was compared with.</param>
/// <param name="Sentence">One plain sentence for people; never a statement about the relationship.</param>
public sealed record ChanceVerdict(ChanceOutcome Outcome, double? PValue, int SurrogateCount, double Level, string Sentence)
{
    /// <summary>Default significance level: 0.05.</summary>
    public const double DefaultLevel = 0.05;

    /// <summary>
    /// MoreThanChance when p &lt; <paramref name="level"/>, NoMoreThanChance when p ≥ level, NotTested when
    /// <paramref name="test"/> is null, has no surrogates or p is not finite. With N surrogates the
    /// smallest possible p is 1/(N + 1) (Phipson &amp; Smyth 2010), so fewer than 1/level − 1 surrogates
    /// (19 at 0.05) can never show more than chance; the sentence then says the test was too small.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="level"/> is not in (0, 1).</exception>
    public static ChanceVerdict From(SurrogateTestResult? test, double level = DefaultLevel)
    {
        if (!(level is > 0 and < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(level), level, "The level must be between 0 and 1.");
        }
        if (test is null || test.SurrogateCount == 0 || !double.IsFinite(test.PValue))
        {
            return new ChanceVerdict(ChanceOutcome.NotTested, null, test?.SurrogateCount ?? 0, level,
                "We did not compare this with chance, so we can't say whether the two heart rates moved together more than chance would.");
        }
        var p = test.PValue;
        var numbers = string.Create(CultureInfo.InvariantCulture, $"(p = {p:0.###}, {test.SurrogateCount} shuffled pairings)");
        if (p < level)
        {
            return new ChanceVerdict(ChanceOutcome.MoreThanChance, p, test.SurrogateCount, level,
                $"Your two heart rates moved together more than shuffled pairings of the same data do {numbers}.");
        }
        var tooFew = 1.0 / (test.SurrogateCount + 1) >= level
            ? " With so few shuffles the test could not have shown more either."
            : "";
        return new ChanceVerdict(ChanceOutcome.NoMoreThanChance, p, test.SurrogateCount, level,
            $"Your two heart rates moved together no more than you would expect by chance {numbers}; that is common and says nothing about your closeness.{tooFew}");
    }
}
