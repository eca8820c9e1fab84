using System.Collections.Concurrent;
using Attune.Web.Infrastructure;

namespace Attune.Web.Features.Accounts;

/// <summary>
/// Remembers for <see cref="Window"/> that a session row was found standing, so a signed-in page does
/// not read <c>UserSessions</c> on every request (docs/decisions/0003-sessions-and-tokens.md).
/// </summary>
/// <remarks>
/// Every revocation made by this process (sign out, sign out everywhere else, password change or
/// reset, account deletion) calls <see cref="ForgetAsync"/> after its database write, which takes effect
/// on the next request, and tells the other nodes through <see cref="CacheEvictions"/> when Redis is configured
/// (decision 0020). Only a change no node announced (a manual edit of the database, or several nodes without
/// Redis) can go unnoticed, for at most <see cref="Window"/>.
/// A per-user generation number closes the race where a check that read the row just before a
/// revocation stores its answer just after it: that answer carries the old generation and is ignored.
/// </remarks>
public sealed class SessionCache
{
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(10);

    // Sessions seen within the window; bounded so a flood of distinct cookies cannot grow it without end.
    private const int MaxEntries = 10_000;

    private readonly ConcurrentDictionary<Guid, Entry> _sessions = new();
    private readonly ConcurrentDictionary<Guid, long> _generations = new();

    private readonly TimeProvider _clock;
    private readonly CacheEvictions? _evictions;

    public SessionCache(TimeProvider clock, CacheEvictions? evictions = null)
    {
        _clock = clock;
        _evictions = evictions;
        evictions?.Listen(EvictionKind.Sessions, ForgetHere, _sessions.Clear);
    }

    private sealed record Entry(Guid UserId, long Generation, DateTime LastSeenAt, DateTimeOffset CheckedAt);

    /// <summary>The user's current generation; read it before querying the database, pass it to <see cref="Remember"/>.</summary>
    public long Generation(Guid userId) => _generations.TryGetValue(userId, out var generation) ? generation : 0;

    /// <summary>The session's last-seen time if it was found standing within the window and not forgotten since.</summary>
    public DateTime? StandingLastSeen(Guid sessionId, Guid userId)
    {
        if (!_sessions.TryGetValue(sessionId, out var entry))
        {
            return null;
        }
        if (entry.UserId != userId || entry.Generation != Generation(userId) || _clock.GetUtcNow() - entry.CheckedAt >= Window)
        {
            _sessions.TryRemove(new KeyValuePair<Guid, Entry>(sessionId, entry));
            return null;
        }
        return entry.LastSeenAt;
    }

    public void Remember(Guid sessionId, Guid userId, long generation, DateTime lastSeenAt)
    {
        var now = _clock.GetUtcNow();
        if (_sessions.Count >= MaxEntries)
        {
            foreach (var (id, stale) in _sessions)
            {
                if (now - stale.CheckedAt >= Window)
                {
                    _sessions.TryRemove(id, out _);
                }
            }
            if (_sessions.Count >= MaxEntries)
            {
                return;
            }
        }
        _sessions[sessionId] = new Entry(userId, generation, lastSeenAt, now);
    }

    /// <summary>Drops every remembered session of the user, here and on the other nodes; call after revoking any of them.</summary>
    public Task ForgetAsync(Guid userId)
    {
        ForgetHere(userId);
        return _evictions?.PublishAsync(EvictionKind.Sessions, userId) ?? Task.CompletedTask;
    }

    private void ForgetHere(Guid userId) => _generations.AddOrUpdate(userId, 1, (_, generation) => generation + 1);
}
