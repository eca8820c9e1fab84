namespace Attune.Web.Features.Therapists.InSession;

/// <summary>A live in-session view the therapist started: its id and where each of the two opens it.</summary>
public sealed record InSessionStartedDto(Guid SessionId, string TherapistUrl, string ClientUrl);

/// <summary>
/// One in-session view as saved (or still under way: <c>Outcome</c> null): when, the consent given for it (version and time,
/// and when it was withdrawn), the client's state before and after, both mean heart rates, synchrony (mean |r|, 0 to 1) with
/// the chance check's sentence, and both curves one value a second (0 = none).
/// </summary>
public sealed record InSessionDto(
    Guid Id,
    Guid TherapistId,
    string Therapist,
    Guid ClientId,
    string Client,
    DateTime StartedAt,
    DateTime? EndedAt,
    string? Outcome,
    int ConsentVersion,
    DateTime ConsentedAt,
    DateTime? RevokedAt,
    string? ClientBefore,
    string? ClientAfter,
    int Seconds,
    double? TherapistMeanHeartRate,
    double? ClientMeanHeartRate,
    double? Synchrony,
    string Chance,
    int[] TherapistCurve,
    int[] ClientCurve);

/// <summary>The words a client agrees to for one in-session view, in the version they would agree to now.</summary>
public sealed record InSessionTermsDto(int Version, IReadOnlyList<string> Text);

/// <summary>How the client is after the session: connected, activated or shut down.</summary>
public sealed record InSessionAfterRequest(string? State);
