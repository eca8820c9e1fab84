namespace Attune.Analysis.Rhythm;

/// <summary>Options for <see cref="IrregularRhythmDetector.Detect"/>; every default is documented in docs/numerics/rhythm.md.</summary>
public sealed record IrregularRhythmOptions
{
    /// <summary>Intervals per COSEn segment. Default 12, the segment length COSEn was designed and validated for (Lake &amp; Moorman 2011).</summary>
    public int SegmentIntervals { get; init; } = 12;

    /// <summary>A segment is irregular when its COSEn is above this. Default −1.4 (see docs/numerics/rhythm.md for its provenance).</summary>
    public double CosenThreshold { get; init; } = -1.4;

    /// <summary>Length of the windows that are judged as a whole, seconds. Default 300 (5 minutes, the usual short-term HRV window).</summary>
    public double WindowS { get; init; } = 300;

    /// <summary>Fewest segments for a window to be judged. Default 5 (60 beats).</summary>
    public int MinimumSegmentsPerWindow { get; init; } = 5;

    /// <summary>A window is irregular when more than this share of its segments is. Default 0.5 (a strict majority).</summary>
    public double IrregularSegmentShare { get; init; } = 0.5;

    /// <summary>
    /// The recording as a whole is flagged when its irregular windows cover at least this share of the
    /// judged time. Default 0.10: from there on, a tenth or more of the beats that every whole-recording
    /// measure averages come from an irregular rhythm. Shorter stretches are still listed.
    /// </summary>
    public double FlagMinimumFraction { get; init; } = 0.10;

    /// <summary>All defaults.</summary>
    public static IrregularRhythmOptions Default { get; } = new();
}
