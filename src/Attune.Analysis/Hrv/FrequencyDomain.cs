using System.Buffers;
using Attune.Analysis.Series;
using Attune.Analysis.Spectral;

namespace Attune.Analysis.Hrv;

/// <summary>
/// Frequency-domain HRV measures in absolute units. A band is null when the record is too short for
/// it (see <see cref="FrequencyDomain.MinimumDurationS"/>), with the reason in <see cref="NotComputable"/>.
/// </summary>
/// <param name="VlfMs2">Power in the VLF band (default 0.0033–0.04 Hz), ms².</param>
/// <param name="LfMs2">Power in the LF band (default 0.04–0.15 Hz), ms².</param>
/// <param name="HfMs2">Power in the HF band (default 0.15–0.4 Hz), ms².</param>
/// <param name="LfHfRatio">LF/HF, dimensionless.</param>
/// <param name="LfNu">LF in normalised units (percent of LF + HF by default; see <see cref="NormalizedUnits"/>).</param>
/// <param name="HfNu">HF in normalised units.</param>
/// <param name="TotalPowerMs2">Power in the total-power band (default 0–0.4 Hz), ms².</param>
/// <param name="LfPeakHz">Frequency of the largest density in the LF band, Hz.</param>
/// <param name="HfPeakHz">Frequency of the largest density in the HF band, Hz.</param>
/// <param name="MethodUsed">Estimator actually used (Auto resolved).</param>
/// <param name="NormalizedUnits">How <paramref name="LfNu"/> and <paramref name="HfNu"/> were normalised.</param>
/// <param name="NotComputable">Bands left null and why.</param>
public sealed record FrequencyDomainResult(
    double? VlfMs2,
    double? LfMs2,
    double? HfMs2,
    double? LfHfRatio,
    double? LfNu,
    double? HfNu,
    double TotalPowerMs2,
    double? LfPeakHz,
    double? HfPeakHz,
    SpectralMethod MethodUsed,
    NormalizedUnits NormalizedUnits,
    IReadOnlyList<NotComputable> NotComputable)
{
    /// <summary>
    /// The spectrum the bands were integrated from (frequencies and densities), for a caller that draws it: computing it again
    /// costs as much as the measures themselves (tens of milliseconds for a day). Not written to JSON.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public PowerSpectrum? Spectrum { get; init; }

    /// <summary>Unit label of LFnu and HFnu: "n.u." (percent of LF + HF) or "fraction of TP".</summary>
    public string NormalizedUnitsUnit => NormalizedUnits == NormalizedUnits.PercentOfLfPlusHf ? "n.u." : "fraction of TP";
}

/// <summary>
/// Power spectral density of the RR tachogram and band powers (Task Force 1996; Welch 1967;
/// Lomb 1976; Scargle 1982; Press &amp; Rybicki 1989).
/// </summary>
public static class FrequencyDomain
{
    /// <summary>Shortest record for any spectral estimate, and for HF, seconds (Task Force 1996: 1 min).</summary>
    public const double MinimumHfDurationS = 60;

    /// <summary>Shortest record for LF, LF/HF and normalised units, seconds (Task Force 1996: 2 min).</summary>
    public const double MinimumLfDurationS = 120;

    /// <summary>
    /// Shortest record for a band, seconds: HF 60 s, LF 120 s (Task Force 1996), VLF two cycles of its
    /// lower edge (2/0.0033 ≈ 606 s), because a shorter record cannot resolve it (the Task Force
    /// advises against VLF from short-term recordings).
    /// </summary>
    public static double MinimumDurationS(string band, FrequencyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return band switch
        {
            "HF" => MinimumHfDurationS,
            "LF" => MinimumLfDurationS,
            "VLF" => 2.0 / options.VlfBandHz.Low,
            _ => throw new ArgumentOutOfRangeException(nameof(band), band, "Band must be VLF, LF or HF."),
        };
    }

