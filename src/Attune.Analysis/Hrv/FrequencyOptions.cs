namespace Attune.Analysis.Hrv;

/// <summary>How the power spectral density of the RR series is estimated.</summary>
public enum SpectralMethod
{
    /// <summary>Welch on the resampled tachogram when the series has no gaps, Lomb–Scargle when it has.</summary>
    Auto,

    /// <summary>Cubic-spline resampling to an even grid, then Welch's averaged periodogram.</summary>
    Welch,

    /// <summary>Segment-averaged Lomb–Scargle periodogram on the raw beat times (no interpolation).</summary>
    LombScargle,
}

/// <summary>How the Welch segment length is chosen.</summary>
public enum WelchSegmentRule
{
    /// <summary><see cref="FrequencyOptions.SegmentLengthS"/> seconds, or the whole record when shorter.</summary>
    FixedLength,

    /// <summary>
    /// NeuroKit2 0.2.x (<c>signal_psd</c> with its default <c>min_frequency</c>): with N grid samples at fs,
    /// min_frequency = 2·fs/(N/2), the segment is ⌊(2/min_frequency)·fs⌋ = ⌊N/2⌋ samples (half the record,
    /// 50 % overlap, so three segments), and frequencies below min_frequency (4/T for a record of T seconds)
    /// are dropped after the spectrum is computed.
    /// </summary>
    HalfRecord,
}

/// <summary>How the RR tachogram is resampled onto an even grid.</summary>
public enum TachogramInterpolation
{
    /// <summary>Natural cubic spline on t[0] + k/fs, k = 0 … ⌊(t[^1] − t[0])·fs⌋ (Attune's default).</summary>
    NaturalCubicSpline,

    /// <summary>
    /// NeuroKit2's <c>intervals_process</c>: SciPy's quadratic interpolating B-spline
    /// (<c>interp1d(kind="quadratic")</c>) on <c>numpy.arange(t[0], t[^1] + 1/fs, 1/fs)</c>, holding the last
    /// value beyond the last beat.
    /// </summary>
    QuadraticBSpline,
}

/// <summary>How LFnu and HFnu are normalised.</summary>
public enum NormalizedUnits
{
    /// <summary>LFnu = 100·LF/(LF + HF), HFnu = 100·HF/(LF + HF) (Task Force 1996).</summary>
    PercentOfLfPlusHf,

    /// <summary>LFn = LF/TP, HFn = HF/TP, as fractions (NeuroKit2 <c>HRV_LFn</c>, <c>HRV_HFn</c>).</summary>
    FractionOfTotalPower,
}

/// <summary>
/// Options for <see cref="FrequencyDomain"/>. <see cref="Default"/> follows the Task Force (1996)
/// bands with a Welch estimate on a 4 Hz cubic-spline tachogram; <see cref="NeuroKit2Compatible"/>
/// reproduces NeuroKit2's <c>hrv_frequency</c> defaults (with <c>normalize=False</c>); docs/numerics/hrv.md
/// lists every difference.
/// </summary>
public sealed record FrequencyOptions
{
    /// <summary>Spectral estimator. Default <see cref="SpectralMethod.Auto"/>.</summary>
    public SpectralMethod Method { get; init; } = SpectralMethod.Auto;

    /// <summary>Rate of the evenly resampled tachogram, Hz. Default 4 (Kubios); NeuroKit2 uses 100.</summary>
    public double InterpolationRateHz { get; init; } = 4;

    /// <summary>Welch and Lomb–Scargle segment length, seconds. Default 256 (1024 samples at 4 Hz,
    /// frequency resolution 1/256 ≈ 0.0039 Hz). Ignored by Welch when <see cref="WelchSegment"/> is
    /// <see cref="WelchSegmentRule.HalfRecord"/>.</summary>
    public double SegmentLengthS { get; init; } = 256;

    /// <summary>How the Welch segment length is chosen. Default <see cref="WelchSegmentRule.FixedLength"/>.</summary>
    public WelchSegmentRule WelchSegment { get; init; } = WelchSegmentRule.FixedLength;

    /// <summary>How the tachogram is resampled onto the even grid. Default <see cref="TachogramInterpolation.NaturalCubicSpline"/>.</summary>
    public TachogramInterpolation Interpolation { get; init; } = TachogramInterpolation.NaturalCubicSpline;

