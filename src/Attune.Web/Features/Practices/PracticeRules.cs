using System.Globalization;
using Attune.Analysis.Practices;
using Attune.Web.Features.CheckIns;
using Attune.Web.Infrastructure;

namespace Attune.Web.Features.Practices;

/// <summary>A session after every rule held: ready to store.</summary>
public sealed record ValidSession(
    string PracticeId, NervousState BeforeState, int BeforeIntensity, NervousState AfterState, int AfterIntensity,
    DateTime StartedAt, DateTime EndedAt, int? Rating, string IdempotencyKey)
{
    public int Effect => SessionEffect.Of(
        BeforeState == NervousState.Connected, BeforeIntensity, AfterState == NervousState.Connected, AfterIntensity);
}

/// <summary>An own practice after every rule held.</summary>
public sealed record ValidOwnPractice(
    string Title, string Summary, PracticeGroup Group, IReadOnlyList<NervousState> States, IReadOnlyList<PracticeStep> Steps,
    int Minutes, BreathPattern? Breathing, string? Cautions);

/// <summary>
/// Every rule a practice session and an own practice must meet, for the API and the pages alike, with one wording.
/// Problems come back keyed by the request field they concern.
/// </summary>
public static class PracticeRules
{
    public const int MaxSteps = 30;
    public const int StepMaxLength = 500;
    public const int MaxStepSeconds = 3600;
    public const int MaxMinutes = 120;
    public const double MaxPhaseSeconds = 20;

    /// <summary>A practice session lasts at most this long (a forgotten tab is not a twelve-hour practice).</summary>
    public static readonly TimeSpan MaxSessionLength = TimeSpan.FromHours(12);

    /// <param name="request">What was sent.</param>
    /// <param name="now">The server's clock.</param>
    /// <param name="practiceExists">Whether the caller may use this practice id (the library's, or one of their own).</param>
    public static (ValidSession? Value, Dictionary<string, string[]> Errors) ValidateSession(
        PracticeSessionRequest request, DateTime now, Func<string, bool> practiceExists)
    {
        var errors = new Dictionary<string, string[]>();
        void Fail(string field, string message) => errors[field] = [message];

        var practiceId = request.PracticeId?.Trim() ?? "";
        if (practiceId.Length == 0)
        {
            Fail("practiceId", "Please say which practice this was.");
        }
        else if (practiceId.Length > PracticeSession.PracticeIdMaxLength || !practiceExists(practiceId))
        {
            Fail("practiceId", "There is no such practice in the library or among your own.");
        }
        var before = Check(request.Before, "before", errors);
        var after = Check(request.After, "after", errors);

        DateTime? started = request.StartedAt?.UtcDateTime;
        DateTime? ended = request.EndedAt?.UtcDateTime;
        if (started is null)
        {
            Fail("startedAt", "Please give the moment the practice started.");
        }
        if (ended is null)
        {
            Fail("endedAt", "Please give the moment the practice ended.");
        }
        if (started is { } s && ended is { } e)
        {
            if (e < s)
            {
                Fail("endedAt", "A practice can't end before it started.");
            }
            else if (e - s > MaxSessionLength)
            {
                Fail("endedAt", $"A practice session can last at most {MaxSessionLength.TotalHours:0} hours.");
            }
            else if (e > now + CheckInRules.FutureTolerance)
            {
                Fail("endedAt", "A practice can't end in the future. Please check the date and time.");
            }
            else if (s < now.AddYears(-CheckInRules.MaxYearsBack))
            {
                Fail("startedAt", $"A practice can go back at most {CheckInRules.MaxYearsBack} years.");
            }
        }
        if (request.Rating is < 1 or > 5)
        {
            Fail("rating", "A rating goes from 1 (not for me) to 5 (loved it).");
        }
        if (string.IsNullOrEmpty(request.IdempotencyKey))
        {
            Fail("idempotencyKey", "Please send an idempotency key (any unique text, such as a UUID), so a retry is stored once.");
        }
        else if (!CheckInRules.IsIdempotencyKey(request.IdempotencyKey))
        {
            Fail("idempotencyKey", $"An idempotency key is 1 to {CheckIn.IdempotencyKeyMaxLength} letters, digits, '-', '_', ':' or '.'.");
        }

        if (errors.Count > 0 || before is null || after is null || started is null || ended is null)
        {
            return (null, errors);
        }
        return (new ValidSession(practiceId, before.Value.State, before.Value.Intensity, after.Value.State, after.Value.Intensity,
            started.Value, ended.Value, request.Rating, request.IdempotencyKey!), errors);
    }

    private static (NervousState State, int Intensity)? Check(StateCheckDto? check, string field, Dictionary<string, string[]> errors)
    {
        if (check is null)
        {
            errors[field] = [field == "before"
                ? "Please say how you felt before: a state and how strongly (0–10)."
                : "Please say how you feel now: a state and how strongly (0–10)."];
            return null;
        }
        var state = StateNames.Parse(check.State);
        if (state is null)
        {
            errors[$"{field}.state"] = ["A state is connected, activated or shutDown."];
        }
        if (check.Intensity is null)
        {
            errors[$"{field}.intensity"] = ["Please give an intensity from 0 (barely) to 10 (completely)."];
        }
        else if (check.Intensity is < 0 or > SessionEffect.MaxIntensity)
        {
            errors[$"{field}.intensity"] = ["Intensity goes from 0 (barely) to 10 (completely)."];
        }
        return state is { } s && check.Intensity is >= 0 and <= SessionEffect.MaxIntensity ? (s, check.Intensity.Value) : null;
    }

