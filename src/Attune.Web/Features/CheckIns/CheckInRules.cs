using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Attune.Web.Infrastructure;

namespace Attune.Web.Features.CheckIns;

/// <summary>The fields of a check-in after every rule held: ready to store.</summary>
public sealed record ValidCheckIn(
    NervousState State,
    int Intensity,
    NervousState? Blend,
    IReadOnlyList<string> EmotionIds,
    IReadOnlyList<BodySensationDto> Body,
    CheckInContextDto Context,
    int? Stress,
    double? SleepHours,
    string? Note,
    DateTime OccurredAt,
    string TimeZone,
    CheckInVisibility Visibility);

/// <summary>
/// Every rule a check-in must meet, for the API, the pages and the import alike, with one wording. Problems
/// come back keyed by the request field they concern.
/// </summary>
public static class CheckInRules
{
    public const int MaxEmotions = 10;
    public const int MaxBody = 40;
    public const int MaxTagsPerList = 10;
    public const int TagMaxLength = 40;
    public const int MaxNotes = 5;
    public const int TriggerMaxLength = 120;

    /// <summary>A check-in may be this far ahead of the server's clock (a phone's clock runs fast).</summary>
    public static readonly TimeSpan FutureTolerance = TimeSpan.FromMinutes(10);

    /// <summary>How far back a check-in (or an imported one) may go.</summary>
    public const int MaxYearsBack = 30;

    // Stored, never rendered as HTML: plain text is kept readable (no \u0027 for an apostrophe).
    private static readonly JsonSerializerOptions ContextJson = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <param name="request">What was sent.</param>
    /// <param name="vocabulary">Attune's words, body and tags.</param>
    /// <param name="ownWordIds">The caller's own word ids ("my-…").</param>
    /// <param name="now">The server's clock.</param>
    /// <param name="defaultZone">The person's zone, for a check-in that names none.</param>
    /// <param name="defaultVisibility">The person's default, for a check-in that says nothing.</param>
    public static (ValidCheckIn? Value, Dictionary<string, string[]> Errors) Validate(
        CheckInRequest request, CheckInVocabulary vocabulary, IReadOnlySet<string> ownWordIds, DateTime now, string defaultZone,
        CheckInVisibility defaultVisibility)
    {
        var errors = new Dictionary<string, string[]>();
        void Fail(string field, string message) => errors[field] = [message];

        var state = StateNames.Parse(request.State);
        if (state is null)
        {
            Fail("state", "Please choose how your nervous system feels: connected, activated or shutDown.");
        }
        var intensity = request.Intensity ?? 5;
        if (intensity is < 0 or > 10)
        {
            Fail("intensity", "Intensity goes from 0 (barely) to 10 (completely).");
        }
        NervousState? blend = null;
        if (!string.IsNullOrWhiteSpace(request.Blend))
        {
            blend = StateNames.Parse(request.Blend);
            if (blend is null)
            {
                Fail("blend", "A blend is a second state: connected, activated or shutDown.");
            }
            else if (blend == state)
            {
                Fail("blend", "A blend needs a second state, different from the first.");
            }
        }

        var emotionIds = (request.EmotionIds ?? []).Select(id => id?.Trim() ?? "").Distinct(StringComparer.Ordinal).ToList();
        if (emotionIds.Count == 0)
        {
            Fail("emotionIds", "Please choose at least one word for the feeling.");
        }
        else if (emotionIds.Count > MaxEmotions)
        {
            Fail("emotionIds", $"Please choose at most {MaxEmotions} words.");
        }
        else if (emotionIds.FirstOrDefault(id => !vocabulary.EmotionById.ContainsKey(id) && !ownWordIds.Contains(id)) is { } unknown)
        {
            Fail("emotionIds", $"“{Shorten(unknown)}” is not a word in Attune's vocabulary or your own words.");
        }

        var body = (request.Body ?? []).Where(b => b is not null).Select(b => new BodySensationDto(b.Region?.Trim() ?? "", b.Sensation?.Trim() ?? "")).Distinct().ToList();
        if (body.Count > MaxBody)
        {
            Fail("body", $"Please choose at most {MaxBody} places and sensations.");
        }
        else if (body.FirstOrDefault(b => !vocabulary.RegionById.ContainsKey(b.Region)) is { } badRegion)
        {
            Fail("body", $"“{Shorten(badRegion.Region)}” is not a place on the body map.");
        }
        else if (body.FirstOrDefault(b => !vocabulary.SensationById.ContainsKey(b.Sensation)) is { } badSensation)
        {
            Fail("body", $"“{Shorten(badSensation.Sensation)}” is not one of the sensations.");
        }

        var context = CleanContext(request.Context, errors);

        var stress = request.Scales?.Stress;
        if (stress is < 0 or > 10)
        {
            Fail("scales.stress", "Stress goes from 0 to 10.");
        }
        var sleep = request.Scales?.SleepHours;
        if (sleep is { } hours && (!double.IsFinite(hours) || hours < 0 || hours > 24))
        {
            Fail("scales.sleepHours", "Hours of sleep go from 0 to 24.");
        }

        var note = string.IsNullOrEmpty(request.Note) ? null : request.Note;
        if (note is not null && NoteProblem(note) is { } noteProblem)
        {
            Fail("note", noteProblem);
        }

        var occurred = (request.OccurredAt ?? new DateTimeOffset(now, TimeSpan.Zero)).UtcDateTime;
        if (occurred > now + FutureTolerance)
        {
            Fail("occurredAt", "A check-in can't be in the future. Please check the date and time.");
        }
        else if (occurred < now.AddYears(-MaxYearsBack))
        {
            Fail("occurredAt", $"A check-in can go back at most {MaxYearsBack} years.");
        }

        var zone = string.IsNullOrWhiteSpace(request.TimeZone) ? defaultZone : request.TimeZone.Trim();
        if (!TextRules.IsKnownTimeZone(zone))
        {
            Fail("timeZone", "Please give a time zone like Europe/Berlin or America/New_York.");
        }

        var visibility = defaultVisibility;
        if (!string.IsNullOrWhiteSpace(request.Visibility))
        {
            switch (request.Visibility.Trim().ToLowerInvariant())
            {
                case "private":
                    visibility = CheckInVisibility.Private;
                    break;
                case "shared":
                    visibility = CheckInVisibility.Shared;
                    break;
                default:
                    Fail("visibility", "Visibility is private or shared.");
                    break;
            }
        }

        if (request.IdempotencyKey is { } key && !IsIdempotencyKey(key))
        {
            Fail("idempotencyKey", $"An idempotency key is 1 to {CheckIn.IdempotencyKeyMaxLength} letters, digits, '-', '_', ':' or '.'.");
        }

        if (errors.Count > 0 || state is null)
        {
            return (null, errors);
        }
        return (new ValidCheckIn(state.Value, intensity, blend, emotionIds, body, context, stress,
            sleep is { } s ? Math.Round(s * 4, MidpointRounding.AwayFromZero) / 4 : null, note, occurred, zone, visibility), errors);
    }

