using Attune.Analysis.Series;
using Attune.Analysis.Spectral;

namespace Attune.Analysis.Coherence;

/// <summary>One coherence estimate, for the window ending at <see cref="TimeS"/>.</summary>
/// <param name="TimeS">End of the analysis window, seconds on the series' time axis.</param>
/// <param name="PeakFrequencyHz">Frequency of the largest density in the peak-search band, Hz.</param>
/// <param name="PeakPowerMs2">Power within ±half-width of the peak, ms².</param>
/// <param name="TotalPowerMs2">Power in the total-power band, ms².</param>
/// <param name="PowerRatio">PeakPower / (TotalPower − PeakPower), dimensionless.</param>
/// <param name="CoherenceRatioValue">PowerRatio², the coherence ratio as published by McCraty et al. (2009).</param>
public sealed record CoherenceSample(double TimeS, double PeakFrequencyHz, double PeakPowerMs2, double TotalPowerMs2, double PowerRatio, double CoherenceRatioValue);

/// <summary>
/// Heart-rhythm coherence ratio after McCraty et al. (2009), computed over sliding windows. This is an
/// open re-implementation of the published description; it is not HeartMath's proprietary score and
/// makes no claim to equal it.
/// </summary>
public static class CoherenceRatio
{
    /// <summary>
    /// Coherence time series: for each 64-s window (every 5 s by default) of the 4 Hz cubic-spline
    /// tachogram, linear trend removed, rectangular taper, zero-padded FFT (one-sided density in ms²/Hz),
    /// find the highest density in 0.04–0.26 Hz, integrate ±0.015 Hz around it (trapezoid, edges
    /// interpolated) as peak power, integrate 0.0033–0.4 Hz as total power, and report
    /// PowerRatio = peak / (total − peak) and CoherenceRatio = PowerRatio² (McCraty et al. 2009; see
    /// docs/numerics/hrv.md for what could and could not be verified about the square). When
    /// total − peak ≤ 0 both ratios are +∞.
    /// </summary>
    /// <exception cref="InsufficientDataException">Beats span less than one window (<see cref="InsufficientDataReason.TooShort"/>).</exception>
    public static IReadOnlyList<CoherenceSample> Compute(RrSeries series, CoherenceOptions? options = null)
    {
        var o = options ?? CoherenceOptions.Default;
        SlidingSpectra.RequireWindow(series, o);
        var tachogram = Tachogram.Resample(series, o.ResampleHz);
        var spectra = SlidingSpectra.Compute(tachogram, series.BeatTimesS[0], o);
        var samples = new List<CoherenceSample>(spectra.Count);
        foreach (var (endS, psd) in spectra)
        {
            samples.Add(FromSpectrum(endS, psd, o));
        }
        return samples;
    }

    internal static CoherenceSample FromSpectrum(double timeS, PowerSpectrum psd, CoherenceOptions o)
    {
        var peak = psd.PeakFrequencyHz(o.PeakSearchBandHz.Low, o.PeakSearchBandHz.High);
        var peakPower = psd.BandPower(peak - o.PeakHalfWidthHz, peak + o.PeakHalfWidthHz);
        var total = psd.BandPower(o.TotalPowerBandHz.Low, o.TotalPowerBandHz.High);
        var rest = total - peakPower;
        var ratio = rest > 0 ? peakPower / rest : double.PositiveInfinity;
        return new CoherenceSample(timeS, peak, peakPower, total, ratio, ratio * ratio);
    }
}
