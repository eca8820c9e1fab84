using System.Diagnostics;
using Attune.Analysis;
using Attune.Analysis.Artifacts;
using Attune.Analysis.Coherence;
using Attune.Analysis.Ecg;
using Attune.Analysis.Flooding;
using Attune.Analysis.Hrv;
using Attune.Analysis.Series;
using Attune.Analysis.Synchrony;

namespace Attune.Web.Features.Recordings;

/// <summary>
/// The analysis of one recording, plus its heart-rate signal for two-person synchrony, and what the interactive
/// views need: the corrected beats (for the tachogram and analysis windows), the beats artifact correction
/// changed, and for ECG the detected and the edited R-peaks.
/// </summary>
public sealed record AnalysedRecording(RecordingAnalysisDto Analysis, TimedSignal? HeartRate)
{
    /// <summary>The <see cref="Recording.ContentVersion"/> it was computed from.</summary>
    public int ContentVersion { get; init; }

    /// <summary>The analysis as the API sends it, serialized and compressed once when it was computed.</summary>
    public EncodedJson? Json { get; init; }

    /// <summary>The artifact-corrected RR series (beat times in seconds from the recording's t = 0); null without beats.</summary>
    public RrSeries? Beats { get; init; }

    /// <summary>Times (s, as <see cref="Beats"/>) of the beats artifact correction moved, inserted or deleted, in order.</summary>
    public double[] CorrectedBeatTimesS { get; init; } = [];

    /// <summary>For ECG: the R-peaks as detected and as used after hand edits.</summary>
    public EcgBeats? Ecg { get; init; }
}

/// <summary>R-peak sample indices of an ECG recording: as the detector found them, and after the owner's hand edits.</summary>
public sealed record EcgBeats(int[] Detected, int[] Current)
{
    /// <summary>Beats in <see cref="Current"/> the detector did not find (added by hand).</summary>
    public int Added { get; } = Current.Except(Detected).Count();

    /// <summary>Detected beats no longer in <see cref="Current"/> (removed by hand).</summary>
    public int Removed { get; } = Detected.Except(Current).Count();
}

/// <summary>
/// Runs the Attune.Analysis pipeline on a parsed recording: R-peaks for ECG, artifact correction,
/// the full HRV report, coherence, flooding, and chart data thinned to what a page can draw.
/// All numbers come from the library; this class only chooses the pipeline and shapes the output.
/// </summary>
public static class RecordingAnalysis
{
    private const int MaxChartPoints = 1200;
    private const int MaxPoincarePairs = 3000;
    private const double SpectrumMaxHz = 0.5;

    /// <summary>From this many beats (about an hour) the stages run in parallel; below it the hand-off costs more than it saves.</summary>
    private const int ParallelFromBeats = 4_000;

    /// <summary>Runs the pipeline; <paramref name="cancel"/> is checked between its stages.</summary>
    public static AnalysedRecording Run(Guid id, ParsedRecording parsed, DateTime? startedAt, CancellationToken cancel = default) =>
        Run(id, parsed, startedAt, [], cancel);

