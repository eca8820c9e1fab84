namespace Attune.Analysis.Tests.Synchrony;

/// <summary>Deterministic test signals (seeded), so every test run sees the same numbers.</summary>
internal static class TestSignals
{
    public static double Gaussian(Random random)
    {
        // Box–Muller; 1 − u keeps the logarithm finite.
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }

    public static double[] WhiteNoise(int n, int seed)
    {
        var random = new Random(seed);
        var x = new double[n];
        for (var i = 0; i < n; i++)
        {
            x[i] = Gaussian(random);
        }
        return x;
    }

    /// <summary>AR(1) noise with coefficient phi: smooth enough that lagged correlations have clear peaks.</summary>
    public static double[] SmoothNoise(int n, int seed, double phi = 0.9)
    {
        var e = WhiteNoise(n + 200, seed);
        var x = new double[n + 200];
        for (var i = 1; i < x.Length; i++)
        {
            x[i] = phi * x[i - 1] + e[i];
        }
        return x[200..];
    }

    /// <summary>Two cascaded AR(1) filters: a smooth autocorrelation, so r(lag) has one clean peak.</summary>
    public static double[] VerySmoothNoise(int n, int seed, double phi = 0.8)
    {
        var x = SmoothNoise(n + 200, seed, phi);
        var y = new double[x.Length];
        for (var i = 1; i < x.Length; i++)
        {
            y[i] = phi * y[i - 1] + x[i];
        }
        return y[200..];
    }

    /// <summary>Heart-rate-like signal: 70 bpm plus slow breathing waves plus smooth noise.</summary>
    public static double[] HeartRateLike(int n, double rateHz, int seed)
    {
        var noise = SmoothNoise(n, seed);
        var x = new double[n];
        for (var i = 0; i < n; i++)
        {
            var t = i / rateHz;
            x[i] = 70 + 4 * Math.Sin(2 * Math.PI * 0.1 * t) + 2 * Math.Sin(2 * Math.PI * 0.013 * t + 1) + noise[i];
        }
        return x;
    }

    /// <summary>y[t] = x[t − k] (y follows x by k samples); the first k samples repeat x[0] (k &lt; 0: lead).</summary>
    public static double[] Shift(double[] x, int k)
    {
        var y = new double[x.Length];
        for (var t = 0; t < x.Length; t++)
        {
            y[t] = x[Math.Clamp(t - k, 0, x.Length - 1)];
        }
        return y;
    }
}
