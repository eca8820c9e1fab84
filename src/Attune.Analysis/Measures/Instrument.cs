namespace Attune.Analysis.Measures;

/// <summary>The standard self-report measures Attune scores.</summary>
public enum MeasureKind
{
    /// <summary>WHO-5 Well-Being Index: five items, 0–5 each (WHO Collaborating Centre in Mental Health, Hillerød, 1998).</summary>
    Who5,

    /// <summary>Patient Health Questionnaire, depression module: nine items, 0–3 each (Kroenke, Spitzer &amp; Williams 2001).</summary>
    Phq9,

    /// <summary>Generalized Anxiety Disorder scale: seven items, 0–3 each (Spitzer, Kroenke, Williams &amp; Löwe 2006).</summary>
    Gad7,

    /// <summary>Couples Satisfaction Index, four items: the first 0–6, the others 0–5 (Funk &amp; Rogge 2007).</summary>
    Csi4,
}

/// <summary>
/// One range of totals with a name, inclusive at both ends: PHQ-9 "mild" is 5 to 9.
/// </summary>
/// <param name="Id">A stable camel-case name for the range, used on the wire ("moderatelySevere").</param>
/// <param name="Min">Lowest total in the range.</param>
/// <param name="Max">Highest total in the range.</param>
public sealed record SeverityBand(string Id, int Min, int Max);

/// <summary>
/// How a measure is answered and scored: the number of items, each item's answer range, the total's range and
/// its published bands. The wording of the items lives with the pages (Attune.Web), not here.
/// </summary>
/// <param name="Kind">Which measure.</param>
/// <param name="ItemMax">The highest answer of each item, in item order; every item's lowest answer is 0.</param>
/// <param name="Bands">The published ranges of the total, in ascending order, covering 0 to <see cref="MaxTotal"/> without gaps.</param>
/// <param name="HigherIsBetter">True when a higher total means feeling better (WHO-5, CSI-4); false for symptom counts (PHQ-9, GAD-7).</param>
public sealed record Instrument(MeasureKind Kind, IReadOnlyList<int> ItemMax, IReadOnlyList<SeverityBand> Bands, bool HigherIsBetter)
{
    /// <summary>How many items the measure has.</summary>
    public int ItemCount => ItemMax.Count;

    /// <summary>The highest possible total: every item at its maximum.</summary>
    public int MaxTotal => ItemMax.Sum();

    /// <summary>The band a total falls in.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The total is outside 0 to <see cref="MaxTotal"/>.</exception>
    public SeverityBand BandOf(int total)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(total);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(total, MaxTotal);
        return Bands.First(b => total >= b.Min && total <= b.Max);
    }

    /// <summary>
    /// WHO-5: five items scored 0 ("at no time") to 5 ("all of the time"); raw total 0–25, percentage = 4 × raw.
    /// </summary>
    /// <remarks>
    /// Bands follow the WHO Collaborating Centre's scoring note and Topp et al. (2015): a raw score below 13
    /// (percentage 48 or less; "50 or less" on the percentage scale) indicates poor well-being and is a reason to
    /// screen for depression; a percentage of 28 or less (raw 7 or less) is the cut-off for likely depression.
    /// So: <c>veryLow</c> 0–7, <c>low</c> 8–12, <c>notLow</c> 13–25.
    /// Topp CW, Østergaard SD, Søndergaard S, Bech P (2015) The WHO-5 Well-Being Index: a systematic review of the
    /// literature. Psychotherapy and Psychosomatics 84:167–176.
    /// </remarks>
    public static Instrument Who5 { get; } = new(MeasureKind.Who5, [5, 5, 5, 5, 5],
        [new("veryLow", 0, 7), new("low", 8, 12), new("notLow", 13, 25)], HigherIsBetter: true);

    /// <summary>
    /// PHQ-9: nine items scored 0 ("not at all") to 3 ("nearly every day"); total 0–27.
    /// </summary>
    /// <remarks>
    /// Bands of Kroenke, Spitzer &amp; Williams (2001), Table 3 and text: 0–4 <c>minimal</c>, 5–9 <c>mild</c>,
    /// 10–14 <c>moderate</c>, 15–19 <c>moderatelySevere</c>, 20–27 <c>severe</c>. Kroenke K, Spitzer RL, Williams JBW
    /// (2001) The PHQ-9: validity of a brief depression severity measure. J Gen Intern Med 16:606–613.
    /// </remarks>
    public static Instrument Phq9 { get; } = new(MeasureKind.Phq9, [3, 3, 3, 3, 3, 3, 3, 3, 3],
        [new("minimal", 0, 4), new("mild", 5, 9), new("moderate", 10, 14), new("moderatelySevere", 15, 19), new("severe", 20, 27)],
        HigherIsBetter: false);

    /// <summary>
    /// GAD-7: seven items scored 0 ("not at all") to 3 ("nearly every day"); total 0–21.
    /// </summary>
    /// <remarks>
    /// Bands of Spitzer et al. (2006): cut-points 5, 10 and 15 for mild, moderate and severe anxiety, so 0–4
    /// <c>minimal</c>, 5–9 <c>mild</c>, 10–14 <c>moderate</c>, 15–21 <c>severe</c>. Spitzer RL, Kroenke K, Williams JBW,
    /// Löwe B (2006) A brief measure for assessing generalized anxiety disorder: the GAD-7. Arch Intern Med 166:1092–1097.
    /// </remarks>
    public static Instrument Gad7 { get; } = new(MeasureKind.Gad7, [3, 3, 3, 3, 3, 3, 3],
        [new("minimal", 0, 4), new("mild", 5, 9), new("moderate", 10, 14), new("severe", 15, 21)], HigherIsBetter: false);

    /// <summary>
    /// CSI-4: item 1 scored 0 ("extremely unhappy") to 6 ("perfect"), items 2–4 scored 0 to 5; total 0–21.
    /// </summary>
    /// <remarks>
    /// Funk &amp; Rogge (2007) place the cut-off for notable relationship dissatisfaction at 13.5: totals of 13 or less
    /// are <c>low</c>, 14 or more <c>notLow</c>. Funk JL, Rogge RD (2007) Testing the ruler with item response theory:
    /// increasing precision of measurement for relationship satisfaction with the Couples Satisfaction Index.
    /// Journal of Family Psychology 21:572–583.
    /// </remarks>
    public static Instrument Csi4 { get; } = new(MeasureKind.Csi4, [6, 5, 5, 5],
        [new("low", 0, 13), new("notLow", 14, 21)], HigherIsBetter: true);

    /// <summary>The instrument of a kind.</summary>
    public static Instrument Of(MeasureKind kind) => kind switch
    {
        MeasureKind.Who5 => Who5,
        MeasureKind.Phq9 => Phq9,
        MeasureKind.Gad7 => Gad7,
        MeasureKind.Csi4 => Csi4,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a measure."),
    };

    /// <summary>Every instrument, in the order the pages list them.</summary>
    public static IReadOnlyList<Instrument> All { get; } = [Who5, Phq9, Gad7, Csi4];
}
