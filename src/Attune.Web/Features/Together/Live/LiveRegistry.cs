using System.Collections.Concurrent;
using System.Diagnostics;

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

/// <summary>The sessions under way on this node, and which connection is in which.</summary>
public sealed class LiveRegistry
{
    private readonly ConcurrentDictionary<Guid, LiveSession> _sessions = new();
    private readonly ConcurrentDictionary<string, Guid> _connections = new();

    internal ICollection<LiveSession> All => _sessions.Values;

    public int Count => _sessions.Count;

    internal LiveSession? Find(Guid id) => _sessions.TryGetValue(id, out var s) && !s.Ended ? s : null;

    internal void Add(LiveSession session) => _sessions[session.Id] = session;

    internal void Remove(LiveSession session)
    {
        _sessions.TryRemove(session.Id, out _);
        foreach (var person in new[] { session.Starter, session.Partner })
        {
            if (person.ConnectionId is { } c)
            {
                _connections.TryRemove(c, out _);
            }
        }
    }

    /// <summary>The session a person is in (as starter or partner), if one is under way.</summary>
    internal LiveSession? Of(Guid userId) =>
        _sessions.Values.FirstOrDefault(s => !s.Ended && (s.Starter.UserId == userId || s.Partner.UserId == userId));

    internal void Attach(string connectionId, Guid sessionId) => _connections[connectionId] = sessionId;

    /// <summary>The session a connection had joined, forgetting the connection.</summary>
    internal LiveSession? Detach(string connectionId) =>
        _connections.TryRemove(connectionId, out var id) && _sessions.TryGetValue(id, out var s) ? s : null;
}
