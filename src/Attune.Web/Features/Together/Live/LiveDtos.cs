namespace Attune.Web.Features.Together.Live;

/// <summary>Where each of the two is: <c>invited</c> (not joined yet), <c>here</c> or <c>dropped</c>.</summary>
public sealed record LivePresenceDto(string Starter, string Partner);

/// <summary>What a person learns on joining: their role, the pacer's origin (server Unix ms) and rhythm, and presence.</summary>
public sealed record LiveJoinedDto(
    Guid SessionId, string Role, double PacerStartMs, double BreathsPerMinute, double InhaleShare, string PartnerName, LivePresenceDto Presence);

/// <summary>A heart rate relayed to the other: whose (<c>starter</c> | <c>partner</c>), bpm, the sender's sequence number, server time.</summary>
public sealed record LiveHeartDto(string Role, int Bpm, long Seq, double AtMs);

/// <summary>How in step the two heart rates were over the last minute (mean |r|, 0 to 1), or null while too little.</summary>
public sealed record LiveSynchronyDto(double? InStep, int Seconds);

/// <summary>The end of a session as both see it: curves one value a second (0 = none), means, synchrony and the chance check.</summary>
public sealed record LiveSummaryDto(
    Guid SessionId,
    string Outcome,
    int Seconds,
    int[] StarterCurve,
    int[] PartnerCurve,
    double? StarterMean,
    double? PartnerMean,
    double? Synchrony,
    double? SynchronyP,
    string Chance);
