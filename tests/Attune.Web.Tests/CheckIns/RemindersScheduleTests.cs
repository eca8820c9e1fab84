using Attune.Web.Features.CheckIns;
using Attune.Web.Features.CheckIns.Reminders;

namespace Attune.Web.Tests.CheckIns;

/// <summary>When reminders fall: fixed times through daylight-saving changes and unusual offsets, and random moments.</summary>
public sealed class RemindersScheduleTests
{
    private static readonly Guid Person = Guid.Parse("0b3d7c1e-5a4f-4e2b-9a0d-1c2e3f405162");

    private static ReminderPlan Fixed(params string[] times) =>
        new([.. times.Select(TimeOnly.Parse)], 0, new TimeOnly(9, 0), new TimeOnly(21, 0));

    private static ReminderPlan Random(int perDay, string from = "09:00", string to = "21:00") =>
        new([], perDay, TimeOnly.Parse(from), TimeOnly.Parse(to));

    private static DateTime Utc(string text) => DateTime.SpecifyKind(DateTime.Parse(text, System.Globalization.CultureInfo.InvariantCulture), DateTimeKind.Utc);

    private static List<DateTime> On(string date, ReminderPlan plan, string zone) =>
        [.. ReminderSchedule.MomentsOn(DateOnly.Parse(date), plan, zone, Person)];

    [Fact]
    public void MomentsOn_Berlin_spring_forward_keeps_the_wall_clock_and_moves_a_skipped_time_past_the_jump()
    {
        var plan = Fixed("02:30", "08:00");
        Assert.Equal([Utc("2026-03-28T01:30:00"), Utc("2026-03-28T07:00:00")], On("2026-03-28", plan, "Europe/Berlin"));
        // 02:30 does not exist on 29 March: it comes at 03:30 summer time, right after the jump.
        Assert.Equal([Utc("2026-03-29T01:30:00"), Utc("2026-03-29T06:00:00")], On("2026-03-29", plan, "Europe/Berlin"));
        Assert.Equal([Utc("2026-03-30T00:30:00"), Utc("2026-03-30T06:00:00")], On("2026-03-30", plan, "Europe/Berlin"));
    }

    [Fact]
    public void MomentsOn_Berlin_fall_back_reminds_once_in_the_repeated_hour()
    {
        var plan = Fixed("02:30", "08:00");
        // 02:30 happens twice on 25 October; the reminder comes at the first (summer time, +02:00).
        Assert.Equal([Utc("2026-10-25T00:30:00"), Utc("2026-10-25T07:00:00")], On("2026-10-25", plan, "Europe/Berlin"));
        Assert.Equal([Utc("2026-10-26T01:30:00"), Utc("2026-10-26T07:00:00")], On("2026-10-26", plan, "Europe/Berlin"));
    }

    [Fact]
    public void MomentsOn_New_York_follows_both_changes()
    {
        var plan = Fixed("01:30", "09:00");
        Assert.Equal([Utc("2026-03-07T06:30:00"), Utc("2026-03-07T14:00:00")], On("2026-03-07", plan, "America/New_York"));
        Assert.Equal([Utc("2026-03-08T06:30:00"), Utc("2026-03-08T13:00:00")], On("2026-03-08", plan, "America/New_York"));
        // 01:30 repeats on 1 November: once, at the first (EDT, −04:00).
        Assert.Equal([Utc("2026-11-01T05:30:00"), Utc("2026-11-01T14:00:00")], On("2026-11-01", plan, "America/New_York"));
    }

    [Theory]
    [InlineData("Pacific/Kiritimati", "2026-05-31T18:00:00")]
    [InlineData("Etc/GMT+12", "2026-06-01T20:00:00")]
    [InlineData("Asia/Kathmandu", "2026-06-01T02:15:00")]
    [InlineData("UTC", "2026-06-01T08:00:00")]
    public void MomentsOn_far_and_odd_offsets_give_the_local_time(string zone, string expected)
    {
        Assert.Equal([Utc(expected)], On("2026-06-01", Fixed("08:00"), zone));
    }

