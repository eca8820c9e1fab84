namespace Attune.Web.Features.Practices;

/// <summary>Why a practice suits a state: <c>state</c> is connected | activated | shutDown.</summary>
public sealed record StateFitDto(string State, string Why);

/// <summary>One step: its text, how long its timer runs (null: as long as you like), and whether the breathing pacer runs during it.</summary>
public sealed record PracticeStepDto(string Text, int? Seconds = null, bool Breathe = false);

/// <summary>Seconds of each phase of one breath; <c>breathsPerMinute</c> follows from them.</summary>
public sealed record BreathingDto(double Inhale, double HoldIn, double Exhale, double HoldOut, double BreathsPerMinute);

/// <summary>How strong the research is (<c>several</c> | <c>some</c> | <c>little</c>), in a word and in a sentence.</summary>
public sealed record EvidenceDto(string Strength, string Label, string Note);

/// <summary>A publication: the full citation, and its DOI with a link when it has one.</summary>
public sealed record ReferenceDto(string Citation, string? Doi, string? Url);

/// <summary>
/// A practice: from Attune's library (<c>own</c> false, a text id) or one of the caller's own (<c>own</c> true, a GUID id).
/// <c>group</c> is the state it is mostly for (activated | shutDown | connected) or <c>any</c>.
/// </summary>
public sealed record PracticeDto(
    string Id,
    string Title,
    string Summary,
    string Group,
    int Minutes,
    StateFitDto[] Fits,
    PracticeStepDto[] Steps,
    BreathingDto? Breathing,
    EvidenceDto? Evidence,
    ReferenceDto[] References,
    string[] Cautions,
    bool Own);

/// <summary>
/// A practice of one's own. <c>states</c>: one or more of connected | activated | shutDown, or ["any"]; <c>steps</c>: 1–30,
/// each with text (up to 500 characters) and optionally <c>seconds</c> (1–3600) and <c>breathe</c> (show the pacer; needs
/// <c>breathing</c>); <c>minutes</c>: 1–120, the sum of the steps when left out; <c>breathing</c>: seconds per phase, in and
/// out 1–20, holds 0–20.
/// </summary>
public sealed record OwnPracticeRequest(
    string? Title,
    string? Summary = null,
    string[]? States = null,
    PracticeStepDto[]? Steps = null,
    int? Minutes = null,
    BreathingRequest? Breathing = null,
    string? Cautions = null);

public sealed record BreathingRequest(double? Inhale, double? HoldIn, double? Exhale, double? HoldOut);

/// <summary>A one-tap check: <c>state</c> connected | activated | shutDown, <c>intensity</c> 0–10.</summary>
public sealed record StateCheckDto(string? State, int? Intensity);

/// <summary>
/// One practice done, with the check before and after. <c>startedAt</c> and <c>endedAt</c> are instants (ends after it
/// starts, at most 12 hours later, not in the future); <c>rating</c> 1–5 is optional; <c>idempotencyKey</c> is required and
/// a second session with the same key is refused with 409, so a retried submission is stored once.
/// </summary>
public sealed record PracticeSessionRequest(
    string? PracticeId,
    StateCheckDto? Before,
    StateCheckDto? After,
    DateTimeOffset? StartedAt,
    DateTimeOffset? EndedAt,
    int? Rating = null,
    string? IdempotencyKey = null);

/// <summary>A stored session; <c>effect</c> is the change towards connected (−20 … +20); <c>sharedBy</c> names the owner when it is not the caller.</summary>
public sealed record PracticeSessionDto(
    Guid Id,
    string PracticeId,
    string PracticeTitle,
    DateTime StartedAt,
    DateTime EndedAt,
    StateCheckDto Before,
    StateCheckDto After,
    int Effect,
    int? Rating,
    Guid OwnerId,
    string? SharedBy = null);

/// <summary>A practice in short, as suggestions list it.</summary>
public sealed record PracticeSummaryDto(string Id, string Title, string Summary, string Group, int Minutes, bool Breathing, bool Own);

/// <summary>
/// A suggestion for a state. <c>estimate</c>: the expected change towards connected for the caller, in points (−20 … +20),
/// shrunk towards what helps everyone until they have their own data (docs/numerics/practices.md); <c>sessions</c> and
/// <c>helped</c>: the caller's own sessions from this state and how many moved them towards connected; <c>reason</c>: why,
/// in a sentence.
/// </summary>
public sealed record RecommendationDto(PracticeSummaryDto Practice, double Estimate, int Sessions, int Helped, string Reason);
