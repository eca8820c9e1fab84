using System.Globalization;
using System.Text.Json;
using Attune.Analysis;
using Attune.Analysis.Synchrony;
using Attune.Web.Data;
using Attune.Web.Features.CheckIns;
using Attune.Web.Features.Sharing;
using Attune.Web.Features.Therapists.InSession;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Attune.Web.Features.Together.Live;

/// <summary>A refusal the hub passes on to the caller as it is: plain words, no hint whether a session exists.</summary>
public sealed class LiveRefusal(string message) : Exception(message);

/// <summary>
/// Breathing together: start (the partner is told in the app and by push), join, heart rates, presence, the end and the
/// summary. Every call that names a session checks, against the database, that the caller is in it and that the partner
/// link is still active (<see cref="Access.MayReadAsync"/>); when the link has ended, the session ends for both.
/// </summary>
public sealed class BreathSessions(
    AttuneDb db, Access access, Partners partners, Breaks breaks, LiveRegistry registry, LiveReplica replica, IHubContext<TogetherHub> hub,
    InSessionConsents inSession, IOptions<LiveOptions> options, TimeProvider clock)
{
    /// <summary>An hour at most; the curves are kept one value a second.</summary>
    public const int MaxSeconds = 3600;

    public const int MinBpm = 25;
    public const int MaxBpm = 240;

    /// <summary>In for 4 of every 10, out for 6: a slightly longer out-breath, as the practices use.</summary>
    public const double InhaleShare = 0.4;

    /// <summary>Shuffled pairings behind the summary's chance check.</summary>
    public const int SummarySurrogates = 100;

    public static readonly double[] Rhythms = [4.5, 5, 5.5, 6, 6.5, 7];

    internal const string NotAvailable = "That session isn't available.";

    /// <summary>How long a node without a copy of a session waits for another node to send it (they answer within milliseconds).</summary>
    internal static readonly TimeSpan FetchWait = TimeSpan.FromSeconds(2);

    public static readonly string InvitePayload = JsonSerializer.Serialize(new
    {
        title = "An invitation to breathe together",
        body = "Your partner would like to breathe with you for a few minutes. Open Attune to join.",
        url = "/together",
    });

    /// <summary>Starts a session with my partner at <paramref name="breathsPerMinute"/>; tells the partner.</summary>
    public async Task<Guid> StartAsync(Guid me, double breathsPerMinute, CancellationToken cancel)
    {
        if (!Rhythms.Contains(breathsPerMinute))
        {
            throw new LiveRefusal("Please choose a pace between 4.5 and 7 breaths a minute.");
        }
        if (await partners.CurrentAsync(me, cancel) is not { } partner || !await access.MayReadAsync(me, partner.Id, DataStream.Together, cancel))
        {
            throw new LiveRefusal("Breathing together needs a partner link. Link with your partner first.");
        }
        if (registry.Of(me) is { } mine)
        {
            return mine.Id;
        }
        if (registry.Of(partner.Id) is { } theirs)
        {
            return theirs.Id;
        }
        // The first breath begins now: whoever joins later falls in at the same point of the same breath.
        var session = new LiveSession(Guid.CreateVersion7(), me, partner.Id, clock.GetUtcNow().UtcDateTime, Math.Floor(LiveClock.NowMs), breathsPerMinute);
        registry.Add(session);
        await breaks.TellPartnerAsync(me, InvitePayload, "breathe-together", cancel);
        return session.Id;
    }

    /// <summary>An invitation waiting for me to join, or my own session waiting for my partner.</summary>
    public (Guid Id, bool StartedByMe)? Waiting(Guid me) =>
        registry.Of(me) is { } s ? (s.Id, s.Starter.UserId == me) : null;

    public async Task<LiveJoinedDto> JoinAsync(Guid me, Guid sessionId, string? stateBefore, string connectionId, CancellationToken cancel)
    {
        var before = stateBefore is null ? (NervousState?)null : StateNames.Parse(stateBefore) ?? throw new LiveRefusal("Please choose how you are: connected, activated or shut down.");
        var session = await AuthorizeAsync(me, sessionId, joined: false, connectionId, cancel);
        var presence = registry.Joined(session, me, connectionId, clock.GetUtcNow().UtcDateTime, before);
        registry.Attach(connectionId, session.Id);
        await hub.Groups.AddToGroupAsync(connectionId, session.Group, cancel);
        await hub.Clients.Group(session.Group).SendAsync("Presence", presence, cancel);
        var other = session.Other(me).UserId;
        var name = (await People.NamesAsync(db, [other], cancel)).GetValueOrDefault(other, "your partner");
        return new LiveJoinedDto(session.Id, RoleName(session.RoleOf(me)), session.PacerStartMs, session.BreathsPerMinute, InhaleShare, name, presence);
    }

    /// <summary>For the live page: the session under way with me in it (and still linked), with my partner's id.</summary>
    public async Task<(LiveRole Role, Guid PartnerId)?> UnderWayAsync(Guid me, Guid sessionId, CancellationToken cancel) =>
        await registry.FindOrFetchAsync(sessionId, FetchWait, cancel) is { Kind: LiveKind.Breathe } s && s.Of(me) is not null
            && await access.MayReadAsync(me, s.Other(me).UserId, DataStream.Together, cancel)
            ? (s.RoleOf(me), s.Other(me).UserId)
            : null;

    /// <summary>A saved session I was in, as I may read it now (the starter's row; the partner reads it while linked).</summary>
    public async Task<(LiveSummaryDto Summary, Guid Other, bool StartedByMe, NervousState? MyAfter)?> SavedAsync(Guid me, Guid sessionId, CancellationToken cancel)
    {
        var rows = await access.ListAsync<BreathSession, BreathSession>(me, Whose.All,
            q => q.Where(s => s.Id == sessionId && (s.OwnerId == me || s.PartnerId == me)), s => s, cancel);
        if (rows.Count == 0)
        {
            return null;
        }
        var s = rows[0].Value;
        var starter = ParseCurve(s.OwnerCurve);
        var partner = ParseCurve(s.PartnerCurve);
        var summary = new LiveSummaryDto(s.Id, OutcomeName(s.Outcome), Math.Max(starter.Length, partner.Length), starter, partner,
            s.OwnerMeanHeartRate, s.PartnerMeanHeartRate, s.Synchrony, s.SynchronyP, ChanceSentence(s.Synchrony, s.SynchronyP));
        var mine = s.OwnerId == me;
        return (summary, mine ? s.PartnerId : s.OwnerId, mine, mine ? s.OwnerAfter : s.PartnerAfter);
    }

    /// <summary>My heart rate: kept for the summary and relayed to my partner.</summary>
    public async Task BeatAsync(Guid me, Guid sessionId, int bpm, long seq, string connectionId, CancellationToken cancel)
    {
        if (bpm is < MinBpm or > MaxBpm)
        {
            throw new LiveRefusal($"A heart rate must be between {MinBpm} and {MaxBpm} beats a minute.");
        }
        var session = await AuthorizeAsync(me, sessionId, joined: true, connectionId, cancel);
        var now = LiveClock.NowMs;
        registry.Beat(session, me, (now - session.PacerStartMs) / 1000, bpm);
        await hub.Clients.GroupExcept(session.Group, connectionId).SendAsync("Heart", new LiveHeartDto(RoleName(session.RoleOf(me)), bpm, seq, now), cancel);
    }

    /// <summary>"Still here": lets the server check the link even when no strap is sending.</summary>
    public async Task HereAsync(Guid me, Guid sessionId, string connectionId, CancellationToken cancel) =>
        registry.Heard(await AuthorizeAsync(me, sessionId, joined: true, connectionId, cancel), me);

    public async Task EndAsync(Guid me, Guid sessionId, string connectionId, CancellationToken cancel)
    {
        var session = await AuthorizeAsync(me, sessionId, joined: true, connectionId, cancel);
        await FinishAsync(session, BreathOutcome.Completed, cancel);
    }

    /// <summary>How I am after a session that has ended: my own side of the saved session.</summary>
    public async Task AfterAsync(Guid me, Guid sessionId, string? stateAfter, CancellationToken cancel)
    {
        var after = StateNames.Parse(stateAfter) ?? throw new LiveRefusal("Please choose how you are: connected, activated or shut down.");
        var saved = await access.Own<BreathSession>(me).Where(s => s.Id == sessionId).ExecuteUpdateAsync(u => u.SetProperty(s => s.OwnerAfter, after), cancel)
            // The partner's side of a session the other started: theirs to write, through the link that still holds.
            + await PartnerSideAsync(me, sessionId, after, cancel);
        if (saved == 0)
        {
            throw new LiveRefusal(NotAvailable);
        }
    }

    private async Task<int> PartnerSideAsync(Guid me, Guid sessionId, NervousState after, CancellationToken cancel)
    {
        var owner = (await access.FindAsync<BreathSession, Guid>(me, sessionId, s => s.PartnerId, cancel)) is { } read && read.Value == me ? read.OwnerId : (Guid?)null;
        return owner is { } o
            ? await access.Own<BreathSession>(o).Where(s => s.Id == sessionId && s.PartnerId == me).ExecuteUpdateAsync(u => u.SetProperty(s => s.PartnerAfter, after), cancel)
            : 0;
    }

    /// <summary>A connection closed: its person is shown as dropped, and has <see cref="LiveOptions.RejoinSeconds"/> to come back.</summary>
    public async Task DisconnectedAsync(string connectionId, CancellationToken cancel)
    {
        if (registry.Detach(connectionId) is not { } session || registry.Dropped(session, connectionId) is not { } presence)
        {
            return;
        }
        await hub.Clients.Group(session.Group).SendAsync("Presence", presence, cancel);
    }

    /// <summary>
    /// Once a second: ends sessions whose dropped partner did not come back in time (incomplete) or whose invitation
    /// went unanswered (dropped, not saved), and every fifth second sends live synchrony over the last minute.
    /// </summary>
    public async Task SweepAsync(long tick, CancellationToken cancel)
    {
        var now = LiveClock.NowMs;
        var o = options.Value;
        // A person on a node that died is never seen to drop: silent past the hub's timeout and the rejoin time, they count as dropped.
        var silentMs = (o.RejoinSeconds + 15) * 1000.0;
        var fifthSecond = (long)(now / 1000) / 5;
        foreach (var session in registry.All.ToList())
        {
            bool drop, timedOut, unanswered;
            lock (session.Gate)
            {
                drop = new[] { session.Starter, session.Partner }.Any(p => (p.DroppedAtMs is { } at && now - at > o.RejoinSeconds * 1000.0)
                    || (replica.Shared && p.ConnectionId is not null && now - p.LastHeardMs > silentMs));
                timedOut = now - session.PacerStartMs > MaxSeconds * 1000.0;
                unanswered = session.Partner.JoinedAt is null && now - session.PacerStartMs > o.JoinWithinMinutes * 60_000.0;
            }
            if (unanswered && !drop)
            {
                if (!await replica.ClaimAsync("end:" + session.Id.ToString("N"), TimeSpan.FromHours(2)))
                {
                    continue;
                }
                registry.Remove(session);
                await hub.Clients.Group(session.Group).SendAsync("Ended", Summarize(session, BreathOutcome.Incomplete), cancel);
            }
            else if (drop || timedOut)
            {
                await FinishAsync(session, drop ? BreathOutcome.Incomplete : BreathOutcome.Completed, cancel);
            }
            // Every fifth second; with several nodes, the first to claim the five seconds sends it.
            else if (replica.Shared ? await replica.ClaimAsync($"sync:{session.Id:N}:{fifthSecond}", TimeSpan.FromSeconds(10)) : tick % 5 == 0)
            {
                await hub.Clients.Group(session.Group).SendAsync("Synchrony", LastMinute(session), cancel);
            }
        }
    }

    /// <summary>Checks the caller is in the session (and, once joined, on the connection that joined) and still linked.</summary>
    private async Task<LiveSession> AuthorizeAsync(Guid me, Guid sessionId, bool joined, string connectionId, CancellationToken cancel)
    {
        var session = await registry.FindOrFetchAsync(sessionId, FetchWait, cancel);
        LivePerson? person = session?.Of(me);
        if (session is null || person is null || (joined && person.ConnectionId != connectionId))
        {
            throw new LiveRefusal(NotAvailable);
        }
        if (session.Kind == LiveKind.InSession)
        {
            var may = await inSession.MayContinueAsync(session.Id, session.Starter.UserId, session.Partner.UserId, me, cancel);
            if (may is null)
            {
                throw new LiveRefusal(NotAvailable);
            }
            if (may == false)
            {
                await FinishAsync(session, BreathOutcome.Revoked, cancel);
                throw new LiveRefusal(me == session.Starter.UserId
                    ? "This session has ended: your client stopped sharing it."
                    : "This session has ended. Nothing more is shared.");
            }
            return session;
        }
        if (!await access.MayReadAsync(me, session.Other(me).UserId, DataStream.Together, cancel))
        {
            await FinishAsync(session, BreathOutcome.Unlinked, cancel);
            throw new LiveRefusal("This session has ended: the partner link is no longer there.");
        }
        return session;
    }

    /// <summary>Ends a session under way at once (the client revoked it, on this node or another): saved and both told.</summary>
    internal Task EndNowAsync(LiveSession session, BreathOutcome outcome, CancellationToken cancel) => FinishAsync(session, outcome, cancel);

    /// <summary>Ends a session once (whoever gets here first), saves it with its summary and tells both.</summary>
    private async Task FinishAsync(LiveSession session, BreathOutcome outcome, CancellationToken cancel)
    {
        // With several nodes, each sees the same end (a timeout, a drop): one of them saves it and tells both.
        if (session.Ended || !await replica.ClaimAsync("end:" + session.Id.ToString("N"), TimeSpan.FromHours(2)))
        {
            return;
        }
        lock (session.Gate)
        {
            if (session.Ended)
            {
                return;
            }
            session.Ended = true;
        }
        registry.Remove(session);
        var summary = Summarize(session, outcome);
        if (session.Kind == LiveKind.InSession)
        {
            // Saved only when the client agreed and joined: their consent row is the record, completed now.
            await inSession.CompleteAsync(session.Id, session.Partner.UserId, session.Partner.Before, outcome, summary, clock.GetUtcNow().UtcDateTime, cancel);
        }
        else if (session.Partner.JoinedAt is not null)
        {
            db.Add(new BreathSession
            {
                Id = session.Id,
                OwnerId = session.Starter.UserId,
                PartnerId = session.Partner.UserId,
                CreatedAt = session.CreatedAt,
                PacerStart = DateTimeOffset.FromUnixTimeMilliseconds((long)session.PacerStartMs).UtcDateTime,
                BreathsPerMinute = session.BreathsPerMinute,
                PartnerJoinedAt = session.Partner.JoinedAt,
                EndedAt = clock.GetUtcNow().UtcDateTime,
                Outcome = outcome,
                OwnerBefore = session.Starter.Before,
                PartnerBefore = session.Partner.Before,
                OwnerMeanHeartRate = summary.StarterMean,
                PartnerMeanHeartRate = summary.PartnerMean,
                Synchrony = summary.Synchrony,
                SynchronyP = summary.SynchronyP,
                OwnerCurve = Curve(summary.StarterCurve),
                PartnerCurve = Curve(summary.PartnerCurve),
            });
            try
            {
                await db.SaveChangesAsync(cancel);
            }
            catch (DbUpdateException)
            {
                db.ChangeTracker.Clear();
                if (!await Access.Unchecked<BreathSession>(db).AnyAsync(s => s.Id == session.Id, CancellationToken.None))
                {
                    throw;
                }
                // Another node saved it first (its claim was lost with a Redis restart): the primary key kept it to one row.
                return;
            }
        }
        await hub.Clients.Group(session.Group).SendAsync("Ended", summary, cancel);
        // Through the Redis backplane the message comes back to this node's connections after a round trip, so leaving
        // the group now would swallow it; nothing more is sent to an ended session's group anyway.
        if (replica.Shared)
        {
            return;
        }
        foreach (var person in new[] { session.Starter, session.Partner })
        {
            if (person.ConnectionId is { } c)
            {
                await hub.Groups.RemoveFromGroupAsync(c, session.Group, cancel);
            }
        }
    }

    internal static LivePresenceDto Presence(LiveSession s) => new(s.Starter.Presence, s.Partner.Presence);

    public static string RoleName(LiveRole role) => role == LiveRole.Starter ? "starter" : "partner";

    public static string OutcomeName(BreathOutcome outcome) => outcome switch
    {
        BreathOutcome.Completed => "completed",
        BreathOutcome.Unlinked => "unlinked",
        BreathOutcome.Revoked => "revoked",
        _ => "incomplete",
    };

    /// <summary>The summary's chance sentence again, from the saved synchrony and its p.</summary>
    public static string ChanceSentence(double? synchrony, double? p) =>
        synchrony is null ? NotEnough : ChanceVerdict.From(
            p is { } x ? new SurrogateTestResult(synchrony.Value, double.NaN, double.NaN, x, double.NaN, SummarySurrogates, 0) : null).Sentence;

    private const string NotEnough = "There wasn't enough heart rate from both of you to compare.";

    public static string? Curve(int[] values) => values.Length == 0 ? null : string.Join(',', values);

    public static int[] ParseCurve(string? curve) =>
        string.IsNullOrEmpty(curve) ? [] : [.. curve.Split(',').Select(v => int.Parse(v, CultureInfo.InvariantCulture))];

    /// <summary>Live synchrony: the engine's windowed cross-correlation over the last minute, without the chance check.</summary>
    internal static LiveSynchronyDto LastMinute(LiveSession session)
    {
        (double, int)[] a, b;
        lock (session.Gate)
        {
            a = [.. session.Starter.Recent ?? []];
            b = [.. session.Partner.Recent ?? []];
        }
        var result = Synchrony(a, b, windowS: 20, surrogates: 0);
        return new LiveSynchronyDto(result?.Summary.MeanAbsR is { } r && double.IsFinite(r) ? Math.Round(r, 2) : null,
            a.Length == 0 || b.Length == 0 ? 0 : (int)(Math.Min(a[^1].Item1, b[^1].Item1) - Math.Max(a[0].Item1, b[0].Item1)));
    }

    internal static LiveSummaryDto Summarize(LiveSession session, BreathOutcome outcome)
    {
        int[] starter, partner;
        (double, int)[] a, b;
        lock (session.Gate)
        {
            starter = PerSecond(session.Starter);
            partner = PerSecond(session.Partner);
        }
        a = Beats(starter);
        b = Beats(partner);
        var result = Synchrony(a, b, windowS: 30, surrogates: SummarySurrogates);
        var verdict = ChanceVerdict.From(result?.Surrogates);
        var r = result?.Summary.MeanAbsR;
        return new LiveSummaryDto(session.Id, OutcomeName(outcome), Math.Max(starter.Length, partner.Length), starter, partner,
            Mean(starter), Mean(partner), r is { } x && double.IsFinite(x) ? Math.Round(x, 3) : null,
            verdict.PValue, result is null ? NotEnough : verdict.Sentence);
    }

    private static int[] PerSecond(LivePerson p) =>
        p.Seconds is null ? [] : [.. p.Seconds.Select(s => s.Count == 0 ? 0 : (int)Math.Round((double)s.Sum / s.Count))];

    private static (double, int)[] Beats(int[] curve) =>
        [.. curve.Select((bpm, i) => (i + 0.5, bpm)).Where(x => x.bpm > 0)];

    private static double? Mean(int[] curve)
    {
        var values = curve.Where(v => v > 0).ToArray();
        return values.Length == 0 ? null : Math.Round(values.Average(), 1);
    }

    /// <summary>Both heart rates on a 2 Hz grid, then the engine's pipeline; null when there is too little to compare.</summary>
    private static WindowedSynchronyResult? Synchrony((double AtS, int Bpm)[] a, (double AtS, int Bpm)[] b, double windowS, int surrogates)
    {
        if (a.Length < 10 || b.Length < 10)
        {
            return null;
        }
        a = Increasing(a);
        b = Increasing(b);
        try
        {
            var grid = CommonGrid.Resample(
                TimedSignal.Create([.. a.Select(x => x.AtS)], [.. a.Select(x => (double)x.Bpm)], null),
                TimedSignal.Create([.. b.Select(x => x.AtS)], [.. b.Select(x => (double)x.Bpm)], null), rateHz: 2);
            if (grid.A.Length < windowS * 2 + 12)
            {
                return null;
            }
            return WindowedSynchrony.Analyze(grid, new WindowedCrossCorrelationOptions(WindowS: windowS, MaxLagS: 5, StepS: 1, InPhaseToleranceS: 0.5), surrogates);
        }
        catch (InsufficientDataException)
        {
            return null;
        }
    }

    /// <summary>Two beats in the same instant keep the first: the resampler needs strictly increasing times.</summary>
    private static (double AtS, int Bpm)[] Increasing((double AtS, int Bpm)[] beats)
    {
        var kept = new List<(double, int)>(beats.Length);
        foreach (var beat in beats)
        {
            if (kept.Count == 0 || beat.AtS > kept[^1].Item1)
            {
                kept.Add(beat);
            }
        }
        return [.. kept];
    }
}