    [Fact]
    public void NextAfter_Kiritimati_crosses_the_date_line_to_the_next_local_morning()
    {
        var plan = Fixed("08:00");
        // 18:00 UTC on 31 May is 08:00 on 1 June in Kiritimati (+14:00); just after it, the next is a day later.
        Assert.Equal(Utc("2026-05-31T18:00:00"), ReminderSchedule.NextAfter(Utc("2026-05-31T17:59:00"), plan, "Pacific/Kiritimati", Person));
        Assert.Equal(Utc("2026-06-01T18:00:00"), ReminderSchedule.NextAfter(Utc("2026-05-31T18:00:00"), plan, "Pacific/Kiritimati", Person));
    }

    [Theory]
    [InlineData("Europe/Berlin", "2026-03-20", "2026-04-05")]
    [InlineData("Europe/Berlin", "2026-10-18", "2026-11-02")]
    [InlineData("America/New_York", "2026-02-28", "2026-03-15")]
    [InlineData("America/New_York", "2026-10-25", "2026-11-08")]
    [InlineData("Asia/Kathmandu", "2026-06-01", "2026-06-10")]
    public void NextAfter_walks_each_fixed_time_once_a_local_day_through_a_change(string zone, string first, string last)
    {
        var plan = Fixed("00:15", "02:30", "08:00", "23:45");
        var from = DateOnly.Parse(first);
        var to = DateOnly.Parse(last);
        var at = LocalTimes.ToUtc(from.ToDateTime(TimeOnly.MinValue), zone).AddTicks(-1);
        var perDay = new Dictionary<DateOnly, int>();
        while (ReminderSchedule.NextAfter(at, plan, zone, Person) is { } next && LocalTimes.Of(next, zone).Date <= to)
        {
            Assert.True(next > at);
            var (date, _) = LocalTimes.Of(next, zone);
            perDay[date] = perDay.GetValueOrDefault(date) + 1;
            at = next;
        }
        for (var d = from; d <= to; d = d.AddDays(1))
        {
            Assert.True(perDay.GetValueOrDefault(d) == 4, $"{d} in {zone} had {perDay.GetValueOrDefault(d)} reminders.");
        }
    }

    [Fact]
    public void NextAfter_an_empty_plan_has_no_next()
    {
        Assert.Null(ReminderSchedule.NextAfter(Utc("2026-06-01T00:00:00"), Fixed(), "Europe/Berlin", Person));
    }

    [Fact]
    public void RandomOn_is_the_same_for_the_same_person_and_day_and_differs_otherwise()
    {
        var date = new DateOnly(2026, 6, 1);
        var once = ReminderSchedule.RandomOn(date, 5, new TimeOnly(9, 0), new TimeOnly(21, 0), "Europe/Berlin", Person);
        var again = ReminderSchedule.RandomOn(date, 5, new TimeOnly(9, 0), new TimeOnly(21, 0), "Europe/Berlin", Person);
        var nextDay = ReminderSchedule.RandomOn(date.AddDays(1), 5, new TimeOnly(9, 0), new TimeOnly(21, 0), "Europe/Berlin", Person);
        var someoneElse = ReminderSchedule.RandomOn(date, 5, new TimeOnly(9, 0), new TimeOnly(21, 0), "Europe/Berlin", Guid.NewGuid());

        Assert.Equal(once, again);
        Assert.NotEqual(once.Select(m => m.TimeOfDay), nextDay.Select(m => m.TimeOfDay));
        Assert.NotEqual(once, someoneElse);
    }

