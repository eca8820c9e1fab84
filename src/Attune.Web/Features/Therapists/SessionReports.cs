namespace Attune.Web.Features.Therapists;

/// <summary>Share of each state among a period's shared check-ins (percent, 0 with none).</summary>
public sealed record StateMixDto(int CheckIns, double ConnectedPercent, double ActivatedPercent, double ShutDownPercent);

/// <summary>
/// A session report: what a client shared since the last session (<c>Since</c>, the last <c>Days</c> days), their states in
/// the same number of days before that against since, and measures over the last three months (they are answered every week
/// or two). <c>Before</c>, <c>After</c> and <c>Measures</c> are null when the client does not share that stream; <c>InSession</c>
/// (the live in-session views of the period) is null when they do not share heart data.
/// </summary>
public sealed record SessionReportDto(
    int Days, ClientDashboardDto Since, StateMixDto? Before, StateMixDto? After, List<MeasureSeriesDto>? Measures, List<InSession.InSessionDto>? InSession);

/// <summary>Builds session reports from the same consented reads as the dashboard (so each is in the client's access log).</summary>
public sealed class SessionReports(ClientDashboards dashboards, InSession.InSessionConsents inSession, Sharing.Access access)
{
    public const int DefaultDays = 7;
    public const int MaxDays = 180;

    /// <summary>Null when <paramref name="client"/> is not the therapist's client right now (the caller's 404).</summary>
    public Task<SessionReportDto?> GetAsync(Guid therapist, Guid client, int? days, CancellationToken cancel) =>
        access.LoggedOnceAsync(() => ReadAsync(therapist, client, days, cancel), cancel);

    private async Task<SessionReportDto?> ReadAsync(Guid therapist, Guid client, int? days, CancellationToken cancel)
    {
        var period = Math.Clamp(days ?? DefaultDays, 1, MaxDays);
        if (await dashboards.GetAsync(therapist, client, period, cancel) is not { } since
            || await dashboards.GetAsync(therapist, client, period * 2, cancel) is not { } longer)
        {
            return null;
        }
        var quarter = period * 2 >= ClientDashboards.DefaultDays ? longer : await dashboards.GetAsync(therapist, client, ClientDashboards.DefaultDays, cancel);
        var now = Count(since);
        var all = Count(longer);
        return new SessionReportDto(period, since,
            since.CheckIns is null ? null : Mix(all.C - now.C, all.A - now.A, all.S - now.S),
            since.CheckIns is null ? null : Mix(now.C, now.A, now.S),
            quarter?.Measures,
            await inSession.ForTherapistAsync(therapist, client, null, since.From, cancel));
    }

    private static (int C, int A, int S) Count(ClientDashboardDto d) => d.CheckIns is { } c
        ? (c.Weeks.Sum(w => w.Connected), c.Weeks.Sum(w => w.Activated), c.Weeks.Sum(w => w.ShutDown))
        : (0, 0, 0);

    private static StateMixDto Mix(int connected, int activated, int shutDown)
    {
        var n = connected + activated + shutDown;
        return n == 0 ? new StateMixDto(0, 0, 0, 0)
            : new StateMixDto(n, Math.Round(100.0 * connected / n, 1), Math.Round(100.0 * activated / n, 1), Math.Round(100.0 * shutDown / n, 1));
    }
}
