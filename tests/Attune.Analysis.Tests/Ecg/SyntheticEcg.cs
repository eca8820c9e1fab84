namespace Attune.Analysis.Tests.Ecg;

/// <summary>
/// A synthetic ECG with beats at known samples: Gaussian P, QRS and T waves, baseline wander, 50 Hz
/// mains hum and white noise, all from a fixed seed.
/// </summary>
internal static class SyntheticEcg
{
    public static (double[] Samples, int[] RPeaks) Make(double fs, double seconds, int seed = 1, double noise = 0.01)
    {
        var random = new Random(seed);
        var n = (int)(seconds * fs);
        var x = new double[n];
        var peaks = new List<int>();
        var t = 0.6;
        while (t < seconds - 0.6)
        {
            peaks.Add((int)Math.Round(t * fs));
            t += 0.6 + 0.5 * random.NextDouble();
        }
        var qrsSigma = 0.012 * fs;
        foreach (var p in peaks)
        {
            AddWave(x, p - 0.16 * fs, 0.025 * fs, 0.12);
            AddWave(x, p, qrsSigma, 1.0);
            AddWave(x, p - 0.03 * fs, 0.008 * fs, -0.12);
            AddWave(x, p + 0.03 * fs, 0.008 * fs, -0.18);
            AddWave(x, p + 0.28 * fs, 0.045 * fs, 0.3);
        }
        for (var i = 0; i < n; i++)
        {
            var time = i / fs;
            x[i] += 0.4 * Math.Sin(2 * Math.PI * 0.15 * time) + 0.2
                + (fs > 100 ? 0.05 * Math.Sin(2 * Math.PI * 50 * time) : 0)
                + noise * Gaussian(random);
        }
        return (x, [.. peaks]);
    }

    private static void AddWave(double[] x, double center, double sigma, double amplitude)
    {
        var from = Math.Max(0, (int)(center - 5 * sigma));
        var to = Math.Min(x.Length - 1, (int)(center + 5 * sigma) + 1);
        for (var i = from; i <= to; i++)
        {
            var z = (i - center) / sigma;
            x[i] += amplitude * Math.Exp(-0.5 * z * z);
        }
    }

    private static double Gaussian(Random random)
    {
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