    [Theory]
    [InlineData(1, "09:00", "21:00", "Europe/Berlin")]
    [InlineData(6, "09:00", "21:00", "America/New_York")]
    [InlineData(6, "07:30", "10:00", "Asia/Kathmandu")]
    [InlineData(3, "00:00", "23:59", "Pacific/Kiritimati")]
    [InlineData(4, "12:00", "13:30", "Etc/GMT+12")]
    public void RandomOn_gives_the_count_inside_the_window_at_whole_minutes_at_least_the_gap_apart(int count, string from, string to, string zone)
    {
        var start = TimeOnly.Parse(from);
        var end = TimeOnly.Parse(to);
        var window = (int)(end - start).TotalMinutes;
        var gap = count == 1 ? 0 : Math.Min(ReminderSchedule.MinimumGapMinutes, window / (count - 1));
        for (var i = 0; i < 300; i++)
        {
            var person = Guid.NewGuid();
            var date = new DateOnly(2026, 1, 1).AddDays(i);
            var moments = ReminderSchedule.RandomOn(date, count, start, end, zone, person);

            Assert.Equal(count, moments.Count);
            foreach (var m in moments)
            {
                Assert.Equal(0, m.Ticks % TimeSpan.TicksPerMinute);
                var (day, minute) = LocalTimes.Of(m, zone);
                Assert.Equal(date, day);
                Assert.InRange(minute, start.Hour * 60 + start.Minute, end.Hour * 60 + end.Minute);
            }
            for (var k = 1; k < count; k++)
            {
                Assert.True((moments[k] - moments[k - 1]).TotalMinutes >= gap, $"{moments[k - 1]:O} and {moments[k]:O} are closer than {gap} minutes.");
            }
        }
    }

    [Fact]
    public void RandomOn_a_window_shortened_by_the_spring_change_still_fits_every_reminder_inside_it()
    {
        // 01:00–04:00 in Berlin on 29 March 2026 is two real hours: six reminders come 24 minutes apart, not 30.
        var moments = ReminderSchedule.RandomOn(new DateOnly(2026, 3, 29), 6, new TimeOnly(1, 0), new TimeOnly(4, 0), "Europe/Berlin", Person);

        Assert.Equal(6, moments.Count);
        Assert.All(moments, m => Assert.InRange(m, Utc("2026-03-29T00:00:00"), Utc("2026-03-29T02:00:00")));
        Assert.All(moments.Zip(moments.Skip(1)), p => Assert.True((p.Second - p.First).TotalMinutes >= 24));
    }

    [Fact]
    public void RandomOn_spreads_moments_over_the_whole_window()
    {
        // Over many days, each quarter of the window gets a fair share of moments: no clustering at one end.
        var quarters = new int[4];
        for (var i = 0; i < 2000; i++)
        {
            foreach (var m in ReminderSchedule.RandomOn(new DateOnly(2026, 1, 1).AddDays(i), 3, new TimeOnly(8, 0), new TimeOnly(20, 0), "UTC", Person))
            {
                quarters[Math.Min(3, (int)((m.TimeOfDay.TotalMinutes - 480) / 180))]++;
            }
        }
        Assert.All(quarters, q => Assert.InRange(q, 1200, 1800));
    }

    [Fact]
    public void MomentsOn_merges_a_random_moment_that_falls_on_a_fixed_time()
    {
        var date = new DateOnly(2026, 6, 1);
        var drawn = ReminderSchedule.RandomOn(date, 1, new TimeOnly(9, 0), new TimeOnly(21, 0), "UTC", Person)[0];
        var plan = new ReminderPlan([TimeOnly.FromDateTime(drawn)], 1, new TimeOnly(9, 0), new TimeOnly(21, 0));

        Assert.Equal([drawn], ReminderSchedule.MomentsOn(date, plan, "UTC", Person));
    }

    [Theory]
    [InlineData("08:30", true)]
    [InlineData("00:00", true)]
    [InlineData("23:59", true)]
    [InlineData("25:00", false)]
    [InlineData("24:00", false)]
    [InlineData("8:30", false)]
    [InlineData("08:60", false)]
    [InlineData("08:30:00", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void TryParseTime_accepts_exactly_hours_and_minutes(string? text, bool valid)
    {
        Assert.Equal(valid, ReminderSchedule.TryParseTime(text, out _));
    }
}
