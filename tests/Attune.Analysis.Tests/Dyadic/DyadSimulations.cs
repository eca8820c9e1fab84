using Attune.Analysis.Tests.Synchrony;

namespace Attune.Analysis.Tests.Dyadic;

/// <summary>Simulated dyads with known parameters.</summary>
internal static class DyadSimulations
{
    /// <summary>
    /// Coupled linear oscillator integrated with RK4 at <paramref name="dt"/> and sampled every
    /// <paramref name="sampleEvery"/> steps:
    /// x'' = ηx·x + ζx·x' + cx·y + dx·y',  y'' = ηy·y + ζy·y' + cy·x + dy·x'.
    /// </summary>
    public static (double[] X, double[] Y) CoupledOscillator(
        double etaX, double zetaX, double cX, double dX,
        double etaY, double zetaY, double cY, double dY,
        double dt, int sampleEvery, int samples)
    {
        double[] s = [1.0, 0.0, -0.5, 0.8]; // x, x', y, y'
        var xs = new double[samples];
        var ys = new double[samples];
        double[] Deriv(double[] v) =>
        [
            v[1],
            etaX * v[0] + zetaX * v[1] + cX * v[2] + dX * v[3],
            v[3],
            etaY * v[2] + zetaY * v[3] + cY * v[0] + dY * v[1],
        ];
        for (var k = 0; k < samples; k++)
        {
            xs[k] = s[0];
            ys[k] = s[2];
            for (var step = 0; step < sampleEvery; step++)
            {
                var k1 = Deriv(s);
                var k2 = Deriv(Add(s, k1, dt / 2));
                var k3 = Deriv(Add(s, k2, dt / 2));
                var k4 = Deriv(Add(s, k3, dt));
                for (var i = 0; i < 4; i++)
                {
                    s[i] += dt / 6 * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]);
                }
            }
        }
        return (xs, ys);
    }

    /// <summary>Bivariate AR(1): a_t = ia·a_{t−1} + ca·b_{t−1} + e, b_t = ib·b_{t−1} + cb·a_{t−1} + e.</summary>
    public static (double[] A, double[] B) InertiaCoordination(double inertA, double coordA, double inertB, double coordB, int n, int seed)
    {
        var ea = TestSignals.WhiteNoise(n + 100, seed);
        var eb = TestSignals.WhiteNoise(n + 100, seed + 1);
        var a = new double[n + 100];
        var b = new double[n + 100];
        for (var t = 1; t < a.Length; t++)
        {
            a[t] = inertA * a[t - 1] + coordA * b[t - 1] + ea[t];
            b[t] = inertB * b[t - 1] + coordB * a[t - 1] + eb[t];
        }
        return (a[100..], b[100..]);
    }

    private static double[] Add(double[] s, double[] d, double h) => [s[0] + h * d[0], s[1] + h * d[1], s[2] + h * d[2], s[3] + h * d[3]];
}
