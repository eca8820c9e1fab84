namespace Attune.Analysis.Synchrony;

/// <summary>
/// Everything a windowed-synchrony analysis produces: heat-map matrix, peaks, summary and, when
/// requested, the surrogate test.
/// </summary>
/// <param name="Matrix">Lag × time matrix of Pearson r.</param>
/// <param name="Peaks">Per-window peaks (positive lag = A leads).</param>
/// <param name="Summary">Strength and leader/follower shares.</param>
/// <param name="Surrogates">Segment-shuffle test, or null when no surrogates were requested.</param>
public sealed record WindowedSynchronyResult(
    CrossCorrelationMatrix Matrix,
    CrossCorrelationPeaks Peaks,
    SynchronySummary Summary,
    SurrogateTestResult? Surrogates);

/// <summary>
/// One call for the whole windowed cross-correlation pipeline of Boker et al. (2002) on a common grid:
/// <see cref="WindowedCrossCorrelation"/>, <see cref="PeakPicking"/>, <see cref="SynchronySummary"/>
/// and <see cref="SegmentShuffleSurrogates"/>.
/// </summary>
public static class WindowedSynchrony
{
    /// <summary>
    /// Runs the analysis. <paramref name="surrogateCount"/> = 0 skips the surrogate test.
    /// </summary>
    /// <exception cref="ArgumentException">Invalid options or negative surrogate count.</exception>
    public static WindowedSynchronyResult Analyze(
        CommonGridSeries grid,
        WindowedCrossCorrelationOptions? options = null,
        int surrogateCount = SegmentShuffleSurrogates.DefaultCount,
        int seed = SegmentShuffleSurrogates.DefaultSeed)
    {
        ArgumentNullException.ThrowIfNull(grid);
        ArgumentOutOfRangeException.ThrowIfNegative(surrogateCount);
        options ??= WindowedCrossCorrelationOptions.Default;
        var matrix = WindowedCrossCorrelation.Compute(grid, options);
        var peaks = PeakPicking.Pick(matrix, options.PeakSearchHalfWidthLags);
        var summary = SynchronySummary.From(matrix, peaks, options.InPhaseToleranceS);
        var surrogates = surrogateCount == 0
            ? null
            : SegmentShuffleSurrogates.Run(grid.A, grid.B, grid.RateHz, options, surrogateCount, seed, summary.MeanAbsR);
        return new WindowedSynchronyResult(matrix, peaks, summary, surrogates);
    }
}
