using System.Globalization;

namespace Attune.Load;

/// <summary>Counts and latencies (milliseconds) of one measured run.</summary>
internal sealed record Result(long Ok, long Failed, long Dropped, TimeSpan Elapsed, double[] LatenciesMs, double SendLagP99Ms)
{
    public double RequestsPerSecond => Ok / Elapsed.TotalSeconds;

    /// <summary>Nearest-rank percentile of the sorted latencies; NaN when nothing was measured.</summary>
    public double Percentile(double p)
    {
        if (LatenciesMs.Length == 0)
        {
            return double.NaN;
        }

        var rank = (int)Math.Ceiling(p / 100 * LatenciesMs.Length);
        return LatenciesMs[Math.Clamp(rank - 1, 0, LatenciesMs.Length - 1)];
    }

    public string Describe(Options options) => string.Create(
        CultureInfo.InvariantCulture,
        $"{options.Mode.ToString().ToLowerInvariant()} {options.Url} for {Elapsed.TotalSeconds:F1} s: {Ok} ok, {Failed} failed, {Dropped} dropped, " +
        $"{RequestsPerSecond:F0} req/s, p50 {Percentile(50):F2} ms, p90 {Percentile(90):F2} ms, p99 {Percentile(99):F2} ms, max {Percentile(100):F2} ms");

    /// <summary>One <c>key=value</c> line for scripts.</summary>
    public string MachineLine(Options options) => string.Create(
        CultureInfo.InvariantCulture,
        $"RESULT mode={options.Mode.ToString().ToLowerInvariant()} ok={Ok} failed={Failed} dropped={Dropped} rps={RequestsPerSecond:F1} " +
        $"p50_ms={Percentile(50):F3} p90_ms={Percentile(90):F3} p99_ms={Percentile(99):F3} max_ms={Percentile(100):F3} send_lag_p99_ms={SendLagP99Ms:F3}");
}
