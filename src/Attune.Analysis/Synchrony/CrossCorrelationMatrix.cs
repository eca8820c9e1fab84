namespace Attune.Analysis.Synchrony;

/// <summary>
/// Windowed lagged cross-correlations as a lag × time matrix (heat-map data).
/// </summary>
/// <param name="Values">Pearson r, lag-major: the value for lag index <c>l</c> (lag
/// <c>l − MaxLagSamples</c> samples) and window <c>j</c> is at <c>l * WindowCount + j</c>; NaN where
/// the window had too much missing data or a flat segment.</param>
/// <param name="LagCount">Number of lags, <c>2 · MaxLagSamples + 1</c>.</param>
/// <param name="WindowCount">Number of windows.</param>
/// <param name="MaxLagSamples">τmax in grid samples.</param>
/// <param name="WindowSamples">Window size in grid samples.</param>
/// <param name="StepSamples">Window increment in grid samples.</param>
/// <param name="FirstWindowStart">Grid index of the first window's reference start (see
/// <see cref="WindowedCrossCorrelation"/> for how segments sit around it).</param>
/// <param name="RateHz">Grid rate in samples per second.</param>
/// <remarks>Sign convention: a positive lag means A's past goes with B's present (A leads).</remarks>
public sealed record CrossCorrelationMatrix(
    double[] Values,
    int LagCount,
    int WindowCount,
    int MaxLagSamples,
    int WindowSamples,
    int StepSamples,
    int FirstWindowStart,
    double RateHz)
{
    /// <summary>r at a lag given in samples (−τmax…τmax) and a window index.</summary>
    public double At(int lagSamples, int window) => Values[(lagSamples + MaxLagSamples) * WindowCount + window];

    /// <summary>One lag's row over all windows.</summary>
    public ReadOnlySpan<double> Row(int lagSamples) => Values.AsSpan((lagSamples + MaxLagSamples) * WindowCount, WindowCount);

    /// <summary>Lag of lag index <paramref name="lagIndex"/> in seconds.</summary>
    public double LagS(int lagIndex) => (lagIndex - MaxLagSamples) / RateHz;

    /// <summary>Grid index at which window <paramref name="window"/>'s reference segment starts.</summary>
    public int WindowStart(int window) => FirstWindowStart + window * StepSamples;

    /// <summary>Centre of window <paramref name="window"/> in seconds from grid sample 0.</summary>
    public double WindowCentreS(int window) => (WindowStart(window) + (WindowSamples - 1) / 2.0) / RateHz;
}
