namespace Attune.Analysis.Ecg;

/// <summary>
/// ECG cleaning as NeuroKit2's default <c>ecg_clean(method="neurokit")</c> (Makowski et al., 2021,
/// NeuroKit2, Behavior Research Methods 53:1689–1696).
/// </summary>
/// <remarks>
/// Two zero-phase steps: (1) a 5th-order Butterworth high-pass at 0.5 Hz, run forward and backward
/// (<c>sosfiltfilt</c>, effective order 10, odd padding of 18 samples) to remove baseline wander and
/// offset; (2) the "powerline" filter, a moving average of ⌊fs / 50⌋ samples (2 below 100 Hz) run
/// forward and backward (<c>filtfilt</c>, odd padding of 3 lengths), which notches 50 Hz and its
/// harmonics. O(n) time, in place, no allocation per sample.
/// </remarks>
public static class NeuroKitCleaning
{
    /// <summary>High-pass cutoff, Hz.</summary>
    public const double HighPassHz = 0.5;

    /// <summary>High-pass Butterworth order (per direction).</summary>
    public const int HighPassOrder = 5;

    /// <summary>Mains frequency removed by the moving average, Hz.</summary>
    public const double PowerlineHz = 50;

    /// <summary>Returns a cleaned copy of <paramref name="samples"/> recorded at <paramref name="sampleRateHz"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The sample rate is not finite and above 1 Hz.</exception>
    public static double[] Clean(ReadOnlySpan<double> samples, double sampleRateHz)
    {
        var copy = samples.ToArray();
        CleanInPlace(copy, sampleRateHz);
        return copy;
    }

    /// <summary>Returns a cleaned copy, in double precision, of single-precision <paramref name="samples"/> (an <see cref="Series.EcgSignal"/>'s).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The sample rate is not finite and above 1 Hz.</exception>
    public static double[] Clean(ReadOnlySpan<float> samples, double sampleRateHz)
    {
        var copy = new double[samples.Length];
        for (var i = 0; i < copy.Length; i++)
        {
            copy[i] = samples[i];
        }
        CleanInPlace(copy, sampleRateHz);
        return copy;
    }

    /// <summary>Cleans <paramref name="samples"/> in place (one contiguous segment).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The sample rate is not finite and above 1 Hz.</exception>
    public static void CleanInPlace(Span<double> samples, double sampleRateHz)
    {
        RequireRate(sampleRateHz);
        var sos = Butterworth.HighPass(HighPassOrder, HighPassHz, sampleRateHz);
        var highPass = new SosFilter(sos);
        var taps = 2 * sos.Length + 1 - 1;
        ZeroPhase.Apply(samples, ref highPass, 3 * taps);

        var length = sampleRateHz >= 100 ? (int)(sampleRateHz / PowerlineHz) : 2;
        var average = new MovingAverageFilter(length);
        ZeroPhase.Apply(samples, ref average, 3 * length);
    }

    /// <exception cref="ArgumentOutOfRangeException">The sample rate is not finite and above 1 Hz.</exception>
    internal static void RequireRate(double sampleRateHz)
    {
        if (!double.IsFinite(sampleRateHz) || sampleRateHz <= 2 * HighPassHz)
        {
            throw new ArgumentOutOfRangeException(nameof(sampleRateHz), sampleRateHz, "The sample rate must be finite and above 1 Hz.");
        }
    }
}
