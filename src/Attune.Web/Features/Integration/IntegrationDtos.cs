namespace Attune.Web.Features.Integration;

/// <summary>
/// A reflection: <c>answers</c> maps each of the nine domains (consciousness, horizontal, vertical, memory, narrative, state,
/// interpersonal, temporal, transpirational) to a whole number from −3 (far towards chaos) through 0 (flowing) to +3 (far
/// towards rigidity); all nine are needed. <c>idempotencyKey</c>: a second submission with the same key is refused with 409.
/// </summary>
public sealed record IntegrationRequest(Dictionary<string, int>? Answers, string? IdempotencyKey = null);

/// <summary>
/// One domain of a reflection: <c>value</c> −3…+3; <c>lean</c> chaos | flowing | rigid; <c>flow</c> 3 − |value| (what the
/// radar draws: 3 is in the river); <c>needsCare</c> when |value| ≥ 2, with <c>practicesUrl</c> to practices for it.
/// </summary>
public sealed record IntegrationDomainDto(string Domain, string Name, int Value, string Lean, int Flow, bool NeedsCare, string PracticesUrl);

public sealed record IntegrationReflectionDto(
    Guid Id,
    DateTime TakenAt,
    IntegrationDomainDto[] Domains,
    Guid OwnerId,
    string? SharedBy = null);
