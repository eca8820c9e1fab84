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
/// <para>With a heart-rate strap: by the heart's swing (<see cref="BySwing"/>), the mean peak-to-trough heart rate per
/// breath in each minute, largest wins, ties by comfort and then as above. The stored choice says which basis chose it.</para>
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

    /// <summary>Mean over the whole breaths of a trial of (highest − lowest) instantaneous heart rate 60000/RR, bpm: the
    /// peak-to-trough swing of resonance protocols (Lehrer, Vaschillo &amp; Vaschillo 2000). Breath k spans beat times
    /// [k·60/rate, (k+1)·60/rate) from the first beat; null when no whole breath with at least two beats is covered.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The rate is not positive and finite.</exception>
    public static double? HeartRateSwing(ReadOnlySpan<double> rrMs, double breathsPerMinute)
    {
        if (!(breathsPerMinute > 0) || !double.IsFinite(breathsPerMinute))
        {
            throw new ArgumentOutOfRangeException(nameof(breathsPerMinute), breathsPerMinute, "A rate must be positive and finite.");
        }
        var breathS = 60 / breathsPerMinute;
        double total = 0, t = 0, low = double.PositiveInfinity, high = double.NegativeInfinity;
        var breaths = 0;
        var current = 0;
        var inBreath = 0;
        foreach (var rr in rrMs)
        {
            var breath = (int)Math.Floor(t / breathS);
            if (breath != current)
            {
                if (inBreath >= 2)
                {
                    total += high - low;
                    breaths++;
                }
                current = breath;
                inBreath = 0;
                low = double.PositiveInfinity;
                high = double.NegativeInfinity;
            }
            var hr = 60000 / rr;
            low = Math.Min(low, hr);
            high = Math.Max(high, hr);
            inBreath++;
            t += rr / 1000;
        }
        // The last breath counts only when the beats reach its end.
        if (inBreath >= 2 && t >= (current + 1) * breathS)
        {
            total += high - low;
            breaths++;
        }
        return breaths > 0 ? total / breaths : null;
    }

    /// <summary>The rate whose trial had the largest heart-rate swing; ties (within 0.05 bpm) go to the more comfortable,
    /// then as in <see cref="ByComfort"/>. Trials without a swing (null) do not count; null when none has one.</summary>
    public static double? BySwing(ReadOnlySpan<RateTrial> trials, ReadOnlySpan<double?> swings)
    {
        if (trials.Length != swings.Length)
        {
            throw new ArgumentException("One swing (or null) is needed per trial.", nameof(swings));
        }
        var best = -1;
        for (var i = 0; i < trials.Length; i++)
        {
            if (swings[i] is not { } s || !double.IsFinite(s))
            {
                continue;
            }
            if (best < 0)
            {
                best = i;
                continue;
            }
            var b = swings[best]!.Value;
            if (s > b + 0.05
                || (Math.Abs(s - b) <= 0.05 && (trials[i].Comfort > trials[best].Comfort
                    || (trials[i].Comfort == trials[best].Comfort && Closer(trials[i].BreathsPerMinute, trials[best].BreathsPerMinute)))))
            {
                best = i;
            }
        }
        return best < 0 ? null : trials[best].BreathsPerMinute;
    }

    private static bool Closer(double candidate, double current)
    {
        var dc = Math.Abs(candidate - TypicalRate);
        var dk = Math.Abs(current - TypicalRate);
        return dc < dk - 1e-9 || (Math.Abs(dc - dk) <= 1e-9 && candidate < current);
    }
}
