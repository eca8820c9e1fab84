using Attune.Analysis.Practices;

namespace Attune.Analysis.Tests.Practices;

public sealed class EmpiricalBayesEffectTests
{
    // Efron B, Morris C (1975) Data analysis using Stein's estimator and its generalizations. JASA 70:311–319,
    // Table 1 (also Efron & Morris 1977, Scientific American 236(5):119–127): 18 batters' averages after their
    // first 45 at-bats in 1970 (hits / 45), shrunk with σ² = p̄(1 − p̄)/45, p̄ = the grand mean .265. The published
    // shrinking factor is c = .212 and the James–Stein estimates, to three decimals, are listed below.
    private static readonly int[] Hits = [18, 17, 16, 15, 14, 14, 13, 12, 11, 11, 10, 10, 10, 10, 10, 9, 8, 7];

    private static readonly double[] PublishedJamesStein =
        [.294, .289, .285, .280, .275, .275, .270, .266, .261, .261, .256, .256, .256, .256, .256, .252, .247, .242];

    [Fact]
    public void JamesStein_EfronMorrisBaseball_MatchesPublishedEstimatesAndFactor()
    {
        var averages = Hits.Select(h => h / 45.0).ToArray();
        var grand = averages.Average();
        var (estimates, factor) = EmpiricalBayesEffect.JamesStein(averages, grand * (1 - grand) / 45);

        Assert.Equal(.212, factor, 0.0005);
        for (var i = 0; i < Hits.Length; i++)
        {
            Assert.Equal(PublishedJamesStein[i], estimates[i], 0.0005);
        }
    }

    [Fact]
    public void Shrink_WithTauSquaredEstimatedAsJamesSteinDoes_ReproducesEfronMorris()
    {
        // With equal n and known σ², 1/(σ² + τ²) estimated by (k − 3)/S makes B = (k − 3)σ²/S: the normal–normal
        // posterior mean is then exactly the James–Stein estimate.
        var averages = Hits.Select(h => h / 45.0).ToArray();
        var grand = averages.Average();
        var sigma2 = grand * (1 - grand) / 45;
        var s = averages.Sum(y => (y - grand) * (y - grand));
        var tau2 = s / (averages.Length - 3) - sigma2;
        for (var i = 0; i < Hits.Length; i++)
        {
            var shrunk = EmpiricalBayesEffect.Shrink(averages[i], sigma2, grand, tau2, 45);
            Assert.Equal(PublishedJamesStein[i], shrunk.Estimate, 0.0005);
        }
    }

    // A case worked by hand (docs/numerics/practices.md, "A worked example"): five people, one practice, the
    // default prior (μ₀ = 0, m₀ = 5, σ₀² = 9, ν₀ = 4, τ²_min = 0.25, 5 people needed).
    private static readonly double[][] Five = [[10, 8, 12], [4], [2, 0, -2, 4], [6, 6], [-1, 3]];

    [Fact]
    public void Population_WorkedExample_MatchesHandComputation()
    {
        var population = EmpiricalBayesEffect.Population(Summaries(Five));

        Assert.False(population.FromPrior);
        Assert.Equal(5, population.People);
        Assert.Equal(12, population.Sessions);
        // Within SS = 8 + 0 + 20 + 0 + 8 = 36; σ² = (36 + 4·9)/(12 − 5 + 4) = 72/11.
        Assert.Equal(72.0 / 11, population.WithinVariance, 12);
        // μ = 52/(12 + 5).
        Assert.Equal(52.0 / 17, population.Mean, 12);
        // SSB = 3(17/3)² + (1/3)² + 4(10/3)² + 2(5/3)² + 2(10/3)² = 506/3; MSB = SSB/4;
        // n₀ = (12 − 34/12)/4 = 55/24; τ² = (MSB − σ²)/n₀.
        var expectedTau2 = (506.0 / 3 / 4 - 72.0 / 11) / (55.0 / 24);
        Assert.Equal(expectedTau2, population.BetweenVariance, 12);
        Assert.Equal(15.543801652892565, population.BetweenVariance, 10);
    }

    [Fact]
    public void Shrink_WorkedExample_FirstPersonIsPulledSlightlyTowardsTheMean()
    {
        var population = EmpiricalBayesEffect.Population(Summaries(Five));
        var first = EmpiricalBayesEffect.Shrink(EffectSummary.Of(Five[0]), population);

        // σ₁² = (8 + 4·72/11)/(2 + 4) = 376/66; v = σ₁²/3; B = v/(v + τ²).
        var v = 376.0 / 66 / 3;
        var b = v / (v + population.BetweenVariance);
        Assert.Equal(52.0 / 17 + (1 - b) * (10 - 52.0 / 17), first.Estimate, 12);
        Assert.Equal(9.244316830505788, first.Estimate, 10);
        Assert.Equal((1 - b) * v, first.PosteriorVariance, 12);
        Assert.Equal(10, first.OwnMean, 12);
        Assert.Equal(3, first.Sessions);
    }

