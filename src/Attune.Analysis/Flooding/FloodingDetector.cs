using Attune.Analysis.Series;

namespace Attune.Analysis.Flooding;

/// <summary>A period of physiological flooding.</summary>
/// <param name="StartS">Time the smoothed HR first exceeded the threshold, seconds.</param>
/// <param name="EndS">Time the smoothed HR fell below threshold − margin (and then stayed there for the
/// hold time), or the last sample before a gap or the end of the data, seconds.</param>
/// <param name="PeakBpm">Highest smoothed HR within the event, bpm.</param>
/// <param name="PeakTimeS">Time of <paramref name="PeakBpm"/>, seconds.</param>
/// <param name="ThresholdBpm">Threshold that applied, bpm.</param>
/// <param name="EndedByData">True when the event was cut by the end of the data or a gap, not by recovery.</param>
public sealed record FloodingEvent(double StartS, double EndS, double PeakBpm, double PeakTimeS, double ThresholdBpm, bool EndedByData)
{
    /// <summary>EndS − StartS, seconds.</summary>
    public double DurationS => EndS - StartS;
}

/// <summary>
/// Detects sustained heart-rate elevation ("flooding"; Gottman 1994: diffuse physiological
/// arousal, classically heart rate above about 100 bpm, in couples' conflict).
/// </summary>
public static class FloodingDetector
{
    /// <summary>
    /// Threshold: <see cref="FloodingOptions.AbsoluteThresholdBpm"/>, or the lower of that and
    /// baseline × (1 + <see cref="FloodingOptions.RiseOverBaseline"/>) when a baseline is given (either
    /// condition counts as flooding).
    /// </summary>
    public static double Threshold(double? baselineBpm, FloodingOptions? options = null)
    {
        var o = options ?? FloodingOptions.Default;
        return baselineBpm is { } b && double.IsFinite(b) && b > 0
            ? Math.Min(o.AbsoluteThresholdBpm, b * (1 + o.RiseOverBaseline))
            : o.AbsoluteThresholdBpm;
    }

    /// <summary>
    /// Finds flooding events in a heart-rate series.
    /// </summary>
    /// <remarks>
    /// HR is smoothed by a trailing time-based moving average: s(t_i) = mean of bpm_j with
    /// t_i − W &lt; t_j ≤ t_i (W = <see cref="FloodingOptions.SmoothingWindowS"/>), O(n). An event starts at
    /// the first sample with s &gt; T (threshold, see <see cref="Threshold"/>). It ends at the first sample
    /// where s &lt; T − margin, provided s stays below T − margin for <see cref="FloodingOptions.EndHoldS"/>
    /// (hysteresis: dips that recover sooner do not end it); it is also cut at the last sample before a
    /// gap longer than <see cref="FloodingOptions.MaximumGapS"/> and at the end of the data. Events shorter
    /// than <see cref="FloodingOptions.MinimumDurationS"/> are discarded. Peak = maximum of s in the event.
    /// </remarks>
    /// <exception cref="ArgumentException">Lengths differ, or times are not finite and strictly increasing.</exception>
    public static IReadOnlyList<FloodingEvent> Detect(ReadOnlySpan<double> timesS, ReadOnlySpan<double> bpm, double? baselineBpm = null, FloodingOptions? options = null)
    {
        var o = options ?? FloodingOptions.Default;
        if (timesS.Length != bpm.Length)
        {
            throw new ArgumentException($"Got {timesS.Length} times but {bpm.Length} heart rates.", nameof(bpm));
        }
        for (var i = 0; i < timesS.Length; i++)
        {
            if (!double.IsFinite(timesS[i]) || (i > 0 && timesS[i] <= timesS[i - 1]))
            {
                throw new ArgumentException($"Times must be finite and strictly increasing (sample {i}).", nameof(timesS));
            }
        }

        var threshold = Threshold(baselineBpm, o);
        var release = threshold - o.EndMarginBpm;
        var smoothed = Smooth(timesS, bpm, o.SmoothingWindowS);
        var events = new List<FloodingEvent>();

        var active = false;
        double start = 0, peak = 0, peakTime = 0;
        double? belowSince = null;

        void Close(double end, bool byData)
        {
            if (end - start >= o.MinimumDurationS)
            {
                events.Add(new FloodingEvent(start, end, peak, peakTime, threshold, byData));
            }
            active = false;
            belowSince = null;
        }

        for (var i = 0; i < smoothed.Length; i++)
        {
            var t = timesS[i];
            var s = smoothed[i];
            if (active && i > 0 && t - timesS[i - 1] > o.MaximumGapS)
            {
                Close(belowSince ?? timesS[i - 1], byData: belowSince is null);
            }
            if (!active)
            {
                if (s > threshold)
                {
                    active = true;
                    start = t;
                    peak = s;
                    peakTime = t;
                    belowSince = null;
                }
                continue;
            }
            if (s < release)
            {
                belowSince ??= t;
                if (t - belowSince.Value >= o.EndHoldS)
                {
                    Close(belowSince.Value, byData: false);
                    continue;
                }
            }
            else
            {
                belowSince = null;
                if (s > peak)
                {
                    peak = s;
                    peakTime = t;
                }
            }
        }
        if (active)
        {
            Close(belowSince ?? timesS[^1], byData: belowSince is null);
        }
        return events;
    }

    /// <summary>
    /// Same as <see cref="Detect(ReadOnlySpan{double}, ReadOnlySpan{double}, double?, FloodingOptions?)"/>
    /// on the instantaneous heart rate 60000/RR (bpm) at each beat time.
    /// </summary>
    public static IReadOnlyList<FloodingEvent> Detect(RrSeries series, double? baselineBpm = null, FloodingOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(series);
        var rr = series.IntervalsMs;
        var hr = new double[rr.Length];
        for (var i = 0; i < hr.Length; i++)
        {
            hr[i] = 60000.0 / rr[i];
        }
        return Detect(series.BeatTimesS, hr, baselineBpm, options);
    }

    internal static double[] Smooth(ReadOnlySpan<double> timesS, ReadOnlySpan<double> values, double windowS)
    {
        var result = new double[values.Length];
        double sum = 0;
        var first = 0;
        for (var i = 0; i < values.Length; i++)
        {
            sum += values[i];
            while (timesS[first] <= timesS[i] - windowS)
            {
                sum -= values[first];
                first++;
            }
            result[i] = sum / (i - first + 1);
        }
        return result;
    }
}
