using Attune.Analysis.Series;
using Attune.Analysis.Spectral;

namespace Attune.Analysis.Coherence;

/// <summary>Short-time spectra of a resampled signal, one per window end time.</summary>
internal static class SlidingSpectra
{
    /// <summary>
    /// Windows of <see cref="CoherenceOptions.WindowS"/> every <see cref="CoherenceOptions.StepS"/> over
    /// the grid signal (first sample at time <paramref name="startS"/>); yields (window end time, PSD).
    /// </summary>
    public static List<(double EndS, PowerSpectrum Psd)> Compute(double[] signal, double startS, CoherenceOptions o)
    {
        var fs = o.ResampleHz;
        var windowSamples = (int)Math.Round(o.WindowS * fs);
        var step = Math.Max(1, (int)Math.Round(o.StepS * fs));
        if (o.FftLength < windowSamples || o.FftLength < 4 || !RealFft.IsPowerOfTwo(o.FftLength))
        {
            throw new ArgumentException($"FFT length {o.FftLength} must be a power of two and at least the window ({windowSamples} samples).", nameof(o));
        }
        var fft = new RealFft(o.FftLength);
        var padded = new double[o.FftLength];
        var result = new List<(double, PowerSpectrum)>();
        for (var start = 0; start + windowSamples <= signal.Length; start += step)
        {
            var psd = ShortTimeSpectrum.Compute(signal.AsSpan(start, windowSamples), fs, o.Taper, fft, padded);
            result.Add((startS + (start + windowSamples - 1) / fs, psd));
        }
        return result;
    }

    public static void RequireWindow(RrSeries series, CoherenceOptions o)
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(o);
        if (series.Count < 4 || series.BeatTimesS[^1] - series.BeatTimesS[0] < o.WindowS)
        {
            throw new InsufficientDataException(InsufficientDataReason.TooShort, $"Needs beats spanning at least one {o.WindowS:0}-s window.");
        }
    }
}
