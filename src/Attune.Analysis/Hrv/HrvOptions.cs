using Attune.Analysis.Rhythm;

namespace Attune.Analysis.Hrv;

/// <summary>Options for <see cref="HrvAnalyzer.Analyze(Series.RrSeries, HrvOptions?)"/>; every default is documented in docs/numerics/hrv.md.</summary>
public sealed record HrvOptions
{
    /// <summary>Spectral options. Default <see cref="FrequencyOptions.Default"/>.</summary>
    public FrequencyOptions Frequency { get; init; } = FrequencyOptions.Default;

    /// <summary>DFA α1 box sizes, beats, inclusive. Default 4–16 (Kubios); NeuroKit2 uses 4–11.</summary>
    public DfaScaleRange DfaShortBoxes { get; init; } = new(4, 16);

    /// <summary>DFA α2 box sizes, beats, inclusive. Default 16–64 (Kubios); NeuroKit2 uses 12 to ⌊(N + 1)/10⌋.</summary>
    public DfaScaleRange DfaLongBoxes { get; init; } = new(16, 64);

    /// <summary>How DFA places its boxes. Default <see cref="DfaWindowing.NonOverlapping"/>; NeuroKit2 overlaps them by half.</summary>
    public DfaWindowing DfaWindows { get; init; } = DfaWindowing.NonOverlapping;

    /// <summary>What pNN50 and pNN20 are a percentage of. Default <see cref="Hrv.PnnDenominator.Differences"/>.</summary>
    public PnnDenominator PnnDenominator { get; init; } = PnnDenominator.Differences;

    /// <summary>How SD2 is estimated. Default <see cref="Sd2Estimator.FromSdnnAndSdsd"/>.</summary>
    public Sd2Estimator Sd2 { get; init; } = Sd2Estimator.FromSdnnAndSdsd;

    /// <summary>Embedding dimension m for SampEn and ApEn. Default 2.</summary>
    public int EntropyDimension { get; init; } = SampleEntropy.DefaultDimension;

    /// <summary>Tolerance r as a fraction of SDNN (N − 1) for SampEn and ApEn. Default 0.2.</summary>
    public double EntropyToleranceFraction { get; init; } = SampleEntropy.DefaultToleranceFraction;

    /// <summary>Fewest intervals for SampEn and ApEn. Default 100 (10^m for m = 2; Pincus 1991 suggests 10^m–20^m).</summary>
    public int MinimumEntropyIntervals { get; init; } = 100;

    /// <summary>
    /// Most intervals for SampEn and ApEn. Default 200,000 (48 h at 70 bpm, so every 24-hour Holter
    /// record fits). With m = 1 or 2 they cost O(N log² N) (orthogonal range counting); with m ≥ 3 the
    /// exact count is still quadratic when many templates lie within r. A longer series reports both as
    /// not computable with this limit as the reason. See docs/numerics/hrv.md, "Bound on the entropy measures".
    /// </summary>
    public int MaximumEntropyIntervals { get; init; } = DefaultMaximumEntropyIntervals;

    /// <summary>Default of <see cref="MaximumEntropyIntervals"/>.</summary>
    public const int DefaultMaximumEntropyIntervals = 200_000;

    /// <summary>Compute SampEn and ApEn (the slowest measures). Default true.</summary>
    public bool ComputeEntropy { get; init; } = true;

    /// <summary>Irregular-rhythm screening (COSEn of 12-beat segments). Default <see cref="IrregularRhythmOptions.Default"/>.</summary>
    public IrregularRhythmOptions IrregularRhythm { get; init; } = IrregularRhythmOptions.Default;

    /// <summary>All defaults: Attune's conventions, which follow Kubios's published settings where they are
    /// published (see <see cref="HrvPreset.Kubios"/>).</summary>
    public static HrvOptions Default { get; } = new();

    /// <summary>
    /// NeuroKit2 0.2.x's conventions, checked against NeuroKit2 0.2.12 on three ECGs (docs/numerics/hrv.md):
    /// <see cref="FrequencyOptions.NeuroKit2Compatible"/> (powers in ms², not normalised to the peak), DFA α1
    /// over 4–11 and α2 over 12 to ⌊(N + 1)/10⌋ beats with half-overlapping boxes, pNN50 over the number of
    /// intervals, SD2 from the sums of successive intervals, SampEn and ApEn from m + 2 = 4 intervals (NeuroKit2
    /// sets no minimum).
    /// </summary>
    public static HrvOptions NeuroKit2Compatible { get; } = new()
    {
        Frequency = FrequencyOptions.NeuroKit2Compatible,
        DfaShortBoxes = new(4, 11),
        DfaLongBoxes = new(12, null),
        DfaWindows = DfaWindowing.HalfOverlapping,
        PnnDenominator = PnnDenominator.Intervals,
        Sd2 = Sd2Estimator.SumOfSuccessive,
        MinimumEntropyIntervals = 4,
    };

    /// <summary>The options of a named preset.</summary>
    public static HrvOptions For(HrvPreset preset) => preset switch
    {
        HrvPreset.Kubios => Default,
        HrvPreset.NeuroKit2 => NeuroKit2Compatible,
        _ => throw new ArgumentOutOfRangeException(nameof(preset), preset, "Unknown preset."),
    };
}

/// <summary>Named sets of conventions, for comparison with other tools.</summary>
public enum HrvPreset
{
    /// <summary>
    /// Attune's defaults, which follow Kubios HRV's published settings: 4 Hz cubic-spline tachogram, Welch with
    /// 256-s segments and 50 % overlap, DFA 4–16 and 16–64 beats in non-overlapping boxes, one-pass
    /// Lipponen–Tarvainen correction. Kubios's smoothness-priors detrending is not applied, and no Kubios
    /// output has been compared value by value.
    /// </summary>
    Kubios,

    /// <summary><see cref="HrvOptions.NeuroKit2Compatible"/>.</summary>
    NeuroKit2,
}

/// <summary>DFA box sizes in beats, inclusive.</summary>
/// <param name="Min">Smallest box, at least 3.</param>
/// <param name="Max">Largest box; null for ⌊(N + 1)/10⌋ of the series analysed (NeuroKit2's "N/10" for α2).</param>
public readonly record struct DfaScaleRange(int Min, int? Max)
{
    /// <summary>The largest box for a series of <paramref name="intervals"/> intervals.</summary>
    public int MaxFor(int intervals) => Max ?? (intervals + 1) / 10;

    /// <summary>"4–16" or "12–N/10".</summary>
    public override string ToString() => Max is { } max ? $"{Min}–{max}" : $"{Min}–N/10";
}
