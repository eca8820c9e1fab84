namespace Attune.Analysis.CheckIns;

/// <summary>Which requirement the check-ins did not meet, so that a caller can word it without parsing text.</summary>
public enum ShortfallReason
{
    /// <summary>Fewer observations than the statistic needs (no trials for a proportion, too few rated check-ins).</summary>
    TooFewObservations,

    /// <summary>Fewer check-ins carrying the context tag than the minimum.</summary>
    TooFewWithTag,

    /// <summary>Fewer check-ins without the context tag than the minimum.</summary>
    TooFewWithoutTag,

    /// <summary>The state never occurred with the tag, so a log-scale ratio and its interval do not exist.</summary>
    StateNeverWithTag,

    /// <summary>The state never occurred without the tag, so the ratio is unbounded and has no log-scale interval.</summary>
    StateNeverWithoutTag,

    /// <summary>Fewer weeks with usable check-ins than a trend needs.</summary>
    TooFewWeeks,

    /// <summary>The values do not vary where the statistic divides by their variation (Required 2, Available 1: two different values needed, one found).</summary>
    NoVariation,
}

/// <summary>
/// Why a statistic was not computed from the check-ins given: the requirement, how many were needed
/// and how many there were (for example "10 check-ins with the tag needed, 6 so far").
/// </summary>
/// <param name="Reason">Which requirement was not met.</param>
/// <param name="Required">The least count that would have sufficed (check-ins, weeks, or 1 for "at least one").</param>
/// <param name="Available">The count there was.</param>
public sealed record Shortfall(ShortfallReason Reason, int Required, int Available);
