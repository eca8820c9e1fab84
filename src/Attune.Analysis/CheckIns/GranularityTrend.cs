namespace Attune.Analysis.CheckIns;

/// <summary>
/// How word granularity changes over weeks: the least-squares slope per week of distinct words and
/// of word entropy.
/// </summary>
/// <param name="DistinctWordsPerWeek">Slope of <see cref="GranularityWeek.DistinctWords"/> against
/// week, in distinct words per week, over every listed week; or why not.</param>
/// <param name="EntropyBitsPerWeek">Slope of <see cref="GranularityWeek.EntropyBits"/> against week,
/// in bits per week, over the weeks where entropy exists (some word named); or why not.</param>
public sealed record GranularityTrend(Statistic<LinearTrend> DistinctWordsPerWeek, Statistic<LinearTrend> EntropyBitsPerWeek)
{
    /// <summary>Default fewest weeks for a trend: 4.</summary>
    public const int DefaultMinimumWeeks = 4;

    /// <summary>
    /// Fits both trends with <see cref="LinearTrend.Fit"/>, x = weeks since the first listed week
    /// (so a gap of weeks without check-ins keeps its width), y = the week's value.
    /// </summary>
    /// <remarks>
    /// Only weeks with check-ins take part (<see cref="WordEntropy.PerWeek"/> lists no others), and for
    /// entropy only those where a word was named. With fewer than <paramref name="minimumWeeks"/> such
    /// weeks (default 4) a trend is not computable (<see cref="ShortfallReason.TooFewWeeks"/>): two or
    /// three points make any line look meaningful. Slopes are in units per week; the interval is
    /// Student's t on n − 2 degrees of freedom and assumes independent weeks.
    /// </remarks>
    /// <param name="weeks">Weeks in strictly increasing order, as <see cref="WordEntropy.PerWeek"/> returns them.</param>
    /// <param name="minimumWeeks">Fewest weeks for a trend, at least 3.</param>
    /// <param name="confidence">Two-sided level strictly between 0 and 1; default 0.95.</param>
    /// <exception cref="ArgumentException">Weeks out of order or repeated, or a week start that is not a Monday.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A minimum below 3 or a confidence outside (0, 1).</exception>
    public static GranularityTrend Compute(
        ReadOnlySpan<GranularityWeek> weeks,
        int minimumWeeks = DefaultMinimumWeeks,
        double confidence = ProportionInterval.DefaultConfidence)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(minimumWeeks, LinearTrend.MinimumPoints);
        CriticalValues.Validate(confidence);
        var n = weeks.Length;
        var x = new double[n];
        var distinct = new double[n];
        var entropyX = new double[n];
        var entropy = new double[n];
        var withEntropy = 0;
        for (var i = 0; i < n; i++)
        {
            var week = weeks[i];
            ArgumentNullException.ThrowIfNull(week, nameof(weeks));
            if (week.WeekStart.DayOfWeek != DayOfWeek.Monday)
            {
                throw new ArgumentException($"Week {i} starts on {week.WeekStart:yyyy-MM-dd}, not a Monday.", nameof(weeks));
            }
            if (i > 0 && week.WeekStart <= weeks[i - 1].WeekStart)
            {
                throw new ArgumentException($"Week {i} ({week.WeekStart:yyyy-MM-dd}) does not follow the week before it.", nameof(weeks));
            }
            x[i] = (week.WeekStart.DayNumber - weeks[0].WeekStart.DayNumber) / 7;
            distinct[i] = week.DistinctWords;
            if (week.EntropyBits is double h)
            {
                entropyX[withEntropy] = x[i];
                entropy[withEntropy] = h;
                withEntropy++;
            }
        }
        var distinctTrend = n < minimumWeeks
            ? Statistic<LinearTrend>.NotComputable(ShortfallReason.TooFewWeeks, minimumWeeks, n)
            : LinearTrend.Fit(x, distinct, confidence);
        var entropyTrend = withEntropy < minimumWeeks
            ? Statistic<LinearTrend>.NotComputable(ShortfallReason.TooFewWeeks, minimumWeeks, withEntropy)
            : LinearTrend.Fit(entropyX.AsSpan(0, withEntropy), entropy.AsSpan(0, withEntropy), confidence);
        return new GranularityTrend(distinctTrend, entropyTrend);
    }
}
