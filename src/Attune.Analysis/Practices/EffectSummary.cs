namespace Attune.Analysis.Practices;

/// <summary>
/// Sufficient statistics of one person's practice effects (for one practice, from one starting state):
/// the count, sum and sum of squares of the per-session effects. Enough for the mean, the within-person
/// variance and every quantity of <see cref="EmpiricalBayesEffect"/>, so a database can hand over three
/// numbers per person instead of every session.
/// </summary>
/// <param name="Count">Sessions, n ≥ 0.</param>
/// <param name="Sum">Σ yⱼ, in points on the toward-connected scale.</param>
/// <param name="SumOfSquares">Σ yⱼ², points².</param>
public readonly record struct EffectSummary(int Count, double Sum, double SumOfSquares)
{
    /// <summary>ȳ = Σy/n; NaN when n = 0.</summary>
    public double Mean => Count == 0 ? double.NaN : Sum / Count;

    /// <summary>
    /// Σ(yⱼ − ȳ)² = Σy² − (Σy)²/n, clamped at 0 (the shortcut can go a hair negative by rounding when
    /// every effect is equal); 0 when n ≤ 1.
    /// </summary>
    public double WithinSumOfSquares => Count <= 1 ? 0 : Math.Max(0, SumOfSquares - Sum * Sum / Count);

    /// <summary>The summary of <paramref name="effects"/>.</summary>
    public static EffectSummary Of(ReadOnlySpan<double> effects)
    {
        double sum = 0, squares = 0;
        foreach (var y in effects)
        {
            sum += y;
            squares += y * y;
        }
        return new EffectSummary(effects.Length, sum, squares);
    }

    /// <summary>This summary with one more session.</summary>
    public EffectSummary Add(double effect) => new(Count + 1, Sum + effect, SumOfSquares + effect * effect);
}
