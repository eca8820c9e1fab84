using Attune.Analysis.Series;
using Attune.Analysis.Spectral;

namespace Attune.Analysis.Coherence;

/// <summary>Dominant oscillation of a paced-breathing recording.</summary>
/// <param name="FrequencyHz">Frequency of the largest mean density in the search band, Hz.</param>
/// <param name="BreathsPerMinute">The same frequency × 60.</param>
/// <param name="PeakPowerMs2">Mean power within ±0.015 Hz of the peak, ms².</param>
/// <param name="WindowCount">Number of windows averaged.</param>
public sealed record ResonanceEstimate(double FrequencyHz, double BreathsPerMinute, double PeakPowerMs2, int WindowCount);

/// <summary>
/// Resonance frequency (Vaschillo, Lehrer et al.) estimated from one paced-breathing recording.
/// </summary>
public static class ResonanceFrequency
{
    /// <summary>
    /// Averages the short-time spectra of all windows of the recording (same windows as
    /// <see cref="CoherenceRatio"/>) and returns the frequency of the largest mean density in
    /// <paramref name="searchBandHz"/> (default 0.04–0.15 Hz, i.e. 2.4–9 breaths/min, the LF band where
    /// resonance breathing lies). Grid resolution fs/FftLength (0.0039 Hz, 0.23 breaths/min by default);
    /// no sub-bin interpolation. To compare several paced rates, call this on each block and choose the
    /// block with the largest <see cref="ResonanceEstimate.PeakPowerMs2"/> (Lehrer et al. 2000 also weigh
    /// peak-to-trough amplitude and phase, which this does not).
    /// </summary>
    /// <exception cref="InsufficientDataException">Beats span less than one window (<see cref="InsufficientDataReason.TooShort"/>).</exception>
    public static ResonanceEstimate Estimate(RrSeries series, (double Low, double High)? searchBandHz = null, CoherenceOptions? options = null)
    {
        var o = options ?? CoherenceOptions.Default;
        var band = searchBandHz ?? (0.04, 0.15);
        SlidingSpectra.RequireWindow(series, o);
        var tachogram = Tachogram.Resample(series, o.ResampleHz);
        var spectra = SlidingSpectra.Compute(tachogram, series.BeatTimesS[0], o);
        var frequencies = spectra[0].Psd.FrequenciesHz;
        var mean = new double[frequencies.Length];
        foreach (var (_, psd) in spectra)
        {
            for (var k = 0; k < mean.Length; k++)
            {
                mean[k] += psd.Density[k] / spectra.Count;
            }
        }
        var average = new PowerSpectrum(frequencies, mean);
        var peak = average.PeakFrequencyHz(band.Low, band.High);
        var power = average.BandPower(peak - o.PeakHalfWidthHz, peak + o.PeakHalfWidthHz);
        return new ResonanceEstimate(peak, 60 * peak, power, spectra.Count);
    }
}
