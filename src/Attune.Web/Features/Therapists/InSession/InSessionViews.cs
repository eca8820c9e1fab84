using Attune.Web.Features.CheckIns;
using Attune.Web.Features.Together.Live;
using Microsoft.AspNetCore.SignalR;

namespace Attune.Web.Features.Therapists.InSession;

/// <summary>
/// A therapist's live in-session view with one client, as a kind of live session on the one hub (decision 0023): the
/// therapist starts it, the client agrees for this session and joins from their own device, both send heart rates, and
/// <see cref="BreathSessions"/> relays them, sends synchrony, checks consent on every message and saves the end. The client
/// withdrawing the session's consent ends it at once, on whichever node holds it.
/// </summary>
public sealed class InSessionViews(
    BreathSessions sessions, InSessionConsents consents, LiveRegistry registry, IHubContext<TogetherHub> hub, TimeProvider clock)
{
    /// <summary>Starts (or finds) the view with <paramref name="client"/>; null when they do not share heart data with me now.</summary>
    public async Task<InSessionStartedDto?> StartAsync(Guid therapist, Guid client, CancellationToken cancel)
    {
        if (!await consents.MayStartAsync(therapist, client, cancel))
        {
            return null;
        }
        var session = registry.InSession(therapist, client);
        if (session is null)
        {
            session = new LiveSession(Guid.CreateVersion7(), therapist, client, clock.GetUtcNow().UtcDateTime, Math.Floor(LiveClock.NowMs), 0, LiveKind.InSession);
            registry.Add(session);
        }
        return Started(session.Id, client);
    }

    public static InSessionStartedDto Started(Guid sessionId, Guid client) =>
        new(sessionId, $"/therapist/clients/{client}/live/{sessionId}", $"/therapy/live/{sessionId}");

    /// <summary>A view a therapist started with me that I may join now (for my home page's prompt).</summary>
    public async Task<(Guid Id, Guid Therapist)?> WaitingForAsync(Guid client, CancellationToken cancel) =>
        registry.Of(client, LiveKind.InSession) is { } s && s.Partner.UserId == client
            && await consents.MayContinueAsync(s.Id, s.Starter.UserId, client, s.Starter.UserId, cancel) == true
            ? (s.Id, s.Starter.UserId)
            : null;

    /// <summary>For the pages: the view under way with me in it, still consented; who the other is and whether I am the therapist.</summary>
    public async Task<(bool IAmTherapist, Guid Therapist, Guid Client)?> UnderWayAsync(Guid me, Guid sessionId, CancellationToken cancel) =>
        await registry.FindOrFetchAsync(sessionId, BreathSessions.FetchWait, cancel) is { Kind: LiveKind.InSession } s && s.Of(me) is not null
            && await consents.MayContinueAsync(s.Id, s.Starter.UserId, s.Partner.UserId, s.Starter.UserId, cancel) == true
            ? (s.Starter.UserId == me, s.Starter.UserId, s.Partner.UserId)
            : null;

    /// <summary>
    /// Joins the view: the therapist as they are; the client only with the current consent text agreed (recorded with its
    /// version before anything of theirs is sent), and tells the therapist how the client is, when they said.
    /// </summary>
    public async Task<LiveJoinedDto> JoinAsync(Guid me, Guid sessionId, string? stateBefore, int? consentVersion, string connectionId, CancellationToken cancel)
    {
        if (await registry.FindOrFetchAsync(sessionId, BreathSessions.FetchWait, cancel) is not { Kind: LiveKind.InSession } session || session.Of(me) is null)
        {
            throw new LiveRefusal(BreathSessions.NotAvailable);
        }
        NervousState? before = null;
        if (me == session.Partner.UserId)
        {
            if (consentVersion != InSessionConsent.CurrentVersion)
            {
                throw new LiveRefusal("Please read what this session shares, and agree, before joining.");
            }
            before = stateBefore is null ? null : StateNames.Parse(stateBefore) ?? throw new LiveRefusal("Please choose how you are: connected, activated or shut down.");
            if (!await consents.MayStartAsync(session.Starter.UserId, me, cancel)
                || !await consents.AgreeAsync(me, sessionId, session.Starter.UserId, session.CreatedAt, before, clock.GetUtcNow().UtcDateTime, cancel))
            {
                throw new LiveRefusal(BreathSessions.NotAvailable);
            }
        }
        var joined = await sessions.JoinAsync(me, sessionId, me == session.Partner.UserId ? stateBefore : null, connectionId, cancel);
        if (before is { } state)
        {
            await hub.Clients.Group(session.Group).SendAsync("ClientState", StateNames.Of(state), cancel);
        }
        return joined;
    }

    /// <summary>The client withdraws a session's consent: saved at once, and a view under way ends for both.</summary>
    public async Task<bool> RevokeAsync(Guid client, Guid sessionId, CancellationToken cancel)
    {
        if (!await consents.RevokeAsync(client, sessionId, clock.GetUtcNow().UtcDateTime, cancel))
        {
            return false;
        }
        if (await registry.FindOrFetchAsync(sessionId, BreathSessions.FetchWait, cancel) is { Kind: LiveKind.InSession } session && session.Partner.UserId == client)
        {
            await sessions.EndNowAsync(session, BreathOutcome.Revoked, cancel);
        }
        return true;
    }
}
