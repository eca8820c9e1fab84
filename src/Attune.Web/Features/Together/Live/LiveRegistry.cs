using System.Collections.Concurrent;
using System.Diagnostics;
using Attune.Web.Features.CheckIns;

namespace Attune.Web.Features.Together.Live;

/// <summary>Settings of live sessions (section <c>Live</c>); the defaults are what the issue asks for.</summary>
public sealed class LiveOptions
{
    public const string Section = "Live";

    /// <summary>How long a dropped partner has to come back before the session ends as incomplete.</summary>
    public int RejoinSeconds { get; set; } = 30;

    /// <summary>How long an invitation waits for the partner to join.</summary>
    public int JoinWithinMinutes { get; set; } = 15;

    /// <summary>Hub messages a connection may send per second, on average; bursts up to twice that.</summary>
    public int MessagesPerSecond { get; set; } = 10;

    /// <summary>The largest hub message the server reads; anything bigger closes the sender's connection.</summary>
    public int MaxMessageBytes { get; set; } = 4096;
}

/// <summary>
/// The server's clock for pacing: Unix milliseconds, fine-grained (a stopwatch on top of one wall-clock reading), never
/// the test clock: both screens must agree with real time, and the clock-offset exchange measures against this.
/// </summary>
public static class LiveClock
{
    private static readonly double Origin = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
    private static readonly long Ticks = Stopwatch.GetTimestamp();

    public static double NowMs => Origin + Stopwatch.GetElapsedTime(Ticks).TotalMilliseconds;
}

/// <summary>
/// The sessions under way, and which connection on this node is in which. With Redis, every node holds a copy of every
/// session, kept in step by <see cref="LiveReplica"/>: each change below is applied here and published to the others.
/// </summary>
public sealed class LiveRegistry
{
    private readonly ConcurrentDictionary<Guid, LiveSession> _sessions = new();
    private readonly ConcurrentDictionary<string, Guid> _connections = new();
    private readonly ConcurrentDictionary<Guid, TaskCompletionSource> _fetches = new();
    private readonly ConcurrentDictionary<Guid, double> _ended = new();
    private readonly LiveReplica? _replica;

    public LiveRegistry(LiveReplica? replica = null)
    {
        _replica = replica;
        replica?.Listen(Apply);
    }

    internal ICollection<LiveSession> All => _sessions.Values;

    public int Count => _sessions.Count;

    internal LiveSession? Find(Guid id) => _sessions.TryGetValue(id, out var s) && !s.Ended ? s : null;

