using System.Globalization;
using Attune.Analysis.Hrv;
using Attune.Analysis.Series;
using BenchmarkDotNet.Attributes;

namespace Attune.Bench;

/// <summary>HRV on the 24-hour LTDB record 14046 (115,277 beats).</summary>
// Min is reported because the shared build machine is heavily loaded; it is the closest to an idle machine.
[MemoryDiagnoser]
[MinColumn]
public class HrvBenchmarks
{
    private RrSeries _series = RrSeries.FromIntervals([800, 810, 790]);

    [GlobalSetup]
    public void Setup()
    {
        _series = RrSeries.FromIntervals(LoadReferenceRr("rr/ltdb_14046_24h.rr.csv"));
    }

    /// <summary>Reads a one-column rr_ms reference file found above the working directory.</summary>
    internal static double[] LoadReferenceRr(string relativePath)
    {
        var path = FindReferenceFile(relativePath)
            ?? throw new FileNotFoundException($"shared/reference-data/{relativePath} not found above the working directory.");
        var lines = File.ReadAllLines(path);
        var rr = new double[lines.Length - 1];
        for (var i = 1; i < lines.Length; i++)
        {
            rr[i - 1] = double.Parse(lines[i], CultureInfo.InvariantCulture);
        }
        return rr;
    }

    [Benchmark]
    public HrvReport FullReport() => HrvAnalyzer.Analyze(_series);

    [Benchmark]
    public (TimeDomainResult, FrequencyDomainResult) TimeAndFrequency() =>
        (TimeDomain.Compute(_series), FrequencyDomain.Compute(_series));

    [Benchmark]
    public FrequencyDomainResult FrequencyLombScargle() =>
        FrequencyDomain.Compute(_series, FrequencyOptions.Default with { Method = SpectralMethod.LombScargle });

    [Benchmark]
    public double SampleEntropy24h() => SampleEntropy.Compute(_series);

    [Benchmark]
    public double ApproximateEntropy24h() => ApproximateEntropy.Compute(_series);

    [Benchmark]
    public double DfaAlpha1And2() => Dfa.Alpha(_series, 4, 16) + Dfa.Alpha(_series, 16, 64);

    internal static string? FindReferenceFile(string relativePath)
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            var directory = new DirectoryInfo(start);
            while (directory is not null)
            {
                var candidate = Path.Combine(directory.FullName, "shared", "reference-data", relativePath);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
                directory = directory.Parent;
            }
        }
        return null;
    }
}
