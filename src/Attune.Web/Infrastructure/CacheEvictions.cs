using StackExchange.Redis;

namespace Attune.Web.Infrastructure;

/// <summary>What a node has stopped vouching for: a person's sessions, or a recording's cached analysis.</summary>
public enum EvictionKind
{
    Sessions,
    Recording,
}

/// <summary>
/// Tells the other nodes to drop what they cache about a person or a recording, through Redis pub/sub (decision 0020).
/// Without Redis it does nothing: one node evicts its own cache directly, and several nodes without Redis keep the
/// caches' windows (<c>SessionCache.Window</c>). When the connection to Redis comes back, every node drops everything it
/// cached, because evictions published while it was away never reached it.
/// </summary>
public sealed class CacheEvictions
{
    private const string Channel = "attune:evict";

    private readonly RedisConnection? _redis;
    private readonly ILogger<CacheEvictions> _log;
    private readonly List<(EvictionKind Kind, Action<Guid> Evict, Action EvictAll)> _listeners = [];
    private readonly Lock _lock = new();
    private readonly string _sender = Guid.NewGuid().ToString("n");
    private bool _watching;
    private volatile bool _subscribed;

    public CacheEvictions(ILogger<CacheEvictions> log, RedisConnection? redis = null)
    {
        _redis = redis;
        _log = log;
    }

    /// <summary>Calls <paramref name="evict"/> when another node evicts an id of <paramref name="kind"/>, <paramref name="evictAll"/> after Redis was away.</summary>
    public void Listen(EvictionKind kind, Action<Guid> evict, Action evictAll)
    {
        lock (_lock)
        {
            _listeners.Add((kind, evict, evictAll));
        }
        Subscribe();
    }

    /// <summary>Tells the other nodes; the caller has already evicted its own cache. Never throws: Redis away means the window applies.</summary>
    public async Task PublishAsync(EvictionKind kind, Guid id)
    {
        if (_redis is null)
        {
            return;
        }
        try
        {
            await _redis.Multiplexer.GetSubscriber().PublishAsync(RedisChannel.Literal(Channel), $"{_sender}|{kind}|{id:n}");
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            _log.LogWarning("Could not tell the other nodes to drop their cache ({Kind}): {Reason}. Their caches keep it until their window ends.", kind, e.Message);
        }
    }

    /// <summary>Publishes in the background, for callers that cannot wait (it still never throws).</summary>
    public void Publish(EvictionKind kind, Guid id)
    {
        if (_redis is not null)
        {
            _ = PublishAsync(kind, id);
        }
    }

    private void Subscribe()
    {
        if (_redis is null)
        {
            return;
        }
        lock (_lock)
        {
            if (_watching)
            {
                return;
            }
            _watching = true;
        }
        // The client restores subscriptions after a reconnect, but what was published meanwhile is lost: drop everything.
        _redis.Multiplexer.ConnectionRestored += (_, _) =>
        {
            EvictAll();
            SubscribeChannel();
        };
        SubscribeChannel();
    }

    private void SubscribeChannel()
    {
        if (_subscribed || _redis is null)
        {
            return;
        }
        try
        {
            _redis.Multiplexer.GetSubscriber().Subscribe(RedisChannel.Literal(Channel), (_, message) => Receive(message));
            _subscribed = true;
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            _log.LogWarning("Could not listen for other nodes' cache evictions yet: {Reason}. Trying again when Redis is back.", e.Message);
        }
    }

    private void Receive(RedisValue message)
    {
        var parts = message.ToString().Split('|');
        if (parts.Length != 3 || parts[0] == _sender || !Enum.TryParse<EvictionKind>(parts[1], out var kind) || !Guid.TryParse(parts[2], out var id))
        {
            return;
        }
        foreach (var listener in Listeners().Where(l => l.Kind == kind))
        {
            listener.Evict(id);
        }
    }

    private void EvictAll()
    {
        foreach (var listener in Listeners())
        {
            listener.EvictAll();
        }
    }

    private List<(EvictionKind Kind, Action<Guid> Evict, Action EvictAll)> Listeners()
    {
        lock (_lock)
        {
            return [.. _listeners];
        }
    }
}
