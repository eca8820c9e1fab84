using Attune.Analysis.Series;

namespace Attune.Analysis.Synchrony;

/// <summary>
/// One person's irregularly sampled signal (for example heart rate in bpm) with the time of each
/// sample, ready to be resampled onto a <see cref="CommonGrid"/>.
/// </summary>
/// <param name="TimesS">Sample times in seconds from <paramref name="Start"/>, strictly increasing.</param>
/// <param name="Values">Sample values (NaN marks a sample known to be missing).</param>
/// <param name="Start">Wall-clock time of t = 0, when known.</param>
/// <remarks>Invariants are checked by <see cref="Create"/>; the positional constructor trusts its
/// caller, so prefer <see cref="Create"/> or <see cref="FromRrSeries"/>.</remarks>
public sealed record TimedSignal(double[] TimesS, double[] Values, DateTimeOffset? Start)
{
    /// <summary>Number of samples.</summary>
    public int Count => TimesS.Length;

    /// <summary>
    /// Copies and validates a signal: equal lengths, finite strictly increasing times.
    /// </summary>
    /// <exception cref="ArgumentException">Lengths differ, a time is not finite, or times do not increase.</exception>
    public static TimedSignal Create(ReadOnlySpan<double> timesS, ReadOnlySpan<double> values, DateTimeOffset? start)
    {
        if (timesS.Length != values.Length)
        {
            throw new ArgumentException($"Got {timesS.Length} times but {values.Length} values.", nameof(values));
        }
        for (var i = 0; i < timesS.Length; i++)
        {
            if (!double.IsFinite(timesS[i]))
            {
                throw new ArgumentException($"Time {i} is not a finite number.", nameof(timesS));
            }
            if (i > 0 && timesS[i] <= timesS[i - 1])
            {
                throw new ArgumentException($"Times must increase: sample {i} at {timesS[i]} s is not after sample {i - 1}.", nameof(timesS));
            }
        }
        return new TimedSignal(timesS.ToArray(), values.ToArray(), start);
    }

    /// <summary>
    /// Instantaneous heart rate at each beat: <c>HR_i = 60000 / RR_i</c> bpm, placed at the time of
    /// the beat that closes interval <c>i</c> (<see cref="RrSeries.BeatTimesS"/>).
    /// </summary>
    /// <remarks>Units: bpm. An empty series gives an empty signal. Plausibility of the intervals is
    /// the job of artifact correction, not of this conversion.</remarks>
    public static TimedSignal FromRrSeries(RrSeries rr)
    {
        ArgumentNullException.ThrowIfNull(rr);
        var times = rr.BeatTimesS.ToArray();
        var rrMs = rr.IntervalsMs;
        var hr = new double[rrMs.Length];
        for (var i = 0; i < hr.Length; i++)
        {
            hr[i] = 60000.0 / rrMs[i];
        }
        return new TimedSignal(times, hr, rr.Start);
    }
}
