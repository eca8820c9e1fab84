using Attune.Analysis.Rhythm;

namespace Attune.Analysis.Hrv;

/// <summary>One named value of an <see cref="HrvReport"/>, for serialisation.</summary>
/// <param name="Name">Stable report name (e.g. "RMSSD").</param>
/// <param name="Value">The value, or null when not computable.</param>
/// <param name="Unit">Unit: "ms", "ms²", "bpm", "%", "n.u.", "Hz" or "" for dimensionless.</param>
public sealed record HrvMeasure(string Name, double? Value, string Unit);

/// <summary>
/// All single-person HRV measures of one RR series. A null value was not computable; its reason is
/// in <see cref="NotComputable"/>. Names and units are documented in docs/numerics/hrv.md.
/// </summary>
public sealed record HrvReport
{
    /// <summary>Number of RR intervals analysed.</summary>
    public required int BeatCount { get; init; }

    /// <summary>Duration of the record, seconds.</summary>
    public required double DurationS { get; init; }

    /// <summary>Time-domain measures, or null when the series has fewer than three intervals.</summary>
    public TimeDomainResult? TimeDomain { get; init; }

    /// <summary>Frequency-domain measures, or null when the record is shorter than 60 s.</summary>
    public FrequencyDomainResult? FrequencyDomain { get; init; }

    /// <summary>Poincaré descriptors, or null with the time domain.</summary>
    public PoincareResult? Poincare { get; init; }

    /// <summary>DFA short-term exponent α1 (default boxes 4–16 beats).</summary>
    public double? DfaAlpha1 { get; init; }

    /// <summary>DFA long-term exponent α2 (default boxes 16–64 beats).</summary>
    public double? DfaAlpha2 { get; init; }

    /// <summary>Sample entropy (m = 2, r = 0.2·SDNN by default), dimensionless.</summary>
    public double? SampEn { get; init; }

    /// <summary>Approximate entropy (m = 2, r = 0.2·SDNN by default), dimensionless.</summary>
    public double? ApEn { get; init; }

    /// <summary>
    /// Where the rhythm looks irregular in a way for which HRV does not reflect vagal tone (frequent
    /// ectopy, an atrial-fibrillation-like rhythm), from COSEn of 12-beat segments; null only in reports
    /// built without it. When <see cref="IrregularRhythmResult.Flagged"/>, the measures above cannot be read
    /// as calm or stress: say so (<see cref="IrregularRhythmResult.Reading"/>). Never a diagnosis.
    /// </summary>
    public IrregularRhythmResult? IrregularRhythm { get; init; }

    /// <summary>Measures left null and why.</summary>
    public required IReadOnlyList<NotComputable> NotComputable { get; init; }

    /// <summary>
    /// The report as an ordered list of (name, value, unit): MeanNN, SDNN, RMSSD, SDSD, pNN50, pNN20,
    /// MeanHR, CVNN, MedianNN, IQRNN, SDANN, SDNNI, VLF, LF, HF, LFHF, LFnu, HFnu, TotalPower, SD1, SD2,
    /// SD1SD2, DFA_alpha1, DFA_alpha2, SampEn, ApEn.
    /// </summary>
    public IReadOnlyList<HrvMeasure> ToMeasures()
    {
        var t = TimeDomain;
        var f = FrequencyDomain;
        var p = Poincare;
        return
        [
            new("MeanNN", t?.MeanNnMs, "ms"),
            new("SDNN", t?.SdnnMs, "ms"),
            new("RMSSD", t?.RmssdMs, "ms"),
            new("SDSD", t?.SdsdMs, "ms"),
            new("pNN50", t?.Pnn50Percent, "%"),
            new("pNN20", t?.Pnn20Percent, "%"),
            new("MeanHR", t?.MeanHrBpm, "bpm"),
            new("CVNN", t?.CvnnPercent, "%"),
            new("MedianNN", t?.MedianNnMs, "ms"),
            new("IQRNN", t?.IqrNnMs, "ms"),
            new("SDANN", t?.SdannMs, "ms"),
            new("SDNNI", t?.SdnniMs, "ms"),
            new("VLF", f?.VlfMs2, "ms²"),
            new("LF", f?.LfMs2, "ms²"),
            new("HF", f?.HfMs2, "ms²"),
            new("LFHF", f?.LfHfRatio, ""),
            new("LFnu", f?.LfNu, f?.NormalizedUnitsUnit ?? "n.u."),
            new("HFnu", f?.HfNu, f?.NormalizedUnitsUnit ?? "n.u."),
            new("TotalPower", f?.TotalPowerMs2, "ms²"),
            new("SD1", p?.Sd1Ms, "ms"),
            new("SD2", p is { } p2 && double.IsFinite(p2.Sd2Ms) ? p2.Sd2Ms : null, "ms"),
            new("SD1SD2", p is { } pp && double.IsFinite(pp.Sd1Sd2Ratio) ? pp.Sd1Sd2Ratio : null, ""),
            new("DFA_alpha1", DfaAlpha1, ""),
            new("DFA_alpha2", DfaAlpha2, ""),
            new("SampEn", SampEn, ""),
            new("ApEn", ApEn, ""),
        ];
    }
}
