using System.Text.Json;
using Attune.Web.Features.CheckIns;
using Attune.Web.Infrastructure;
using StackExchange.Redis;

namespace Attune.Web.Features.Together.Live;

/// <summary>One change to a session under way, as every node applies it to its copy (decision 0020).</summary>
internal sealed record LiveEvent(
    string Sender,
    string Kind,
    Guid Session,
    Guid User = default,
    Guid Partner = default,
    DateTime? At = null,
    double Ms = 0,
    double BreathsPerMinute = 0,
    string? Connection = null,
    NervousState? Before = null,
    int Bpm = 0);

/// <summary>
/// Keeps every node's <see cref="LiveRegistry"/> a copy of every session under way, through Redis pub/sub: a start, a join,
/// a heart rate, a drop and an end made on one node are applied on all. So the partner's node can serve a session the
/// other node started, and a person whose node died carries on from a surviving node. Ending, and sending live synchrony,
/// is claimed in Redis (SET NX) so exactly one node does it. Without Redis (one node) it does nothing.
/// </summary>
public sealed class LiveReplica
{
    private const string Channel = "attune:live";

    private readonly RedisConnection? _redis;
    private readonly ILogger<LiveReplica> _log;
    private readonly string _sender = Guid.NewGuid().ToString("n");
    private Action<LiveEvent>? _apply;

    public LiveReplica(ILogger<LiveReplica> log, RedisConnection? redis = null)
    {
        _redis = redis;
        _log = log;
    }

    public bool Shared => _redis is not null;

    /// <summary>Starts applying other nodes' changes with <paramref name="apply"/>.</summary>
    internal void Listen(Action<LiveEvent> apply)
    {
        _apply = apply;
        if (_redis is null)
        {
            return;
        }
        try
        {
            _redis.Multiplexer.GetSubscriber().Subscribe(RedisChannel.Literal(Channel), (_, message) => Receive(message));
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            _log.LogWarning("Live sessions are not shared with other nodes for now: {Reason}", e.Message);
        }
    }

    /// <summary>Tells the other nodes; never throws (Redis away: this node carries on alone).</summary>
    internal void Publish(LiveEvent change)
    {
        if (_redis is null)
        {
            return;
        }
        var message = JsonSerializer.Serialize(change with { Sender = _sender });
        _ = PublishAsync(message);
    }

    private async Task PublishAsync(string message)
    {
        try
        {
            await _redis!.Multiplexer.GetSubscriber().PublishAsync(RedisChannel.Literal(Channel), message);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            _log.LogWarning("Could not share a live session change with the other nodes: {Reason}", e.Message);
        }
    }

    /// <summary>
    /// True for exactly one caller across the nodes per <paramref name="what"/> (for <paramref name="keep"/>). Without Redis, or
    /// while it is away, true: one node decides alone, and the session's primary key still keeps it from being saved twice.
    /// </summary>
    internal async Task<bool> ClaimAsync(string what, TimeSpan keep)
    {
        if (_redis is null)
        {
            return true;
        }
        try
        {
            return await _redis.Database.StringSetAsync("attune:live:claim:" + what, _sender, keep, When.NotExists);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            return true;
        }
    }

    private void Receive(RedisValue message)
    {
        LiveEvent? change;
        try
        {
            change = JsonSerializer.Deserialize<LiveEvent>(message.ToString());
        }
        catch (JsonException)
        {
            return;
        }
        if (change is not null && change.Sender != _sender)
        {
            _apply?.Invoke(change);
        }
    }
}
