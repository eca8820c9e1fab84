using System.Globalization;
using System.Text;

namespace Attune.Cli.Tests;

/// <summary>Generated recordings whose properties are known by construction.</summary>
internal static class Synthetic
{
    /// <summary>Heart rate of a slow wave plus a faster one, sampled once a second.</summary>
    public static double Wave(double t) => 70 + 8 * Math.Sin(2 * Math.PI * t / 40) + 4 * Math.Sin(2 * Math.PI * t / 13 + 1);

    /// <summary>t_s,hr for <paramref name="seconds"/> s, of <see cref="Wave"/> delayed by <paramref name="delayS"/>, with small noise.</summary>
    public static string HeartRate(int seconds, double delayS, int seed, double offsetS = 0)
    {
        var random = new Random(seed);
        var text = new StringBuilder("t_s,hr\n");
        for (var i = 0; i < seconds; i++)
        {
            var t = i + offsetS;
            var hr = Wave(t - delayS) + (random.NextDouble() - 0.5);
            text.Append(CultureInfo.InvariantCulture, $"{t},{hr:0.###}\n");
        }
        return text.ToString();
    }

    /// <summary>One rr_ms column of <paramref name="count"/> intervals around 800 ms.</summary>
    public static string RrColumn(int count, int seed)
    {
        var random = new Random(seed);
        var text = new StringBuilder("rr_ms\n", count * 7);
        for (var i = 0; i < count; i++)
        {
            var rr = 800 + 40 * Math.Sin(2 * Math.PI * i / 5.0) + 20 * (random.NextDouble() - 0.5);
            text.Append(CultureInfo.InvariantCulture, $"{rr:0.#}\n");
        }
        return text.ToString();
    }
}
