namespace Attune.Analysis.Series;

/// <summary>A stretch of a recording, seconds from the series' t = 0; <c>FromS</c> &lt; <c>ToS</c>.</summary>
public readonly record struct TimeWindow(double FromS, double ToS)
{
    /// <summary>Length of the window, s.</summary>
    public double LengthS => ToS - FromS;
}

/// <summary>
/// Cutting an RR series into analysis windows, as Kubios' sample selection does: a chosen range, consecutive
/// segments of a fixed length, or the calmest stretch of a given length.
/// </summary>
public static class RrWindows
{
    /// <summary>
    /// The intervals lying wholly inside [<paramref name="fromS"/>, <paramref name="toS"/>]: interval <c>i</c>
    /// spans (BeatTimesS[i] − IntervalsMs[i]/1000, BeatTimesS[i]], so a beat that closes an interval begun before
    /// the window is left out. Beat times keep the series' origin, so a slice can be located in the whole.
    /// Empty when nothing fits.
    /// </summary>
    public static RrSeries Slice(RrSeries series, double fromS, double toS)
    {
        ArgumentNullException.ThrowIfNull(series);
        var times = series.BeatTimesS;
        var rr = series.IntervalsMs;
        // Beat times are increasing: find the first beat after fromS, then walk to toS.
        var first = LowerBound(times, fromS);
        while (first < times.Length && times[first] - rr[first] / 1000.0 < fromS - 1e-9)
        {
            first++;
        }
        var end = first;
        while (end < times.Length && times[end] <= toS + 1e-9)
        {
            end++;
        }
        return RrSeries.FromBeats(rr[first..end], times[first..end], series.Start);
    }

    /// <summary>
    /// Consecutive windows of <paramref name="lengthS"/> from <paramref name="startS"/>; a last window shorter than
    /// the length is left out (so every window is comparable, as Kubios' SDANN segments are).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The length is not positive and finite.</exception>
    public static IReadOnlyList<TimeWindow> Segments(double startS, double endS, double lengthS)
    {
        if (!double.IsFinite(lengthS) || lengthS <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(lengthS), lengthS, "The segment length must be a positive number of seconds.");
        }
        var windows = new List<TimeWindow>();
        for (var k = 0; ; k++)
        {
            var from = startS + k * lengthS;
            var to = from + lengthS;
            if (to > endS + 1e-9)
            {
                break;
            }
            windows.Add(new TimeWindow(from, to));
        }
        return windows;
    }

    /// <summary>
    /// The window of <paramref name="lengthS"/> with the lowest mean heart rate, i.e. the highest mean RR
    /// (Σ RR / n over the intervals wholly inside it), trying each beat as a start; null when the series is
    /// shorter than the length. Two pointers: O(n). Used for "night" when the clock time is unknown.
    /// </summary>
    public static TimeWindow? LowestHeartRate(RrSeries series, double lengthS)
    {
        ArgumentNullException.ThrowIfNull(series);
        if (series.Count == 0 || series.DurationS + 1e-9 < lengthS)
        {
            return null;
        }
        var times = series.BeatTimesS;
        var rr = series.IntervalsMs;
        double sum = 0;
        var end = 0;
        double bestMean = double.NegativeInfinity;
        TimeWindow? best = null;
        for (var i = 0; i < times.Length; i++)
        {
            var from = times[i] - rr[i] / 1000.0;
            var to = from + lengthS;
            if (end < i)
            {
                end = i;
                sum = 0;
            }
            while (end < times.Length && times[end] <= to + 1e-9)
            {
                sum += rr[end];
                end++;
            }
            if (to > times[^1] + 1e-9)
            {
                break;
            }
            var n = end - i;
            if (n > 0 && sum / n > bestMean)
            {
                bestMean = sum / n;
                best = new TimeWindow(from, to);
            }
            sum -= rr[i];
        }
        return best;
    }

    private static int LowerBound(ReadOnlySpan<double> sorted, double value)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (sorted[mid] < value)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }
        return lo;
    }
}
