using System.Globalization;
using Attune.Analysis.Artifacts;
using Attune.Analysis.Hrv;
using Attune.Analysis.Series;

namespace Attune.Bench;

/// <summary>
/// Scaling check (not a BenchmarkDotNet run): each HRV step once on a 24-hour Holter record tiled to
/// 100k, 400k, 1.6M and 10M intervals, printing time and allocated bytes per step, so that a step whose
/// time per interval grows with N stands out. Run: dotnet run -c Release --project bench/Attune.Bench -- scaling [N ...] [--jitter]
/// </summary>
/// <remarks>
/// Tiling repeats the record's 128-Hz-quantised values exactly, which flatters methods that merge
/// identical templates (SampEn, ApEn); <c>--jitter</c> adds a uniform ±3 ms offset rounded to 1 ms per
/// interval, like a 1000 Hz recorder, so that template counts keep growing with N.
/// </remarks>
internal static class HrvScaling
{
    public static void Run(string[] args)
    {
        var jitter = args.Contains("--jitter");
        var sizes = args.Where(a => !a.StartsWith("--", StringComparison.Ordinal))
            .Select(a => int.Parse(a, CultureInfo.InvariantCulture)).ToArray();
        if (sizes.Length == 0)
        {
            sizes = [100_000, 400_000, 1_600_000];
        }
        var source = HrvBenchmarks.LoadReferenceRr("rr/ltdb_14046_24h.rr.csv");
        Console.WriteLine($"load: {File.ReadAllText("/proc/loadavg").Trim()}   jitter: {jitter}");
        Console.WriteLine($"{"N",10} {"step",-22} {"wall ms",10} {"CPU ms",10} {"CPU ns/int",10} {"MB alloc",10}");
        Measure(Tile(source, 20_000, jitter), 20_000, print: false, entropy: true);
        foreach (var n in sizes)
        {
            Measure(Tile(source, n, jitter), n, print: true, entropy: n <= HrvOptions.DefaultMaximumEntropyIntervals || args.Contains("--entropy"));
        }
    }

    private static void Measure(double[] intervals, int n, bool print, bool entropy)
    {
        var series = RrSeries.FromIntervals(intervals);
        void Step(string name, Func<object> action)
        {
            var (wall, cpu, mb) = Time(action);
            if (print)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{n,10} {name,-22} {wall,10:0.0} {cpu,10:0.0} {cpu * 1e6 / n,10:0.0} {mb,10:0.0}"));
            }
        }
        var entropyOff = HrvOptions.Default with { ComputeEntropy = false };
        Step("TimeDomain", () => TimeDomain.Compute(series));
        Step("Frequency (Auto)", () => FrequencyDomain.Compute(series));
        Step("Frequency (Lomb)", () => FrequencyDomain.Compute(series, FrequencyOptions.Default with { Method = SpectralMethod.LombScargle }));
        Step("DFA a1+a2", () => Dfa.Alpha(series, 4, 16) + Dfa.Alpha(series, 16, 64));
        Step("Artifacts (L&T)", () => LipponenTarvainen.Correct(series));
        Step("Analyze, no entropy", () => HrvAnalyzer.Analyze(series, entropyOff));
        Step("Analyze (full report)", () => HrvAnalyzer.Analyze(series));
        if (entropy)
        {
            Step("SampEn (direct)", () => SampleEntropy.Compute(series));
            Step("ApEn (direct)", () => ApproximateEntropy.Compute(series));
        }
    }

    public static double[] Tile(double[] source, int n, bool jitter)
    {
        var random = new Random(42);
        var x = new double[n];
        for (var i = 0; i < n; i++)
        {
            var v = source[i % source.Length];
            x[i] = jitter ? Math.Round(v + (random.NextDouble() * 6 - 3)) : v;
        }
        return x;
    }

    private static (double Wall, double Cpu, double AllocatedMb) Time(Func<object> action)
    {
        var before = GC.GetTotalAllocatedBytes(precise: true);
        var (wall, cpu) = EcgSteps.Time(() => action());
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        return (wall, cpu, allocated / 1048576.0);
    }
}
