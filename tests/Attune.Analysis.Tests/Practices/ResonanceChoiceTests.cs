using Attune.Analysis.Practices;

namespace Attune.Analysis.Tests.Practices;

public sealed class ResonanceChoiceTests
{
    [Fact]
    public void ByComfort_MostComfortableRateWins() =>
        Assert.Equal(5.5, ResonanceChoice.ByComfort([new(7, 2), new(6.5, 3), new(6, 3), new(5.5, 5), new(5, 4), new(4.5, 1)]));

    [Fact]
    public void ByComfort_Tie_GoesToTheRateNearestSixThenTheSlower()
    {
        Assert.Equal(6, ResonanceChoice.ByComfort([new(7, 4), new(6, 4), new(4.5, 4)]));
        Assert.Equal(5.5, ResonanceChoice.ByComfort([new(6.5, 4), new(5.5, 4)]));
    }

    [Fact]
    public void ByComfort_NothingRated_IsNull() =>
        Assert.Null(ResonanceChoice.ByComfort([new(7, 0), new(6, 0)]));

    [Fact]
    public void ByComfort_ComfortOutOfRange_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => ResonanceChoice.ByComfort([new(6, 6)]));
}
