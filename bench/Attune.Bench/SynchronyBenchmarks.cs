using Attune.Analysis.Synchrony;
using BenchmarkDotNet.Attributes;

namespace Attune.Bench;

/// <summary>
/// Two 1-hour heart-rate series at 4 Hz (14,400 samples), window 30 s, lag ±5 s, step 0.5 s:
/// 41 lags × 7,131 windows. Target: the matrix in under 20 ms.
/// </summary>
[MemoryDiagnoser]
public class SynchronyBenchmarks
{
    private const double Rate = 4.0;
    private double[] _a = [];
    private double[] _b = [];
    private CommonGridSeries _grid = null!;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(1);
        var n = 14400;
        _a = new double[n];
        _b = new double[n];
        double na = 0, nb = 0;
        for (var i = 0; i < n; i++)
        {
            var t = i / Rate;
            na = 0.9 * na + random.NextDouble() - 0.5;
            nb = 0.9 * nb + random.NextDouble() - 0.5;
            _a[i] = 70 + 4 * Math.Sin(2 * Math.PI * 0.1 * t) + na;
            _b[i] = 75 + 4 * Math.Sin(2 * Math.PI * 0.1 * (t - 1.5)) + nb;
        }
        _grid = new CommonGridSeries(_a, _b, Rate, 0, null, false, CommonGrid.DefaultMaxGapS);
    }

    [Benchmark(Baseline = true)]
    public CrossCorrelationMatrix Matrix() => WindowedCrossCorrelation.Compute(_a, _b, Rate);

    [Benchmark]
    public WindowedSynchronyResult MatrixPeaksSummary() => WindowedSynchrony.Analyze(_grid, surrogateCount: 0);

    [Benchmark]
    public SurrogateTestResult TenSurrogates() => SegmentShuffleSurrogates.Test(_a, _b, Rate, count: 10);

    [Benchmark]
    public RmeaCcfResult RmeaCompatibleNaive() => RmeaCompatible.MeaCcf(_a, _b, sampRate: 4, lagSec: 5, winSec: 30, incSec: 0.5);
}
