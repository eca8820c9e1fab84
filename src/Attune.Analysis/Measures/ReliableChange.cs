namespace Attune.Analysis.Measures;

/// <summary>Which way a change between two scores went, if it went anywhere beyond measurement noise.</summary>
public enum ChangeDirection
{
    /// <summary>The change is within what the measure's own unreliability could produce.</summary>
    NoReliableChange,

    /// <summary>Reliably better: lower on a symptom measure, higher on a well-being or satisfaction measure.</summary>
    Improved,

    /// <summary>Reliably worse.</summary>
    Worsened,
}

/// <summary>
/// The published spread and reliability of a measure that the reliable change index needs.
/// </summary>
/// <param name="StandardDeviation">SD of the total in the reference sample, in raw-score points.</param>
/// <param name="Reliability">The reliability coefficient r (test–retest or internal consistency), in (0, 1).</param>
/// <param name="Source">Where the two figures come from, author, year and what was taken.</param>
public sealed record ReliabilityFigures(double StandardDeviation, double Reliability, string Source)
{
    /// <summary>SEdiff = SD·√(2(1 − r)), the standard error of the difference between two scores.</summary>
    public double StandardErrorOfDifference => StandardDeviation * Math.Sqrt(2 * (1 - Reliability));
}

/// <summary>A change between two totals with its reliable change index.</summary>
/// <param name="Change">x₂ − x₁ in raw-score points.</param>
/// <param name="Index">RCI = (x₂ − x₁) / SEdiff.</param>
/// <param name="Threshold">The smallest |x₂ − x₁| that is reliable: 1.96 × SEdiff.</param>
/// <param name="Direction">Improved or worsened when |RCI| &gt; 1.96, else no reliable change.</param>
public sealed record ReliableChangeResult(int Change, double Index, double Threshold, ChangeDirection Direction);

/// <summary>The reliable change index of Jacobson and Truax.</summary>
public static class ReliableChange
{
    /// <summary>Two-sided 95 % critical value of the standard normal distribution, as Jacobson and Truax use it.</summary>
    public const double Criterion = 1.96;

    /// <summary>
    /// Whether the move from <paramref name="before"/> to <paramref name="after"/> is larger than measurement error.
    /// </summary>
    /// <remarks>
    /// <para>RCI = (x₂ − x₁) / SEdiff with SEdiff = √(2·SE²) = SD·√(2(1 − r)), where SE = SD·√(1 − r) is the standard
    /// error of measurement (Jacobson &amp; Truax 1991, eq. 3 and the correction of Christensen &amp; Mendoza 1986).
    /// |RCI| &gt; 1.96 means a change this large would arise from measurement error alone less than 5 % of the time;
    /// its sign is read through <see cref="Instrument.HigherIsBetter"/>. The statistic says nothing about whether the
    /// change matters clinically, only that it is unlikely to be noise.</para>
    /// <para>Edges: equal totals give RCI = 0 and no reliable change. The figures come from published samples and are
    /// validated where they are declared (<see cref="ReliableChangeNorms"/>).</para>
    /// <para>Jacobson NS, Truax P (1991) Clinical significance: a statistical approach to defining meaningful change in
    /// psychotherapy research. Journal of Consulting and Clinical Psychology 59:12–19.</para>
    /// </remarks>
    public static ReliableChangeResult Between(Instrument instrument, int before, int after, ReliabilityFigures figures)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        ArgumentNullException.ThrowIfNull(figures);
        var seDiff = figures.StandardErrorOfDifference;
        var change = after - before;
        var index = change / seDiff;
        var direction = Math.Abs(index) <= Criterion
            ? ChangeDirection.NoReliableChange
            : (index > 0) == instrument.HigherIsBetter ? ChangeDirection.Improved : ChangeDirection.Worsened;
        return new ReliableChangeResult(change, index, Criterion * seDiff, direction);
    }
}
