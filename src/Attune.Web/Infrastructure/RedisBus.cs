using StackExchange.Redis;

namespace Attune.Web.Infrastructure;

/// <summary>
/// The nodes' one way of telling each other things: Redis pub/sub on named channels (decision 0020), used by
/// <see cref="CacheEvictions"/> and the live sessions' replica. A message never comes back to the node that sent it.
/// Publishing never throws: while Redis is away the message is lost and the caller's single-node behaviour applies.
/// A channel that could not be subscribed yet is subscribed when the connection comes back; whoever subscribed is then
/// told (<c>restored</c>), since what was published meanwhile never reached this node. Without Redis it does nothing.
/// </summary>
public sealed class RedisBus
{
    private readonly RedisConnection? _redis;
    private readonly ILogger<RedisBus> _log;
    private readonly string _sender = Guid.NewGuid().ToString("n");
    private readonly Lock _lock = new();
    private readonly List<Subscription> _subscriptions = [];
    private bool _watching;

    public RedisBus(ILogger<RedisBus> log, RedisConnection? redis = null)
    {
        _redis = redis;
        _log = log;
    }

    /// <summary>Whether there are other nodes to tell (Redis is configured).</summary>
    public bool Shared => _redis is not null;

    /// <summary>Calls <paramref name="receive"/> with every other node's message on <paramref name="channel"/>, and <paramref name="restored"/> after Redis was away.</summary>
    public void Subscribe(string channel, Action<string> receive, Action? restored = null)
    {
        if (_redis is null)
        {
            return;
        }
        var subscription = new Subscription(channel, receive, restored);
        bool watch;
        lock (_lock)
        {
            _subscriptions.Add(subscription);
            watch = !_watching;
            _watching = true;
        }
        if (watch)
        {
            // The client restores its subscriptions after a reconnect; a channel it never subscribed is done here.
            _redis.Multiplexer.ConnectionRestored += (_, e) =>
            {
                if (e.ConnectionType != ConnectionType.Subscription)
                {
                    return;
                }
                foreach (var s in Subscriptions())
                {
                    Listen(s);
                    s.Restored?.Invoke();
                }
            };
        }
        Listen(subscription);
    }

    /// <summary>Tells the other nodes; false when Redis did not take it (never throws).</summary>
    public async Task<bool> PublishAsync(string channel, string message)
    {
        if (_redis is null)
        {
            return false;
        }
        try
        {
            await _redis.Multiplexer.GetSubscriber().PublishAsync(RedisChannel.Literal(channel), _sender + "|" + message);
            return true;
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            _log.LogWarning("Could not tell the other nodes ({Channel}): {Reason}", channel, e.Message);
            return false;
        }
    }

    /// <summary>Publishes in the background, for callers that cannot wait.</summary>
    public void Publish(string channel, string message)
    {
        if (_redis is not null)
        {
            _ = PublishAsync(channel, message);
        }
    }

    private void Listen(Subscription subscription)
    {
        // Under the subscription's lock: two handlers on one channel would apply every message twice.
        lock (subscription.Gate)
        {
            if (subscription.Listening)
            {
                return;
            }
            try
            {
                _redis!.Multiplexer.GetSubscriber().Subscribe(RedisChannel.Literal(subscription.Channel), (_, message) => Receive(subscription, message));
                subscription.Listening = true;
            }
            catch (Exception e) when (e is RedisException or TimeoutException)
            {
                _log.LogWarning("Could not listen to the other nodes ({Channel}) yet: {Reason}. Trying again when Redis is back.", subscription.Channel, e.Message);
            }
        }
    }

    private void Receive(Subscription subscription, RedisValue message)
    {
        var text = message.ToString();
        var bar = text.IndexOf('|', StringComparison.Ordinal);
        if (bar < 0 || text.AsSpan(0, bar).SequenceEqual(_sender))
        {
            return;
        }
        subscription.Receive(text[(bar + 1)..]);
    }

    private List<Subscription> Subscriptions()
    {
        lock (_lock)
        {
            return [.. _subscriptions];
        }
    }

    private sealed class Subscription(string channel, Action<string> receive, Action? restored)
    {
        public string Channel { get; } = channel;

        public Action<string> Receive { get; } = receive;

        public Action? Restored { get; } = restored;

        public Lock Gate { get; } = new();

        public bool Listening { get; set; }
    }
}
