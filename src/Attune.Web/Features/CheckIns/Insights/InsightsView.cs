using System.Globalization;

namespace Attune.Web.Features.CheckIns.Insights;

/// <summary>The calendar: whole Monday-to-Sunday weeks of day buckets, the period's last few.</summary>
public static class InsightsCalendar
{
    /// <summary>One calendar row; a day outside the period is null.</summary>
    public sealed record Week(DateOnly Monday, TimelineBucketDto?[] Days);

    public static IReadOnlyList<Week> Weeks(TimelineSeriesDto days, int maxWeeks)
    {
        if (days.Count == 0)
        {
            return [];
        }
        var first = days.Starts[0];
        var last = days.Starts[^1];
        var lastMonday = last.AddDays(-(last.DayNumber % 7));
        var firstMonday = first.AddDays(-(first.DayNumber % 7));
        var earliest = lastMonday.AddDays(-7 * (maxWeeks - 1));
        if (firstMonday < earliest)
        {
            firstMonday = earliest;
        }
        var weeks = new List<Week>();
        for (var monday = firstMonday; monday <= lastMonday; monday = monday.AddDays(7))
        {
            var row = new TimelineBucketDto?[7];
            for (var d = 0; d < 7; d++)
            {
                var index = monday.DayNumber + d - first.DayNumber;
                row[d] = index >= 0 && index < days.Count ? days[index] : null;
            }
            weeks.Add(new Week(monday, row));
        }
        return weeks;
    }
}

/// <summary>What the page's charts draw, as plain arrays the script reads from the JSON data block.</summary>
public static class InsightsCharts
{
    public static object Data(IndexModel page)
    {
        var i = page.Insights;
        var buckets = page.Buckets;
        return new
        {
            timeline = new
            {
                by = page.By,
                labels = buckets.Select(b => InsightsText.BucketLabel(b, page.By)).ToArray(),
                connected = buckets.Select(b => b.States.Connected).ToArray(),
                activated = buckets.Select(b => b.States.Activated).ToArray(),
                shutDown = buckets.Select(b => b.States.ShutDown).ToArray(),
                pleasantness = buckets.Select(b => Round(b.MeanPleasantnessMinus5To5)).ToArray(),
                energy = buckets.Select(b => Round(b.MeanEnergyMinus5To5)).ToArray(),
            },
            rhythm = new
            {
                weekdays = InsightsText.WeekdayShort,
                bands = Enumerable.Range(0, 24 / i.Rhythm.BandHours).Select(b => InsightsText.Band(b * i.Rhythm.BandHours, i.Rhythm.BandHours)).ToArray(),
                cells = i.Rhythm.Cells.Select(c => new
                {
                    x = c.IsoWeekday - 1,
                    y = c.StartHour / i.Rhythm.BandHours,
                    n = c.CheckIns,
                    c = c.States.Connected,
                    a = c.States.Activated,
                    s = c.States.ShutDown,
                }).ToArray(),
            },
            calendar = new
            {
                weekdays = InsightsText.WeekdayShort,
                weeks = page.Calendar.Select(w => InsightsText.Short(w.Monday)).ToArray(),
                days = page.Calendar.SelectMany((w, y) => w.Days.Select((d, x) => (d, x, y)))
                    .Where(t => t.d is { CheckIns: > 0 })
                    .Select(t => new { t.x, t.y, date = InsightsText.Long(t.d!.Start), n = t.d.CheckIns, state = t.d.DominantState }).ToArray(),
            },
            granularity = new
            {
                labels = i.Granularity.Weeks.Select(w => InsightsText.Short(w.WeekStart)).ToArray(),
                distinct = i.Granularity.Weeks.Select(w => w.DistinctWords).ToArray(),
                entropy = i.Granularity.Weeks.Select(w => Round(w.EntropyBits)).ToArray(),
                checkIns = i.Granularity.Weeks.Select(w => w.CheckIns).ToArray(),
            },
        };
    }

    private static double? Round(double? value) => value is { } v ? Math.Round(v, 2) : null;
}

/// <summary>Numbers and dates as the page says them: English, invariant digits, our own warm wording.</summary>
public static class InsightsText
{
    /// <summary>Keeps "95 %" on one line.</summary>
    public const char Nbsp = '\u00A0';

    public static readonly string[] WeekdayShort = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

    private static readonly CultureInfo En = CultureInfo.InvariantCulture;

    public static string Short(DateOnly date) => date.ToString("d MMM", En);

    public static string Long(DateOnly date) => date.ToString("ddd d MMM yyyy", En);

    public static string Band(int startHour, int hours) => string.Create(En, $"{startHour:D2}–{startHour + hours:D2}");

    public static string BucketLabel(TimelineBucketDto bucket, string by) => by switch
    {
        "day" => bucket.Start.ToString("d MMM", En),
        "month" => bucket.Start.ToString("MMM yyyy", En),
        _ => "wk of " + bucket.Start.ToString("d MMM", En),
    };

