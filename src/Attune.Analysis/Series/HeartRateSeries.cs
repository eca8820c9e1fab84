namespace Attune.Analysis.Series;

/// <summary>
/// A validated series of heart-rate samples: beats per minute at given times.
/// </summary>
/// <remarks>
/// <para>Sample <c>i</c> is the heart rate <c>Bpm[i]</c> reported at <c>TimesS[i]</c> seconds from
/// <see cref="Start"/> (or from an arbitrary origin when <see cref="Start"/> is null). Devices report
/// heart rate averaged over a few beats, so this is not a beat-to-beat series.</para>
/// <para>Invariants, checked on construction: both arrays have the same length; every rate is finite
/// and strictly positive; times are finite and strictly increasing. Physiological plausibility is
/// not checked here; the parser reports values outside 20–300 bpm.</para>
/// </remarks>
public sealed class HeartRateSeries
{
    private readonly double[] _timesS;
    private readonly double[] _bpm;

    private HeartRateSeries(double[] timesS, double[] bpm, DateTimeOffset? start)
    {
        _timesS = timesS;
        _bpm = bpm;
        Start = start;
    }

    /// <summary>Sample times in seconds from <see cref="Start"/>, strictly increasing.</summary>
    public ReadOnlySpan<double> TimesS => _timesS;

    /// <summary>Heart rate in beats per minute at each time.</summary>
    public ReadOnlySpan<double> Bpm => _bpm;

    /// <summary>Wall-clock time of t = 0, when known.</summary>
    public DateTimeOffset? Start { get; }

    /// <summary>Number of samples.</summary>
    public int Count => _bpm.Length;

    /// <summary>
    /// Builds a series from times (seconds) and rates (bpm); both spans are copied.
    /// </summary>
    /// <exception cref="ArgumentException">Lengths differ, a value is not finite, a rate is not
    /// positive, or times are not strictly increasing.</exception>
    public static HeartRateSeries Create(ReadOnlySpan<double> timesS, ReadOnlySpan<double> bpm, DateTimeOffset? start = null)
    {
        if (timesS.Length != bpm.Length)
        {
            throw new ArgumentException($"Got {timesS.Length} times but {bpm.Length} rates.", nameof(bpm));
        }
        return CreateOwned(timesS.ToArray(), bpm.ToArray(), start);
    }

    internal static HeartRateSeries CreateOwned(double[] timesS, double[] bpm, DateTimeOffset? start)
    {
        for (var i = 0; i < bpm.Length; i++)
        {
            if (!double.IsFinite(bpm[i]) || bpm[i] <= 0)
            {
                throw new ArgumentException($"Rate {i} is {bpm[i]}; rates must be finite and positive bpm.", nameof(bpm));
            }
            if (!double.IsFinite(timesS[i]))
            {
                throw new ArgumentException($"Time {i} is not a finite number.", nameof(timesS));
            }
            if (i > 0 && timesS[i] <= timesS[i - 1])
            {
                throw new ArgumentException($"Times must increase: sample {i} at {timesS[i]} s is not after sample {i - 1} at {timesS[i - 1]} s.", nameof(timesS));
            }
        }
        return new HeartRateSeries(timesS, bpm, start);
    }
}
