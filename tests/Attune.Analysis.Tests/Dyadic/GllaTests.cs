using Attune.Analysis.Dyadic;

namespace Attune.Analysis.Tests.Dyadic;

public class GllaTests
{
    [Fact]
    public void WeightMatrix_EmbedThreeTauOne_IsCentralDifferences()
    {
        // With E = 3 the fit is exact: level = middle value, d1 = (x3 − x1)/2, d2 = x1 − 2x2 + x3.
        var w = Glla.WeightMatrix(embed: 3, tau: 1, deltaT: 1);

        double[,] expected = { { 0, -0.5, 1 }, { 1, 0, -2 }, { 0, 0.5, 1 } };
        for (var i = 0; i < 3; i++)
        {
            for (var j = 0; j < 3; j++)
            {
                Assert.Equal(expected[i, j], w[i, j], 12);
            }
        }
    }

    [Fact]
    public void WeightMatrix_EmbedNotAboveOrder_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Glla.WeightMatrix(embed: 2, tau: 1, deltaT: 1, order: 2));
    }

    [Theory]
    [InlineData(3, 1)]
    [InlineData(5, 2)]
    [InlineData(7, 3)]
    public void Estimate_Quadratic_IsExact(int embed, int tau)
    {
        // x(t) = 3 + 2t − 0.7t², Δt = 0.1 s: x' = 2 − 1.4t, x'' = −1.4.
        const double dt = 0.1;
        var x = new double[60];
        for (var i = 0; i < x.Length; i++)
        {
            var t = i * dt;
            x[i] = 3 + 2 * t - 0.7 * t * t;
        }

        var est = Glla.Estimate(x, embed, tau, dt);

        Assert.Equal(x.Length - (embed - 1) * tau, est.Count);
        for (var i = 0; i < est.Count; i++)
        {
            var t = (i + est.CentreOffsetSamples) * dt;
            Assert.Equal(3 + 2 * t - 0.7 * t * t, est.Level[i], 9);
            Assert.Equal(2 - 1.4 * t, est.First[i], 9);
            Assert.Equal(-1.4, est.Second[i], 9);
        }
    }

    [Fact]
    public void Estimate_FinelySampledSine_ApproximatesDerivatives()
    {
        // sin(ωt) with ω = 0.7 rad/s at 20 Hz; E = 5, τ = 1 spans 0.2 s, so the bias is O((ωτΔt)²).
        const double dt = 0.05, omega = 0.7;
        var x = new double[400];
        for (var i = 0; i < x.Length; i++)
        {
            x[i] = Math.Sin(omega * i * dt);
        }

        var est = Glla.Estimate(x, embed: 5, tau: 1, deltaT: dt);

        for (var i = 0; i < est.Count; i++)
        {
            var t = (i + est.CentreOffsetSamples) * dt;
            Assert.Equal(omega * Math.Cos(omega * t), est.First[i], 0.002);
            Assert.Equal(-omega * omega * Math.Sin(omega * t), est.Second[i], 0.002);
        }
    }
}
