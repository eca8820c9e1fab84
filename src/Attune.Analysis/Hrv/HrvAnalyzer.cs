using System.Globalization;
using Attune.Analysis.Rhythm;
using Attune.Analysis.Series;

namespace Attune.Analysis.Hrv;

/// <summary>Runs every single-person HRV measure on one artifact-corrected RR series.</summary>
public static class HrvAnalyzer
{
    /// <summary>
    /// Computes the <see cref="HrvReport"/>. Each measure is computed independently: one that the
    /// series cannot support (too few beats or too short a record for it) is null and listed in
    /// <see cref="HrvReport.NotComputable"/> with its requirement; the others are still returned.
    /// Requirements (defaults): time domain and Poincaré ≥ 3 intervals; SDANN/SDNNI ≥ two full
    /// 5-min segments; spectrum ≥ 60 s (HF), LF ≥ 120 s, VLF ≥ 606 s; DFA α1 ≥ 64 and α2 ≥ 256
    /// intervals (four boxes at the largest size); SampEn and ApEn ≥ 100 and ≤ 200,000 intervals
    /// (<see cref="HrvOptions.MaximumEntropyIntervals"/>) and a finite value.
    /// Every other measure costs O(N) or O(N log N). The report also screens the rhythm for
    /// irregularity (<see cref="HrvReport.IrregularRhythm"/>, <see cref="IrregularRhythmDetector"/>).
    /// Never throws for a valid series; exceptions mean a bug or invalid options.
    /// </summary>
    public static HrvReport Analyze(RrSeries series, HrvOptions? options = null) =>
        Analyze(series, options, parallel: series?.Count >= ParallelFromIntervals);

    /// <summary>As <see cref="Analyze(RrSeries, HrvOptions?)"/>, choosing whether the parts run in parallel (tests check both
    /// ways give the same report).</summary>
    internal static HrvReport Analyze(RrSeries series, HrvOptions? options, bool parallel)
    {
        ArgumentNullException.ThrowIfNull(series);
        var o = options ?? HrvOptions.Default;
        var n = series.Count;

        // The parts share nothing, so on a long record they run side by side (a day's spectrum and entropy take tens of
        // milliseconds each); each keeps its own list of what it could not compute, joined below in a fixed order.
        (TimeDomainResult? Time, PoincareResult? Poincare, List<NotComputable> Missing) timePart = default;
        (FrequencyDomainResult? Result, List<NotComputable> Missing) frequencyPart = default;
        (double? Alpha1, double? Alpha2, List<NotComputable> Missing) dfaPart = default;
        (double? SampEn, double? ApEn, List<NotComputable> Missing) entropyPart = default;
        IrregularRhythmResult? rhythm = null;
        Action[] parts =
        [
            () => frequencyPart = FrequencyPart(series, o),
            () => entropyPart = EntropyPart(series, o),
            () => rhythm = IrregularRhythmDetector.Detect(series, o.IrregularRhythm),
            () => dfaPart = DfaPart(series, o),
            () => timePart = TimePart(series, o),
        ];
        Concurrently.Invoke(parallel, parts);

        return new HrvReport
        {
            BeatCount = n,
            DurationS = series.DurationS,
            TimeDomain = timePart.Time,
            FrequencyDomain = frequencyPart.Result,
            Poincare = timePart.Poincare,
            DfaAlpha1 = dfaPart.Alpha1,
            DfaAlpha2 = dfaPart.Alpha2,
            SampEn = entropyPart.SampEn,
            ApEn = entropyPart.ApEn,
            IrregularRhythm = rhythm,
            NotComputable = [.. timePart.Missing!, .. frequencyPart.Missing!, .. dfaPart.Missing!, .. entropyPart.Missing!],
        };
    }

    /// <summary>From this many intervals (about an hour) the parts of <see cref="Analyze(RrSeries, HrvOptions?)"/> run in parallel.</summary>
    internal const int ParallelFromIntervals = 4_000;

    private static (TimeDomainResult?, PoincareResult?, List<NotComputable>) TimePart(RrSeries series, HrvOptions o)
    {
        var missing = new List<NotComputable>();
        var n = series.Count;
        TimeDomainResult? time = null;
        PoincareResult? poincare = null;
        if (n >= TimeDomain.MinimumIntervals && HasTwoDifferences(series))
        {
            time = TimeDomain.Compute(series, o.PnnDenominator);
            poincare = Poincare.Compute(series, time, o.Sd2);
            if (double.IsNaN(poincare.Sd2Ms))
            {
                var reason = Invariant($"2·SDNN² − ½·SDSD² is negative ({2 * time.SdnnMs * time.SdnnMs - 0.5 * time.SdsdMs * time.SdsdMs:0.#} ms²): with {n} intervals the two sample standard deviations do not bound SD2; it needs more beats.");
                missing.Add(new NotComputable("SD2", reason));
                missing.Add(new NotComputable("SD1SD2", reason));
            }
            else if (!double.IsFinite(poincare.Sd1Sd2Ratio))
            {
                missing.Add(new NotComputable("SD1SD2", "SD2 is zero (no variability along the identity line)."));
            }
            if (time.SdannMs is null)
            {
                missing.Add(new NotComputable("SDANN", "Needs at least two full 5-minute segments."));
                missing.Add(new NotComputable("SDNNI", "Needs at least two full 5-minute segments."));
            }
        }
        else
        {
            foreach (var name in (string[])["MeanNN", "SDNN", "RMSSD", "SDSD", "pNN50", "pNN20", "MeanHR", "CVNN", "MedianNN", "IQRNN", "SDANN", "SDNNI", "SD1", "SD2", "SD1SD2"])
            {
                missing.Add(new NotComputable(name, Invariant($"Needs at least {TimeDomain.MinimumIntervals} intervals with two successive differences between adjacent beats; got {n} intervals.")));
            }
        }

        return (time, poincare, missing);
    }

