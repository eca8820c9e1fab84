namespace Attune.Analysis.Synchrony;

/// <summary>
/// Two people's signals resampled onto one evenly spaced time grid covering only their overlap.
/// </summary>
/// <param name="A">Person A's values on the grid (NaN = missing: inside a gap of A).</param>
/// <param name="B">Person B's values on the grid (NaN = missing: inside a gap of B).</param>
/// <param name="RateHz">Grid rate in samples per second.</param>
/// <param name="FirstSampleS">Time of grid sample 0 in seconds from the common origin (A's
/// <c>Start</c> when aligned on wall-clock time, otherwise both series' t = 0).</param>
/// <param name="Start">Wall-clock time of grid sample 0, or null when not aligned on wall-clock time.</param>
/// <param name="AlignedOnWallClock">True when both inputs had a <c>Start</c> and were aligned on it;
/// false when neither had one and both were aligned on their own t = 0 (an assumption the caller
/// should show to the user).</param>
/// <param name="MaxGapS">Gap threshold used: grid points between two input samples more than this
/// far apart were marked missing.</param>
public sealed record CommonGridSeries(
    double[] A,
    double[] B,
    double RateHz,
    double FirstSampleS,
    DateTimeOffset? Start,
    bool AlignedOnWallClock,
    double MaxGapS)
{
    /// <summary>Number of grid samples.</summary>
    public int Count => A.Length;

    /// <summary>Duration covered by the grid in seconds (<c>Count / RateHz</c>).</summary>
    public double DurationS => A.Length / RateHz;

    /// <summary>Time of grid sample <paramref name="index"/> in seconds from the common origin.</summary>
    public double TimeS(int index) => FirstSampleS + index / RateHz;

    /// <summary>Number of grid samples missing for A.</summary>
    public int MissingCountA => CountNaN(A);

    /// <summary>Number of grid samples missing for B.</summary>
    public int MissingCountB => CountNaN(B);

    private static int CountNaN(double[] values)
    {
        var n = 0;
        foreach (var v in values)
        {
            if (double.IsNaN(v))
            {
                n++;
            }
        }
        return n;
    }
}
