namespace Attune.Analysis.Synchrony;

/// <summary>
/// Output of <see cref="RmeaCompatible.MeaCcf"/>, laid out like rMEA's <c>mea$ccf</c> and <c>mea$ccfRes</c>.
/// </summary>
/// <param name="Values">The ccf table, window-major like rMEA's data frame (rows = windows, columns =
/// lags −lagSec…+lagSec): window <c>j</c>, lag index <c>l</c> at <c>j * LagCount + l</c>. After
/// the optional Fisher z and absolute value. NaN plays the role of R's NA.</param>
/// <param name="WindowCount">Number of windows (<c>n_win</c>).</param>
/// <param name="LagCount">Number of lags, <c>2 · lagSamples + 1</c>.</param>
/// <param name="LagSamples">Largest lag in samples, <c>lagSec · sampRate</c>.</param>
/// <param name="SampRate">Sampling rate in samples per second.</param>
/// <param name="LagZero">Per window, the value at lag 0 (<c>ccfRes$lag_zero</c>).</param>
/// <param name="AllLags">Per window, the mean over all lags, NA removed (<c>all_lags</c>).</param>
/// <param name="S1Lead">Per window, mean over positive lags (<c>s1_lead</c>); NaN when lagSec = 0.</param>
/// <param name="S2Lead">Per window, mean over negative lags (<c>s2_lead</c>); NaN when lagSec = 0.</param>
/// <param name="BestLagS">Per window, the lag in seconds of the first largest value (<c>bestLag</c>, R's
/// <c>which.max</c>); NaN when the window is all NA.</param>
/// <param name="BestValue">Per window, the largest value itself (not stored by rMEA, derived the same way).</param>
/// <param name="GrandAver">Mean of the whole table, NA removed (<c>grandAver</c>).</param>
/// <param name="MeanLagZero">Mean of <see cref="LagZero"/>, NA removed.</param>
/// <param name="MeanBestValue">Mean of <see cref="BestValue"/>, NA removed.</param>
/// <param name="WindowStartS">Start of each window in seconds (<c>winTimes$start</c>: (j)·incSec).</param>
public sealed record RmeaCcfResult(
    double[] Values,
    int WindowCount,
    int LagCount,
    int LagSamples,
    int SampRate,
    double[] LagZero,
    double[] AllLags,
    double[] S1Lead,
    double[] S2Lead,
    double[] BestLagS,
    double[] BestValue,
    double GrandAver,
    double MeanLagZero,
    double MeanBestValue,
    double[] WindowStartS)
{
    /// <summary>Value for window <paramref name="window"/> at a lag given in samples (−LagSamples…LagSamples).</summary>
    public double At(int window, int lagSamples) => Values[window * LagCount + lagSamples + LagSamples];
}
