using Attune.Analysis.Hrv;
using Attune.Analysis.Series;

namespace Attune.Analysis.Tests.Hrv;

public sealed class HrvAnalyzerTests
{
    [Fact]
    public void Analyze_FiveBeats_TimeDomainOnlyAndReasonsForTheRest()
    {
        var report = HrvAnalyzer.Analyze(RrSeries.FromIntervals([800, 810, 790, 820, 805]));
        Assert.NotNull(report.TimeDomain);
        Assert.Null(report.FrequencyDomain);
        Assert.Null(report.DfaAlpha1);
        Assert.Null(report.SampEn);
        var names = report.NotComputable.Select(n => n.Measure).ToHashSet();
        foreach (var name in new[] { "SDANN", "VLF", "LF", "HF", "TotalPower", "DFA_alpha1", "DFA_alpha2", "SampEn", "ApEn" })
        {
            Assert.Contains(name, names);
        }
        Assert.DoesNotContain("RMSSD", names);
    }

    [Fact]
    public void Analyze_FiveMinutes_VlfAndAlpha2MissingOthersPresent()
    {
        var rr = Synthetic.WhiteNoise(375, 41);
        var report = HrvAnalyzer.Analyze(RrSeries.FromIntervals(rr));
        Assert.NotNull(report.FrequencyDomain!.LfMs2);
        Assert.NotNull(report.FrequencyDomain.HfMs2);
        Assert.Null(report.FrequencyDomain.VlfMs2);
        Assert.NotNull(report.DfaAlpha1);
        Assert.NotNull(report.DfaAlpha2);
        Assert.NotNull(report.SampEn);
        Assert.Contains(report.NotComputable, n => n.Measure == "VLF");
    }

    [Fact]
    public void ToMeasures_NamesInDocumentedOrder()
    {
        var report = HrvAnalyzer.Analyze(RrSeries.FromIntervals(Synthetic.WhiteNoise(400, 42)));
        var names = report.ToMeasures().Select(m => m.Name).ToArray();
        Assert.Equal(
            ["MeanNN", "SDNN", "RMSSD", "SDSD", "pNN50", "pNN20", "MeanHR", "CVNN", "MedianNN", "IQRNN", "SDANN", "SDNNI",
             "VLF", "LF", "HF", "LFHF", "LFnu", "HFnu", "TotalPower", "SD1", "SD2", "SD1SD2", "DFA_alpha1", "DFA_alpha2", "SampEn", "ApEn"],
            names);
        foreach (var m in report.ToMeasures())
        {
            Assert.True(m.Value is null == report.NotComputable.Any(n => n.Measure == m.Name), m.Name);
        }
    }

    [Fact]
    public void Analyze_ConstantSeries_NoNaNAndEveryNullExplained()
    {
        var rr = Enumerable.Repeat(800.0, 1000).ToArray();
        var report = HrvAnalyzer.Analyze(RrSeries.FromIntervals(rr));
        foreach (var m in report.ToMeasures())
        {
            Assert.True(m.Value is null || double.IsFinite(m.Value.Value), m.Name);
            Assert.True(m.Value is null == report.NotComputable.Any(n => n.Measure == m.Name), m.Name);
        }
        Assert.Equal(0, report.TimeDomain!.RmssdMs);
    }
}
