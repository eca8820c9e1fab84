using Attune.Analysis.CheckIns;
using Attune.Web.Features.CheckIns;
using Attune.Web.Features.CheckIns.Insights;

namespace Attune.Web.Tests.CheckIns;

/// <summary>The insights computation on rows given directly: buckets, local times, words, body, tags and statistics.</summary>
public sealed class CheckInInsightsTests
{
    private static InsightRow Row(DateOnly date, int minute, NervousState state, string words = "calm", int intensity = 5, string body = "", string context = "") =>
        new(date, minute, state, intensity, words, body, context);

    [Fact]
    public void Compute_EmptyPeriod_ListsEveryBucketWithZerosAndSaysWhyTrendsAreMissing()
    {
        var from = new DateOnly(2026, 3, 1);
        var to = new DateOnly(2026, 3, 31);

        var insights = CheckInInsights.Compute([], from, to, []);

        Assert.Equal(0, insights.CheckIns);
        Assert.Equal(31, insights.Timeline.Days.ToBuckets().Length);
        Assert.All(insights.Timeline.Days.ToBuckets(), d => Assert.Equal((0, null, null, null), (d.CheckIns, d.DominantState, d.MeanIntensity0To10, d.MeanPleasantnessMinus5To5)));
        Assert.Equal(["2026-W09", "2026-W10", "2026-W11", "2026-W12", "2026-W13", "2026-W14"], insights.Timeline.Weeks.ToBuckets().Select(w => w.Label));
        Assert.Equal(["2026-03"], insights.Timeline.Months.ToBuckets().Select(m => m.Label));
        Assert.Equal(42, insights.Rhythm.Cells.Length);
        Assert.All(insights.Words, w => Assert.Empty(w.Top));
        Assert.All(insights.Body, b => Assert.Empty(b.Regions));
        Assert.Empty(insights.Associations.Tags);
        Assert.Empty(insights.Granularity.Weeks);
        Assert.Equal("tooFewWeeks", insights.Granularity.DistinctWordsTrend.WhyNot!.Reason);
        Assert.Null(insights.Granularity.DistinctWordsTrend.SlopePerWeek);
    }

    [Fact]
    public void Compute_CheckInsAcrossTheYearEnd_FallInTheirIsoWeekAndCalendarMonth()
    {
        // 2026-12-31 is a Thursday, so ISO week 2026-W53 runs from Monday 28 December to Sunday 3 January 2027.
        var rows = new[]
        {
            Row(new DateOnly(2026, 12, 27), 600, NervousState.Connected),
            Row(new DateOnly(2026, 12, 31), 600, NervousState.Activated),
            Row(new DateOnly(2027, 1, 1), 600, NervousState.Activated),
            Row(new DateOnly(2027, 1, 3), 600, NervousState.ShutDown),
            Row(new DateOnly(2027, 1, 4), 600, NervousState.Connected),
        };

        var insights = CheckInInsights.Compute(rows, new DateOnly(2026, 12, 27), new DateOnly(2027, 1, 4), []);

        Assert.Equal(["2026-W52", "2026-W53", "2027-W01"], insights.Timeline.Weeks.ToBuckets().Select(w => w.Label));
        Assert.Equal([1, 3, 1], insights.Timeline.Weeks.ToBuckets().Select(w => w.CheckIns));
        var w53 = insights.Timeline.Weeks.ToBuckets()[1];
        Assert.Equal((new DateOnly(2026, 12, 28), new DateOnly(2027, 1, 3)), (w53.Start, w53.End));
        Assert.Equal(new StateCountsDto(0, 2, 1), w53.States);
        Assert.Equal("activated", w53.DominantState);
        Assert.Equal(["2026-12", "2027-01"], insights.Timeline.Months.ToBuckets().Select(m => m.Label));
        Assert.Equal([2, 3], insights.Timeline.Months.ToBuckets().Select(m => m.CheckIns));
        Assert.Equal([(2026, 52), (2026, 53), (2027, 1)], insights.Granularity.Weeks.Select(w => (w.IsoYear, w.IsoWeek)));
    }

