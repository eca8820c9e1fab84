using Attune.Analysis.Measures;
using Attune.Web.Data;
using Attune.Web.Features.CheckIns;
using Attune.Web.Features.Measures;
using Attune.Web.Features.Practices;
using Attune.Web.Features.Practices.Library;
using Attune.Web.Features.Recordings;
using Attune.Web.Features.Sharing;
using Attune.Web.Features.Together;
using Microsoft.EntityFrameworkCore;

namespace Attune.Web.Features.Therapists;

/// <summary>
/// A therapist's view of a client, and of their caseload: every read goes through <see cref="Access"/> with the therapist as
/// reader (so each is in the client's access log) and only for the streams the client's therapist grant covers right now.
/// </summary>
public sealed class ClientDashboards(AttuneDb db, Access access, HomeworkPlans homework, TimeProvider clock)
{
    public const int DefaultDays = 90;
    public const int MaxDays = 366;

    /// <summary>How far back a PHQ-9 answer to the last item still raises the flag on the caseload.</summary>
    public static readonly TimeSpan SafetyWindow = TimeSpan.FromDays(30);

    private sealed record CheckInRow(NervousState State, int Intensity, DateOnly LocalDate, string Emotions, string Body);

    private sealed record MeasureRow(MeasureKind Kind, int Total, string Band, bool SafetyScreen, DateTime TakenAt);

    private sealed record SessionRow(string PracticeId, int Effect);

    /// <summary>Null when <paramref name="client"/> is not the therapist's client right now (the caller's 404).</summary>
    public Task<ClientDashboardDto?> GetAsync(Guid therapist, Guid client, int days, CancellationToken cancel) =>
        access.LoggedOnceAsync(() => ReadAsync(therapist, client, days, cancel), cancel);

    private async Task<ClientDashboardDto?> ReadAsync(Guid therapist, Guid client, int days, CancellationToken cancel)
    {
        var streams = await TherapyLinks.ConsentedAsync(db, therapist, client, cancel);
        if (streams == DataStream.None)
        {
            return null;
        }
        var to = clock.GetUtcNow().UtcDateTime;
        var from = to.AddDays(-Math.Clamp(days, 1, MaxDays));
        var name = (await People.NamesAsync(db, [client], cancel)).GetValueOrDefault(client, "someone");

        CheckInSummaryDto? checkIns = null;
        if (streams.HasFlag(DataStream.CheckIns))
        {
            var rows = await access.ListAsync<CheckIn, CheckInRow>(therapist, Whose.Shared,
                q => q.Where(c => c.OwnerId == client && c.OccurredAt >= from && c.OccurredAt <= to).OrderBy(c => c.OccurredAt),
                c => new CheckInRow(c.State, c.Intensity, c.LocalDate, c.Emotions, c.Body), cancel);
            checkIns = SummarizeCheckIns([.. rows.Select(r => r.Value)]);
        }

        PracticeSummaryDto? practices = null;
        if (streams.HasFlag(DataStream.Practices))
        {
            var rows = await access.ListAsync<PracticeSession, SessionRow>(therapist, Whose.Shared,
                q => q.Where(s => s.OwnerId == client && s.StartedAt >= from && s.StartedAt <= to),
                s => new SessionRow(s.PracticeId, s.Effect), cancel);
            practices = new PracticeSummaryDto(rows.Count, [.. rows.GroupBy(r => r.Value.PracticeId)
                .Select(g => new PracticeEffectDto(g.Key, PracticeLibrary.Find(g.Key)?.Title ?? "A practice of their own", g.Count(), Math.Round(g.Average(r => r.Value.Effect), 1)))
                .OrderByDescending(p => p.Sessions).ThenBy(p => p.Name, StringComparer.Ordinal)]);
        }

        List<MeasureSeriesDto>? measures = null;
        var safety = false;
        if (streams.HasFlag(DataStream.Measures))
        {
            var rows = await access.ListAsync<MeasureResponse, MeasureRow>(therapist, Whose.Shared,
                q => q.Where(m => m.OwnerId == client && m.TakenAt >= from && m.TakenAt <= to).OrderBy(m => m.TakenAt),
                m => new MeasureRow(m.Kind, m.Total, m.Band, m.SafetyScreen, m.TakenAt), cancel);
            measures = [.. rows.Select(r => r.Value).GroupBy(r => r.Kind).OrderBy(g => g.Key).Select(g => Series(g.Key, [.. g]))];
            safety = rows.Any(r => r.Value.SafetyScreen && r.Value.TakenAt >= to - SafetyWindow);
        }

        FloodingSummaryDto? flooding = null;
        if (streams.HasFlag(DataStream.Together))
        {
            var rows = await access.ListAsync<FloodingBreak, DateTime>(therapist, Whose.Shared,
                q => q.Where(b => b.OwnerId == client && b.StartedAt >= from && b.StartedAt <= to).OrderByDescending(b => b.StartedAt),
                b => b.StartedAt, cancel);
            flooding = new FloodingSummaryDto(rows.Count, [.. rows.Take(10).Select(r => r.Value)]);
        }

        List<RecordingItemDto>? recordings = null;
        if (streams.HasFlag(DataStream.Recordings))
        {
            var rows = await access.ListAsync<Recording, RecordingItemDto>(therapist, Whose.Shared,
                q => q.Where(r => r.OwnerId == client && r.UploadedAt >= from).OrderByDescending(r => r.UploadedAt).Take(50),
                r => new RecordingItemDto(r.Id, r.Name, r.StartedAt ?? r.UploadedAt, r.DurationSeconds), cancel);
            recordings = [.. rows.Select(r => r.Value)];
        }

        return new ClientDashboardDto(client, name, DataStreams.Names(streams), from, to, checkIns, practices, measures, flooding, recordings,
            await homework.ListAsync(therapist, client, therapist, cancel), safety, await PartnerClientAsync(therapist, client, cancel));
    }

