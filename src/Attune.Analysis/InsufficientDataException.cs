namespace Attune.Analysis;

/// <summary>Why valid data cannot support an analysis; carried by <see cref="InsufficientDataException"/>.</summary>
public enum InsufficientDataReason
{
    /// <summary>Fewer beats, intervals or samples than the method needs.</summary>
    NotEnoughBeats,

    /// <summary>The record (or the usable part of it) spans less time than the method needs.</summary>
    TooShort,

    /// <summary>Two recordings do not overlap in time.</summary>
    NoOverlap,

    /// <summary>Only one of two recordings has clock times, so they cannot be lined up.</summary>
    NoCommonClock,

    /// <summary>Gaps leave no stretch that holds enough beats.</summary>
    TooManyGaps,

    /// <summary>The values do not vary enough for the method (for example a flat heart rate in a regression).</summary>
    NoVariation,
}

/// <summary>
/// Thrown by Attune.Analysis when the input is valid but cannot support the analysis asked for: too
/// few beats, too short a record, two recordings that do not overlap. The <see cref="Reason"/> says
/// which, so a caller can word it without parsing the message. Invalid options (a negative rate, box
/// sizes out of order) are <see cref="ArgumentException"/>s instead, and mean a bug in the caller.
/// </summary>
public sealed class InsufficientDataException : Exception
{
    /// <summary>Creates the exception with its reason and a plain-language message that states the requirement and what the data had.</summary>
    public InsufficientDataException(InsufficientDataReason reason, string message)
        : base(message)
    {
        Reason = reason;
    }

    /// <summary>Creates the exception with a reason, a message and the exception that caused it.</summary>
    public InsufficientDataException(InsufficientDataReason reason, string message, Exception innerException)
        : base(message, innerException)
    {
        Reason = reason;
    }

    /// <summary>Which requirement the data did not meet.</summary>
    public InsufficientDataReason Reason { get; }
}
