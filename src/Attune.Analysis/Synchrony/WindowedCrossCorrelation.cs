namespace Attune.Analysis.Synchrony;

/// <summary>
/// Windowed lagged cross-correlation after Boker, Xu, Rotondo &amp; King (2002), computed with
/// running sums in O(lags × N).
/// </summary>
/// <remarks>
/// <para><b>Estimator.</b> For window j (reference start s_j = s_0 + j·step) and lag k (in samples,
/// −τmax…τmax) the pairs are <c>x_i = A[s_j − ⌊k/2⌋ + i]</c>, <c>y_i = B[s_j + ⌈k/2⌉ + i]</c>,
/// i = 0…w−1, so B is k samples later than A. The value is Pearson's r of those pairs, each segment
/// standardised by its own mean and SD (Boker et al. 2002):
/// <c>r = (n Σxy − Σx Σy) / √((n Σx² − (Σx)²)(n Σy² − (Σy)²))</c>, where the sums and n run over
/// pairs with neither value missing. Because the normalisation cancels, N and N−1 give the same r.</para>
/// <para><b>Sign.</b> A positive lag pairs A's past with B's present: a peak at positive lag means A
/// leads and B follows; negative means B leads.</para>
/// <para><b>Where the window sits.</b> Boker et al. keep x's window fixed and slide y by τ. Here the
/// shift is split between the two segments (A back by ⌊k/2⌋, B forward by ⌈k/2⌉) so every lag of a
/// window stays centred on the same time (within half a sample). The r values are the same set;
/// only the time stamp of a lagged pair moves by at most τ/2. This makes the matrix exactly mirror
/// under swapping partners: r_AB(k, j) = r_BA(−k, j).</para>
/// <para><b>Edges.</b> Windows start at s_0 = ⌊τmax/2⌋ and stop when a segment would leave the
/// grid, so the count is <c>⌊(N − w − τmax)/step⌋ + 1</c> (0 when the series is too short). A
/// cell is NaN when more than <see cref="WindowedCrossCorrelationOptions.MaxMissingFraction"/> of
/// its pairs are missing, when fewer than 3 pairs remain, or when either segment is flat.</para>
/// <para><b>Algorithm.</b> Each series' overall mean is subtracted first (r is unchanged; it limits
/// cancellation in the running sums). Without missing data, prefix sums of x, x², y, y² are built
/// once and, per lag, one pass builds the prefix sum of the lag-shifted products xy; each window is
/// then O(1), so the matrix costs O(lags × N). With missing data the pair mask depends on the lag,
/// so per lag one pass builds prefix sums of n, x, y, x², y², xy over complete pairs. Buffers are
/// allocated once per call; nothing is allocated per sample.</para>
/// <para>Reference: Boker SM, Xu M, Rotondo JL, King K (2002). Windowed cross-correlation and peak
/// picking for the analysis of variability in the association between behavioral time series.
/// Psychological Methods 7(3):338–355.</para>
/// </remarks>
public static class WindowedCrossCorrelation
{
    /// <summary>
    /// Computes the lag × time matrix of windowed cross-correlations on a common grid.
    /// </summary>
    /// <exception cref="ArgumentException">Invalid options (see <see cref="WindowedCrossCorrelationOptions"/>).</exception>
    public static CrossCorrelationMatrix Compute(CommonGridSeries grid, WindowedCrossCorrelationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(grid);
        return Compute(grid.A, grid.B, grid.RateHz, options);
    }

    /// <summary>
    /// Computes the lag × time matrix of windowed cross-correlations of two evenly sampled series
    /// of equal length (NaN = missing) at <paramref name="rateHz"/> samples per second.
    /// </summary>
    /// <exception cref="ArgumentException">Lengths differ or options are invalid.</exception>
    public static CrossCorrelationMatrix Compute(ReadOnlySpan<double> a, ReadOnlySpan<double> b, double rateHz, WindowedCrossCorrelationOptions? options = null)
    {
        options ??= WindowedCrossCorrelationOptions.Default;
        if (a.Length != b.Length)
        {
            throw new ArgumentException($"Series lengths differ: {a.Length} and {b.Length}.", nameof(b));
        }
        var (w, maxLag, step) = options.ToSamples(rateHz);
        using var engine = new WindowedCrossCorrelationEngine(a.Length, w, maxLag, step, options.MaxMissingFraction);
        // Every cell is written by Run, so the array need not be zeroed first.
        var values = GC.AllocateUninitializedArray<double>(engine.LagCount * engine.WindowCount);
        engine.Run(a, b, values);
        return new CrossCorrelationMatrix(values, engine.LagCount, engine.WindowCount, maxLag, w, step, engine.FirstStart, rateHz);
    }
}
