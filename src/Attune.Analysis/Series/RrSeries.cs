namespace Attune.Analysis.Series;

/// <summary>
/// A validated series of RR (inter-beat) intervals in milliseconds, with the time of each beat.
/// </summary>
/// <remarks>
/// <para>Beat <c>i</c> ends interval <c>i</c>: <c>BeatTimesS[i]</c> is the time in seconds, from
/// <see cref="Start"/> (or from an arbitrary origin when <see cref="Start"/> is null), at which the
/// beat closing <c>IntervalsMs[i]</c> occurred. For a gap-free series built from intervals alone,
/// <c>BeatTimesS[i] = Σ_{k≤i} IntervalsMs[k] / 1000</c>.</para>
/// <para>Invariants, checked on construction: both arrays have the same length; every interval is
/// finite and strictly positive; beat times are finite and strictly increasing. Physiological
/// plausibility (for example 200–3000 ms) is not checked here: that is the job of the parsers and of
/// artifact correction, which report what they changed.</para>
/// </remarks>
public sealed class RrSeries
{
    private readonly double[] _intervalsMs;
    private readonly double[] _beatTimesS;

    private RrSeries(double[] intervalsMs, double[] beatTimesS, DateTimeOffset? start)
    {
        _intervalsMs = intervalsMs;
        _beatTimesS = beatTimesS;
        Start = start;
    }

    /// <summary>RR intervals in milliseconds.</summary>
    public ReadOnlySpan<double> IntervalsMs => _intervalsMs;

    /// <summary>Time of each beat in seconds from <see cref="Start"/>, strictly increasing.</summary>
    public ReadOnlySpan<double> BeatTimesS => _beatTimesS;

    /// <summary>Wall-clock time of t = 0, when known (needed to align two people's recordings).</summary>
    public DateTimeOffset? Start { get; }

    /// <summary>Number of intervals.</summary>
    public int Count => _intervalsMs.Length;

    /// <summary>Duration covered by the beats, in seconds (first beat time minus its interval, to the last beat).</summary>
    public double DurationS => Count == 0 ? 0 : _beatTimesS[^1] - (_beatTimesS[0] - _intervalsMs[0] / 1000.0);

    /// <summary>
    /// Builds a gap-free series from consecutive intervals; beat times are their running sum.
    /// </summary>
    /// <exception cref="ArgumentException">An interval is not finite or not strictly positive.</exception>
    public static RrSeries FromIntervals(ReadOnlySpan<double> intervalsMs, DateTimeOffset? start = null)
    {
        var rr = intervalsMs.ToArray();
        var t = new double[rr.Length];
        double sum = 0;
        for (var i = 0; i < rr.Length; i++)
        {
            CheckInterval(rr[i], i);
            sum += rr[i];
            t[i] = sum / 1000.0;
        }
        return new RrSeries(rr, t, start);
    }

    /// <summary>
    /// Builds a series from intervals and explicit beat times (seconds), which may contain gaps
    /// (a beat time may be later than the previous beat time plus its interval).
    /// </summary>
    /// <exception cref="ArgumentException">Lengths differ, a value is not finite, an interval is not
    /// positive, or beat times are not strictly increasing.</exception>
    public static RrSeries FromBeats(ReadOnlySpan<double> intervalsMs, ReadOnlySpan<double> beatTimesS, DateTimeOffset? start = null)
    {
        if (intervalsMs.Length != beatTimesS.Length)
        {
            throw new ArgumentException($"Got {intervalsMs.Length} intervals but {beatTimesS.Length} beat times.", nameof(beatTimesS));
        }
        var rr = intervalsMs.ToArray();
        var t = beatTimesS.ToArray();
        for (var i = 0; i < rr.Length; i++)
        {
            CheckInterval(rr[i], i);
            if (!double.IsFinite(t[i]))
            {
                throw new ArgumentException($"Beat time {i} is not a finite number.", nameof(beatTimesS));
            }
            if (i > 0 && t[i] <= t[i - 1])
            {
                throw new ArgumentException($"Beat times must increase: beat {i} at {t[i]} s is not after beat {i - 1} at {t[i - 1]} s.", nameof(beatTimesS));
            }
        }
        return new RrSeries(rr, t, start);
    }

    private static void CheckInterval(double value, int index)
    {
        if (!double.IsFinite(value) || value <= 0)
        {
            throw new ArgumentException($"Interval {index} is {value}; intervals must be finite and positive milliseconds.");
        }
    }
}
