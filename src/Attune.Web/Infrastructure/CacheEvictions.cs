namespace Attune.Web.Infrastructure;

/// <summary>What a node has stopped vouching for: a person's sessions, or a recording's cached analysis.</summary>
public enum EvictionKind
{
    Sessions,
    Recording,
}

/// <summary>
/// Tells the other nodes to drop what they cache about a person or a recording, on the <see cref="RedisBus"/> channel
/// <c>attune:evict</c> (decision 0020). Without Redis it does nothing: one node evicts its own cache directly, and several
/// nodes without Redis keep the caches' windows (<c>SessionCache.Window</c>). When the connection to Redis comes back,
/// every node drops everything it cached, because evictions published while it was away never reached it.
/// </summary>
public sealed class CacheEvictions(RedisBus bus)
{
    private const string Channel = "attune:evict";

    /// <summary>Calls <paramref name="evict"/> when another node evicts an id of <paramref name="kind"/>, <paramref name="evictAll"/> after Redis was away.</summary>
    public void Listen(EvictionKind kind, Action<Guid> evict, Action evictAll) =>
        bus.Subscribe(Channel, message =>
        {
            var parts = message.Split('|');
            if (parts.Length == 2 && Enum.TryParse<EvictionKind>(parts[0], out var k) && k == kind && Guid.TryParse(parts[1], out var id))
            {
                evict(id);
            }
        }, evictAll);

    /// <summary>How long a revocation waits for the other nodes to confirm they dropped what they cached.</summary>
    public static readonly TimeSpan ConfirmWait = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Tells the other nodes and returns once each has dropped the id (or after <see cref="ConfirmWait"/>), so the next
    /// request refused anywhere is the one after the caller answers; the caller has already evicted its own cache. Never
    /// throws: Redis away means the window applies.
    /// </summary>
    public Task PublishAsync(EvictionKind kind, Guid id) => bus.PublishConfirmedAsync(Channel, $"{kind}|{id:n}", ConfirmWait);

    /// <summary>Publishes in the background, for callers that cannot wait (it still never throws).</summary>
    public void Publish(EvictionKind kind, Guid id) => bus.Publish(Channel, $"{kind}|{id:n}");
}
