using Attune.Analysis.Hrv;
using Attune.Analysis.Series;
using BenchmarkDotNet.Attributes;

namespace Attune.Bench;

/// <summary>
/// The full HRV report on LTDB 14046 tiled to 100k–10M intervals: time and allocation should grow
/// linearly (SampEn and ApEn stop at <see cref="HrvOptions.MaximumEntropyIntervals"/>, 200,000 by
/// default, so the 100k case includes them and the others do not).
/// </summary>
[MemoryDiagnoser]
public class HrvScalingBenchmarks
{
    private RrSeries _series = RrSeries.FromIntervals([800, 810, 790]);
    private static readonly HrvOptions WithoutEntropy = HrvOptions.Default with { ComputeEntropy = false };

    [Params(100_000, 400_000, 1_600_000, 10_000_000)]
    public int Intervals { get; set; }

    [GlobalSetup]
    public void Setup() =>
        _series = RrSeries.FromIntervals(HrvScaling.Tile(HrvBenchmarks.LoadReferenceRr("rr/ltdb_14046_24h.rr.csv"), Intervals, jitter: false));

    [Benchmark]
    public HrvReport FullReport() => HrvAnalyzer.Analyze(_series);

    [Benchmark]
    public HrvReport ReportWithoutEntropy() => HrvAnalyzer.Analyze(_series, WithoutEntropy);
}
