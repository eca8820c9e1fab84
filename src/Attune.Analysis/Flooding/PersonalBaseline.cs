using Attune.Analysis.Series;

namespace Attune.Analysis.Flooding;

/// <summary>
/// A person's resting heart rate and RMSSD, estimated from their recorded history.
/// </summary>
/// <param name="RestingHrBpm">Low percentile (default 10th) of the mean HR of 5-minute windows, bpm.</param>
/// <param name="RestingRmssdMs">Median RMSSD of the windows whose mean HR is at or below the
/// 25th percentile (the most rested windows), ms.</param>
/// <param name="WindowCount">Number of full 5-minute windows the estimate rests on.</param>
public sealed record PersonalBaseline(double RestingHrBpm, double RestingRmssdMs, int WindowCount)
{
    /// <summary>Window length, seconds.</summary>
    public const double WindowS = 300;

    /// <summary>Fewest windows for an estimate. Default 3 (15 minutes of data).</summary>
    public const int MinimumWindows = 3;

    /// <summary>
    /// Cuts each recording into consecutive full 300-s windows (a trailing partial window is dropped;
    /// windows with fewer than 30 beats or two adjacent differences are skipped), computes each window's
    /// mean HR (mean of 60000/RR) and RMSSD, and returns the <paramref name="hrPercentile"/> (default 10)
    /// percentile of window HR (linear interpolation, numpy's default) as resting HR, a robust low value
    /// that ignores the few lowest windows (artefacts, sleep-apnoea bradycardia) yet stays near rest, and
    /// the median RMSSD of windows with HR at or below the 25th percentile as resting RMSSD.
    /// Returns null when fewer than <see cref="MinimumWindows"/> windows are usable.
    /// </summary>
    public static PersonalBaseline? FromHistory(IEnumerable<RrSeries> history, double hrPercentile = 10)
    {
        ArgumentNullException.ThrowIfNull(history);
        var hrs = new List<double>();
        var rmssds = new List<double>();
        foreach (var series in history)
        {
            AddWindows(series, hrs, rmssds);
        }
        if (hrs.Count < MinimumWindows)
        {
            return null;
        }
        var sortedHr = hrs.ToArray();
        Array.Sort(sortedHr);
        var resting = Quantile(sortedHr, hrPercentile / 100.0);
        var restedCut = Quantile(sortedHr, 0.25);
        var rested = new List<double>();
        for (var i = 0; i < hrs.Count; i++)
        {
            if (hrs[i] <= restedCut)
            {
                rested.Add(rmssds[i]);
            }
        }
        var sortedRmssd = rested.ToArray();
        Array.Sort(sortedRmssd);
        return new PersonalBaseline(resting, Quantile(sortedRmssd, 0.5), hrs.Count);
    }

    private static void AddWindows(RrSeries series, List<double> hrs, List<double> rmssds)
    {
        if (series.Count == 0)
        {
            return;
        }
        var rr = series.IntervalsMs;
        var t = series.BeatTimesS;
        var origin = t[0] - rr[0] / 1000.0;
        var windows = (int)Math.Floor((t[^1] - origin) / WindowS);
        var start = 0;
        for (var w = 0; w < windows; w++)
        {
            var end = start;
            var windowEnd = origin + (w + 1) * WindowS;
            while (end < rr.Length && t[end] <= windowEnd)
            {
                end++;
            }
            if (end - start >= 30)
            {
                double sumHr = 0, sumD2 = 0;
                var differences = 0;
                for (var i = start; i < end; i++)
                {
                    sumHr += 60000.0 / rr[i];
                    if (i > start && t[i] - t[i - 1] <= 1.5 * rr[i] / 1000.0)
                    {
                        var d = rr[i] - rr[i - 1];
                        sumD2 += d * d;
                        differences++;
                    }
                }
                if (differences >= 2)
                {
                    hrs.Add(sumHr / (end - start));
                    rmssds.Add(Math.Sqrt(sumD2 / differences));
                }
            }
            start = end;
        }
    }

    private static double Quantile(double[] sorted, double p)
    {
        var h = (sorted.Length - 1) * p;
        var lo = (int)Math.Floor(h);
        return lo >= sorted.Length - 1 ? sorted[^1] : sorted[lo] + (h - lo) * (sorted[lo + 1] - sorted[lo]);
    }
}
