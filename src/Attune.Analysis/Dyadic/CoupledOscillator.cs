namespace Attune.Analysis.Dyadic;

/// <summary>Settings of the coupled linear oscillator fit.</summary>
/// <param name="Taus">GLLA time delays to search, in samples (default 2, 3 as in the rties examples).</param>
/// <param name="Embeds">GLLA embedding dimensions to search (default 3, 4, 5 as in the rties examples).</param>
/// <param name="RateHz">Samples per second; Δt = 1/rate (default 1 Hz, rties' delta = 1).</param>
/// <param name="Detrend">Remove each person's straight-line trend first, as rties does (default true).</param>
public sealed record CoupledOscillatorOptions(int[]? Taus = null, int[]? Embeds = null, double RateHz = 1.0, bool Detrend = true)
{
    internal int[] TauGrid => Taus ?? [2, 3];

    internal int[] EmbedGrid => Embeds ?? [3, 4, 5];
}

/// <summary>One partner's coupled-oscillator parameters (units s⁻² for η, s⁻¹ for ζ when Δt is in seconds).</summary>
/// <param name="Frequency">η_p: own-level effect on acceleration; negative = oscillation with period 2π/√(−η).</param>
/// <param name="Damping">ζ_p: own-velocity effect; negative = swings die down, positive = they grow.</param>
/// <param name="PartnerFrequency">η_cross: partner's level effect on own acceleration.</param>
/// <param name="PartnerDamping">ζ_cross: partner's velocity effect on own acceleration.</param>
/// <param name="Tau">GLLA τ chosen for this person.</param>
/// <param name="Embed">GLLA embedding dimension chosen for this person.</param>
/// <param name="SelectionAdjustedRSquared">Adjusted R² of the person's own regression (with intercept) at the chosen τ, E.</param>
/// <param name="PeriodS">2π/√(−η) in seconds; NaN when η ≥ 0.</param>
public sealed record CoupledOscillatorPartner(
    ParameterEstimate Frequency,
    ParameterEstimate Damping,
    ParameterEstimate PartnerFrequency,
    ParameterEstimate PartnerDamping,
    int Tau,
    int Embed,
    double SelectionAdjustedRSquared,
    double PeriodS);

/// <summary>Result of the coupled linear oscillator model for one dyad.</summary>
/// <param name="PersonA">Parameters of A's equation.</param>
/// <param name="PersonB">Parameters of B's equation.</param>
/// <param name="AdjustedRSquared">Adjusted R² of the joint, no-intercept fit (uncentred, as R reports it).</param>
/// <param name="Observations">Rows used (both partners stacked).</param>
/// <param name="Reading">A plain-language description of this recording, never a diagnosis.</param>
public sealed record CoupledOscillatorResult(
    CoupledOscillatorPartner PersonA,
    CoupledOscillatorPartner PersonB,
    double AdjustedRSquared,
    int Observations,
    string Reading);