    public static (ValidOwnPractice? Value, Dictionary<string, string[]> Errors) ValidateOwn(OwnPracticeRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        void Fail(string field, string message) => errors[field] = [message];

        var (title, titleError) = TextRules.SingleLine(request.Title, OwnPractice.TitleMaxLength, "name", required: true);
        if (titleError is not null)
        {
            Fail("title", titleError);
        }
        var summary = (request.Summary ?? "").Trim();
        if (LongTextProblem(summary, OwnPractice.SummaryMaxLength, "description") is { } summaryProblem)
        {
            Fail("summary", summaryProblem);
        }

        var names = (request.States ?? []).Select(s => s?.Trim() ?? "").Where(s => s.Length > 0).ToList();
        var states = new List<NervousState>();
        var any = false;
        foreach (var name in names)
        {
            if (string.Equals(name, "any", StringComparison.OrdinalIgnoreCase))
            {
                any = true;
            }
            else if (StateNames.Parse(name) is { } state)
            {
                if (!states.Contains(state))
                {
                    states.Add(state);
                }
            }
            else
            {
                Fail("states", "States are connected, activated, shutDown, or any.");
                break;
            }
        }
        if (names.Count == 0)
        {
            Fail("states", "Please choose at least one state this practice is for, or any.");
        }
        if (any || states.Count == 3)
        {
            states = [NervousState.Activated, NervousState.ShutDown, NervousState.Connected];
        }

        BreathPattern? breathing = null;
        if (request.Breathing is { } b)
        {
            breathing = Breathing(b, errors);
        }

        var steps = new List<PracticeStep>();
        var given = request.Steps ?? [];
        if (given.Length == 0)
        {
            Fail("steps", "Please add at least one step.");
        }
        else if (given.Length > MaxSteps)
        {
            Fail("steps", $"A practice can have at most {MaxSteps} steps.");
        }
        else
        {
            for (var i = 0; i < given.Length; i++)
            {
                var step = given[i];
                var text = (step?.Text ?? "").Trim();
                if (text.Length == 0)
                {
                    Fail($"steps[{i}].text", "Please describe this step, or remove it.");
                }
                else if (LongTextProblem(text, StepMaxLength, "step") is { } problem)
                {
                    Fail($"steps[{i}].text", problem);
                }
                if (step?.Seconds is < 1 or > MaxStepSeconds)
                {
                    Fail($"steps[{i}].seconds", $"A step's timer runs from 1 second to {MaxStepSeconds / 60} minutes.");
                }
                if (step?.Breathe == true && request.Breathing is null)
                {
                    Fail($"steps[{i}].breathe", "A breathing step needs a breathing rhythm for the practice.");
                }
                steps.Add(new PracticeStep(text, step?.Seconds, step?.Breathe == true));
            }
        }

        var minutes = request.Minutes ?? (int)Math.Max(1, Math.Ceiling(steps.Sum(s => s.Seconds ?? 60) / 60.0));
        if (minutes is < 1 or > MaxMinutes)
        {
            Fail("minutes", $"A practice takes from 1 to {MaxMinutes} minutes.");
        }
        var cautions = string.IsNullOrWhiteSpace(request.Cautions) ? null : request.Cautions.Trim();
        if (cautions is not null && LongTextProblem(cautions, OwnPractice.CautionsMaxLength, "note") is { } cautionProblem)
        {
            Fail("cautions", cautionProblem);
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }
        var group = states.Count == 3 ? PracticeGroup.Any : PracticeGroups.Of(states[0]);
        return (new ValidOwnPractice(title!, summary, group, states, steps, minutes, breathing, cautions), errors);
    }

    private static BreathPattern? Breathing(BreathingRequest b, Dictionary<string, string[]> errors)
    {
        double? Phase(string name, double? value, double min)
        {
            var v = value ?? 0;
            if (!double.IsFinite(v) || v < min || v > MaxPhaseSeconds)
            {
                errors[$"breathing.{name}"] = [$"Each phase lasts from {min.ToString(CultureInfo.InvariantCulture)} to {MaxPhaseSeconds} seconds."];
                return null;
            }
            return Math.Round(v * 10, MidpointRounding.AwayFromZero) / 10;
        }
        var inhale = Phase("inhale", b.Inhale, 1);
        var holdIn = Phase("holdIn", b.HoldIn, 0);
        var exhale = Phase("exhale", b.Exhale, 1);
        var holdOut = Phase("holdOut", b.HoldOut, 0);
        return inhale is null || holdIn is null || exhale is null || holdOut is null ? null : new BreathPattern(inhale.Value, holdIn.Value, exhale.Value, holdOut.Value);
    }

    /// <summary>Multi-line text: within the length, no NUL, well-formed UTF-16 (the note rules of check-ins).</summary>
    private static string? LongTextProblem(string text, int maxLength, string field) =>
        text.Length > maxLength
            ? $"The {field} can be at most {maxLength} characters."
            : CheckInRules.NoteProblem(text) is null ? null : $"The {field} contains characters we can't store. Please retype it.";
}
