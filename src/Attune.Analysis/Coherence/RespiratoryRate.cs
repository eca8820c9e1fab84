using Attune.Analysis.Series;
using Attune.Analysis.Spectral;

namespace Attune.Analysis.Coherence;

/// <summary>Breathing rate estimated from respiratory sinus arrhythmia in one window.</summary>
/// <param name="TimeS">End of the window, seconds on the series' time axis.</param>
/// <param name="FrequencyHz">Dominant frequency of heart rate in the respiratory band, Hz.</param>
/// <param name="BreathsPerMinute">FrequencyHz × 60.</param>
public sealed record RespiratoryRateSample(double TimeS, double FrequencyHz, double BreathsPerMinute);

/// <summary>Respiratory rate from RSA: the dominant peak of the heart-rate spectrum.</summary>
public static class RespiratoryRate
{
    /// <summary>
    /// For each window (64 s every 5 s by default, Hann taper because side lobes matter more here than a
    /// narrow main lobe), heart rate 60000/RR is resampled at 4 Hz by cubic spline, linearly detrended,
    /// and the frequency of the largest density in 0.1–0.5 Hz (6–30 breaths/min) is returned × 60.
    /// Valid only when breathing modulates heart rate (RSA) and lies in the band; slow paced breathing
    /// below 6/min is outside it. Beat sampling limits the band: at 60 bpm the Nyquist frequency of the
    /// beats is 0.5 Hz.
    /// </summary>
    /// <exception cref="InsufficientDataException">Beats span less than one window (<see cref="InsufficientDataReason.TooShort"/>).</exception>
    public static IReadOnlyList<RespiratoryRateSample> FromRsa(RrSeries series, CoherenceOptions? options = null, (double Low, double High)? bandHz = null)
    {
        var o = options ?? CoherenceOptions.Default with { Taper = Taper.Hann };
        var band = bandHz ?? (0.1, 0.5);
        SlidingSpectra.RequireWindow(series, o);
        var hr = Tachogram.ResampleHeartRate(series, o.ResampleHz);
        var spectra = SlidingSpectra.Compute(hr, series.BeatTimesS[0], o);
        var samples = new List<RespiratoryRateSample>(spectra.Count);
        foreach (var (endS, psd) in spectra)
        {
            var f = psd.PeakFrequencyHz(band.Low, band.High);
            samples.Add(new RespiratoryRateSample(endS, f, 60 * f));
        }
        return samples;
    }
}
