using Attune.Analysis.Series;

namespace Attune.Analysis.Hrv;

/// <summary>
/// Successive differences ΔRR[i] = RR[i] − RR[i−1] between beats that are truly adjacent.
/// </summary>
/// <remarks>
/// Beat i follows beat i−1 without a gap when its beat-time step is at most 1.5 × its own interval
/// (t[i] − t[i−1] ≤ 1.5·RR[i]/1000 s). Series built with <see cref="RrSeries.FromIntervals"/> never
/// have gaps; series built with <see cref="RrSeries.FromBeats"/> may, and differences across a gap
/// compare beats that are not neighbours, so they are left out.
/// </remarks>
internal static class SuccessiveDifferences
{
    public const double GapFactor = 1.5;

    /// <summary>True when beat <paramref name="i"/> (≥ 1) directly follows beat i − 1.</summary>
    public static bool IsAdjacent(ReadOnlySpan<double> rrMs, ReadOnlySpan<double> beatTimesS, int i) =>
        beatTimesS[i] - beatTimesS[i - 1] <= GapFactor * rrMs[i] / 1000.0;

    /// <summary>True when any beat is separated from its predecessor by a gap.</summary>
    public static bool HasGaps(RrSeries series)
    {
        var rr = series.IntervalsMs;
        var t = series.BeatTimesS;
        for (var i = 1; i < rr.Length; i++)
        {
            if (!IsAdjacent(rr, t, i))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>Writes the differences across adjacent beats (ms) to <paramref name="output"/>
    /// (at least Count − 1 long) and returns how many there are.</summary>
    public static int Write(RrSeries series, Span<double> output)
    {
        var rr = series.IntervalsMs;
        var t = series.BeatTimesS;
        var count = 0;
        for (var i = 1; i < rr.Length; i++)
        {
            if (IsAdjacent(rr, t, i))
            {
                output[count++] = rr[i] - rr[i - 1];
            }
        }
        return count;
    }
}
