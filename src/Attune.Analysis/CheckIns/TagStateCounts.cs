namespace Attune.Analysis.CheckIns;

/// <summary>
/// The 2 × 2 table of one context tag against one state, as counts of check-ins:
/// <code>
///                 state   not state   total
///   with tag        a       n₁ − a      n₁
///   without tag     c       n₀ − c      n₀
/// </code>
/// A check-in counts as "state" when the state is its main state or part of its blend; the caller
/// decides and states which.
/// </summary>
public readonly record struct TagStateCounts
{
    /// <summary>Creates the table from the two group sizes and the state's count in each.</summary>
    /// <param name="stateWithTag">a: check-ins with the tag and the state.</param>
    /// <param name="withTag">n₁: check-ins with the tag.</param>
    /// <param name="stateWithoutTag">c: check-ins without the tag and with the state.</param>
    /// <param name="withoutTag">n₀: check-ins without the tag.</param>
    /// <exception cref="ArgumentOutOfRangeException">A negative count, or a state count above its group's size.</exception>
    public TagStateCounts(int stateWithTag, int withTag, int stateWithoutTag, int withoutTag)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(stateWithTag);
        ArgumentOutOfRangeException.ThrowIfNegative(stateWithoutTag);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(stateWithTag, withTag);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(stateWithoutTag, withoutTag);
        if ((long)withTag + withoutTag > int.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(withoutTag), "The two groups together exceed the largest count.");
        }
        StateWithTag = stateWithTag;
        WithTag = withTag;
        StateWithoutTag = stateWithoutTag;
        WithoutTag = withoutTag;
    }

    /// <summary>a: check-ins with the tag and the state.</summary>
    public int StateWithTag { get; }

    /// <summary>n₁: check-ins with the tag.</summary>
    public int WithTag { get; }

    /// <summary>c: check-ins without the tag and with the state.</summary>
    public int StateWithoutTag { get; }

    /// <summary>n₀: check-ins without the tag.</summary>
    public int WithoutTag { get; }

    /// <summary>N = n₁ + n₀: all check-ins.</summary>
    public int Total => WithTag + WithoutTag;

    /// <summary>a + c: all check-ins with the state.</summary>
    public int StateTotal => StateWithTag + StateWithoutTag;
}
