using System.Collections.Concurrent;
using StackExchange.Redis;

namespace Attune.Web.Infrastructure;

/// <summary>
/// The nodes' one way of telling each other things: Redis pub/sub on named channels (decision 0020), used by
/// <see cref="CacheEvictions"/> and the live sessions' replica. A node's own messages are not handled by it.
/// Publishing never throws: while Redis is away the message is lost and the caller's single-node behaviour applies.
/// A channel subscribed while Redis is away is subscribed by the client when the connection comes back; whoever
/// subscribed is then told (<c>restored</c>), since what was published meanwhile never reached this node. Without Redis
/// it does nothing.
/// </summary>
/// <remarks>
/// <see cref="PublishConfirmedAsync"/> also waits until every node that heard a message has handled it: each node answers
/// on <c>attune:ack</c> once all its handlers of that channel have run, and the sender counts the distinct answers
/// against the number of connections Redis delivered the message to (its own among them when it listens to the channel
/// too: it answers for itself when its message comes back). A sign-out is then refused by every node before its
/// response leaves, instead of a few milliseconds later on a node that heard it late.
/// </remarks>
public sealed class RedisBus
{
    private readonly RedisConnection? _redis;
    private readonly ILogger<RedisBus> _log;
    private readonly string _sender = Guid.NewGuid().ToString("n");
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Channel> _channels = [];
    private readonly ConcurrentDictionary<string, Confirmation> _confirmations = new();
    private bool _watching;

    private const string AckChannel = "attune:ack";

    public RedisBus(ILogger<RedisBus> log, RedisConnection? redis = null)
    {
        _redis = redis;
        _log = log;
        Subscribe(AckChannel, Acknowledged);
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
        Channel state;
        bool watch;
        lock (_lock)
        {
            if (!_channels.TryGetValue(channel, out state!))
            {
                _channels[channel] = state = new Channel(channel);
            }
            state.Add(new Subscription(receive, restored));
            watch = !_watching;
            _watching = true;
        }
        if (watch)
        {
            // The client subscribes again after a reconnect, a channel that failed to subscribe while away included.
            _redis.Multiplexer.ConnectionRestored += (_, e) =>
            {
                if (e.ConnectionType != ConnectionType.Subscription)
                {
                    return;
                }
                foreach (var c in Channels())
                {
                    foreach (var s in c.Subscriptions)
                    {
                        s.Restored?.Invoke();
                    }
                }
            };
        }
        Listen(state);
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

    /// <summary>
    /// Tells the other nodes and waits, at most <paramref name="wait"/>, until each that heard it has handled it. False when
    /// Redis did not take it or not every node answered in time (a node stopping, or one too busy): the caller's
    /// window then applies to that node. Never throws.
    /// </summary>
    public async Task<bool> PublishConfirmedAsync(string channel, string message, TimeSpan wait)
    {
        if (_redis is null)
        {
            return false;
        }
        var id = Guid.NewGuid().ToString("n");
        var confirmation = new Confirmation();
        _confirmations[id] = confirmation;
        try
        {
            var heard = await _redis.Multiplexer.GetSubscriber().PublishAsync(RedisChannel.Literal(channel), $"{_sender}#{id}|{message}");
            // Redis counts the connections subscribed to the channel, this node's own among them when it listens too.
            confirmation.Expect((int)heard);
            await confirmation.Done.Task.WaitAsync(wait);
            return true;
        }
        catch (TimeoutException)
        {
            _log.LogWarning("Not every node confirmed a message on {Channel} within {Wait} ms ({Answered})", channel, wait.TotalMilliseconds, confirmation.Progress);
            return false;
        }
        catch (RedisException e)
        {
            _log.LogWarning("Could not tell the other nodes ({Channel}): {Reason}", channel, e.Message);
            return false;
        }
        finally
        {
            _confirmations.TryRemove(id, out _);
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

    private void Listen(Channel channel)
    {
        // Once per channel, under its lock: two handlers on one channel would apply every message twice. The client keeps
        // the handler when subscribing fails, and subscribes it when the connection comes back.
        lock (channel.Gate)
        {
            if (channel.Listening)
            {
                return;
            }
            channel.Listening = true;
            try
            {
                _redis!.Multiplexer.GetSubscriber().Subscribe(RedisChannel.Literal(channel.Name), (_, message) => Receive(channel, message));
            }
            catch (Exception e) when (e is RedisException or TimeoutException)
            {
                _log.LogWarning("Could not listen to the other nodes ({Channel}) yet: {Reason}. Listening when Redis is back.", channel.Name, e.Message);
            }
        }
    }

    /// <summary>A message is "sender|body", or "sender#id|body" when its sender waits for every node to confirm it.</summary>
    private void Receive(Channel channel, RedisValue message)
    {
        var text = message.ToString();
        var bar = text.IndexOf('|', StringComparison.Ordinal);
        if (bar < 0)
        {
            return;
        }
        var header = text.AsSpan(0, bar);
        var hash = header.IndexOf('#');
        var sender = hash < 0 ? header : header[..hash];
        if (sender.SequenceEqual(_sender))
        {
            // Not handled here; a message this node waits on counts its own connection as having handled it.
            if (hash >= 0 && _confirmations.TryGetValue(header[(hash + 1)..].ToString(), out var own))
            {
                own.Heard(_sender);
            }
            return;
        }
        var body = text[(bar + 1)..];
        foreach (var subscription in channel.Subscriptions)
        {
            try
            {
                subscription.Receive(body);
            }
            catch (Exception e)
            {
                _log.LogError(e, "Handling a message on {Channel} failed", channel.Name);
            }
        }
        if (hash >= 0)
        {
            Publish(AckChannel, $"{sender}|{header[(hash + 1)..]}|{_sender}");
        }
    }

    /// <summary>"to|id|from" on <c>attune:ack</c>: node "from" has handled message "id" of node "to".</summary>
    private void Acknowledged(string body)
    {
        var parts = body.Split('|');
        if (parts.Length == 3 && parts[0] == _sender && _confirmations.TryGetValue(parts[1], out var confirmation))
        {
            confirmation.Heard(parts[2]);
        }
    }

    private List<Channel> Channels()
    {
        lock (_lock)
        {
            return [.. _channels.Values];
        }
    }

    private sealed class Channel(string name)
    {
        private volatile Subscription[] _subscriptions = [];

        public string Name { get; } = name;

        public Lock Gate { get; } = new();

        public bool Listening { get; set; }

        public Subscription[] Subscriptions => _subscriptions;

        public void Add(Subscription subscription)
        {
            lock (Gate)
            {
                _subscriptions = [.. _subscriptions, subscription];
            }
        }
    }

    private sealed record Subscription(Action<string> Receive, Action? Restored);

    /// <summary>The nodes that have confirmed one message, and how many were to.</summary>
    private sealed class Confirmation
    {
        private readonly Lock _gate = new();
        private readonly HashSet<string> _from = [];
        private int? _expected;

        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Expect(int nodes)
        {
            lock (_gate)
            {
                _expected = nodes;
                Check();
            }
        }

        public void Heard(string node)
        {
            lock (_gate)
            {
                _from.Add(node);
                Check();
            }
        }

        /// <summary>"2 of 3 answered", for the log when not all did in time.</summary>
        public string Progress
        {
            get
            {
                lock (_gate)
                {
                    return $"{_from.Count} of {_expected?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?"} answered";
                }
            }
        }

        private void Check()
        {
            if (_expected is { } expected && _from.Count >= expected)
            {
                Done.TrySetResult();
            }
        }
    }
}
