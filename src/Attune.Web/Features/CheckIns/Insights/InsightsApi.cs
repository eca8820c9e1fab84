using System.Globalization;
using System.Security.Claims;
using Attune.Web.Data;
using Attune.Web.Features.Accounts;
using Attune.Web.Features.Sharing;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Attune.Web.Features.CheckIns.Insights;

public static class InsightsApi
{
    public static RouteGroupBuilder MapInsightsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/insights").WithTags("Check-ins").RequireAuthorization()
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapGet("/", Get).RequireScope(TokenScopes.CheckInsRead)
            .WithName("GetInsights").WithSummary("Patterns in your check-ins over a period: states, words, body, context and granularity")
            .ProducesValidationProblem();
        return group;
    }

    /// <summary>
    /// What the caller's own check-ins say, on local dates from <c>from</c> to <c>to</c> (yyyy-MM-dd, inclusive;
    /// by default the 90 days up to today in the caller's time zone; at most 20 years).
    /// </summary>
    public static async Task<Results<Ok<InsightsDto>, ValidationProblem>> Get(
        string? from, string? to, ClaimsPrincipal principal, Access access, AttuneDb db, TimeProvider clock, CancellationToken cancel)
    {
        var me = principal.UserId();
        var period = await InsightsPeriod.ResolveAsync(db, me, clock, from, to, cancel);
        if (period.Errors is { } errors)
        {
            return TypedResults.ValidationProblem(errors);
        }
        return TypedResults.Ok(await CheckInInsights.ForAsync(access, me, period.From, period.To, cancel));
    }
}

/// <summary>The period of an insights request, with one wording for the API and the page.</summary>
public sealed record InsightsPeriod(DateOnly From, DateOnly To, Dictionary<string, string[]>? Errors)
{
    /// <summary>Today in the person's own time zone.</summary>
    public static async Task<DateOnly> TodayAsync(AttuneDb db, Guid me, TimeProvider clock, CancellationToken cancel)
    {
        var zone = await TimeZones.OfUserAsync(db, me, cancel);
        return LocalTimes.Of(clock.GetUtcNow().UtcDateTime, zone ?? TimeZones.Default).Date;
    }

    /// <summary>
    /// Parses <paramref name="from"/> and <paramref name="to"/> (yyyy-MM-dd). A missing end is today; a missing start
    /// is 89 days before the end, so the default is the last 90 days.
    /// </summary>
    public static async Task<InsightsPeriod> ResolveAsync(
        AttuneDb db, Guid me, TimeProvider clock, string? from, string? to, CancellationToken cancel)
    {
        var errors = new Dictionary<string, string[]>();
        var start = Parse(from, "from", errors);
        var end = Parse(to, "to", errors);
        if (errors.Count > 0)
        {
            return new InsightsPeriod(default, default, errors);
        }
        var last = end ?? await TodayAsync(db, me, clock, cancel);
        var first = start ?? (last.DayNumber >= CheckInInsights.DefaultDays - 1 ? last.AddDays(-(CheckInInsights.DefaultDays - 1)) : DateOnly.MinValue);
        if (first > last)
        {
            errors["from"] = ["from must be on or before to."];
        }
        else if (last.Year - first.Year > CheckInInsights.MaxYears
            || (last.Year - first.Year == CheckInInsights.MaxYears && first < last.AddYears(-CheckInInsights.MaxYears)))
        {
            errors["from"] = [$"A period can span at most {CheckInInsights.MaxYears} years."];
        }
        return errors.Count > 0 ? new InsightsPeriod(first, last, errors) : new InsightsPeriod(first, last, null);
    }

    private static DateOnly? Parse(string? text, string field, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }
        errors[field] = [$"{field} must be a date written as yyyy-MM-dd, like 2026-03-01."];
        return null;
    }
}