/// <summary>
/// Coupled linear oscillator (CLO) for two people, as in rties (<c>estDerivs</c> + <c>indivClo</c>
/// with the coupled model; Boker &amp; Laurenceau 2006; Reed, Barnard &amp; Butler 2015).
/// </summary>
/// <remarks>
/// <para>Model, for p with partner q: <c>x_p'' = η_p x_p + ζ_p x_p' + η_cross,p x_q + ζ_cross,p x_q' + e</c>,
/// with x the detrended series and derivatives from <see cref="Glla"/> (order 2, Δt = 1/rate).</para>
/// <para>Selection (rties <c>estDerivs</c>): for each person and each (τ, E) in the grid (τ varying
/// fastest), derivatives of both partners are estimated with that τ, E and
/// <c>lm(d2 ~ x + d1 + p_x + p_d1)</c> (with intercept) is fitted; the first (τ, E) with the largest
/// adjusted R² is kept for that person.</para>
/// <para>Joint fit (rties <c>indivClo</c>, coupled): each person's rows (own derivatives at their
/// chosen τ, E, the partner's at the same τ, E) are stacked and
/// <c>d2 ~ −1 + dist0:(x + d1 + p_x + p_d1) + dist1:(x + d1 + p_x + p_d1)</c> is fitted by OLS; the
/// estimates equal two separate no-intercept regressions, the standard errors use the pooled
/// s² = RSS/(n − 8), and R² is uncentred as R reports for a <c>−1</c> formula.</para>
/// <para>Reading the coupling: ζ_cross &lt; 0 means the partner's movement pulls one's own swings back
/// towards balance (co-regulation, Butler &amp; Randall 2013); ζ_cross &gt; 0 means it amplifies them
/// (co-dysregulation). Rows with NaN are dropped. Needs more than 8 complete rows.</para>
/// <para>References: Boker SM, Nesselroade JR (2002) Multivariate Behavioral Research 37:127–160;
/// Reed RG, Barnard K, Butler EA (2015). Distinguishing emotional coregulation from codysregulation:
/// an investigation of emotional dynamics and body weight in romantic couples. Emotion 15(1):45–60;
/// Butler EA, Randall AK (2013). Emotional coregulation in close relationships. Emotion Review 5(2):202–210.</para>
/// </remarks>
public static class CoupledOscillator
{
    /// <summary>Fits the CLO to two evenly sampled series of equal length (NaN = missing).</summary>
    /// <exception cref="ArgumentException">Lengths differ, empty grids, rate not positive, too few
    /// rows for every (τ, E), or a flat series.</exception>
    public static CoupledOscillatorResult Fit(ReadOnlySpan<double> a, ReadOnlySpan<double> b, CoupledOscillatorOptions? options = null)
    {
        options ??= new CoupledOscillatorOptions();
        if (a.Length != b.Length)
        {
            throw new ArgumentException($"Series lengths differ: {a.Length} and {b.Length}.", nameof(b));
        }
        if (!(options.RateHz > 0))
        {
            throw new ArgumentException($"Rate must be positive; got {options.RateHz} Hz.", nameof(options));
        }
        var xa = options.Detrend ? LinearDetrend.Apply(a) : a.ToArray();
        var xb = options.Detrend ? LinearDetrend.Apply(b) : b.ToArray();
        var deltaT = 1.0 / options.RateHz;

        var (rowsA, tauA, embedA, r2A) = Select(xa, xb, options, deltaT);
        var (rowsB, tauB, embedB, r2B) = Select(xb, xa, options, deltaT);

        const int p = 8;
        var design = new double[(rowsA.Count + rowsB.Count) * p];
        var target = new double[rowsA.Count + rowsB.Count];
        var r = 0;
        foreach (var (row, personOffset) in Stack(rowsA, rowsB))
        {
            for (var c = 0; c < 4; c++)
            {
                design[r * p + personOffset + c] = row[c + 1];
            }
            target[r] = row[0];
            r++;
        }
        var fit = OrdinaryLeastSquares.Fit(design, target, p, formulaHasIntercept: false);
        var c0 = fit.Coefficients;
        var personA = Partner(c0, 0, tauA, embedA, r2A);
        var personB = Partner(c0, 4, tauB, embedB, r2B);
        return new CoupledOscillatorResult(personA, personB, fit.AdjustedRSquared, fit.Observations,
            DyadicReadings.CoupledOscillator(personA, personB));
    }

    private static IEnumerable<(double[] Row, int Offset)> Stack(List<double[]> rowsA, List<double[]> rowsB)
    {
        foreach (var row in rowsA)
        {
            yield return (row, 0);
        }
        foreach (var row in rowsB)
        {
            yield return (row, 4);
        }
    }

    private static CoupledOscillatorPartner Partner(ParameterEstimate[] c, int offset, int tau, int embed, double r2)
    {
        var eta = c[offset].Value;
        var period = eta < 0 ? 2 * Math.PI / Math.Sqrt(-eta) : double.NaN;
        return new CoupledOscillatorPartner(c[offset], c[offset + 1], c[offset + 2], c[offset + 3], tau, embed, r2, period);
    }

    // Rows are [d2, x, d1, p_x, p_d1] for complete cases.
    private static (List<double[]> Rows, int Tau, int Embed, double AdjR2) Select(double[] self, double[] partner, CoupledOscillatorOptions options, double deltaT)
    {
        List<double[]>? bestRows = null;
        int bestTau = 0, bestEmbed = 0;
        var bestR2 = double.NegativeInfinity;
        foreach (var embed in options.EmbedGrid)
        {
            foreach (var tau in options.TauGrid)
            {
                if (self.Length - (embed - 1) * tau < 1)
                {
                    continue;
                }
                var own = Glla.Estimate(self, embed, tau, deltaT);
                var other = Glla.Estimate(partner, embed, tau, deltaT);
                var rows = new List<double[]>(own.Count);
                for (var i = 0; i < own.Count; i++)
                {
                    double[] row = [own.Second[i], own.Level[i], own.First[i], other.Level[i], other.First[i]];
                    if (Array.TrueForAll(row, double.IsFinite))
                    {
                        rows.Add(row);
                    }
                }
                if (rows.Count <= 5)
                {
                    continue;
                }
                var design = new double[rows.Count * 5];
                var y = new double[rows.Count];
                for (var i = 0; i < rows.Count; i++)
                {
                    design[i * 5] = 1;
                    for (var c = 1; c < 5; c++)
                    {
                        design[i * 5 + c] = rows[i][c];
                    }
                    y[i] = rows[i][0];
                }
                var fit = OrdinaryLeastSquares.Fit(design, y, 5, formulaHasIntercept: true);
                if (fit.AdjustedRSquared > bestR2)
                {
                    bestR2 = fit.AdjustedRSquared;
                    bestRows = rows;
                    bestTau = tau;
                    bestEmbed = embed;
                }
            }
        }
        if (bestRows is null)
        {
            throw new ArgumentException("The series are too short for every (tau, embed) combination searched.", nameof(self));
        }
        return (bestRows, bestTau, bestEmbed, bestR2);
    }
}
