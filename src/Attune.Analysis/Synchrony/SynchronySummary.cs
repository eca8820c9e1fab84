namespace Attune.Analysis.Synchrony;

/// <summary>
/// Summary of a windowed cross-correlation: strength, and who leads whom.
/// </summary>
/// <param name="MeanAbsR">Mean |r| over all finite cells (all lags, all windows).</param>
/// <param name="MeanPeakR">Mean r at the picked peaks, over windows with a peak.</param>
/// <param name="MeanPeakLagS">Mean peak lag in seconds over windows with a peak (positive = A leads).</param>
/// <param name="ShareALeads">Share of windows with a peak whose peak lag exceeds +tolerance (A leads, B follows).</param>
/// <param name="ShareBLeads">Share of windows with a peak whose peak lag is below −tolerance (B leads, A follows).</param>
/// <param name="ShareInPhase">Share of windows with a peak whose |peak lag| ≤ tolerance.</param>
/// <param name="WindowsWithPeak">Windows with a peak (the denominator of the three shares).</param>
/// <param name="WindowsWithoutPeak">Windows with data but no local maximum in the search region.</param>
/// <param name="WindowsSkipped">Windows with no finite r at any lag (too much missing data).</param>
/// <remarks>Shares are NaN when no window has a peak; means are NaN when nothing is finite.</remarks>
public sealed record SynchronySummary(
    double MeanAbsR,
    double MeanPeakR,
    double MeanPeakLagS,
    double ShareALeads,
    double ShareBLeads,
    double ShareInPhase,
    int WindowsWithPeak,
    int WindowsWithoutPeak,
    int WindowsSkipped)
{
    /// <summary>
    /// Summarises a matrix and its peaks. A peak lag with |lag| ≤ <paramref name="inPhaseToleranceS"/>
    /// counts as in phase; beyond it, a positive lag counts as A leading, a negative one as B leading.
    /// </summary>
    public static SynchronySummary From(CrossCorrelationMatrix matrix, CrossCorrelationPeaks peaks, double inPhaseToleranceS)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        ArgumentNullException.ThrowIfNull(peaks);
        var meanAbs = MeanAbs(matrix.Values);
        int aLeads = 0, bLeads = 0, inPhase = 0, noPeak = 0, skipped = 0;
        double sumR = 0, sumLag = 0;
        var tol = inPhaseToleranceS + 1e-9;
        for (var j = 0; j < matrix.WindowCount; j++)
        {
            var lag = peaks.PeakLagS[j];
            if (double.IsNaN(lag))
            {
                if (WindowHasData(matrix, j))
                {
                    noPeak++;
                }
                else
                {
                    skipped++;
                }
                continue;
            }
            sumR += peaks.PeakR[j];
            sumLag += lag;
            if (lag > tol)
            {
                aLeads++;
            }
            else if (lag < -tol)
            {
                bLeads++;
            }
            else
            {
                inPhase++;
            }
        }
        var withPeak = aLeads + bLeads + inPhase;
        var denom = withPeak == 0 ? double.NaN : withPeak;
        return new SynchronySummary(
            meanAbs,
            withPeak == 0 ? double.NaN : sumR / withPeak,
            withPeak == 0 ? double.NaN : sumLag / withPeak,
            aLeads / denom,
            bLeads / denom,
            inPhase / denom,
            withPeak,
            noPeak,
            skipped);
    }

    internal static double MeanAbs(ReadOnlySpan<double> values)
    {
        double sum = 0;
        var n = 0;
        foreach (var v in values)
        {
            if (!double.IsNaN(v))
            {
                sum += Math.Abs(v);
                n++;
            }
        }
        return n == 0 ? double.NaN : sum / n;
    }

    private static bool WindowHasData(CrossCorrelationMatrix matrix, int window)
    {
        for (var l = 0; l < matrix.LagCount; l++)
        {
            if (!double.IsNaN(matrix.Values[l * matrix.WindowCount + window]))
            {
                return true;
            }
        }
        return false;
    }
}