    /// <summary>Both partners side by side; null unless both are the therapist's clients and linked as partners now.</summary>
    public Task<CoupleDashboardDto?> CoupleAsync(Guid therapist, Guid client, int days, CancellationToken cancel) =>
        access.LoggedOnceAsync(async () =>
            await GetAsync(therapist, client, days, cancel) is { PartnerClientId: { } partner } first
            && await GetAsync(therapist, partner, days, cancel) is { } second
                ? new CoupleDashboardDto(first, second)
                : null, cancel);

    public async Task<CaseloadDto> CaseloadAsync(Guid therapist, CancellationToken cancel)
    {
        var grants = await db.Grants.AsNoTracking()
            .Where(g => g.Kind == GrantKind.Therapist && g.Status == GrantStatus.Active && g.GranteeId == therapist)
            .Select(g => new { g.OwnerId, g.Streams, Since = g.AcceptedAt ?? g.CreatedAt }).ToListAsync(cancel);
        var clients = grants.GroupBy(g => g.OwnerId).ToDictionary(g => g.Key,
            g => (Streams: g.Aggregate(DataStream.None, (a, x) => a | x.Streams), Since: g.Min(x => x.Since)));
        var names = await People.NamesAsync(db, clients.Keys, cancel);
        var measured = clients.Where(c => c.Value.Streams.HasFlag(DataStream.Measures)).Select(c => c.Key).ToList();
        var now = clock.GetUtcNow().UtcDateTime;

        var byClient = new Dictionary<Guid, List<MeasureRow>>();
        if (measured.Count > 0)
        {
            var rows = await access.ListAsync<MeasureResponse, MeasureRow>(therapist, Whose.Shared,
                q => q.Where(m => measured.Contains(m.OwnerId)).OrderBy(m => m.TakenAt).Take(measured.Count * Measures.Measures.MaxRows),
                m => new MeasureRow(m.Kind, m.Total, m.Band, m.SafetyScreen, m.TakenAt), cancel);
            byClient = rows.GroupBy(r => r.OwnerId).ToDictionary(g => g.Key, g => g.Select(r => r.Value).ToList());
        }
        var partners = await PartnerPairsAsync([.. clients.Keys], cancel);

        var list = new List<CaseloadClientDto>();
        var directions = new List<(MeasureKind Kind, string? Direction)>();
        foreach (var (id, (streams, since)) in clients)
        {
            var outcomes = new Dictionary<string, string?>();
            var rows = byClient.GetValueOrDefault(id, []);
            foreach (var g in rows.GroupBy(r => r.Kind).OrderBy(g => g.Key))
            {
                var series = Series(g.Key, [.. g]);
                outcomes[series.Kind] = series.Direction;
                directions.Add((g.Key, series.Direction));
            }
            list.Add(new CaseloadClientDto(id, names.GetValueOrDefault(id, "someone"), DataStreams.Names(streams), since, outcomes,
                rows.Any(r => r.SafetyScreen && r.TakenAt >= now - SafetyWindow), partners.TryGetValue(id, out var partner) ? partner : null));
        }
        var aggregates = directions.Where(d => d.Direction is not null).GroupBy(d => d.Kind).OrderBy(g => g.Key)
            .Select(g => new OutcomeAggregateDto(MeasureCatalog.Of(g.Key).Slug, MeasureCatalog.Of(g.Key).Name, g.Count(),
                g.Count(d => d.Direction == "improved"), g.Count(d => d.Direction == "worsened"), g.Count(d => d.Direction == "none")))
            .ToList();
        return new CaseloadDto([.. list.OrderByDescending(c => c.SafetyFlag).ThenBy(c => c.Name, StringComparer.CurrentCultureIgnoreCase)], aggregates);
    }