    [Fact]
    public void Compute_UsesTheStoredLocalDateAndMinute_ForWeekdayAndTimeOfDay()
    {
        // 23:30 on Sunday 1 March 2026 where it was made (perhaps Monday already in UTC): Sunday, 20–24.
        var sunday = new DateOnly(2026, 3, 1);
        var rows = new[]
        {
            Row(sunday, 23 * 60 + 30, NervousState.Activated),
            Row(sunday.AddDays(1), 0, NervousState.Connected),
            Row(sunday.AddDays(1), 7 * 60 + 59, NervousState.ShutDown),
        };

        var insights = CheckInInsights.Compute(rows, sunday, sunday.AddDays(1), []);

        RhythmCellDto Cell(int weekday, int hour) => insights.Rhythm.Cells.Single(c => c.IsoWeekday == weekday && c.StartHour == hour);
        Assert.Equal(new StateCountsDto(0, 1, 0), Cell(7, 20).States);
        Assert.Equal(new StateCountsDto(1, 0, 0), Cell(1, 0).States);
        Assert.Equal(new StateCountsDto(0, 0, 1), Cell(1, 4).States);
        Assert.Equal(3, insights.Rhythm.Cells.Sum(c => c.CheckIns));
        Assert.Equal([1, 2], insights.Timeline.Days.ToBuckets().Select(d => d.CheckIns));
    }

    [Fact]
    public void Compute_RowsOutsideThePeriod_AreLeftOut()
    {
        var day = new DateOnly(2026, 5, 10);
        var rows = new[] { Row(day.AddDays(-1), 60, NervousState.Connected), Row(day, 60, NervousState.Activated), Row(day.AddDays(1), 60, NervousState.ShutDown) };

        var insights = CheckInInsights.Compute(rows, day, day, []);

        Assert.Equal(1, insights.CheckIns);
        Assert.Equal(new StateCountsDto(0, 1, 0), insights.States);
    }

    [Fact]
    public void Compute_PleasantnessAndEnergy_AreMeansOfEachCheckInsWordMeans_OwnWordsIncluded()
    {
        var own = new EmotionWord("my-0123456789abcdef0123456789abcdef", "fizzy", "Mine.", 5, 5, [], [], []);
        var day = new DateOnly(2026, 5, 10);
        var rows = new[]
        {
            Row(day, 60, NervousState.Connected, "calm,anxious"),                      // (3 − 3)/2 = 0, (−3 + 3)/2 = 0
            Row(day, 120, NervousState.Connected, "grateful,grateful"),                // 4, 1 (a repeated word counts once)
            Row(day, 180, NervousState.Activated, own.Id + ",my-ffffffffffffffffffffffffffffffff"), // 5, 5; the removed word has no place
            Row(day, 240, NervousState.Activated, "my-eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee", intensity: 9), // nothing rated
        };

        var insights = CheckInInsights.Compute(rows, day, day, [own]);

        var d = insights.Timeline.Days.ToBuckets().Single();
        Assert.Equal(3, d.CheckInsWithRatedWords);
        Assert.Equal(3.0, d.MeanPleasantnessMinus5To5!.Value, 12);
        Assert.Equal(2.0, d.MeanEnergyMinus5To5!.Value, 12);
        Assert.Equal((5 + 5 + 5 + 9) / 4.0, d.MeanIntensity0To10!.Value, 12);
        Assert.Equal("mixed", d.DominantState);
        var activated = insights.Words.Single(w => w.State == "activated").Top;
        Assert.Equal(["a word since removed", "a word since removed", "fizzy"], activated.Select(w => w.Name));
        Assert.Equal(2, insights.Words.Single(w => w.State == "connected").Top.Single(w => w.Id == "calm").CheckIns + insights.Words.Single(w => w.State == "connected").Top.Single(w => w.Id == "grateful").CheckIns);
        Assert.Equal(6, insights.Granularity.DistinctWords);
        Assert.Equal(6, insights.Granularity.WordMentions);
    }

    [Fact]
    public void Compute_TopWords_AreTenPerStateByCountThenName()
    {
        var day = new DateOnly(2026, 5, 10);
        var words = CheckInVocabulary.Instance.Emotions.Take(12).Select(w => w.Id).ToArray();
        var rows = words.SelectMany((w, i) => Enumerable.Range(0, i + 1).Select(_ => Row(day, 60, NervousState.Connected, w))).ToArray();

        var insights = CheckInInsights.Compute(rows, day, day, []);

        var top = insights.Words[0].Top;
        Assert.Equal(CheckInInsights.TopWords, top.Length);
        Assert.Equal(words.Reverse().Take(10), top.Select(w => w.Id));
        Assert.Equal(12, top[0].CheckIns);
    }

    [Fact]
    public void Compute_Body_CountsARegionOncePerCheckInAndEachSensationSeparately()
    {
        var day = new DateOnly(2026, 5, 10);
        var rows = new[]
        {
            Row(day, 60, NervousState.Activated, body: "chest:tight,chest:hot,jaw:clenched"),
            Row(day, 60, NervousState.Activated, body: "chest:tight"),
            Row(day, 60, NervousState.Activated),
            Row(day, 60, NervousState.ShutDown, body: "chest:heavy,nowhere:tight"),
        };

        var insights = CheckInInsights.Compute(rows, day, day, []);

        var activated = insights.Body.Single(b => b.State == "activated");
        Assert.Equal((3, 2), (activated.CheckIns, activated.CheckInsWithBody));
        var chest = activated.Regions[0];
        Assert.Equal(("chest", 2), (chest.Region, chest.CheckIns));
        Assert.Equal([("tight", 2), ("hot", 1)], chest.Sensations.Select(s => (s.Sensation, s.CheckIns)));
        Assert.Equal(["chest", "jaw"], activated.Regions.Select(r => r.Region));
        Assert.Equal(["chest"], insights.Body.Single(b => b.State == "shutDown").Regions.Select(r => r.Region));
    }