    /// <summary>
    /// Power spectral density of the series, in ms²/Hz, one-sided, integrating to the variance.
    /// </summary>
    /// <remarks>
    /// Welch: the tachogram (RR[i] at beat time t[i]) is interpolated with a natural cubic spline on
    /// an even grid from t[0] to t[^1] at <see cref="FrequencyOptions.InterpolationRateHz"/>; its mean is
    /// subtracted (constant detrend; no smoothness-priors detrending, so power below the VLF band
    /// leaks little only because each segment is also mean-subtracted); then Welch with a periodic Hann
    /// window, segment <see cref="FrequencyOptions.SegmentLengthS"/> (or the whole record if shorter),
    /// <see cref="FrequencyOptions.OverlapFraction"/> overlap, one-sided density scaled by 1/(fs·Σw²).
    /// Lomb–Scargle: segment-averaged periodogram on the raw beat times (see docs/numerics/hrv.md).
    /// </remarks>
    /// <exception cref="InsufficientDataException">The record is shorter than <see cref="MinimumHfDurationS"/>
    /// (<see cref="InsufficientDataReason.TooShort"/>), or gaps leave no Lomb–Scargle segment with enough beats
    /// (<see cref="InsufficientDataReason.TooManyGaps"/>).</exception>
    public static PowerSpectrum Spectrum(RrSeries series, FrequencyOptions? options = null) =>
        Spectrum(series, options ?? FrequencyOptions.Default, out _);