    /// <summary>Report a band only when the record lasts its Task Force minimum (HF 60 s, LF 120 s, VLF two
    /// cycles of its lower edge) and compute no spectrum under 60 s. Default true. NeuroKit2 has no such rule:
    /// it reports any band that holds at least two frequency bins, and the preset follows it.</summary>
    public bool ApplyMinimumDurations { get; init; } = true;

    /// <summary>Segment overlap as a fraction of the segment. Default 0.5.</summary>
    public double OverlapFraction { get; init; } = 0.5;

    /// <summary>FFT length as a multiple of the segment length (zero padding). Default 1; NeuroKit2 uses 2.</summary>
    public int FftLengthFactor { get; init; } = 1;

    /// <summary>Subtract each Welch segment's mean before windowing (scipy's default). Default true;
    /// NeuroKit2 passes <c>detrend=False</c> and only removes the global mean.</summary>
    public bool DetrendEachSegment { get; init; } = true;

    /// <summary>Lomb–Scargle frequency grid oversampling relative to 1/segment length. Default 2.</summary>
    public int LombOversampling { get; init; } = 2;

    /// <summary>Very-low-frequency band, Hz. Default [0.0033, 0.04].</summary>
    public (double Low, double High) VlfBandHz { get; init; } = (0.0033, 0.04);

    /// <summary>Low-frequency band, Hz. Default [0.04, 0.15].</summary>
    public (double Low, double High) LfBandHz { get; init; } = (0.04, 0.15);

    /// <summary>High-frequency band, Hz. Default [0.15, 0.4].</summary>
    public (double Low, double High) HfBandHz { get; init; } = (0.15, 0.4);

    /// <summary>Band integrated as total power, Hz. Default [0, 0.4]; NeuroKit2 sums ULF…VHF, [0, 0.5].</summary>
    public (double Low, double High) TotalPowerBandHz { get; init; } = (0, 0.4);

    /// <summary>Integrate band powers over only the grid points in [low, high) without edge
    /// interpolation, as NeuroKit2 does. Default false (edge-interpolated trapezoid).</summary>
    public bool HalfOpenBinIntegration { get; init; }

    /// <summary>Normalisation of LFnu and HFnu. Default <see cref="NormalizedUnits.PercentOfLfPlusHf"/>.</summary>
    public NormalizedUnits NormalizedUnits { get; init; } = NormalizedUnits.PercentOfLfPlusHf;

    /// <summary>Divide the PSD by its maximum before integration (NeuroKit2's <c>normalize=True</c>
    /// default). Band powers are then unitless, not ms². Default false, also in
    /// <see cref="NeuroKit2Compatible"/>; set it to reproduce NeuroKit2 called with default arguments.</summary>
    public bool NormalizeToPeakDensity { get; init; }

    /// <summary>Task Force (1996) bands; Welch, Hann, 256-s segments, 50 % overlap, 4 Hz cubic spline.</summary>
    public static FrequencyOptions Default { get; } = new();

    /// <summary>
    /// NeuroKit2 0.2.x <c>hrv_frequency</c> defaults with <c>normalize=False</c> (powers in ms²): 100 Hz
    /// quadratic B-spline tachogram on NeuroKit2's grid, Welch with half-record segments and an FFT twice as
    /// long, no per-segment detrend, bins below 4/T dropped, [low, high) bin integration with a band of fewer
    /// than two bins not computable, TP = ULF + VLF + LF + HF + VHF (0–0.5 Hz), LFn = LF/TP, and no minimum
    /// durations. Set <see cref="NormalizeToPeakDensity"/> to reproduce NeuroKit2 called with its default
    /// <c>normalize=True</c>, and <see cref="InterpolationRateHz"/> = 4 for its "Kubios-like" rate.
    /// Checked value by value against NeuroKit2 0.2.12 (docs/numerics/hrv.md).
    /// </summary>
    public static FrequencyOptions NeuroKit2Compatible { get; } = new()
    {
        Method = SpectralMethod.Welch,
        InterpolationRateHz = 100,
        Interpolation = TachogramInterpolation.QuadraticBSpline,
        WelchSegment = WelchSegmentRule.HalfRecord,
        FftLengthFactor = 2,
        DetrendEachSegment = false,
        TotalPowerBandHz = (0, 0.5),
        HalfOpenBinIntegration = true,
        NormalizedUnits = NormalizedUnits.FractionOfTotalPower,
        ApplyMinimumDurations = false,
    };
}
