namespace Attune.Analysis.Synchrony;

/// <summary>
/// Per-window peak of a lagged cross-correlation: lag (seconds, positive = A leads) and r at the peak.
/// </summary>
/// <param name="PeakLagS">Peak lag of each window in seconds; NaN when the window has no peak.</param>
/// <param name="PeakR">Pearson r at the peak; NaN when the window has no peak.</param>
public sealed record CrossCorrelationPeaks(double[] PeakLagS, double[] PeakR)
{
    /// <summary>Number of windows.</summary>
    public int WindowCount => PeakLagS.Length;
}

/// <summary>
/// Local peak picking of windowed cross-correlations after Boker, Xu, Rotondo &amp; King (2002).
/// </summary>
/// <remarks>
/// <para>For each window, a lag k is a candidate peak when r(k) is finite and r(k) ≥ r(k ± i) for
/// i = 1…h (h = <see cref="WindowedCrossCorrelationOptions.PeakSearchHalfWidthLags"/>, so the search
/// region L_size = 2h + 1 lags), with every neighbour finite and inside the lag range: the outermost
/// h lags can never be peaks, because a maximum at the edge of the lag range may just be the slope of
/// a peak outside it. Among candidates, the one nearest lag 0 is kept; at equal distance the larger
/// r wins (then the positive lag). A window with no candidate has no peak (NaN), as in Boker et al.,
/// who report such windows as missing.</para>
/// <para>Deviation: Boker et al. first smooth r(τ) with loess (span parameter); we pick on the raw
/// r(τ). At 4 Hz with 30 s windows r(τ) is already smooth across neighbouring lags, and a tolerance of
/// h lags plays the role of the smoothing span. No sign constraint is imposed on the peak r.</para>
/// </remarks>
public static class PeakPicking
{
    /// <summary>Picks the peak nearest lag 0 in each window of <paramref name="matrix"/>.</summary>
    /// <param name="matrix">Cross-correlation matrix.</param>
    /// <param name="halfWidthLags">h ≥ 1, the neighbourhood half-width in lags.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="halfWidthLags"/> is below 1.</exception>
    public static CrossCorrelationPeaks Pick(CrossCorrelationMatrix matrix, int halfWidthLags = 2)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        ArgumentOutOfRangeException.ThrowIfLessThan(halfWidthLags, 1);
        var windows = matrix.WindowCount;
        var lagS = new double[windows];
        var peakR = new double[windows];
        var values = matrix.Values;
        var maxLag = matrix.MaxLagSamples;
        for (var j = 0; j < windows; j++)
        {
            lagS[j] = double.NaN;
            peakR[j] = double.NaN;
            for (var d = 0; d <= maxLag - halfWidthLags; d++)
            {
                var rPos = CandidateValue(values, windows, maxLag, j, d, halfWidthLags);
                var rNeg = d == 0 ? double.NaN : CandidateValue(values, windows, maxLag, j, -d, halfWidthLags);
                if (double.IsNaN(rPos) && double.IsNaN(rNeg))
                {
                    continue;
                }
                var usePos = double.IsNaN(rNeg) || (!double.IsNaN(rPos) && rPos >= rNeg);
                lagS[j] = (usePos ? d : -d) / matrix.RateHz;
                peakR[j] = usePos ? rPos : rNeg;
                break;
            }
        }
        return new CrossCorrelationPeaks(lagS, peakR);
    }

    // r at lag k when k is a local maximum over ±h lags, otherwise NaN.
    private static double CandidateValue(double[] values, int windows, int maxLag, int window, int k, int h)
    {
        var centre = values[(k + maxLag) * windows + window];
        if (double.IsNaN(centre))
        {
            return double.NaN;
        }
        for (var i = 1; i <= h; i++)
        {
            var left = values[(k - i + maxLag) * windows + window];
            var right = values[(k + i + maxLag) * windows + window];
            if (double.IsNaN(left) || double.IsNaN(right) || left > centre || right > centre)
            {
                return double.NaN;
            }
        }
        return centre;
    }
}