    [Fact]
    public void Compute_Associations_GiveEstimatesOnlyAboveTheMinimum_AndMatchAttuneAnalysis()
    {
        var day = new DateOnly(2026, 5, 10);
        var rows = new List<InsightRow>();
        // "work": 12 check-ins, 9 activated. Without it: 20 check-ins, 4 activated. "gym": 9 check-ins, too few.
        for (var i = 0; i < 12; i++)
        {
            rows.Add(Row(day, i, i < 9 ? NervousState.Activated : NervousState.Connected, context: """{"where":["work"],"triggers":["a \"long\" queue"]}"""));
        }
        for (var i = 0; i < 20; i++)
        {
            rows.Add(Row(day, i, i < 4 ? NervousState.Activated : NervousState.Connected, context: i < 9 ? """{"doing":["exercise"],"where":["gym","Gym "]}""" : ""));
        }

        var insights = CheckInInsights.Compute(rows.ToArray(), day, day, []);

        var work = insights.Associations.Tags.Single(t => t.Tag == "work");
        Assert.Equal(("where", "at work", 12, 20), (work.Category, work.Name, work.WithTag, work.WithoutTag));
        var activated = work.States.Single(s => s.State == "activated");
        var expected = Lift.Compute(new TagStateCounts(9, 12, 4, 20)).Estimate.Value!;
        Assert.Equal((9, 4), (activated.StateWithTag, activated.StateWithoutTag));
        Assert.Equal(expected.Lift.Value!.Estimate, activated.Lift!.Estimate, 12);
        Assert.Equal(expected.Lift.Value.Lower, activated.Lift.Lower, 12);
        Assert.Equal(expected.RiskRatio.Value!.Upper, activated.RiskRatio!.Upper, 12);
        Assert.Equal(expected.StateGivenTag.Lower, activated.StateGivenTag!.LowerFraction, 12);
        Assert.Null(activated.WhyNoEstimate);

        var shutDown = work.States.Single(s => s.State == "shutDown");
        Assert.NotNull(shutDown.StateGivenTag);
        Assert.Null(shutDown.Lift);
        Assert.Equal("stateNeverWithTag", shutDown.WhyNoRatio!.Reason);

        var gym = insights.Associations.Tags.Single(t => t.Tag == "gym");
        Assert.All(gym.States, s => Assert.Equal(("tooFewWithTag", 10, 9), (s.WhyNoEstimate!.Reason, s.WhyNoEstimate.Required, s.WhyNoEstimate.Available)));
        Assert.All(gym.States, s => Assert.Null(s.Lift));
        Assert.Contains(insights.Associations.Tags, t => t.Tag == "Gym ");
        Assert.DoesNotContain(insights.Associations.Tags, t => t.Category == "triggers");
        Assert.Equal(["where", "where", "where", "doing"], insights.Associations.Tags.Select(t => t.Category));
    }

    [Fact]
    public void Compute_Granularity_MatchesWordEntropyPerWeek()
    {
        var monday = new DateOnly(2026, 3, 2);
        var rows = Enumerable.Range(0, 6 * 7).Select(d => Row(monday.AddDays(d), 60, NervousState.Connected, d % 3 == 0 ? "calm,content" : d % 3 == 1 ? "calm" : "grateful")).ToArray();

        var insights = CheckInInsights.Compute(rows, monday, monday.AddDays(41), []);

        Assert.Equal(6, insights.Granularity.Weeks.Length);
        Assert.Equal(3, insights.Granularity.DistinctWords);
        var first = insights.Granularity.Weeks[0];
        // Week 1: days 0..6 → calm 5, content 3, grateful 2 (M = 10).
        Assert.Equal((7, 10, 3), (first.CheckIns, first.WordMentions, first.DistinctWords));
        var h = -(0.5 * Math.Log2(0.5) + 0.3 * Math.Log2(0.3) + 0.2 * Math.Log2(0.2));
        Assert.Equal(h, first.EntropyBits!.Value, 12);
        Assert.NotNull(insights.Granularity.DistinctWordsTrend.SlopePerWeek);
        Assert.Equal(6, insights.Granularity.DistinctWordsTrend.Weeks);
    }
}
