namespace Attune.Analysis.Practices;

/// <summary>
/// How far one practice session moved a person towards feeling connected, from the one-tap check before and
/// after: a state (connected, or not: activated or shut down) with an intensity 0–10.
/// </summary>
/// <remarks>
/// <para>Position on the toward-connected scale: s = +intensity when connected, −intensity when activated or shut
/// down, so s ∈ [−10, +10] and "barely" anything (0) sits in the middle. A session's effect is
/// y = s(after) − s(before) ∈ [−20, +20]. Activated 7 → connected 3 is +10; activated 7 → activated 4 is +3;
/// shut down 2 → activated 6 is −4 (more stirred up, further from connected). Activated and shut down count
/// alike: the practice's job is to bring either back towards connection, not to trade one for the other.
/// Documented with its limits in docs/numerics/practices.md.</para>
/// </remarks>
public static class SessionEffect
{
    /// <summary>The top of the intensity scale.</summary>
    public const int MaxIntensity = 10;

    /// <summary>s = ±intensity as above.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An intensity outside 0–10.</exception>
    public static int Position(bool connected, int intensity)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(intensity);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(intensity, MaxIntensity);
        return connected ? intensity : -intensity;
    }

    /// <summary>y = s(after) − s(before), in points.</summary>
    public static int Of(bool connectedBefore, int intensityBefore, bool connectedAfter, int intensityAfter) =>
        Position(connectedAfter, intensityAfter) - Position(connectedBefore, intensityBefore);
}
