namespace Attune.Analysis.Practices;

/// <summary>One minute of paced breathing at one rate, and how comfortable the person found it (1–5).</summary>
/// <param name="BreathsPerMinute">The paced rate, breaths a minute.</param>
/// <param name="Comfort">1 (uncomfortable) to 5 (easy and pleasant); 0 when not rated.</param>
public readonly record struct RateTrial(double BreathsPerMinute, int Comfort);

/// <summary>
/// Chooses a person's slow-breathing rate from a walk through several rates (4.5 to 7 breaths a minute, a minute each).
/// </summary>
/// <remarks>
/// <para>Now: by comfort alone. The rate rated most comfortable wins; ties go to the rate nearest 6 breaths a minute,
/// where resonance lies for most adults (Lehrer &amp; Gevirtz 2014), then to the slower one. Unrated trials (0) do not count.</para>
/// <para>The seam for a heart-rate strap (the live issue): record each minute's beats as an RrSeries, estimate each block
/// with <see cref="Coherence.ResonanceFrequency.Estimate"/> and choose the block with the largest peak power or heart-rate
/// swing, breaking ties by comfort. The stored choice says which basis chose it.</para>
/// <para>Reference: Lehrer PM, Gevirtz R (2014). Heart rate variability biofeedback: how and why does it work?
/// Frontiers in Psychology 5:756. Lehrer PM, Vaschillo E, Vaschillo B (2000). Resonant frequency biofeedback training to
/// increase cardiac variability. Applied Psychophysiology and Biofeedback 25:177–191 (the stepped-rate protocol).</para>
/// </remarks>
public static class ResonanceChoice
{
    /// <summary>The typical adult resonance rate, breaths a minute, used to break ties.</summary>
    public const double TypicalRate = 6;

    /// <summary>The chosen rate, or null when no trial was rated.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A comfort outside 0–5 or a rate that is not positive and finite.</exception>
    public static double? ByComfort(ReadOnlySpan<RateTrial> trials)
    {
        RateTrial? best = null;
        foreach (var t in trials)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(t.Comfort, nameof(trials));
            ArgumentOutOfRangeException.ThrowIfGreaterThan(t.Comfort, 5, nameof(trials));
            if (!(t.BreathsPerMinute > 0) || !double.IsFinite(t.BreathsPerMinute))
            {
                throw new ArgumentOutOfRangeException(nameof(trials), t.BreathsPerMinute, "A rate must be positive and finite.");
            }
            if (t.Comfort == 0)
            {
                continue;
            }
            if (best is not { } b || t.Comfort > b.Comfort || (t.Comfort == b.Comfort && Closer(t.BreathsPerMinute, b.BreathsPerMinute)))
            {
                best = t;
            }
        }
        return best?.BreathsPerMinute;
    }

    private static bool Closer(double candidate, double current)
    {
        var dc = Math.Abs(candidate - TypicalRate);
        var dk = Math.Abs(current - TypicalRate);
        return dc < dk - 1e-9 || (Math.Abs(dc - dk) <= 1e-9 && candidate < current);
    }
}
