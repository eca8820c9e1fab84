using System.Globalization;

namespace Attune.Web.Features.CheckIns.Pages;

/// <summary>
/// The check-in form as the browser posts it (names <c>Form.*</c>). It turns into the same
/// <see cref="CheckInRequest"/> the API takes, so pages and API share every rule and message.
/// </summary>
public sealed class CheckInForm
{
    public const int BlankBodyRows = 3;

    public string? State { get; set; }

    public int Intensity { get; set; } = 5;

    public string? Blend { get; set; }

    /// <summary>The corner chosen on the way to a word; only steers which words are shown.</summary>
    public string? Quadrant { get; set; }

    public List<string> Emotions { get; set; } = [];

    /// <summary>"region:sensation" pairs, from the body map (with JavaScript).</summary>
    public List<string> Body { get; set; } = [];

    /// <summary>Region and sensation of the select rows (without JavaScript), paired by position.</summary>
    public List<string> BodyRegion { get; set; } = [];

    public List<string> BodySensation { get; set; } = [];

    public List<string> Who { get; set; } = [];

    public List<string> Where { get; set; } = [];

    public List<string> Doing { get; set; } = [];

    /// <summary>Own tags, comma-separated, added to who/where/doing.</summary>
    public string? OwnWho { get; set; }

    public string? OwnWhere { get; set; }

    public string? OwnDoing { get; set; }

    /// <summary>One per line.</summary>
    public string? Triggers { get; set; }

    public string? Glimmers { get; set; }

    public string? Stress { get; set; }

    public string? SleepHours { get; set; }

    public string? Note { get; set; }

    public string? Visibility { get; set; }

    /// <summary>"yyyy-MM-ddTHH:mm" in <see cref="TimeZone"/>; empty for now.</summary>
    public string? OccurredLocal { get; set; }

    /// <summary>The browser's zone (filled in by script), else the person's own.</summary>
    public string? TimeZone { get; set; }

    public string? IdempotencyKey { get; set; }

    /// <summary>Form field for each request field the rules may complain about.</summary>
    public static string FieldOf(string requestField) => requestField switch
    {
        "state" => "Form.State",
        "intensity" => "Form.Intensity",
        "blend" => "Form.Blend",
        "emotionIds" => "Form.Emotions",
        "body" => "Form.Body",
        "context.who" => "Form.OwnWho",
        "context.where" => "Form.OwnWhere",
        "context.doing" => "Form.OwnDoing",
        "context.triggers" => "Form.Triggers",
        "context.glimmers" => "Form.Glimmers",
        "scales.stress" => "Form.Stress",
        "scales.sleepHours" => "Form.SleepHours",
        "note" => "Form.Note",
        "occurredAt" => "Form.OccurredLocal",
        "timeZone" => "Form.OccurredLocal",
        "visibility" => "Form.Visibility",
        _ => "",
    };

    /// <summary>The request this form stands for, or the problems the form itself has (numbers that are not numbers).</summary>
    public (CheckInRequest Request, Dictionary<string, string> Problems) ToRequest(string defaultZone)
    {
        var problems = new Dictionary<string, string>();
        var zone = string.IsNullOrWhiteSpace(TimeZone) ? defaultZone : TimeZone.Trim();
        DateTimeOffset? occurred = null;
        if (!string.IsNullOrWhiteSpace(OccurredLocal))
        {
            if (DateTime.TryParseExact(OccurredLocal.Trim(), ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
            {
                occurred = new DateTimeOffset(LocalTimes.ToUtc(local, zone), TimeSpan.Zero);
            }
            else
            {
                problems["Form.OccurredLocal"] = "Please give the date and time, like 2026-12-04 08:30.";
            }
        }
        int? stress = null;
        if (!string.IsNullOrWhiteSpace(Stress))
        {
            if (int.TryParse(Stress, NumberStyles.Integer, CultureInfo.InvariantCulture, out var s))
            {
                stress = s;
            }
            else
            {
                problems["Form.Stress"] = "Stress is a whole number from 0 to 10.";
            }
        }
        double? sleep = null;
        if (!string.IsNullOrWhiteSpace(SleepHours))
        {
            if (double.TryParse(SleepHours.Replace(',', '.'), NumberStyles.Float, CultureInfo.InvariantCulture, out var h))
            {
                sleep = h;
            }
            else
            {
                problems["Form.SleepHours"] = "Please give hours of sleep as a number, like 7.5.";
            }
        }
        var body = Body.Concat(BodyRegion.Zip(BodySensation)
                .Where(p => !string.IsNullOrWhiteSpace(p.First) && !string.IsNullOrWhiteSpace(p.Second))
                .Select(p => $"{p.First}:{p.Second}"))
            .Select(pair => pair.Split(':', 2))
            .Select(p => new BodySensationDto(p[0], p.Length > 1 ? p[1] : ""))
            .ToArray();
        var request = new CheckInRequest(
            State,
            Intensity,
            string.IsNullOrWhiteSpace(Blend) ? null : Blend,
            [.. Emotions],
            body,
            new CheckInContextDto(Tags(Who, OwnWho), Tags(Where, OwnWhere), Tags(Doing, OwnDoing), Lines(Triggers), Lines(Glimmers)),
            new CheckInScalesDto(stress, sleep),
            string.IsNullOrEmpty(Note) ? null : Note.ReplaceLineEndings("\n"),
            occurred,
            zone,
            Visibility,
            string.IsNullOrWhiteSpace(IdempotencyKey) ? null : IdempotencyKey);
        return (request, problems);
    }

    public static CheckInForm From(CheckInDto c)
    {
        var v = CheckInVocabulary.Instance;
        bool BuiltIn(string category, string tag) => v.TagById.ContainsKey($"{category}:{tag}");
        string? Own(string category, string[]? tags) =>
            tags?.Where(t => !BuiltIn(category, t)).ToArray() is { Length: > 0 } own ? string.Join(", ", own) : null;
        var local = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(c.OccurredAt, DateTimeKind.Utc), LocalTimes.Zone(c.TimeZone));
        return new CheckInForm
        {
            State = c.State,
            Intensity = c.Intensity,
            Blend = c.Blend,
            Emotions = [.. c.Emotions.Select(e => e.Id)],
            Body = [.. c.Body.Select(b => $"{b.Region}:{b.Sensation}")],
            Who = [.. (c.Context.Who ?? []).Where(t => BuiltIn("who", t))],
            Where = [.. (c.Context.Where ?? []).Where(t => BuiltIn("where", t))],
            Doing = [.. (c.Context.Doing ?? []).Where(t => BuiltIn("doing", t))],
            OwnWho = Own("who", c.Context.Who),
            OwnWhere = Own("where", c.Context.Where),
            OwnDoing = Own("doing", c.Context.Doing),
            Triggers = c.Context.Triggers is { } t ? string.Join('\n', t) : null,
            Glimmers = c.Context.Glimmers is { } g ? string.Join('\n', g) : null,
            Stress = c.Scales.Stress?.ToString(CultureInfo.InvariantCulture),
            SleepHours = c.Scales.SleepHours?.ToString(CultureInfo.InvariantCulture),
            Note = c.Note,
            Visibility = c.Visibility,
            OccurredLocal = local.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture),
            TimeZone = c.TimeZone,
        };
    }

    private static string[]? Tags(List<string> chosen, string? own)
    {
        var all = chosen.Concat((own ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)).ToArray();
        return all.Length == 0 ? null : all;
    }

    private static string[]? Lines(string? text)
    {
        var lines = (text ?? "").Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        return lines.Length == 0 ? null : lines;
    }
}
