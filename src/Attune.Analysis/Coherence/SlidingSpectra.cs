using System.Numerics;
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
        if (o.FftLength < windowSamples)
        {
            throw new ArgumentException($"FFT length {o.FftLength} is shorter than the window ({windowSamples} samples).", nameof(o));
        }
        var buffer = new Complex[o.FftLength];
        var fft = RealFft.IsPowerOfTwo(o.FftLength) && o.FftLength >= 4 ? new RealFft(o.FftLength) : null;
        var result = new List<(double, PowerSpectrum)>();
        for (var start = 0; start + windowSamples <= signal.Length; start += step)
        {
            var psd = ShortTimeSpectrum.Compute(signal.AsSpan(start, windowSamples), fs, o.Taper, buffer, fft);
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
            throw new ArgumentException($"Needs beats spanning at least one {o.WindowS:0}-s window.", nameof(series));
        }
    }
}