    /// <summary>Runs the pipeline with the owner's hand edits of an ECG's beats applied on top of the detected ones.</summary>
    public static AnalysedRecording Run(Guid id, ParsedRecording parsed, DateTime? startedAt, IReadOnlyList<Attune.Analysis.Ecg.BeatEdit> edits, CancellationToken cancel = default)
    {
        var clock = Stopwatch.StartNew();
        var notes = new List<string>();
        RrSeries? rr = parsed.Rr;
        EcgBeats? ecgBeats = null;
        if (parsed.Ecg is { } ecg)
        {
            var peaks = NeuroKitPeakDetector.Detect(ecg);
            cancel.ThrowIfCancellationRequested();
            notes.AddRange(peaks.Notes);
            var detected = peaks.Indices.ToArray();
            var current = edits.Count == 0 ? detected : BeatEdits.Apply(detected, edits);
            ecgBeats = new EcgBeats(detected, current);
            rr = current.Length >= 2 ? BeatEdits.ToRrSeries(ecg, current) : null;
            if (rr is { Count: 0 })
            {
                rr = null;
            }
            if (rr is null)
            {
                notes.Add("We could not find heartbeats in this ECG, so there are no beat-to-beat measures.");
            }
        }
        if (parsed.HeartRate is { } hr)
        {
            return new AnalysedRecording(FromHeartRate(id, parsed, hr, startedAt, notes, clock), TimedSignal.Create(hr.TimesS, hr.Bpm, hr.Start));
        }
        if (rr is null || rr.Count == 0)
        {
            var empty = new ChartSeriesDto([], []);
            return new AnalysedRecording(new RecordingAnalysisDto(id, RecordingFiles.KindName(parsed.Kind), 0, parsed.DurationSeconds, startedAt,
                EmptyMeasures(),
                [new NotComputableDto("All", "No heartbeats were found.")], null, empty, empty, null, null, [],
                FloodingDetector.Threshold(null), [], notes, clock.Elapsed.TotalMilliseconds)
            { HandEdits = ecgBeats is null ? null : new HandEditsDto(ecgBeats.Added, ecgBeats.Removed) }, null)
            { Ecg = ecgBeats };
        }

        ArtifactsDto? artifacts = null;
        var corrected = rr;
        double[] correctedTimes = [];
        if (rr.Count >= 3)
        {
            var correction = LipponenTarvainen.Correct(rr);
            corrected = correction.Corrected;
            correctedTimes = [.. correction.Artifacts.Select(a => a.BeatTimeS).Order()];
            var c = correction.Counts;
            artifacts = new ArtifactsDto(c.Ectopic, c.Missed, c.Extra, c.Long, c.Short, c.OutOfRange, c.Total, rr.Count == 0 ? 0 : 100.0 * c.Total / rr.Count);
        }
        cancel.ThrowIfCancellationRequested();
        var times = corrected.BeatTimesS;
        var intervals = corrected.IntervalsMs;
        var origin = corrected.Count == 0 ? 0 : times[0] - intervals[0] / 1000.0;
        // Coherence and flooding need nothing from the HRV report, so on a long record they run beside it (the report
        // itself runs its parts in parallel too): on two cores a day's analysis takes about half the time.
        HrvReport report = null!;
        var coherenceNotes = new List<string>();
        IReadOnlyList<CoherencePointDto> coherence = [];
        IReadOnlyList<FloodingEvent> floodingEvents = [];
        Action[] stages =
        [
            () => report = HrvAnalyzer.Analyze(corrected),
            () =>
            {
                coherence = Coherence(corrected, origin, coherenceNotes);
                floodingEvents = FloodingDetector.Detect(corrected);
            },
        ];
        Concurrently.Invoke(corrected.Count >= ParallelFromBeats, stages);
        notes.AddRange(coherenceNotes);
        cancel.ThrowIfCancellationRequested();

        var hrBpm = new double[intervals.Length];
        for (var i = 0; i < hrBpm.Length; i++)
        {
            hrBpm[i] = 60000.0 / intervals[i];
        }
        var threshold = FloodingDetector.Threshold(null);
        // Where the rhythm is irregular, a high or uneven rate need not mean arousal: such stretches are not called flooding.
        var split = FloodingWithholding.Split(floodingEvents, report.IrregularRhythm);
        var flooding = split.Kept.Select(e => ToDto(e, origin)).ToList();
        var rhythm = report.IrregularRhythm is { } r
            ? new RhythmDto(r.Flagged, double.IsFinite(r.IrregularFraction) ? 100 * r.IrregularFraction : null, r.AssessedWindows, r.IrregularWindows,
                [.. r.Stretches.Select(x => new RhythmStretchDto(x.StartS - origin, x.EndS - origin))], r.Reading)
            : null;

        var analysis = new RecordingAnalysisDto(
            id,
            RecordingFiles.KindName(parsed.Kind),
            corrected.Count,
            corrected.DurationS,
            startedAt,
            report.ToMeasures().Select(m => new MeasureDto(m.Name, Finite(m.Value), m.Unit)).ToList(),
            report.NotComputable.Select(n => new NotComputableDto(n.Measure, n.Reason)).ToList(),
            artifacts,
            Thin(times, intervals, origin),
            Thin(times, hrBpm, origin),
            PoincarePairs(intervals, report.Poincare),
            Spectrum(corrected, report.FrequencyDomain),
            WithholdCoherence(coherence, rhythm),
            threshold,
            flooding,
            notes,
            0)
        {
            Rhythm = rhythm,
            FloodingWithheld = [.. split.Withheld.Select(e => ToDto(e, origin))],
            HandEdits = ecgBeats is null ? null : new HandEditsDto(ecgBeats.Added, ecgBeats.Removed),
        };
        var signal = TimedSignal.FromRrSeries(corrected);
        return new AnalysedRecording(analysis with { AnalysisMs = clock.Elapsed.TotalMilliseconds }, signal)
        {
            Beats = corrected,
            CorrectedBeatTimesS = correctedTimes,
            Ecg = ecgBeats,
        };
    }

