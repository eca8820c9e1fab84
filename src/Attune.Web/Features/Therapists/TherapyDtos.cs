namespace Attune.Web.Features.Therapists;

/// <summary>One week of shared check-ins: how many in each state, and their mean intensity.</summary>
public sealed record StateWeekDto(DateOnly WeekOf, int Connected, int Activated, int ShutDown, double MeanIntensity);

public sealed record CountDto(string Id, string Name, int Count);

/// <summary>Shared check-ins over the period: the state timeline, granularity (distinct words) and the body map summary.</summary>
public sealed record CheckInSummaryDto(int Count, List<StateWeekDto> Weeks, int DistinctWords, List<CountDto> Words, List<CountDto> Body);

/// <summary>One practice's sessions and mean effect (−20 … +20, towards connected).</summary>
public sealed record PracticeEffectDto(string PracticeId, string Name, int Sessions, double MeanEffect);

public sealed record PracticeSummaryDto(int Sessions, List<PracticeEffectDto> ByPractice);

public sealed record MeasurePointDto(DateTime TakenAt, int Total);

/// <summary>
/// One measure over time; <c>Direction</c> is the reliable change from the first to the latest response in the period
/// (improved, worsened, none), or null with fewer than two.
/// </summary>
public sealed record MeasureSeriesDto(string Kind, string Name, int MaxTotal, List<MeasurePointDto> Points, string? LatestBand, string? Direction, int? Change);

/// <summary>Flooding breaks taken in the period (the Together stream).</summary>
public sealed record FloodingSummaryDto(int Breaks, List<DateTime> Recent);

public sealed record RecordingItemDto(Guid Id, string Name, DateTime At, double DurationSeconds);

/// <summary>
/// What one therapist may see of one client, exactly as consented: a section is null when its stream is not shared.
/// <c>SafetyFlag</c> is true when a PHQ-9 in the period answered its last item with anything but "not at all" (measures only).
/// </summary>
public sealed record ClientDashboardDto(
    Guid ClientId,
    string Name,
    string[] Streams,
    DateTime From,
    DateTime To,
    CheckInSummaryDto? CheckIns,
    PracticeSummaryDto? Practices,
    List<MeasureSeriesDto>? Measures,
    FloodingSummaryDto? Flooding,
    List<RecordingItemDto>? Recordings,
    List<HomeworkDto> Homework,
    bool SafetyFlag,
    Guid? PartnerClientId);

/// <summary>A couple who both consented to the same therapist, side by side.</summary>
public sealed record CoupleDashboardDto(ClientDashboardDto First, ClientDashboardDto Second);

/// <summary>One client on the caseload: only what consent allows (no measure without the measures stream).</summary>
public sealed record CaseloadClientDto(
    Guid ClientId, string Name, string[] Streams, DateTime Since, Dictionary<string, string?> Outcomes, bool SafetyFlag, Guid? PartnerClientId);

/// <summary>How many clients improved, worsened or did not change reliably on one measure (clients with two or more responses).</summary>
public sealed record OutcomeAggregateDto(string Kind, string Name, int Clients, int Improved, int Worsened, int NoReliableChange);

public sealed record CaseloadDto(List<CaseloadClientDto> Clients, List<OutcomeAggregateDto> Outcomes);

/// <summary>Homework with its adherence (done this week against the target) and effect where the client shares it.</summary>
public sealed record HomeworkDto(
    Guid Id, Guid TherapistId, string Therapist, Guid ClientId, string Kind, string Item, string Title, int TimesPerWeek, string? Note,
    DateTime StartsAt, DateTime? EndedAt, int? DoneThisWeek, int? DoneTotal, double? MeanEffect);

public sealed record AssignHomeworkRequest(string? Kind, string? Item, int? TimesPerWeek, string? Note);

public sealed record TherapyNoteDto(Guid Id, string Text, DateTime CreatedAt);

public sealed record WriteNoteRequest(string? Text);

public sealed record InviteClientRequest(string? Email);

public sealed record AcceptTherapistRequest(string? Code, string[]? Streams, int? ConsentVersion);

public sealed record ChangeConsentRequest(string[]? Streams, int? ConsentVersion);

public sealed record TherapistTermsDto(int Version, IReadOnlyList<string> Text, string[] Streams);

public sealed record GrantTherapistRequest(string? Email, string? Practice);