    /// <summary>
    /// Computes VLF, LF, HF (ms²), LF/HF, normalised units, total power and band peaks.
    /// </summary>
    /// <remarks>
    /// Band power is the trapezoid integral of the density over the band with the density linearly
    /// interpolated at the band edges (or, with <see cref="FrequencyOptions.HalfOpenBinIntegration"/>,
    /// over grid points in [low, high) only). LFnu = 100·LF/(LF + HF), HFnu = 100·HF/(LF + HF) by default.
    /// A band is null when the record is shorter than <see cref="MinimumDurationS"/>; ratios need both
    /// LF and HF and are null when LF + HF (or HF for LF/HF) is zero. When every interval is equal, every
    /// power is exactly 0 (not the ~1e-35 ms² of rounding the interpolation leaves) and the ratios and
    /// peaks are null.
    /// </remarks>
    /// <exception cref="InsufficientDataException">The record is shorter than <see cref="MinimumHfDurationS"/>
    /// (<see cref="InsufficientDataReason.TooShort"/>), or gaps leave no Lomb–Scargle segment with enough beats
    /// (<see cref="InsufficientDataReason.TooManyGaps"/>).</exception>
    public static FrequencyDomainResult Compute(RrSeries series, FrequencyOptions? options = null)
    {
        var o = options ?? FrequencyOptions.Default;
        var psd = Spectrum(series, o, out var methodUsed);
        var duration = series.DurationS;
        var missing = new List<NotComputable>();
        // Equal intervals have no variance: the true spectrum is zero, and what the interpolation and
        // FFT leave (~1e-35 ms²) is rounding, whose LF/HF would be a made-up number.
        var constant = AllEqual(series.IntervalsMs);

        double Band((double Low, double High) band) =>
            constant ? 0 : o.HalfOpenBinIntegration ? psd.BandPowerHalfOpenBins(band.Low, band.High) : psd.BandPower(band.Low, band.High);

        double? BandIfLongEnough(string name, (double Low, double High) band)
        {
            var need = MinimumDurationS(name, o);
            if (o.ApplyMinimumDurations && duration < need)
            {
                missing.Add(new NotComputable(name, $"Needs a record of at least {need:0} s; this one lasts {duration:0} s."));
                return null;
            }
            var power = Band(band);
            if (!constant && o.HalfOpenBinIntegration && power == 0)
            {
                // NeuroKit2 reports a band without two frequency bins as NaN.
                missing.Add(new NotComputable(name, $"Fewer than two frequencies of the spectrum lie in {band.Low}–{band.High} Hz: this {duration:0}-s record is too short to resolve the band."));
                return null;
            }
            return power;
        }

        var vlf = BandIfLongEnough("VLF", o.VlfBandHz);
        var lf = BandIfLongEnough("LF", o.LfBandHz);
        var hf = BandIfLongEnough("HF", o.HfBandHz);

        double total;
        if (constant)
        {
            total = 0;
        }
        else if (o.HalfOpenBinIntegration)
        {
            // NeuroKit2's TP is the sum of its five band powers (ULF, VLF, LF, HF, VHF), not one integral.
            total = psd.BandPowerHalfOpenBins(o.TotalPowerBandHz.Low, o.VlfBandHz.Low)
                + psd.BandPowerHalfOpenBins(o.VlfBandHz.Low, o.VlfBandHz.High)
                + psd.BandPowerHalfOpenBins(o.LfBandHz.Low, o.LfBandHz.High)
                + psd.BandPowerHalfOpenBins(o.HfBandHz.Low, o.HfBandHz.High)
                + psd.BandPowerHalfOpenBins(o.HfBandHz.High, o.TotalPowerBandHz.High);
        }
        else
        {
            total = psd.BandPower(o.TotalPowerBandHz.Low, o.TotalPowerBandHz.High);
        }

        double? lfHf = null, lfNu = null, hfNu = null;
        if (constant && lf is not null && hf is not null)
        {
            const string Flat = "Every interval is the same, so LF and HF are both zero and their ratios are undefined.";
            missing.Add(new NotComputable("LFHF", Flat));
            missing.Add(new NotComputable("LFnu", Flat));
            missing.Add(new NotComputable("HFnu", Flat));
        }
        else if (lf is { } l && hf is { } h)
        {
            lfHf = h > 0 ? l / h : null;
            var denominator = o.NormalizedUnits == NormalizedUnits.PercentOfLfPlusHf ? (l + h) / 100.0 : total;
            if (denominator > 0)
            {
                lfNu = l / denominator;
                hfNu = h / denominator;
            }
            if (lfHf is null)
            {
                missing.Add(new NotComputable("LFHF", "HF power is zero."));
            }
            if (lfNu is null)
            {
                missing.Add(new NotComputable("LFnu", "The normalising power is zero."));
                missing.Add(new NotComputable("HFnu", "The normalising power is zero."));
            }
        }
        else
        {
            missing.Add(new NotComputable("LFHF", "Needs both LF and HF."));
            missing.Add(new NotComputable("LFnu", "Needs both LF and HF."));
            missing.Add(new NotComputable("HFnu", "Needs both LF and HF."));
        }

        double? Peak((double Low, double High) band, double? power)
        {
            if (power is null || constant)
            {
                return null;
            }
            var f = psd.PeakFrequencyHz(band.Low, band.High);
            return double.IsNaN(f) ? null : f;
        }

        return new FrequencyDomainResult(vlf, lf, hf, lfHf, lfNu, hfNu, total, Peak(o.LfBandHz, lf), Peak(o.HfBandHz, hf), methodUsed, o.NormalizedUnits, missing)
        {
            Spectrum = psd,
        };
    }

    private static bool AllEqual(ReadOnlySpan<double> x)
    {
        for (var i = 1; i < x.Length; i++)
        {
            if (x[i] != x[0])
            {
                return false;
            }
        }
        return true;
    }

    private static PowerSpectrum Spectrum(RrSeries series, FrequencyOptions o, out SpectralMethod methodUsed)
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(o);
        if (series.Count < 4 || (o.ApplyMinimumDurations && series.DurationS < MinimumHfDurationS))
        {
            throw new InsufficientDataException(InsufficientDataReason.TooShort, $"Spectral analysis needs at least 4 beats over {MinimumHfDurationS:0} s; got {series.Count} over {series.DurationS:0.#} s.");
        }
        methodUsed = o.Method switch
        {
            SpectralMethod.Auto => SuccessiveDifferences.HasGaps(series) ? SpectralMethod.LombScargle : SpectralMethod.Welch,
            var m => m,
        };

