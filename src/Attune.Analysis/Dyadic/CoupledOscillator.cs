namespace Attune.Analysis.Dyadic;

/// <summary>Settings of the coupled linear oscillator fit.</summary>
/// <param name="Taus">GLLA time delays to search, in samples (default 2, 3, as in the rties examples).</param>
/// <param name="Embeds">GLLA embedding dimensions to search (default 3, 4, as in the rties examples).</param>
/// <param name="RateHz">Samples per second; Δt = 1/rate (default 1 Hz, rties' delta = 1).</param>
/// <param name="Detrend">Remove each person's straight-line trend first, as rties does (default true).</param>
public sealed record CoupledOscillatorOptions(int[]? Taus = null, int[]? Embeds = null, double RateHz = 1.0, bool Detrend = true)
{
    internal int[] TauGrid => Taus ?? [2, 3];

    internal int[] EmbedGrid => Embeds ?? [3, 4];
}

/// <summary>One partner's coupled-oscillator parameters (units s⁻² for η, s⁻¹ for ζ when Δt is in seconds).</summary>
/// <param name="Frequency">η_p: own-level effect on acceleration; negative = oscillation with period 2π/√(−η).</param>
/// <param name="Damping">ζ_p: own-velocity effect; negative = swings die down, positive = they grow.</param>
/// <param name="PartnerFrequency">η_cross: partner's level effect on own acceleration.</param>
/// <param name="PartnerDamping">ζ_cross: partner's velocity effect on own acceleration.</param>
/// <param name="PeriodS">2π/√(−η) in seconds; NaN when η ≥ 0.</param>
public sealed record CoupledOscillatorPartner(
    ParameterEstimate Frequency,
    ParameterEstimate Damping,
    ParameterEstimate PartnerFrequency,
    ParameterEstimate PartnerDamping,
    double PeriodS);

/// <summary>Result of the coupled linear oscillator model for one dyad.</summary>
/// <param name="PersonA">Parameters of A's equation.</param>
/// <param name="PersonB">Parameters of B's equation.</param>
/// <param name="Tau">GLLA τ (samples) chosen for the dyad.</param>
/// <param name="Embed">GLLA embedding dimension chosen for the dyad.</param>
/// <param name="AdjustedRSquared">Adjusted R² of the joint, no-intercept fit at the chosen τ, E
/// (uncentred, as R reports it); the selection criterion.</param>
/// <param name="Observations">Rows used (both partners stacked).</param>
/// <param name="Reading">A plain-language description of this recording, never a diagnosis.</param>
public sealed record CoupledOscillatorResult(
    CoupledOscillatorPartner PersonA,
    CoupledOscillatorPartner PersonB,
    int Tau,
    int Embed,
    double AdjustedRSquared,
    int Observations,
    string Reading);

/// <summary>
/// Coupled linear oscillator (CLO) for two people, as in rties (<c>estDerivs</c> + <c>indivClo</c>
/// with <c>whichModel = "coupled"</c>; Boker &amp; Laurenceau 2006; Reed, Barnard &amp; Butler 2015).
/// </summary>
/// <remarks>
/// <para>Model, for p with partner q: <c>x_p'' = η_p x_p + ζ_p x_p' + η_cross,p x_q + ζ_cross,p x_q' + e</c>,
/// with x the detrended series and derivatives from <see cref="Glla"/> (order 2, Δt = 1/rate).</para>
/// <para>Fit (rties <c>indivClo</c>, coupled): each person's rows (own level, velocity and acceleration,
/// partner's level and velocity at the same time) are stacked and
/// <c>d2 ~ −1 + dist0:(x + d1 + p_x + p_d1) + dist1:(x + d1 + p_x + p_d1)</c> is fitted by OLS; the
/// estimates equal two separate no-intercept regressions, the standard errors use the pooled
/// s² = RSS/(n − 8), and R² is uncentred as R reports for a <c>−1</c> formula.</para>
/// <para>Selection (rties <c>estDerivs</c>, current version): for each (τ, E) in the grid (τ varying
/// fastest, as <c>expand.grid</c>), derivatives of both partners are estimated with that τ, E and the
/// joint model above is fitted; the first (τ, E) with the largest adjusted R² is kept for the dyad.
/// (An older rties chose τ, E per person with an intercept model; we follow the current one.)</para>
/// <para>Reading the coupling: ζ_cross &lt; 0 means the partner's movement pulls one's own swings back
/// towards balance (co-regulation, Butler &amp; Randall 2013); ζ_cross &gt; 0 means it amplifies them
/// (co-dysregulation). Rows with NaN are dropped. Needs more than 8 complete rows.</para>
/// <para>References: Boker SM, Laurenceau J-P (2006). Dynamical systems modeling: an application to
/// the regulation of intimacy and disclosure in marriage. In Walls &amp; Schafer (eds), Models for
/// Intensive Longitudinal Data, 195–218. Reed RG, Barnard K, Butler EA (2015). Distinguishing emotional
/// coregulation from codysregulation: an investigation of emotional dynamics and body weight in
/// romantic couples. Emotion 15(1):45–60. Butler EA, Randall AK (2013). Emotional coregulation in
/// close relationships. Emotion Review 5(2):202–210.</para>
/// </remarks>
public static class CoupledOscillator
{
    private const int Parameters = 8;

