using Attune.Analysis.Synchrony;

namespace Attune.Analysis.Tests.Synchrony;

public sealed class ChanceVerdictTests
{
    private static SurrogateTestResult Test(double p, int count) => new(0.3, 0.2, 0.05, p, 2, count, 1);

    [Fact]
    public void From_PBelowLevel_MoreThanChanceWithPAndCount()
    {
        var v = ChanceVerdict.From(Test(0.01, 199));

        Assert.Equal(ChanceOutcome.MoreThanChance, v.Outcome);
        Assert.Equal(0.01, v.PValue);
        Assert.Equal(199, v.SurrogateCount);
        Assert.Contains("more than shuffled pairings", v.Sentence, StringComparison.Ordinal);
        Assert.Contains("199", v.Sentence, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.18)]
    [InlineData(0.05)]
    public void From_PAtOrAboveLevel_NoMoreThanChance(double p)
    {
        var v = ChanceVerdict.From(Test(p, 200));

        Assert.Equal(ChanceOutcome.NoMoreThanChance, v.Outcome);
        Assert.Contains("no more than you would expect by chance", v.Sentence, StringComparison.Ordinal);
        Assert.DoesNotContain("could not have shown", v.Sentence, StringComparison.Ordinal);
    }

    [Fact]
    public void From_TooFewSurrogatesToEverReachTheLevel_SaysSo()
    {
        var v = ChanceVerdict.From(Test(1.0 / 11, 10));

        Assert.Equal(ChanceOutcome.NoMoreThanChance, v.Outcome);
        Assert.Contains("could not have shown", v.Sentence, StringComparison.Ordinal);
    }

    [Fact]
    public void From_NoTestOrNoFiniteP_NotTested()
    {
        Assert.Equal(ChanceOutcome.NotTested, ChanceVerdict.From(null).Outcome);
        Assert.Equal(ChanceOutcome.NotTested, ChanceVerdict.From(Test(double.NaN, 200)).Outcome);
        Assert.Null(ChanceVerdict.From(null).PValue);
        Assert.Throws<ArgumentOutOfRangeException>(() => ChanceVerdict.From(null, level: 1));
    }
}
