using Attune.Analysis.Dyadic;

namespace Attune.Analysis.Tests.Dyadic;

public class CoRegulationTests
{
    private static readonly DateTime Day0 = new(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc);

    private static StateReport At(int day, int hour, int minute, ReportedState state) => new(Day0.AddDays(day).AddHours(hour).AddMinutes(minute), state);

    /// <summary>
    /// Three activations with a connected partner (back in 30, 20 and 40 minutes: median 30) and three without
    /// (120, 60, 90: median 90), so the index is 90 / 30 = 3.
    /// </summary>
    private static (List<StateReport> Me, List<StateReport> Partner) Worked()
    {
        var me = new List<StateReport>();
        var partner = new List<StateReport>();
        void Episode(int day, int returnMinutes, ReportedState? partnerState, int partnerMinutesBefore = 30)
        {
            me.Add(At(day, 9, 0, ReportedState.Activated));
            me.Add(At(day, 9, returnMinutes, ReportedState.Connected));
            if (partnerState is { } s)
            {
                partner.Add(At(day, 9, -partnerMinutesBefore, s));
            }
        }
        Episode(0, 30, ReportedState.Connected);
        Episode(1, 20, ReportedState.Connected, partnerMinutesBefore: 119);
        Episode(2, 40, ReportedState.Connected);
        Episode(3, 120, ReportedState.Activated);
        Episode(4, 60, null);
        // The partner was connected, but three hours before: too old to be their state at that moment.
        Episode(5, 90, ReportedState.Connected, partnerMinutesBefore: 180);
        return (me, partner);
    }

    [Fact]
    public void Compute_WorkedExample_RatioOfMedians()
    {
        var (me, partner) = Worked();

        var result = CoRegulation.Compute(me, partner);

        Assert.Equal(6, result.Episodes.Count);
        Assert.Equal(3, result.WithPartner);
        Assert.Equal(3, result.Alone);
        Assert.Equal(30, result.MedianMinutesWithPartner);
        Assert.Equal(90, result.MedianMinutesAlone);
        Assert.Equal(3, result.Index);
        Assert.Equal(0, result.Unresolved);
    }

    [Fact]
    public void Compute_Interval_ContainsEstimateWithinPossibleRatios()
    {
        var (me, partner) = Worked();

        var result = CoRegulation.Compute(me, partner);

        // Every resampled median lies among the observed values: alone 60..120, with 20..40.
        Assert.InRange(result.Lower!.Value, 60.0 / 40, result.Index!.Value);
        Assert.InRange(result.Upper!.Value, result.Index.Value, 120.0 / 20);
        Assert.True(result.Upper > result.Lower);
        Assert.Equal(0.9, result.Confidence);
    }

    [Fact]
    public void Compute_SameData_SameInterval()
    {
        var (me, partner) = Worked();

        var first = CoRegulation.Compute(me, partner);
        var second = CoRegulation.Compute(Enumerable.Reverse(me), Enumerable.Reverse(partner));

        Assert.Equal(first.Lower, second.Lower);
        Assert.Equal(first.Upper, second.Upper);
    }

    [Fact]
    public void Compute_RepeatedActivatedReports_OneEpisodeFromTheFirst()
    {
        List<StateReport> me =
        [
            At(0, 9, 0, ReportedState.Activated),
            At(0, 9, 10, ReportedState.Activated),
            At(0, 9, 20, ReportedState.ShutDown),
            At(0, 9, 45, ReportedState.Connected),
        ];

        var result = CoRegulation.Compute(me, []);

        var episode = Assert.Single(result.Episodes);
        Assert.Equal(45, episode.MinutesToConnected);
        Assert.False(episode.PartnerConnected);
    }

    [Fact]
    public void Compute_NoReturnWithinLimit_Unresolved()
    {
        List<StateReport> me =
        [
            At(0, 9, 0, ReportedState.Activated),
            At(1, 10, 0, ReportedState.Connected),
            At(2, 9, 0, ReportedState.Activated),
        ];

        var result = CoRegulation.Compute(me, []);

        Assert.Empty(result.Episodes);
        Assert.Equal(2, result.Unresolved);
    }

    [Fact]
    public void Compute_TooFewInAGroup_NoIndexButMedians()
    {
        var (me, partner) = Worked();
        // Drop the third episode with a connected partner (day 2).
        me.RemoveAll(r => r.At.Date == Day0.AddDays(2));

        var result = CoRegulation.Compute(me, partner);

        Assert.Equal(2, result.WithPartner);
        Assert.Null(result.Index);
        Assert.Null(result.Lower);
        Assert.Equal(25, result.MedianMinutesWithPartner);
        Assert.Equal(90, result.MedianMinutesAlone);
    }

    [Fact]
    public void Compute_ReturnInSameMinute_FlooredAtOneMinute()
    {
        var me = new List<StateReport>();
        var partner = new List<StateReport>();
        for (var day = 0; day < 3; day++)
        {
            me.Add(At(day, 9, 0, ReportedState.Activated));
            me.Add(At(day, 9, 0, ReportedState.Connected));
            partner.Add(At(day, 8, 50, ReportedState.Connected));
        }
        for (var day = 3; day < 6; day++)
        {
            me.Add(At(day, 9, 0, ReportedState.Activated));
            me.Add(At(day, 9, 10, ReportedState.Connected));
        }

        var result = CoRegulation.Compute(me, partner);

        Assert.Equal(10, result.Index);
        Assert.True(double.IsFinite(result.Upper!.Value));
    }

    [Theory]
    [InlineData(new double[] { 3 }, 3)]
    [InlineData(new double[] { 5, 1, 3 }, 3)]
    [InlineData(new double[] { 4, 1, 3, 2 }, 2.5)]
    public void Median_OddAndEven(double[] values, double expected) => Assert.Equal(expected, CoRegulation.Median(values));
}
