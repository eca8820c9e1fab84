using Attune.Analysis.Series;

namespace Attune.Analysis.Tests.Hrv;

/// <summary>Synthetic RR series with known properties, with fixed seeds.</summary>
internal static class Synthetic
{
    /// <summary>RR[i] = mean + amplitude·sin(2π·f·t[i−1]) where t is the running beat time, for durationS seconds.</summary>
    public static RrSeries Sinusoid(double meanMs, double amplitudeMs, double frequencyHz, double durationS)
    {
        var rr = new List<double>();
        var t = 0.0;
        while (t < durationS)
        {
            var value = meanMs + amplitudeMs * Math.Sin(2 * Math.PI * frequencyHz * t);
            rr.Add(value);
            t += value / 1000.0;
        }
        return RrSeries.FromIntervals(rr.ToArray());
    }

    public static double[] WhiteNoise(int n, int seed, double mean = 800, double sd = 50)
    {
        var rng = new Random(seed);
        var x = new double[n];
        for (var i = 0; i < n; i++)
        {
            x[i] = mean + sd * Gaussian(rng);
        }
        return x;
    }

    public static double Gaussian(Random rng)
    {
        var u1 = 1.0 - rng.NextDouble();
        var u2 = rng.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
