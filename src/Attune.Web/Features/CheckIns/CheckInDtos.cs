namespace Attune.Web.Features.CheckIns;

/// <summary>Where in the body, and how it feels there: vocabulary ids such as ("chest", "tight").</summary>
public sealed record BodySensationDto(string Region, string Sensation);

/// <summary>
/// What was going on. <c>who</c>, <c>where</c> and <c>doing</c> take built-in tag ids (see <c>GET /api/v1/emotions</c>'
/// companion vocabulary) or a person's own short tags; triggers and glimmers are short free text.
/// </summary>
public sealed record CheckInContextDto(
    string[]? Who = null,
    string[]? Where = null,
    string[]? Doing = null,
    string[]? Triggers = null,
    string[]? Glimmers = null);

/// <summary>A person's own ratings: stress 0–10, hours slept 0–24.</summary>
public sealed record CheckInScalesDto(int? Stress = null, double? SleepHours = null);

/// <summary>
/// A new or changed check-in. <c>state</c>: connected | activated | shutDown; <c>intensity</c> 0–10 (5 when left
/// out); <c>blend</c>: a second state or null; <c>emotionIds</c>: 1–10 word ids; <c>occurredAt</c>: now when left
/// out; <c>timeZone</c>: IANA id, the person's own zone when left out; <c>visibility</c>: private | shared, the
/// person's default when left out; <c>idempotencyKey</c>: a retry with the same key returns the first check-in.
/// </summary>
public sealed record CheckInRequest(
    string? State,
    int? Intensity = null,
    string? Blend = null,
    string[]? EmotionIds = null,
    BodySensationDto[]? Body = null,
    CheckInContextDto? Context = null,
    CheckInScalesDto? Scales = null,
    string? Note = null,
    DateTimeOffset? OccurredAt = null,
    string? TimeZone = null,
    string? Visibility = null,
    string? IdempotencyKey = null);

public sealed record EmotionRefDto(string Id, string Name, int Pleasantness, int Energy);

/// <summary>A check-in as its owner (or someone it is shared with) sees it; <c>sharedBy</c> names the owner when it is not the caller.</summary>
public sealed record CheckInDto(
    Guid Id,
    string State,
    int Intensity,
    string? Blend,
    EmotionRefDto[] Emotions,
    BodySensationDto[] Body,
    CheckInContextDto Context,
    CheckInScalesDto Scales,
    string? Note,
    DateTime OccurredAt,
    string TimeZone,
    DateOnly LocalDate,
    string Visibility,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    Guid OwnerId,
    string? SharedBy = null);

/// <summary>One word of the vocabulary, or one of the caller's own words (<c>own</c> true).</summary>
public sealed record EmotionDto(
    string Id,
    string Name,
    string Definition,
    int Pleasantness,
    int Energy,
    string Quadrant,
    string[] Related,
    string[] Finer,
    string[] States,
    bool Own);

public sealed record CustomEmotionRequest(string? Name, string? Definition, int? Pleasantness, int? Energy);

public sealed record VocabularyDto(
    IReadOnlyList<BodyRegion> Regions,
    IReadOnlyList<BodySensation> Sensations,
    IReadOnlyList<ContextTag> Who,
    IReadOnlyList<ContextTag> Where,
    IReadOnlyList<ContextTag> Doing);

public static class StateNames
{
    public static string Of(NervousState state) => state switch
    {
        NervousState.Connected => "connected",
        NervousState.Activated => "activated",
        _ => "shutDown",
    };

    public static NervousState? Parse(string? name) => name?.Trim().ToLowerInvariant() switch
    {
        "connected" => NervousState.Connected,
        "activated" => NervousState.Activated,
        "shutdown" or "shut-down" or "shut_down" => NervousState.ShutDown,
        _ => null,
    };

    /// <summary>"Connected", "Activated", "Shut down".</summary>
    public static string Label(NervousState state) => state switch
    {
        NervousState.Connected => "Connected",
        NervousState.Activated => "Activated",
        _ => "Shut down",
    };

    /// <summary>How the state feels from inside, in our words.</summary>
    public static string Description(NervousState state) => state switch
    {
        NervousState.Connected => "Safe enough to be curious, listen and play.",
        NervousState.Activated => "Revved up: worried, angry, pushing or racing.",
        _ => "Pulled inwards: numb, foggy, far away or flat.",
    };

    /// <summary>A name for a blend, when there is a common one.</summary>
    public static string? BlendName(NervousState state, NervousState? blend) => (state, blend) switch
    {
        (NervousState.Activated, NervousState.ShutDown) or (NervousState.ShutDown, NervousState.Activated) => "frozen",
        (NervousState.Connected, NervousState.Activated) or (NervousState.Activated, NervousState.Connected) => "playful, lively",
        (NervousState.Connected, NervousState.ShutDown) or (NervousState.ShutDown, NervousState.Connected) => "still, restful",
        _ => null,
    };
}
