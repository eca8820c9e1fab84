using Attune.Analysis.Artifacts;
using Attune.Analysis.Hrv;
using Attune.Analysis.Series;
using BenchmarkDotNet.Attributes;

namespace Attune.Bench;

/// <summary>
/// The full HRV report of both 24-hour LTDB records after artifact correction (what the CLI and the
/// app analyse), its SampEn/ApEn counts by range counting, and the sorted-window algorithm it replaced,
/// side by side in one run.
/// </summary>
[MemoryDiagnoser]
[MinColumn]
public class EntropyBenchmarks
{
    private RrSeries _series = RrSeries.FromIntervals([800, 810, 790]);
    private double[] _intervals = [];
    private double _r;

    [Params("ltdb_14046_24h", "ltdb_14149_24h")]
    public string Record { get; set; } = "ltdb_14149_24h";

    [GlobalSetup]
    public void Setup()
    {
        _series = LipponenTarvainen.Correct(RrSeries.FromIntervals(HrvBenchmarks.LoadReferenceRr($"rr/{Record}.rr.csv"))).Corrected;
        _intervals = _series.IntervalsMs.ToArray();
        _r = 0.2 * Descriptive.SampleStandardDeviation(_intervals);
    }

    [Benchmark]
    public HrvReport FullReport() => HrvAnalyzer.Analyze(_series);

    [Benchmark]
    public HrvReport ReportWithoutEntropy() => HrvAnalyzer.Analyze(_series, HrvOptions.Default with { ComputeEntropy = false });

    [Benchmark]
    public (int[], int[]) EntropyCountsRangeCounting() => TemplateRangeCounts.NeighbourCounts(_intervals, 2, _r);

    [Benchmark]
    public (int[], int[]) EntropyCountsSortedWindow() => ApproximateEntropy.SortedWindowNeighbourCounts(_intervals, 2, _r);
}
