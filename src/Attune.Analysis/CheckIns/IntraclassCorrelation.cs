namespace Attune.Analysis.CheckIns;

/// <summary>
/// Consistency intraclass correlations of a two-way layout (targets × raters), Shrout &amp; Fleiss
/// case 3, with the mean squares they come from.
/// </summary>
/// <param name="Icc31">ICC(3,1) = (BMS − EMS)/(BMS + (k − 1)·EMS): consistency of single ratings.</param>
/// <param name="Icc3k">ICC(3,k) = (BMS − EMS)/BMS: consistency of the mean of k ratings (McGraw &amp; Wong's ICC(C,k)).</param>
/// <param name="BetweenTargetsMeanSquare">BMS = k·Σ(x̄ᵢ. − x̄..)²/(n − 1), squared rating units.</param>
/// <param name="ResidualMeanSquare">EMS = Σ(xᵢⱼ − x̄ᵢ. − x̄.ⱼ + x̄..)²/((n − 1)(k − 1)), squared rating units.</param>
/// <param name="Targets">n, complete rows used.</param>
/// <param name="Raters">k, columns.</param>
public sealed record IccConsistency(double Icc31, double Icc3k, double BetweenTargetsMeanSquare, double ResidualMeanSquare, int Targets, int Raters);

/// <summary>Intraclass correlation from a two-way ANOVA (Shrout &amp; Fleiss 1979; McGraw &amp; Wong 1996).</summary>
public static class IntraclassCorrelation
{
    /// <summary>
    /// ICC(3,1) and ICC(3,k), two-way mixed model, consistency, with check-ins as targets (rows) and
    /// emotions as raters (columns).
    /// </summary>
    /// <remarks>
    /// <para>Rows with any missing rating are left out (listwise, as SPSS RELIABILITY and R's
    /// psych::ICC do). With n complete rows, k columns, row means x̄ᵢ., column means x̄.ⱼ and grand
    /// mean x̄..: SS_rows = k·Σ(x̄ᵢ. − x̄..)², SS_cols = n·Σ(x̄.ⱼ − x̄..)², SS_total = Σ(xᵢⱼ − x̄..)²,
    /// SS_error = SS_total − SS_rows − SS_cols; BMS = SS_rows/(n − 1), EMS = SS_error/((n − 1)(k − 1))
    /// (Shrout &amp; Fleiss 1979, two-way ANOVA). ICC(3,1) = (BMS − EMS)/(BMS + (k − 1)EMS) and
    /// ICC(3,k) = (BMS − EMS)/BMS (their case 3, for one rating and for the mean of k). Column
    /// (rater) mean differences are removed, so an emotion that is always rated higher does not lower
    /// consistency.</para>
    /// <para>Edges: both can be negative (when EMS &gt; BMS: rows differ less than chance); they are not
    /// clamped. Fewer than 2 complete rows is <see cref="ShortfallReason.TooFewObservations"/>; BMS = 0
    /// (every row has the same mean) is <see cref="ShortfallReason.NoVariation"/>. Sums are taken about
    /// the means (two passes), so ratings with a large offset lose no precision. O(n·k), no allocation
    /// beyond k column sums.</para>
    /// <para>References: Shrout PE, Fleiss JL (1979) Intraclass correlations: uses in assessing rater
    /// reliability. Psychological Bulletin 86:420–428. McGraw KO, Wong SP (1996) Forming inferences about
    /// some intraclass correlation coefficients. Psychological Methods 1:30–46.</para>
    /// </remarks>
    public static Statistic<IccConsistency> Consistency(EmotionRatings ratings)
    {
        ArgumentNullException.ThrowIfNull(ratings);
        var k = ratings.EmotionCount;
        var values = ratings.Values;
        var rows = ratings.CheckInCount;

        var columnSums = new double[k];
        var n = 0;
        double grandSum = 0;
        for (var i = 0; i < rows; i++)
        {
            var row = values.Slice(i * k, k);
            if (HasMissing(row))
            {
                continue;
            }
            n++;
            for (var j = 0; j < k; j++)
            {
                columnSums[j] += row[j];
                grandSum += row[j];
            }
        }
        if (n < 2)
        {
            return Statistic<IccConsistency>.NotComputable(ShortfallReason.TooFewObservations, 2, n);
        }
        var grandMean = grandSum / (n * (double)k);
        double ssColumns = 0;
        for (var j = 0; j < k; j++)
        {
            var d = columnSums[j] / n - grandMean;
            ssColumns += d * d;
        }
        ssColumns *= n;

        double ssRows = 0, ssTotal = 0;
        for (var i = 0; i < rows; i++)
        {
            var row = values.Slice(i * k, k);
            if (HasMissing(row))
            {
                continue;
            }
            double rowSum = 0;
            for (var j = 0; j < k; j++)
            {
                var d = row[j] - grandMean;
                ssTotal += d * d;
                rowSum += d;
            }
            var rowDeviation = rowSum / k;
            ssRows += rowDeviation * rowDeviation;
        }
        ssRows *= k;

        var bms = ssRows / (n - 1);
        var ems = Math.Max(0, ssTotal - ssRows - ssColumns) / ((n - 1) * (double)(k - 1));
        if (!(bms > 0))
        {
            return Statistic<IccConsistency>.NotComputable(ShortfallReason.NoVariation, 2, 1);
        }
        var icc31 = (bms - ems) / (bms + (k - 1) * ems);
        var icc3k = (bms - ems) / bms;
        return Statistic<IccConsistency>.Computed(new IccConsistency(icc31, icc3k, bms, ems, n, k));
    }

    private static bool HasMissing(ReadOnlySpan<double> row)
    {
        foreach (var value in row)
        {
            if (double.IsNaN(value))
            {
                return true;
            }
        }
        return false;
    }
}
