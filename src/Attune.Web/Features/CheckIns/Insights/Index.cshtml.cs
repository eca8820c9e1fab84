using System.Text.Json;
using Attune.Web.Data;
using Attune.Web.Features.Accounts;
using Attune.Web.Features.Sharing;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Attune.Web.Features.CheckIns.Insights;

/// <summary>
/// The patterns in a person's own check-ins over a chosen period (4 weeks, 3 months, a year, or everything), from
/// the same computation as <c>GET /api/v1/insights</c>. Every number is in the page's tables; the charts read the
/// same numbers from a JSON data block.
/// </summary>
public sealed class IndexModel(AttuneDb db, Access access, TimeProvider clock) : PageModel
{
    public static readonly (string Key, string Label)[] Periods =
    [
        ("4w", "4 weeks"),
        ("3m", "3 months"),
        ("1y", "A year"),
        ("all", "All"),
    ];

    /// <summary>The days timeline is offered up to a year; beyond that, a bar a day is too thin to read.</summary>
    public const int MaxDaysForDayView = 366;

    /// <summary>The calendar shows the period's last 53 weeks at most, so it stays a calendar and not a wall.</summary>
    public const int CalendarWeeks = 53;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string Period { get; private set; } = "3m";

    public string By { get; private set; } = "week";

    public InsightsDto Insights { get; private set; } = null!;

    public DateOnly Today { get; private set; }

    /// <summary>The buckets the timeline shows, by <see cref="By"/>.</summary>
    public TimelineBucketDto[] Buckets { get; private set; } = [];

    /// <summary>Days of the calendar: whole weeks, Monday first, ending with the week of the period's last day.</summary>
    public IReadOnlyList<InsightsCalendar.Week> Calendar { get; private set; } = [];

    public bool DayViewOffered => Insights.To.DayNumber - Insights.From.DayNumber + 1 <= MaxDaysForDayView;

    /// <summary>The chart data as JSON, for the page's <c>application/json</c> block.</summary>
    public string ChartJson { get; private set; } = "{}";

    public async Task OnGetAsync(string? period, string? by, CancellationToken cancel)
    {
        var me = User.UserId();
        Period = Periods.Any(p => p.Key == period) ? period! : "3m";
        Today = await InsightsPeriod.TodayAsync(db, me, clock, cancel);
        var from = Period switch
        {
            "4w" => Today.AddDays(-27),
            "1y" => Today.AddDays(-364),
            "all" => await FirstDayAsync(me, cancel),
            _ => Today.AddDays(-(CheckInInsights.DefaultDays - 1)),
        };
        Insights = await CheckInInsights.ForAsync(access, me, from, Today, cancel);
        By = by is "day" or "week" or "month" ? by : Period switch
        {
            "4w" => "day",
            "all" => "month",
            _ => "week",
        };
        if (By == "day" && !DayViewOffered)
        {
            By = "week";
        }
        Buckets = (By switch
        {
            "day" => Insights.Timeline.Days,
            "month" => Insights.Timeline.Months,
            _ => Insights.Timeline.Weeks,
        }).ToBuckets();
        Calendar = InsightsCalendar.Weeks(Insights.Timeline.Days, CalendarWeeks);
        ChartJson = JsonSerializer.Serialize(InsightsCharts.Data(this), Json);
    }

    /// <summary>The first day with a check-in, at most 20 years back; the last 90 days when there is none.</summary>
    private async Task<DateOnly> FirstDayAsync(Guid me, CancellationToken cancel)
    {
        var earliest = Today.AddYears(-CheckInInsights.MaxYears);
        var first = await access.Own<CheckIn>(me).Where(c => c.LocalDate >= earliest && c.LocalDate <= Today)
            .OrderBy(c => c.LocalDate).Select(c => (DateOnly?)c.LocalDate).FirstOrDefaultAsync(cancel);
        return first ?? Today.AddDays(-(CheckInInsights.DefaultDays - 1));
    }
}