    /// <summary>"42 %" (whole percent; "under 1 %" for a small non-zero share).</summary>
    public static string Percent(double fraction) =>
        fraction > 0 && fraction < 0.005 ? $"under 1{Nbsp}%" : string.Create(En, $"{Math.Round(fraction * 100):0}{Nbsp}%");

    public static string Number(double value, int decimals = 1) => value.ToString("F" + decimals, En);

    public static string Signed(double value, int decimals = 1) => (value > 0 ? "+" : value < 0 ? "−" : "") + Math.Abs(value).ToString("F" + decimals, En);

    public static string StateLabel(string state) => StateNames.Parse(state) is { } s ? StateNames.Label(s) : "Mixed";

    public static string StateLower(string state) => StateNames.Parse(state) switch
    {
        NervousState.Connected => "connected",
        NervousState.Activated => "activated",
        NervousState.ShutDown => "shut down",
        _ => "mixed",
    };

    /// <summary>CSS modifier for a state or "mixed": connected, activated, shutdown, mixed.</summary>
    public static string StateClass(string? state) => state?.ToLowerInvariant() ?? "none";

    /// <summary>How a tag reads after "when": "with your partner", "at work", "working", "with “choir”".</summary>
    public static string TagPhrase(TagAssociationDto tag)
    {
        if (!CheckInVocabulary.Instance.TagById.ContainsKey($"{tag.Category}:{tag.Tag}"))
        {
            return tag.Category switch
            {
                "who" => $"with “{tag.Name}”",
                "where" => $"at “{tag.Name}”",
                _ => $"doing “{tag.Name}”",
            };
        }
        var name = tag.Name.Replace("my ", "your ", StringComparison.Ordinal);
        return tag.Category switch
        {
            "who" when name.StartsWith("on ", StringComparison.Ordinal) => name,
            "who" => "with " + name,
            "doing" => name,
            _ => name,
        };
    }

    /// <summary>
    /// "You were activated more often when with colleagues: 42 % of 120 check-ins vs 18 % otherwise (lift 1.9, 95 %
    /// interval 1.4–2.6)." Only for an association whose lift interval excludes 1.
    /// </summary>
    public static string Association(TagAssociationDto tag, StateAssociationDto state)
    {
        var lift = state.Lift!;
        var direction = lift.Estimate > 1 ? "more often" : "less often";
        var verb = StateNames.Parse(state.State) == NervousState.Connected ? "felt" : "were";
        return $"You {verb} {StateLower(state.State)} {direction} when {TagPhrase(tag)}: "
            + $"{Percent(state.StateGivenTag!.Fraction)} of {tag.WithTag} check-ins vs {Percent(state.StateGivenNoTag!.Fraction)} otherwise "
            + $"(lift {Number(lift.Estimate)}, 95{Nbsp}% interval {Number(lift.Lower)}–{Number(lift.Upper)}).";
    }

    /// <summary>True when the lift's interval lies wholly above or below 1: the association the page states in words.</summary>
    public static bool IsClear(StateAssociationDto state) => state.Lift is { } lift && (lift.Lower > 1 || lift.Upper < 1);

    /// <summary>Why a row of the association table has no ratio, in words.</summary>
    public static string WhyNot(NotComputableDto why, TagAssociationDto tag, string state) => why.Reason switch
    {
        "tooFewWithTag" => $"Needs {why.Required} check-ins with this tag ({why.Available} so far).",
        "tooFewWithoutTag" => "Almost every check-in has this tag, so there is nothing to compare with.",
        "stateNeverWithTag" => $"Never {StateLower(state)} with this tag in {tag.WithTag} check-ins, so no ratio.",
        "stateNeverWithoutTag" => $"{StateLabel(state)} only ever with this tag, so no ratio.",
        _ => "Not enough check-ins yet.",
    };

    /// <summary>A weekly trend in words ("growing: about +0.30 words a week over 13 weeks (95 % interval …)"), or why there is none.</summary>
    public static string Trend(TrendDto trend, string unit, string rising, string falling)
    {
        if (trend.WhyNot is { } why)
        {
            return why.Reason == "tooFewWeeks"
                ? $"a trend needs {why.Required} weeks with check-ins ({why.Available} so far)."
                : "your weeks are too alike to draw a line through them yet.";
        }
        var slope = trend.SlopePerWeek!.Value;
        var detail = $"{Signed(slope, 2)} {unit} a week over {trend.Weeks} weeks; 95{Nbsp}% interval {Signed(trend.LowerPerWeek!.Value, 2)} to {Signed(trend.UpperPerWeek!.Value, 2)}";
        if (trend.LowerPerWeek > 0)
        {
            return $"{rising} ({detail}).";
        }
        if (trend.UpperPerWeek < 0)
        {
            return $"{falling} ({detail}).";
        }
        return $"about steady ({detail}).";
    }
}