    private static (FrequencyDomainResult?, List<NotComputable>) FrequencyPart(RrSeries series, HrvOptions o)
    {
        var missing = new List<NotComputable>();
        var n = series.Count;
        FrequencyDomainResult? frequency = null;
        string? spectralProblem = null;
        if (n >= 4 && (series.DurationS >= FrequencyDomain.MinimumHfDurationS || !o.Frequency.ApplyMinimumDurations))
        {
            try
            {
                frequency = FrequencyDomain.Compute(series, o.Frequency);
                missing.AddRange(frequency.NotComputable);
            }
            catch (InsufficientDataException e) when (e.Reason == InsufficientDataReason.TooManyGaps)
            {
                spectralProblem = e.Message;
            }
        }
        else
        {
            spectralProblem = Invariant($"Spectral measures need a record of at least {FrequencyDomain.MinimumHfDurationS:0} s; this one lasts {series.DurationS:0.#} s.");
        }
        if (spectralProblem is not null)
        {
            foreach (var name in (string[])["VLF", "LF", "HF", "LFHF", "LFnu", "HFnu", "TotalPower"])
            {
                missing.Add(new NotComputable(name, spectralProblem));
            }
        }

        return (frequency, missing);
    }

    private static (double?, double?, List<NotComputable>) DfaPart(RrSeries series, HrvOptions o)
    {
        var missing = new List<NotComputable>();
        var n = series.Count;
        double? Alpha(string name, DfaScaleRange boxes)
        {
            var max = boxes.MaxFor(n);
            if (max <= boxes.Min)
            {
                missing.Add(new NotComputable(name, Invariant($"Box sizes {boxes} leave fewer than two scales for {n} intervals (⌊(N + 1)/10⌋ = {max}); it needs at least {10 * (boxes.Min + 1) - 1} intervals.")));
                return null;
            }
            var need = Dfa.MinimumIntervals(max);
            if (n < need)
            {
                missing.Add(new NotComputable(name, Invariant($"Needs at least {need} intervals (four boxes of {max} beats); got {n}.")));
                return null;
            }
            var alpha = Dfa.Alpha(series, boxes.Min, max, o.DfaWindows);
            if (!double.IsFinite(alpha))
            {
                missing.Add(new NotComputable(name, "The fluctuation is zero at some box size (a constant or piecewise-linear series)."));
                return null;
            }
            return alpha;
        }
        var alpha1 = Alpha("DFA_alpha1", o.DfaShortBoxes);
        var alpha2 = Alpha("DFA_alpha2", o.DfaLongBoxes);

        return (alpha1, alpha2, missing);
    }

    private static (double?, double?, List<NotComputable>) EntropyPart(RrSeries series, HrvOptions o)
    {
        var missing = new List<NotComputable>();
        var n = series.Count;
        double? sampEn = null, apEn = null;
        if (!o.ComputeEntropy)
        {
            missing.Add(new NotComputable("SampEn", "Entropy was switched off in the options."));
            missing.Add(new NotComputable("ApEn", "Entropy was switched off in the options."));
        }
        else if (n < o.MinimumEntropyIntervals)
        {
            var reason = Invariant($"Needs at least {o.MinimumEntropyIntervals} intervals; got {n}.");
            missing.Add(new NotComputable("SampEn", reason));
            missing.Add(new NotComputable("ApEn", reason));
        }
        else if (n > o.MaximumEntropyIntervals)
        {
            var reason = Invariant($"Computed on at most {o.MaximumEntropyIntervals} intervals (HrvOptions.MaximumEntropyIntervals); got {n}. Analyse a shorter excerpt, such as one 24-hour period.");
            missing.Add(new NotComputable("SampEn", reason));
            missing.Add(new NotComputable("ApEn", reason));
        }
        else
        {
            var (s, ap) = EntropyPair.Compute(series, o.EntropyDimension, o.EntropyToleranceFraction);
            if (double.IsFinite(s))
            {
                sampEn = s;
            }
            else
            {
                missing.Add(new NotComputable("SampEn", "No pair of templates matched at length m + 1 (or m), so −ln(A/B) is undefined."));
            }
            apEn = ap;
        }

        return (sampEn, apEn, missing);
    }

    private static bool HasTwoDifferences(RrSeries series)
    {
        var rr = series.IntervalsMs;
        var t = series.BeatTimesS;
        var count = 0;
        for (var i = 1; i < rr.Length && count < 2; i++)
        {
            if (SuccessiveDifferences.IsAdjacent(rr, t, i))
            {
                count++;
            }
        }
        return count >= 2;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