    private static RecordingAnalysisDto FromHeartRate(Guid id, ParsedRecording parsed, HeartRateSeries hr, DateTime? startedAt, List<string> notes, Stopwatch clock)
    {
        notes.Add("This file holds heart rate, not the time between single beats, so beat-to-beat measures (HRV) can't be worked out from it. Heart rate and flooding still can.");
        var origin = hr.Count == 0 ? 0 : hr.TimesS[0];
        var measures = EmptyMeasures();
        var meanHr = hr.Count == 0 ? (double?)null : Mean(hr.Bpm);
        measures[measures.FindIndex(m => m.Name == "MeanHR")] = new MeasureDto("MeanHR", meanHr, "bpm");
        var flooding = FloodingDetector.Detect(hr.TimesS, hr.Bpm).Select(e => ToDto(e, origin)).ToList();
        var empty = new ChartSeriesDto([], []);
        return new RecordingAnalysisDto(id, RecordingFiles.KindName(parsed.Kind), hr.Count, parsed.DurationSeconds, startedAt, measures,
            [new NotComputableDto("HRV", "Heart-rate files have no beat-to-beat intervals.")], null, empty, Thin(hr.TimesS, hr.Bpm, origin),
            null, null, [], FloodingDetector.Threshold(null), flooding, notes, clock.Elapsed.TotalMilliseconds);
    }

    /// <summary>Coherence inside irregular stretches is not shown: there the heartbeat's "waves" are not breathing.</summary>
    private static IReadOnlyList<CoherencePointDto> WithholdCoherence(IReadOnlyList<CoherencePointDto> points, RhythmDto? rhythm) =>
        rhythm is null || rhythm.Stretches.Count == 0
            ? points
            : [.. points.Select(p => rhythm.Stretches.Any(s => p.TimeS >= s.StartS && p.TimeS <= s.EndS) ? p with { CoherenceRatio = null } : p)];

    private static List<MeasureDto> EmptyMeasures() =>
        new HrvReport { BeatCount = 0, DurationS = 0, NotComputable = [] }.ToMeasures().Select(m => new MeasureDto(m.Name, null, m.Unit)).ToList();

    private static FloodingEventDto ToDto(FloodingEvent e, double origin) =>
        new(e.StartS - origin, e.EndS - origin, e.DurationS, e.PeakBpm, e.PeakTimeS - origin, e.ThresholdBpm, e.EndedByData);

    private static double Mean(ReadOnlySpan<double> values)
    {
        double sum = 0;
        foreach (var v in values)
        {
            sum += v;
        }
        return sum / values.Length;
    }

    private static double? Finite(double? value) => value is { } v && double.IsFinite(v) ? v : null;

    /// <summary>Min and max of each bucket, in time order, so a short spike stays visible at any zoom.</summary>
    internal static ChartSeriesDto Thin(ReadOnlySpan<double> times, ReadOnlySpan<double> values, double origin)
    {
        var n = times.Length;
        if (n <= MaxChartPoints)
        {
            var t = new double[n];
            for (var i = 0; i < n; i++)
            {
                t[i] = times[i] - origin;
            }
            return new ChartSeriesDto(t, values.ToArray());
        }
        var buckets = MaxChartPoints / 2;
        var outT = new List<double>(MaxChartPoints);
        var outV = new List<double>(MaxChartPoints);
        for (var b = 0; b < buckets; b++)
        {
            var from = (int)((long)b * n / buckets);
            var to = (int)((long)(b + 1) * n / buckets);
            if (to <= from)
            {
                continue;
            }
            int lo = from, hi = from;
            for (var i = from + 1; i < to; i++)
            {
                if (values[i] < values[lo])
                {
                    lo = i;
                }
                if (values[i] > values[hi])
                {
                    hi = i;
                }
            }
            var (first, second) = lo <= hi ? (lo, hi) : (hi, lo);
            outT.Add(times[first] - origin);
            outV.Add(values[first]);
            if (second != first)
            {
                outT.Add(times[second] - origin);
                outV.Add(values[second]);
            }
        }
        return new ChartSeriesDto([.. outT], [.. outV]);
    }

