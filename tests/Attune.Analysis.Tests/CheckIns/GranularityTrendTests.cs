using Attune.Analysis.CheckIns;
using static Attune.Analysis.Tests.CheckIns.ProportionIntervalTests;

namespace Attune.Analysis.Tests.CheckIns;

public sealed class GranularityTrendTests
{
    private static readonly DateOnly Monday = new(2025, 3, 3);

    private static GranularityWeek Week(int weeksAfter, int distinct, double? entropy) =>
        new(Monday.AddDays(7 * weeksAfter), 2025, 10 + weeksAfter, 5, distinct, distinct, entropy, null);

    [Fact]
    public void Compute_ThreeWeeks_NotComputable()
    {
        var r = GranularityTrend.Compute([Week(0, 2, 1), Week(1, 3, 1.5), Week(2, 4, 2)]);
        Assert.Equal(new Shortfall(ShortfallReason.TooFewWeeks, 4, 3), r.DistinctWordsPerWeek.Shortfall);
        Assert.Equal(new Shortfall(ShortfallReason.TooFewWeeks, 4, 3), r.EntropyBitsPerWeek.Shortfall);
    }

    [Fact]
    public void Compute_GapWeek_KeepsItsWidth()
    {
        // Weeks 0, 1, 2, 4 with 2, 3, 4, 6 distinct words: exactly one more word per week.
        var r = GranularityTrend.Compute([Week(0, 2, 1), Week(1, 3, 1.25), Week(2, 4, 1.5), Week(4, 6, 2)]);
        var d = r.DistinctWordsPerWeek.Value!;
        AssertClose(1, d.Slope, 1e-14);
        Assert.Equal(0, d.StandardError, 12);
        Assert.Equal(4, d.Points);
        AssertClose(0.25, r.EntropyBitsPerWeek.Value!.Slope, 1e-14);
    }

    [Fact]
    public void Compute_WeeksWithoutWords_LeftOutOfEntropyTrendOnly()
    {
        var r = GranularityTrend.Compute([Week(0, 0, null), Week(1, 3, 1), Week(2, 4, 1.2), Week(3, 0, null), Week(4, 5, 1.1)]);
        Assert.Equal(5, r.DistinctWordsPerWeek.Value!.Points);
        Assert.Equal(new Shortfall(ShortfallReason.TooFewWeeks, 4, 3), r.EntropyBitsPerWeek.Shortfall);
    }

    [Fact]
    public void Compute_FromPerWeek_MatchesDirectFit()
    {
        var random = new Random(11);
        var builder = new CheckInWords.Builder();
        for (var day = 0; day < 70; day++)
        {
            for (var k = 0; k < 3; k++)
            {
                builder.Add(Monday.AddDays(day), [random.Next(0, 5 + day / 7), random.Next(0, 10)]);
            }
        }
        var weeks = WordEntropy.PerWeek(builder.Build());
        Assert.Equal(10, weeks.Length);
        var r = GranularityTrend.Compute(weeks);
        var x = new double[10];
        var y = new double[10];
        for (var i = 0; i < 10; i++)
        {
            x[i] = i;
            y[i] = weeks[i].EntropyBits!.Value;
        }
        Assert.Equal(LinearTrend.Fit(x, y).Value, r.EntropyBitsPerWeek.Value);
    }

    [Fact]
    public void Compute_WeeksOutOfOrderOrNotMonday_Throws()
    {
        Assert.Throws<ArgumentException>(() => GranularityTrend.Compute([Week(1, 2, 1), Week(0, 2, 1), Week(2, 2, 1), Week(3, 2, 1)]));
        Assert.Throws<ArgumentException>(() => GranularityTrend.Compute([Week(0, 2, 1), Week(0, 2, 1), Week(2, 2, 1), Week(3, 2, 1)]));
        var tuesday = Week(0, 2, 1) with { WeekStart = Monday.AddDays(1) };
        Assert.Throws<ArgumentException>(() => GranularityTrend.Compute([tuesday, Week(1, 2, 1), Week(2, 2, 1), Week(3, 2, 1)]));
        Assert.Throws<ArgumentOutOfRangeException>(() => GranularityTrend.Compute([], minimumWeeks: 2));
    }
}
