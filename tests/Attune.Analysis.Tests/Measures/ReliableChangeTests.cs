using Attune.Analysis.Measures;

namespace Attune.Analysis.Tests.Measures;

public sealed class ReliableChangeTests
{
    [Fact]
    public void Between_Who5Figures_ReproduceThePublishedMinimalDetectableChange()
    {
        // Schougaard et al. (2018): MDC95 = 23.60 percentage points with ICC 0.81. Our figures are derived from these
        // two, so the reliable-change threshold must give back exactly that MDC on the percentage scale.
        var r = ReliableChange.Between(Instrument.Who5, 10, 10, ReliableChangeNorms.Who5);
        Assert.Equal(23.60, r.Threshold * 4, 10);
        Assert.Equal(4.883, ReliableChangeNorms.Who5.StandardDeviation, 3);
    }

    [Fact]
    public void Between_Phq9_ThresholdIsOnePointNineSixTimesSeDiffFromTheCitedFigures()
    {
        // SEdiff = 3.5·√(2·(1 − 0.89)) = 3.5·√0.22 = 1.6416455; 1.96 × that = 3.2176252 (by hand).
        var r = ReliableChange.Between(Instrument.Phq9, 12, 8, ReliableChangeNorms.Phq9);
        Assert.Equal(1.6416455, ReliableChangeNorms.Phq9.StandardErrorOfDifference, 7);
        Assert.Equal(3.2176252, r.Threshold, 7);
        Assert.Equal(-4 / 1.6416455, r.Index, 6);
        Assert.Equal((-4, ChangeDirection.Improved), (r.Change, r.Direction));
    }

    [Theory]
    [InlineData(12, 9, ChangeDirection.NoReliableChange)]
    [InlineData(12, 8, ChangeDirection.Improved)]
    [InlineData(8, 12, ChangeDirection.Worsened)]
    [InlineData(9, 12, ChangeDirection.NoReliableChange)]
    [InlineData(5, 5, ChangeDirection.NoReliableChange)]
    public void Between_Phq9_LowerIsBetter(int before, int after, ChangeDirection expected) =>
        Assert.Equal(expected, ReliableChange.Between(Instrument.Phq9, before, after, ReliableChangeNorms.Phq9).Direction);

    [Theory]
    [InlineData(10, 16, ChangeDirection.Improved)]
    [InlineData(10, 15, ChangeDirection.NoReliableChange)]
    [InlineData(16, 10, ChangeDirection.Worsened)]
    public void Between_Who5_HigherIsBetter(int before, int after, ChangeDirection expected) =>
        Assert.Equal(expected, ReliableChange.Between(Instrument.Who5, before, after, ReliableChangeNorms.Who5).Direction);

    [Fact]
    public void Gad7Figures_PoolTheSexSpecificSdsOfLoweEtAl()
    {
        // √(0.536·12.25 + 0.464·10.24 + 0.536·0.464·0.25) = √11.379536 = 3.373357 (by hand).
        Assert.Equal(3.373357, ReliableChangeNorms.Gad7.StandardDeviation, 6);
        Assert.Equal(ChangeDirection.Improved, ReliableChange.Between(Instrument.Gad7, 10, 6, ReliableChangeNorms.Gad7).Direction);
        Assert.Equal(ChangeDirection.NoReliableChange, ReliableChange.Between(Instrument.Gad7, 10, 7, ReliableChangeNorms.Gad7).Direction);
    }

    [Fact]
    public void Between_SwappedScores_NegatesTheIndexAndKeepsTheThreshold()
    {
        foreach (var kind in new[] { MeasureKind.Who5, MeasureKind.Phq9, MeasureKind.Gad7 })
        {
            var figures = ReliableChangeNorms.For(kind)!;
            var instrument = Instrument.Of(kind);
            for (var a = 0; a <= instrument.MaxTotal; a += 3)
            {
                for (var b = 0; b <= instrument.MaxTotal; b += 4)
                {
                    var forward = ReliableChange.Between(instrument, a, b, figures);
                    var back = ReliableChange.Between(instrument, b, a, figures);
                    Assert.Equal(-forward.Index, back.Index, 12);
                    Assert.Equal(forward.Threshold, back.Threshold);
                }
            }
        }
    }

    [Fact]
    public void For_Csi4_HasNoFiguresBecauseNoneCouldBeVerified() => Assert.Null(ReliableChangeNorms.For(MeasureKind.Csi4));
}
