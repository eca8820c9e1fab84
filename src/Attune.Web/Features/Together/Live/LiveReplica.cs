using System.Text.Json;
using Attune.Web.Features.CheckIns;
using Attune.Web.Infrastructure;
using StackExchange.Redis;

namespace Attune.Web.Features.Together.Live;

/// <summary>
/// One change to a session under way, as every node applies it to its copy (decision 0020); <c>want</c> asks the nodes
/// for a session's whole state (all sessions when <see cref="Session"/> is empty), <c>state</c> is one node's answer
/// (decision 0025).
/// </summary>
internal sealed record LiveEvent(
    string Kind,
    Guid Session,
    Guid User = default,
    Guid Partner = default,
    DateTime? At = null,
    double Ms = 0,
    double BreathsPerMinute = 0,
    string? Connection = null,
    NervousState? Before = null,
    int Bpm = 0,
    LiveSnapshot? State = null);

/// <summary>
/// Keeps every node's <see cref="LiveRegistry"/> a copy of every session under way, on the <see cref="RedisBus"/> channel
/// <c>attune:live</c>: a start, a join, a heart rate, a drop and an end made on one node are applied on all. So the
/// partner's node can serve a session the other node started, and a person whose node died carries on from a surviving
/// node. A node that starts (or whose Redis came back) asks the others for every session under way, and one that is
/// asked for a session it lacks asks for that one, so a node started mid-session serves it too. Ending, and sending
/// live synchrony, is claimed in Redis (SET NX) so exactly one node does it. Without Redis (one node) it does nothing.
/// </summary>
public sealed class LiveReplica(RedisBus bus, RedisConnection? redis = null)
{
    private const string Channel = "attune:live";

    public bool Shared => bus.Shared;

    /// <summary>Applies other nodes' changes with <paramref name="apply"/>, and asks them for every session under way now and after Redis was away.</summary>
    internal void Listen(Action<LiveEvent> apply)
    {
        if (!bus.Shared)
        {
            return;
        }
        bus.Subscribe(Channel, message =>
        {
            LiveEvent? change;
            try
            {
                change = JsonSerializer.Deserialize<LiveEvent>(message);
            }
            catch (JsonException)
            {
                return;
            }
            if (change is not null)
            {
                apply(change);
            }
        }, restored: () => Publish(new LiveEvent("want", Guid.Empty)));
        Publish(new LiveEvent("want", Guid.Empty));
    }

    /// <summary>Tells the other nodes; never throws (Redis away: this node carries on alone).</summary>
    internal void Publish(LiveEvent change)
    {
        if (bus.Shared)
        {
            bus.Publish(Channel, JsonSerializer.Serialize(change));
        }
    }

    /// <summary>
    /// True for exactly one caller across the nodes per <paramref name="what"/> (for <paramref name="keep"/>). Without Redis, or
    /// while it is away, true: one node decides alone, and the session's primary key still keeps it from being saved twice.
    /// </summary>
    internal async Task<bool> ClaimAsync(string what, TimeSpan keep)
    {
        if (redis is null)
        {
            return true;
        }
        try
        {
            return await redis.Database.StringSetAsync("attune:live:claim:" + what, Guid.NewGuid().ToString("n"), keep, When.NotExists);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            return true;
        }
    }
}