    private async Task<Guid?> PartnerClientAsync(Guid therapist, Guid client, CancellationToken cancel)
    {
        var partner = await db.Grants.AsNoTracking()
            .Where(g => g.Kind == GrantKind.Partner && g.Status == GrantStatus.Active && g.OwnerId == client && g.GranteeId != null)
            .Select(g => g.GranteeId).FirstOrDefaultAsync(cancel);
        return partner is { } p && await TherapyLinks.ConsentedAsync(db, therapist, p, cancel) != DataStream.None ? p : null;
    }

    /// <summary>For each of <paramref name="clients"/>, their linked partner when the partner is also among them.</summary>
    private async Task<Dictionary<Guid, Guid>> PartnerPairsAsync(List<Guid> clients, CancellationToken cancel)
    {
        var pairs = await db.Grants.AsNoTracking()
            .Where(g => g.Kind == GrantKind.Partner && g.Status == GrantStatus.Active && clients.Contains(g.OwnerId) && g.GranteeId != null && clients.Contains(g.GranteeId.Value))
            .Select(g => new { g.OwnerId, Partner = g.GranteeId!.Value }).ToListAsync(cancel);
        return pairs.GroupBy(p => p.OwnerId).ToDictionary(g => g.Key, g => g.First().Partner);
    }

    private static MeasureSeriesDto Series(MeasureKind kind, List<MeasureRow> rows)
    {
        var form = MeasureCatalog.Of(kind);
        string? direction = null;
        int? change = null;
        if (rows.Count >= 2 && ReliableChangeNorms.For(kind) is { } figures)
        {
            var rc = ReliableChange.Between(form.Instrument, rows[0].Total, rows[^1].Total, figures);
            direction = Measures.Measures.DirectionName(rc.Direction);
            change = rc.Change;
        }
        return new MeasureSeriesDto(form.Slug, form.Name, form.Instrument.MaxTotal, [.. rows.Select(r => new MeasurePointDto(r.TakenAt, r.Total))],
            rows.Count > 0 ? rows[^1].Band : null, direction, change);
    }

    private static CheckInSummaryDto SummarizeCheckIns(List<CheckInRow> rows)
    {
        var vocabulary = CheckInVocabulary.Instance;
        var weeks = rows.GroupBy(r => r.LocalDate.AddDays(-(((int)r.LocalDate.DayOfWeek + 6) % 7))).OrderBy(g => g.Key)
            .Select(g => new StateWeekDto(g.Key, g.Count(r => r.State == NervousState.Connected), g.Count(r => r.State == NervousState.Activated),
                g.Count(r => r.State == NervousState.ShutDown), Math.Round(g.Average(r => r.Intensity), 1)))
            .ToList();
        var words = rows.SelectMany(r => r.Emotions.Split(',', StringSplitOptions.RemoveEmptyEntries)).GroupBy(w => w)
            .Select(g => new CountDto(g.Key, vocabulary.EmotionById.TryGetValue(g.Key, out var e) ? e.Name : "a word of their own", g.Count()))
            .OrderByDescending(w => w.Count).ThenBy(w => w.Name, StringComparer.Ordinal).ToList();
        var body = rows.SelectMany(r => r.Body.Split(',', StringSplitOptions.RemoveEmptyEntries)).Select(p => p.Split(':')[0]).GroupBy(r => r)
            .Select(g => new CountDto(g.Key, vocabulary.RegionById.TryGetValue(g.Key, out var region) ? region.Name : g.Key, g.Count()))
            .OrderByDescending(b => b.Count).ThenBy(b => b.Name, StringComparer.Ordinal).Take(12).ToList();
        return new CheckInSummaryDto(rows.Count, weeks, words.Count, [.. words.Take(12)], body);
    }
}
