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

/// <summary>The analysis of one recording, plus its heart-rate signal for two-person synchrony.</summary>
public sealed record AnalysedRecording(RecordingAnalysisDto Analysis, TimedSignal? HeartRate)
{
    /// <summary>The <see cref="Recording.ContentVersion"/> it was computed from.</summary>
    public int ContentVersion { get; init; }

    /// <summary>The analysis as the API sends it, serialized and compressed once when it was computed.</summary>
    public EncodedJson? Json { get; init; }
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

    /// <summary>Runs the pipeline; <paramref name="cancel"/> is checked between its stages.</summary>
    public static AnalysedRecording Run(Guid id, ParsedRecording parsed, DateTime? startedAt, CancellationToken cancel = default)
    {
        var clock = Stopwatch.StartNew();
        var notes = new List<string>();
        RrSeries? rr = parsed.Rr;
        if (parsed.Ecg is { } ecg)
        {
            var peaks = NeuroKitPeakDetector.Detect(ecg);
            cancel.ThrowIfCancellationRequested();
            notes.AddRange(peaks.Notes);
            rr = peaks.Count >= 2 ? peaks.ToRrSeries() : null;
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
                FloodingDetector.Threshold(null), [], notes, clock.Elapsed.TotalMilliseconds), null);
        }

        ArtifactsDto? artifacts = null;
        var corrected = rr;
        if (rr.Count >= 3)
        {
            var correction = LipponenTarvainen.Correct(rr);
            corrected = correction.Corrected;
            var c = correction.Counts;
            artifacts = new ArtifactsDto(c.Ectopic, c.Missed, c.Extra, c.Long, c.Short, c.OutOfRange, c.Total, rr.Count == 0 ? 0 : 100.0 * c.Total / rr.Count);
        }
        cancel.ThrowIfCancellationRequested();
        var report = HrvAnalyzer.Analyze(corrected);
        cancel.ThrowIfCancellationRequested();
        var times = corrected.BeatTimesS;
        var intervals = corrected.IntervalsMs;
        var origin = corrected.Count == 0 ? 0 : times[0] - intervals[0] / 1000.0;

        var hrBpm = new double[intervals.Length];
        for (var i = 0; i < hrBpm.Length; i++)
        {
            hrBpm[i] = 60000.0 / intervals[i];
        }
        var threshold = FloodingDetector.Threshold(null);
        // Where the rhythm is irregular, a high or uneven rate need not mean arousal: such stretches are not called flooding.
        var split = FloodingWithholding.Split(FloodingDetector.Detect(corrected), report.IrregularRhythm);
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
            WithholdCoherence(Coherence(corrected, origin, notes), rhythm),
            threshold,
            flooding,
            notes,
            0)
        {
            Rhythm = rhythm,
            FloodingWithheld = [.. split.Withheld.Select(e => ToDto(e, origin))],
        };
        var signal = TimedSignal.FromRrSeries(corrected);
        return new AnalysedRecording(analysis with { AnalysisMs = clock.Elapsed.TotalMilliseconds }, signal);
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
        var options = FrequencyOptions.Default with { Method = result.MethodUsed };
        var psd = FrequencyDomain.Spectrum(series, options);
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