    public static bool IsIdempotencyKey(string key) =>
        key.Length is > 0 and <= CheckIn.IdempotencyKeyMaxLength
        && key.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or ':' or '.');

    /// <summary>
    /// A note is stored exactly as written (any script, emoji, even text that looks like HTML: it is always shown as
    /// text). Refused only: over the length, a NUL character, or broken UTF-16 that no database can store.
    /// </summary>
    public static string? NoteProblem(string note)
    {
        if (note.Length > CheckIn.NoteMaxLength)
        {
            return $"A note can be at most {CheckIn.NoteMaxLength:N0} characters.";
        }
        if (note.Contains('\0', StringComparison.Ordinal) || !IsWellFormed(note))
        {
            return "The note contains characters we can't store. Please retype it.";
        }
        return null;
    }

    private static bool IsWellFormed(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]))
            {
                if (i + 1 >= text.Length || !char.IsLowSurrogate(text[i + 1]))
                {
                    return false;
                }
                i++;
            }
            else if (char.IsLowSurrogate(text[i]))
            {
                return false;
            }
        }
        return true;
    }

    private static CheckInContextDto CleanContext(CheckInContextDto? context, Dictionary<string, string[]> errors)
    {
        string[]? Tags(string field, string[]? values, int maxLength, int maxCount)
        {
            if (values is null || values.Length == 0)
            {
                return null;
            }
            if (values.Length > maxCount)
            {
                errors[$"context.{field}"] = [$"Please add at most {maxCount}."];
                return null;
            }
            var clean = new List<string>();
            foreach (var value in values)
            {
                var (text, error) = TextRules.SingleLine(value, maxLength, "tag", required: false);
                if (error is not null)
                {
                    errors[$"context.{field}"] = [error];
                    return null;
                }
                if (!string.IsNullOrEmpty(text) && !clean.Contains(text, StringComparer.OrdinalIgnoreCase))
                {
                    clean.Add(text);
                }
            }
            return clean.Count == 0 ? null : [.. clean];
        }
        return new CheckInContextDto(
            Tags("who", context?.Who, TagMaxLength, MaxTagsPerList),
            Tags("where", context?.Where, TagMaxLength, MaxTagsPerList),
            Tags("doing", context?.Doing, TagMaxLength, MaxTagsPerList),
            Tags("triggers", context?.Triggers, TriggerMaxLength, MaxNotes),
            Tags("glimmers", context?.Glimmers, TriggerMaxLength, MaxNotes));
    }

    private static string Shorten(string text) => text.Length > 40 ? text[..40] + "…" : text;

    public static string SerializeContext(CheckInContextDto context) =>
        context is { Who: null, Where: null, Doing: null, Triggers: null, Glimmers: null } ? "" : JsonSerializer.Serialize(context, ContextJson);

    public static CheckInContextDto ParseContext(string stored) =>
        string.IsNullOrEmpty(stored) ? new CheckInContextDto() : JsonSerializer.Deserialize<CheckInContextDto>(stored, ContextJson) ?? new CheckInContextDto();

    public static string SerializeBody(IEnumerable<BodySensationDto> body)
    {
        var text = new StringBuilder();
        foreach (var b in body)
        {
            if (text.Length > 0)
            {
                text.Append(',');
            }
            text.Append(b.Region).Append(':').Append(b.Sensation);
        }
        return text.ToString();
    }

    public static BodySensationDto[] ParseBody(string stored) =>
        string.IsNullOrEmpty(stored)
            ? []
            : [.. stored.Split(',').Select(pair => pair.Split(':', 2)).Where(p => p.Length == 2).Select(p => new BodySensationDto(p[0], p[1]))];

    public static string[] ParseEmotions(string stored) => string.IsNullOrEmpty(stored) ? [] : stored.Split(',');
}
