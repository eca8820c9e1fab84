namespace Attune.Analysis.Dyadic;

/// <summary>
/// Derivative estimates from Generalized Local Linear Approximation: row i of the result holds the
/// level and derivatives at the centre of the embedding x[i], x[i+τ], …, x[i+(E−1)τ].
/// </summary>
/// <param name="Derivatives">Derivatives[d][i] = d-th derivative at row i (d = 0 is the smoothed level),
/// in units of the input per second^d when the interval is given in seconds.</param>
/// <param name="Embed">Embedding dimension E.</param>
/// <param name="Tau">Time delay τ in samples.</param>
/// <param name="DeltaT">Interval between samples (s).</param>
public sealed record GllaEstimate(double[][] Derivatives, int Embed, int Tau, double DeltaT)
{
    /// <summary>Number of rows, N − (E − 1)τ.</summary>
    public int Count => Derivatives[0].Length;

    /// <summary>Smoothed level (derivative order 0).</summary>
    public double[] Level => Derivatives[0];

    /// <summary>First derivative.</summary>
    public double[] First => Derivatives[1];

    /// <summary>Second derivative.</summary>
    public double[] Second => Derivatives[2];

    /// <summary>Sample index (possibly half-integer) at which row 0 is centred: (E − 1)τ / 2.</summary>
    public double CentreOffsetSamples => (Embed - 1) * Tau / 2.0;
}

/// <summary>
/// Generalized Local Linear Approximation of derivatives (Boker, Deboeck, Edler &amp; Keel 2010).
/// </summary>
/// <remarks>
/// <para>A time-delay embedding X (rows x[i], x[i+τ], …, x[i+(E−1)τ]) is mapped to derivative
/// estimates Y = X W, with W = L (LᵀL)⁻¹ and
/// <c>L[j, d] = ((j − (E+1)/2) · τ · Δt)^d / d!</c>, j = 1…E, d = 0…order: the least-squares fit of a
/// Taylor polynomial of the given order around the embedding's centre. Exact for polynomials of degree
/// ≤ order; smoothing grows with E and τ. Same construction as Boker's <c>gllaWMatrix</c> and
/// <c>gllaEmbed</c> used by rties' <c>estDerivs</c>.</para>
/// <para>Edges: there are N − (E − 1)τ rows; an embedding containing a NaN gives NaN derivatives in
/// that row. Requires E ≥ order + 1, τ ≥ 1, Δt &gt; 0.</para>
/// <para>Reference: Boker SM, Deboeck PR, Edler C, Keel PK (2010). Generalized local linear
/// approximation of derivatives from time series. In Chow, Ferrer &amp; Hsieh (eds), Statistical
/// Methods for Modeling Human Dynamics, 161–178. Routledge.</para>
/// </remarks>
public static class Glla
{
    /// <summary>W = L (LᵀL)⁻¹, an E × (order + 1) matrix.</summary>
    /// <exception cref="ArgumentOutOfRangeException">E ≤ order, τ &lt; 1, order &lt; 1 or Δt ≤ 0.</exception>
    public static double[,] WeightMatrix(int embed, int tau, double deltaT, int order = 2)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(order, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(embed, order + 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(tau, 1);
        if (!(deltaT > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(deltaT), deltaT, "The sampling interval must be positive.");
        }
        var cols = order + 1;
        var l = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Dense(embed, cols);
        var centre = (embed + 1) / 2.0;
        for (var j = 0; j < embed; j++)
        {
            var offset = (j + 1 - centre) * tau * deltaT;
            double factorial = 1;
            for (var d = 0; d < cols; d++)
            {
                if (d > 0)
                {
                    factorial *= d;
                }
                l[j, d] = Math.Pow(offset, d) / factorial;
            }
        }
        var w = l * l.TransposeThisAndMultiply(l).Inverse();
        return w.ToArray();
    }

    /// <summary>Estimates the level and derivatives up to <paramref name="order"/> of an evenly sampled series.</summary>
    /// <exception cref="InsufficientDataException">The series is shorter than one embedding, (E − 1)τ + 1 samples.</exception>
    /// <exception cref="ArgumentOutOfRangeException">See <see cref="WeightMatrix"/>.</exception>
    public static GllaEstimate Estimate(ReadOnlySpan<double> x, int embed, int tau, double deltaT, int order = 2)
    {
        var w = WeightMatrix(embed, tau, deltaT, order);
        var rows = x.Length - (embed - 1) * tau;
        if (rows < 1)
        {
            throw new InsufficientDataException(InsufficientDataReason.NotEnoughBeats, $"{x.Length} samples are fewer than one embedding of {(embed - 1) * tau + 1}.");
        }
        var cols = order + 1;
        var result = new double[cols][];
        for (var d = 0; d < cols; d++)
        {
            result[d] = new double[rows];
        }
        for (var i = 0; i < rows; i++)
        {
            for (var d = 0; d < cols; d++)
            {
                double sum = 0;
                for (var j = 0; j < embed; j++)
                {
                    sum += x[i + j * tau] * w[j, d];
                }
                result[d][i] = sum;
            }
        }
        return new GllaEstimate(result, embed, tau, deltaT);
    }
}