    private static PoincareDto? PoincarePairs(ReadOnlySpan<double> rr, PoincareResult? poincare)
    {
        if (poincare is null || rr.Length < 2 || !double.IsFinite(poincare.Sd2Ms))
        {
            return null;
        }
        var pairs = rr.Length - 1;
        var stride = Math.Max(1, (int)Math.Ceiling(pairs / (double)MaxPoincarePairs));
        var count = (pairs + stride - 1) / stride;
        var x = new double[count];
        var y = new double[count];
        for (int i = 0, k = 0; i < pairs && k < count; i += stride, k++)
        {
            x[k] = rr[i];
            y[k] = rr[i + 1];
        }
        return new PoincareDto(poincare.Sd1Ms, poincare.Sd2Ms, x, y, pairs);
    }

    private static SpectrumDto? Spectrum(RrSeries series, FrequencyDomainResult? result)
    {
        if (result is null)
        {
            return null;
        }
        // The spectrum the measures came from (computing it again took as long as the measures, 55 ms for a day).
        var psd = result.Spectrum ?? FrequencyDomain.Spectrum(series, FrequencyOptions.Default with { Method = result.MethodUsed });
        var f = new List<double>();
        var d = new List<double>();
        for (var i = 0; i < psd.FrequenciesHz.Length && psd.FrequenciesHz[i] <= SpectrumMaxHz; i++)
        {
            if (double.IsFinite(psd.Density[i]))
            {
                f.Add(psd.FrequenciesHz[i]);
                d.Add(psd.Density[i]);
            }
        }
        var o = FrequencyOptions.Default;
        return new SpectrumDto(result.MethodUsed.ToString(), [.. f], [.. d],
        [
            new("VLF", o.VlfBandHz.Low, o.VlfBandHz.High, result.VlfMs2),
            new("LF", o.LfBandHz.Low, o.LfBandHz.High, result.LfMs2),
            new("HF", o.HfBandHz.Low, o.HfBandHz.High, result.HfMs2),
        ]);
    }

    private static List<CoherencePointDto> Coherence(RrSeries series, double origin, List<string> notes)
    {
        if (series.DurationS < CoherenceOptions.Default.WindowS + 1)
        {
            notes.Add("Coherence needs at least a little over a minute of beats.");
            return [];
        }
        IReadOnlyList<CoherenceSample> samples;
        try
        {
            // A day holds ~17,000 five-second windows but a chart shows ~1,200 points: step further
            // apart on long records instead of computing windows only to average them away.
            var options = CoherenceOptions.Default with { StepS = Math.Max(CoherenceOptions.Default.StepS, series.DurationS / MaxChartPoints) };
            samples = CoherenceRatio.Compute(series, options);
        }
        catch (InsufficientDataException)
        {
            notes.Add("Coherence could not be worked out for this recording (too little continuous data).");
            return [];
        }
        var step = Math.Max(1, (int)Math.Ceiling(samples.Count / (double)MaxChartPoints));
        var points = new List<CoherencePointDto>(samples.Count / step + 1);
        for (var i = 0; i < samples.Count; i += step)
        {
            // Averaging a bucket of windows keeps a day-long record drawable without inventing values.
            double sum = 0, freq = 0;
            var n = 0;
            var end = Math.Min(samples.Count, i + step);
            for (var j = i; j < end; j++)
            {
                if (double.IsFinite(samples[j].CoherenceRatioValue))
                {
                    sum += samples[j].CoherenceRatioValue;
                    freq += samples[j].PeakFrequencyHz;
                    n++;
                }
            }
            points.Add(new CoherencePointDto(samples[i].TimeS - origin, n == 0 ? null : sum / n, n == 0 ? samples[i].PeakFrequencyHz : freq / n));
        }
        return points;
    }
}