    /// <summary>
    /// The session, asking the other nodes for it when this node has no copy (it started after the session began, or
    /// missed the start while Redis was away); null when no node answers within <paramref name="wait"/>.
    /// </summary>
    internal async Task<LiveSession?> FindOrFetchAsync(Guid id, TimeSpan wait, CancellationToken cancel)
    {
        // A session this node saw end is not asked for: a page opened on it afterwards answers at once.
        if (Find(id) is not null || _replica is not { Shared: true } || id == Guid.Empty || _ended.ContainsKey(id))
        {
            return Find(id);
        }
        var fetch = _fetches.GetOrAdd(id, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        _replica.Publish(new LiveEvent("want", id));
        try
        {
            await fetch.Task.WaitAsync(wait, cancel);
        }
        catch (TimeoutException)
        {
            // No node holds it: it ended, or never was.
        }
        finally
        {
            _fetches.TryRemove(new KeyValuePair<Guid, TaskCompletionSource>(id, fetch));
        }
        return Find(id);
    }

    internal void Add(LiveSession session)
    {
        _sessions[session.Id] = session;
        _replica?.Publish(new LiveEvent(StartOf(session.Kind), session.Id, session.Starter.UserId, session.Partner.UserId, session.CreatedAt,
            session.PacerStartMs, session.BreathsPerMinute));
    }

    internal void Remove(LiveSession session)
    {
        Forget(session.Id);
        foreach (var person in new[] { session.Starter, session.Partner })
        {
            if (person.ConnectionId is { } c)
            {
                _connections.TryRemove(c, out _);
            }
        }
        _replica?.Publish(new LiveEvent("end", session.Id));
    }

    /// <summary>The session of that kind a person is in (as starter or partner), if one is under way.</summary>
    internal LiveSession? Of(Guid userId, LiveKind kind = LiveKind.Breathe) =>
        _sessions.Values.FirstOrDefault(s => !s.Ended && s.Kind == kind && (s.Starter.UserId == userId || s.Partner.UserId == userId));

    /// <summary>The in-session view a therapist started with a client, if one is under way.</summary>
    internal LiveSession? InSession(Guid therapist, Guid client) =>
        _sessions.Values.FirstOrDefault(s => !s.Ended && s.Kind == LiveKind.InSession && s.Starter.UserId == therapist && s.Partner.UserId == client);

    /// <summary>A session's kind travels in the start event's name, so the replica's event shape stays as it is.</summary>
    private static string StartOf(LiveKind kind) => kind == LiveKind.InSession ? "start-in-session" : "start";

    internal void Attach(string connectionId, Guid sessionId) => _connections[connectionId] = sessionId;

    /// <summary>The session a connection had joined, forgetting the connection.</summary>
    internal LiveSession? Detach(string connectionId) =>
        _connections.TryRemove(connectionId, out var id) && _sessions.TryGetValue(id, out var s) ? s : null;

    /// <summary>The person joined (or came back) on <paramref name="connectionId"/>; returns the presence of both.</summary>
    internal LivePresenceDto Joined(LiveSession session, Guid me, string connectionId, DateTime now, NervousState? before)
    {
        LivePresenceDto presence;
        DateTime joinedAt;
        lock (session.Gate)
        {
            var person = session.Of(me)!;
            person.ConnectionId = connectionId;
            joinedAt = person.JoinedAt ??= now;
            person.DroppedAtMs = null;
            person.Before = before ?? person.Before;
            person.LastHeardMs = LiveClock.NowMs;
            presence = BreathSessions.Presence(session);
        }
        _replica?.Publish(new LiveEvent("join", session.Id, me, At: joinedAt, Connection: connectionId, Before: before));
        return presence;
    }

    internal void Beat(LiveSession session, Guid me, double atS, int bpm)
    {
        lock (session.Gate)
        {
            var person = session.Of(me)!;
            person.Add(atS, bpm, 60);
            person.LastHeardMs = LiveClock.NowMs;
        }
        _replica?.Publish(new LiveEvent("beat", session.Id, me, Ms: atS, Bpm: bpm));
    }

    internal void Heard(LiveSession session, Guid me)
    {
        lock (session.Gate)
        {
            session.Of(me)!.LastHeardMs = LiveClock.NowMs;
        }
        _replica?.Publish(new LiveEvent("heard", session.Id, me));
    }

    /// <summary>The connection closed: its person is dropped (unless they are back on another); null when nothing changed.</summary>
    internal LivePresenceDto? Dropped(LiveSession session, string connectionId)
    {
        LivePresenceDto presence;
        Guid who;
        var at = LiveClock.NowMs;
        lock (session.Gate)
        {
            var person = session.Starter.ConnectionId == connectionId ? session.Starter : session.Partner.ConnectionId == connectionId ? session.Partner : null;
            if (person is null || session.Ended)
            {
                return null;
            }
            person.ConnectionId = null;
            person.DroppedAtMs = at;
            presence = BreathSessions.Presence(session);
            who = person.UserId;
        }
        _replica?.Publish(new LiveEvent("drop", session.Id, who, Ms: at, Connection: connectionId));
        return presence;
    }

    /// <summary>Drops the session and remembers for two hours that it ended, so a late answer to a "want" does not bring it back.</summary>
    private void Forget(Guid id)
    {
        _sessions.TryRemove(id, out _);
        var now = LiveClock.NowMs;
        _ended[id] = now;
        foreach (var (old, at) in _ended)
        {
            if (now - at > 2 * 3600_000.0)
            {
                _ended.TryRemove(old, out _);
            }
        }
    }

    /// <summary>Applies another node's change to this node's copy.</summary>
    private void Apply(LiveEvent change)
    {
        if (change.Kind == "want")
        {
            foreach (var held in _sessions.Values.Where(s => !s.Ended && (change.Session == Guid.Empty || s.Id == change.Session)))
            {
                _replica?.Publish(new LiveEvent("state", held.Id, State: LiveSnapshot.Of(held)));
            }
            return;
        }
        if (change.Kind == "state")
        {
            // The first answer wins; a copy this node already holds is kept as it is (it has every change since).
            if (change.State is { } state && !_ended.ContainsKey(state.Id))
            {
                _sessions.TryAdd(state.Id, state.ToSession());
                if (_fetches.TryGetValue(state.Id, out var fetch))
                {
                    fetch.TrySetResult();
                }
            }
            return;
        }
        if (change.Kind == "end")
        {
            if (_sessions.TryGetValue(change.Session, out var ending))
            {
                lock (ending.Gate)
                {
                    ending.Ended = true;
                }
            }
            Forget(change.Session);
            return;
        }
        if (change.Kind is "start" or "start-in-session")
        {
            _sessions.TryAdd(change.Session, new LiveSession(change.Session, change.User, change.Partner, change.At ?? DateTime.UtcNow, change.Ms,
                change.BreathsPerMinute, change.Kind == "start" ? LiveKind.Breathe : LiveKind.InSession));
            return;
        }
        if (!_sessions.TryGetValue(change.Session, out var session))
        {
            return;
        }
        lock (session.Gate)
        {
            if (session.Of(change.User) is not { } person)
            {
                return;
            }
            switch (change.Kind)
            {
                case "join":
                    person.ConnectionId = change.Connection;
                    person.JoinedAt ??= change.At;
                    person.DroppedAtMs = null;
                    person.Before = change.Before ?? person.Before;
                    person.LastHeardMs = LiveClock.NowMs;
                    break;
                case "beat":
                    person.Add(change.Ms, change.Bpm, 60);
                    person.LastHeardMs = LiveClock.NowMs;
                    break;
                case "heard":
                    person.LastHeardMs = LiveClock.NowMs;
                    break;
                case "drop" when person.ConnectionId == change.Connection:
                    person.ConnectionId = null;
                    person.DroppedAtMs = change.Ms;
                    break;
            }
        }
    }
}
