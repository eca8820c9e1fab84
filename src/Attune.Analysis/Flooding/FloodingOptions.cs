namespace Attune.Analysis.Flooding;

/// <summary>Options for <see cref="FloodingDetector"/>; defaults are documented in docs/numerics/hrv.md.</summary>
public sealed record FloodingOptions
{
    /// <summary>Absolute threshold, bpm. Default 100 (the classic couples-research figure; Gottman).</summary>
    public double AbsoluteThresholdBpm { get; init; } = 100;

    /// <summary>Relative rise over the personal baseline that also counts as flooding. Default 0.10 (10 %).</summary>
    public double RiseOverBaseline { get; init; } = 0.10;

    /// <summary>Trailing moving-average window applied to heart rate, seconds. Default 10.</summary>
    public double SmoothingWindowS { get; init; } = 10;

    /// <summary>Smoothed HR must stay up (above threshold − margin, after first exceeding the threshold)
    /// at least this long for an event to count, seconds. Default 60.</summary>
    public double MinimumDurationS { get; init; } = 60;

    /// <summary>Hysteresis margin below the threshold that ends an event, bpm. Default 5.</summary>
    public double EndMarginBpm { get; init; } = 5;

    /// <summary>Smoothed HR must stay below threshold − margin this long to end an event, seconds. Default 30.</summary>
    public double EndHoldS { get; init; } = 30;

    /// <summary>A gap between samples longer than this ends any event at the last sample before it, seconds. Default 15.</summary>
    public double MaximumGapS { get; init; } = 15;

    /// <summary>All defaults.</summary>
    public static FloodingOptions Default { get; } = new();
}
