using Attune.Analysis.Dyadic;

namespace Attune.Analysis.Tests.Dyadic;

public class ConflictCycleTests
{
    [Theory]
    [InlineData(ConflictMove.Pursue, ConflictMove.Withdraw, CyclePattern.PursueWithdraw)]
    [InlineData(ConflictMove.Withdraw, ConflictMove.Escalate, CyclePattern.PursueWithdraw)]
    [InlineData(ConflictMove.Escalate, ConflictMove.Pursue, CyclePattern.MutualEscalation)]
    [InlineData(ConflictMove.Withdraw, ConflictMove.Withdraw, CyclePattern.MutualWithdrawal)]
    [InlineData(ConflictMove.Soften, ConflictMove.Escalate, CyclePattern.Softening)]
    [InlineData(ConflictMove.Withdraw, ConflictMove.Soften, CyclePattern.Softening)]
    public void Classify_PairOfMoves_Pattern(ConflictMove mine, ConflictMove partner, CyclePattern expected) =>
        Assert.Equal(expected, ConflictCycle.Classify(mine, partner));

    [Fact]
    public void Classify_IsSymmetric()
    {
        foreach (var a in Enum.GetValues<ConflictMove>())
        {
            foreach (var b in Enum.GetValues<ConflictMove>())
            {
                Assert.Equal(ConflictCycle.Classify(a, b), ConflictCycle.Classify(b, a));
            }
        }
    }

    [Fact]
    public void Map_PursuerWithdrawerCouple_RecurringPatternAndWhoPursues()
    {
        List<ConflictMoves> conflicts =
        [
            new(ConflictMove.Pursue, ConflictMove.Withdraw),
            new(ConflictMove.Escalate, ConflictMove.Withdraw),
            new(ConflictMove.Pursue, ConflictMove.Withdraw),
            new(ConflictMove.Soften, ConflictMove.Withdraw),
            new(ConflictMove.Withdraw, null),
        ];

        var map = ConflictCycle.Map(conflicts);

        Assert.Equal(5, map.Conflicts);
        Assert.Equal(4, map.Paired);
        Assert.Equal(CyclePattern.PursueWithdraw, map.Recurring);
        Assert.Equal(0.75, map.RecurringShare);
        Assert.True(map.PursuerIsMe);
        Assert.Equal([2, 1, 1, 1], map.MyMoves.Select(m => m.Count));
        Assert.Equal([0, 4, 0, 0], map.PartnerMoves.Select(m => m.Count));
        Assert.Equal([new PatternCount(CyclePattern.PursueWithdraw, 3), new PatternCount(CyclePattern.Softening, 1)], map.Patterns);
    }

    [Fact]
    public void Map_TiedOrSingle_NoRecurringPattern()
    {
        var tied = ConflictCycle.Map([new(ConflictMove.Pursue, ConflictMove.Pursue), new(ConflictMove.Withdraw, ConflictMove.Withdraw),
            new(ConflictMove.Escalate, ConflictMove.Pursue), new(ConflictMove.Withdraw, ConflictMove.Withdraw)]);
        var single = ConflictCycle.Map([new(ConflictMove.Pursue, ConflictMove.Withdraw)]);
        var none = ConflictCycle.Map([]);

        Assert.Null(tied.Recurring);
        Assert.Null(single.Recurring);
        Assert.Null(none.Recurring);
        Assert.Equal(0, none.Paired);
    }

    [Fact]
    public void Map_PartnerPursues_PursuerIsNotMe()
    {
        var map = ConflictCycle.Map([new(ConflictMove.Withdraw, ConflictMove.Pursue), new(ConflictMove.Withdraw, ConflictMove.Escalate)]);

        Assert.Equal(CyclePattern.PursueWithdraw, map.Recurring);
        Assert.False(map.PursuerIsMe);
    }
}