    [Fact]
    public void Population_FewerPeopleThanTheMinimum_UsesThePriorOnly()
    {
        var population = EmpiricalBayesEffect.Population(Summaries(Five[..4]));

        Assert.True(population.FromPrior);
        Assert.Equal(0, population.Mean);
        Assert.Equal(9, population.WithinVariance);
        Assert.Equal(4, population.BetweenVariance);
        Assert.Equal(4, population.People);
    }

    [Fact]
    public void Shrink_NoSessions_IsThePopulationMeanWithItsVariance()
    {
        var population = EmpiricalBayesEffect.Population(Summaries(Five));
        var none = EmpiricalBayesEffect.Shrink(default, population);

        Assert.Equal(population.Mean, none.Estimate);
        Assert.Equal(population.BetweenVariance, none.PosteriorVariance);
        Assert.Equal(0, none.OwnWeight);
        Assert.True(double.IsNaN(none.OwnMean));
    }

    [Fact]
    public void Shrink_OnePersonAlone_UsesThePriorAndMovesTowardsTheirMeanWithEachSession()
    {
        var population = EmpiricalBayesEffect.Population([new EffectSummary(8, 48, 8 * 36)]);
        var previous = 0.0;
        for (var n = 1; n <= 30; n++)
        {
            var effect = EmpiricalBayesEffect.Shrink(EffectSummary.Of(Enumerable.Repeat(6.0, n).ToArray()), population);
            Assert.InRange(effect.Estimate, previous, 6);
            previous = effect.Estimate;
        }
        Assert.True(previous > 5.5, $"After 30 sessions of +6 the estimate should be close to 6, was {previous}.");
        // One session of +6 with the prior (σ₀² = 9, τ₀² = 4): B = 9/(9 + 4).
        var one = EmpiricalBayesEffect.Shrink(EffectSummary.Of([6.0]), population);
        Assert.Equal(6 * 4.0 / 13, one.Estimate, 12);
    }

    [Fact]
    public void Shrink_Estimate_LiesBetweenThePopulationMeanAndTheOwnMean()
    {
        var population = EmpiricalBayesEffect.Population(Summaries(Five));
        foreach (var person in Five)
        {
            var s = EffectSummary.Of(person);
            var effect = EmpiricalBayesEffect.Shrink(s, population);
            Assert.InRange(effect.Estimate, Math.Min(population.Mean, s.Mean) - 1e-12, Math.Max(population.Mean, s.Mean) + 1e-12);
            Assert.InRange(effect.OwnWeight, 0, 1);
        }
    }

    [Fact]
    public void Population_PeopleWhoAllAgree_FloorTheBetweenVariance()
    {
        var same = Enumerable.Range(0, 6).Select(_ => EffectSummary.Of([3.0, 3.0])).ToArray();
        var population = EmpiricalBayesEffect.Population(same);
        Assert.Equal(0.25, population.BetweenVariance);
    }

    [Fact]
    public void Population_AnInvalidPrior_IsAnArgumentError()
    {
        Assert.Throws<ArgumentException>(() => EmpiricalBayesEffect.Population([], new EffectPrior(WithinVariance: 0)));
        Assert.Throws<ArgumentException>(() => EmpiricalBayesEffect.JamesStein([1.0, 2.0, 3.0], 1));
    }

    [Theory]
    [InlineData(false, 7, true, 3, 10)]
    [InlineData(false, 7, false, 4, 3)]
    [InlineData(false, 2, false, 6, -4)]
    [InlineData(true, 5, true, 5, 0)]
    [InlineData(true, 8, false, 2, -10)]
    public void SessionEffect_Of_IsTheChangeTowardsConnected(bool connectedBefore, int before, bool connectedAfter, int after, int expected) =>
        Assert.Equal(expected, SessionEffect.Of(connectedBefore, before, connectedAfter, after));

    [Fact]
    public void SessionEffect_IntensityOutOfRange_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => SessionEffect.Position(true, 11));

    private static EffectSummary[] Summaries(double[][] people) => [.. people.Select(p => EffectSummary.Of(p))];
}