    /// <summary>Fits the CLO to two evenly sampled series of equal length (NaN = missing).</summary>
    /// <exception cref="ArgumentException">Lengths differ or rate not positive.</exception>
    /// <exception cref="InsufficientDataException">Too few complete rows for every (τ, E)
    /// (<see cref="InsufficientDataReason.TooShort"/>), or a flat series (<see cref="InsufficientDataReason.NoVariation"/>).</exception>
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

        OlsFit? best = null;
        int bestTau = 0, bestEmbed = 0;
        foreach (var embed in options.EmbedGrid)
        {
            foreach (var tau in options.TauGrid)
            {
                if (xa.Length - (embed - 1) * tau < 1)
                {
                    continue;
                }
                var fit = FitJoint(Glla.Estimate(xa, embed, tau, deltaT), Glla.Estimate(xb, embed, tau, deltaT));
                if (fit is not null && (best is null || fit.AdjustedRSquared > best.AdjustedRSquared))
                {
                    best = fit;
                    bestTau = tau;
                    bestEmbed = embed;
                }
            }
        }
        if (best is null)
        {
            throw new InsufficientDataException(InsufficientDataReason.TooShort, "The series are too short for every (tau, embed) combination searched.");
        }
        var c = best.Coefficients;
        var personA = Partner(c, 0);
        var personB = Partner(c, 4);
        return new CoupledOscillatorResult(personA, personB, bestTau, bestEmbed, best.AdjustedRSquared, best.Observations,
            DyadicReadings.CoupledOscillator(personA, personB));
    }

    // Stacks A's rows (columns 0–3) and B's rows (columns 4–7); null when too few complete rows.
    private static OlsFit? FitJoint(GllaEstimate a, GllaEstimate b)
    {
        var design = new List<double>(2 * a.Count * Parameters);
        var target = new List<double>(2 * a.Count);
        AddRows(a, b, 0, design, target);
        AddRows(b, a, 4, design, target);
        return target.Count <= Parameters ? null : OrdinaryLeastSquares.Fit(design.ToArray(), target.ToArray(), Parameters, formulaHasIntercept: false);
    }

    private static void AddRows(GllaEstimate self, GllaEstimate partner, int offset, List<double> design, List<double> target)
    {
        Span<double> row = stackalloc double[Parameters];
        for (var i = 0; i < self.Count; i++)
        {
            var d2 = self.Second[i];
            double x = self.Level[i], d1 = self.First[i], px = partner.Level[i], pd1 = partner.First[i];
            if (!double.IsFinite(d2) || !double.IsFinite(x) || !double.IsFinite(d1) || !double.IsFinite(px) || !double.IsFinite(pd1))
            {
                continue;
            }
            row.Clear();
            row[offset] = x;
            row[offset + 1] = d1;
            row[offset + 2] = px;
            row[offset + 3] = pd1;
            foreach (var v in row)
            {
                design.Add(v);
            }
            target.Add(d2);
        }
    }

    private static CoupledOscillatorPartner Partner(ParameterEstimate[] c, int offset)
    {
        var eta = c[offset].Value;
        var period = eta < 0 ? 2 * Math.PI / Math.Sqrt(-eta) : double.NaN;
        return new CoupledOscillatorPartner(c[offset], c[offset + 1], c[offset + 2], c[offset + 3], period);
    }
}
