using Attune.Analysis.Rhythm;

namespace Attune.Analysis.Hrv;

/// <summary>Options for <see cref="HrvAnalyzer.Analyze"/>; every default is documented in docs/numerics/hrv.md.</summary>
public sealed record HrvOptions
{
    /// <summary>Spectral options. Default <see cref="FrequencyOptions.Default"/>.</summary>
    public FrequencyOptions Frequency { get; init; } = FrequencyOptions.Default;

    /// <summary>DFA α1 box sizes, beats, inclusive. Default 4–16.</summary>
    public (int Min, int Max) DfaShortBoxes { get; init; } = (4, 16);

    /// <summary>DFA α2 box sizes, beats, inclusive. Default 16–64.</summary>
    public (int Min, int Max) DfaLongBoxes { get; init; } = (16, 64);

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

    /// <summary>All defaults.</summary>
    public static HrvOptions Default { get; } = new();
}
