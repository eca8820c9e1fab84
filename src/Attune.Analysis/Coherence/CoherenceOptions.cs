using Attune.Analysis.Spectral;

namespace Attune.Analysis.Coherence;

/// <summary>
/// Options for <see cref="CoherenceRatio"/>, <see cref="ResonanceFrequency"/> and
/// <see cref="RespiratoryRate"/>: sliding short-time spectra of the resampled tachogram.
/// </summary>
public sealed record CoherenceOptions
{
    /// <summary>Analysis window, seconds. Default 64 (HeartMath's published description).</summary>
    public double WindowS { get; init; } = 64;

    /// <summary>Step between windows, seconds. Default 5.</summary>
    public double StepS { get; init; } = 5;

    /// <summary>Resampling rate of the tachogram, Hz. Default 4 (HeartMath describes 2 Hz; bands below
    /// 0.5 Hz are unaffected).</summary>
    public double ResampleHz { get; init; } = 4;

    /// <summary>FFT length (zero padding), a power of two ≥ window samples; 1024 at 4 Hz gives a 0.0039-Hz grid.</summary>
    public int FftLength { get; init; } = 1024;

    /// <summary>Taper. Default rectangular: its main lobe (±1/64 Hz) matches the ±0.015-Hz peak window.</summary>
    public Taper Taper { get; init; } = Taper.Rectangular;

    /// <summary>Band searched for the coherence peak, Hz. Default 0.04–0.26 (McCraty et al. 2009).</summary>
    public (double Low, double High) PeakSearchBandHz { get; init; } = (0.04, 0.26);

    /// <summary>Half-width of the peak-power window, Hz. Default 0.015 (a 0.030-Hz window).</summary>
    public double PeakHalfWidthHz { get; init; } = 0.015;

    /// <summary>Band of the total power, Hz. Default 0.0033–0.4.</summary>
    public (double Low, double High) TotalPowerBandHz { get; init; } = (0.0033, 0.4);

    /// <summary>All defaults.</summary>
    public static CoherenceOptions Default { get; } = new();
}