        PowerSpectrum psd;
        var minimumFrequency = 0.0;
        if (methodUsed == SpectralMethod.LombScargle)
        {
            var t = series.BeatTimesS;
            var span = t[^1] - t[0];
            var segment = Math.Min(o.SegmentLengthS, span);
            psd = LombScargle.Estimate(t, series.IntervalsMs, segment, o.OverlapFraction, Math.Max(o.TotalPowerBandHz.High, o.HfBandHz.High), o.LombOversampling);
        }
        else
        {
            var fs = o.InterpolationRateHz;
            var quadratic = o.Interpolation == TachogramInterpolation.QuadraticBSpline;
            var n = quadratic ? Tachogram.NeuroKitGridLength(series, fs) : Tachogram.GridLength(series, fs);
            if (n < 4)
            {
                throw new InsufficientDataException(InsufficientDataReason.TooShort, $"Spectral analysis needs at least 4 resampled points; this record gives {n} at {fs} Hz.");
            }
            var rented = ArrayPool<double>.Shared.Rent(n);
            var tachogram = rented.AsSpan(0, n);
            if (quadratic)
            {
                Tachogram.ResampleNeuroKit(series, fs, tachogram);
            }
            else
            {
                Tachogram.Resample(series, fs, tachogram);
            }
            int segment;
            if (o.WelchSegment == WelchSegmentRule.HalfRecord)
            {
                (segment, minimumFrequency) = HalfRecordWindow(fs, n);
            }
            else
            {
                segment = Math.Min(n, (int)Math.Round(o.SegmentLengthS * fs));
            }
            var overlap = (int)(segment * o.OverlapFraction);
            var fftLength = segment * o.FftLengthFactor;
            psd = WelchPsd.Estimate(tachogram, fs, segment, fftLength, overlap, o.DetrendEachSegment);
            ArrayPool<double>.Shared.Return(rented);
            if (o.WelchSegment == WelchSegmentRule.HalfRecord)
            {
                // SciPy's grid, k·(1/(nfft·(1/fs))), so that bins on a band edge fall on the same side as there.
                var frequencies = psd.FrequenciesHz;
                var resolution = 1.0 / (fftLength * (1.0 / fs));
                for (var k = 0; k < frequencies.Length; k++)
                {
                    frequencies[k] = k * resolution;
                }
            }
        }

        if (o.NormalizeToPeakDensity)
        {
            psd = ScaledToPeak(psd);
        }
        return minimumFrequency > 0 ? DropBelow(psd, minimumFrequency) : psd;
    }

    // NeuroKit2 divides by the largest density over the whole one-sided spectrum, before dropping low bins.
    private static PowerSpectrum ScaledToPeak(PowerSpectrum psd)
    {
        var max = 0.0;
        foreach (var p in psd.Density)
        {
            max = Math.Max(max, p);
        }
        if (max <= 0)
        {
            return psd;
        }
        var scaled = new double[psd.Density.Length];
        for (var i = 0; i < scaled.Length; i++)
        {
            scaled[i] = psd.Density[i] / max;
        }
        return psd with { Density = scaled };
    }

    // NeuroKit2 signal_psd with min_frequency="default": min_frequency = 2·fs/(N/2), window
    // ⌊(2/min_frequency)·fs⌋ capped at ⌊N/2⌋, in the same floating-point steps.
    private static (int Segment, double MinimumFrequency) HalfRecordWindow(double fs, int n)
    {
        var minimumFrequency = 2 * fs / (n / 2.0);
        var segment = (int)(2 / minimumFrequency * fs);
        if (segment > n / 2.0)
        {
            segment = (int)(n / 2.0);
        }
        return (segment, minimumFrequency);
    }

    private static PowerSpectrum DropBelow(PowerSpectrum psd, double minimumFrequency)
    {
        var first = 0;
        while (first < psd.FrequenciesHz.Length && psd.FrequenciesHz[first] < minimumFrequency)
        {
            first++;
        }
        return new PowerSpectrum(psd.FrequenciesHz[first..], psd.Density[first..]);
    }
}
