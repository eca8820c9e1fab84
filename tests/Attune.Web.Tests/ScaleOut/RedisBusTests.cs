using System.Diagnostics;
using Attune.Web.Infrastructure;
using Attune.Web.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace Attune.Web.Tests.ScaleOut;

/// <summary>The nodes' pub/sub (RedisBus): a confirmed message returns only once every node that heard it has handled it.</summary>
public sealed class RedisBusTests
{
    [RedisTheory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_confirmed_message_returns_after_the_slowest_node_has_handled_it(bool senderListensToo)
    {
        var channel = $"test:{Guid.NewGuid():n}";
        using var redisA = new RedisConnection(TestRedis.Configuration);
        using var redisB = new RedisConnection(TestRedis.Configuration);
        using var redisC = new RedisConnection(TestRedis.Configuration);
        using var logs = new CapturedLogs();
        var a = new RedisBus(logs.For<RedisBus>(), redisA);
        var b = new RedisBus(NullLogger<RedisBus>.Instance, redisB);
        var c = new RedisBus(NullLogger<RedisBus>.Instance, redisC);
        var handled = new List<string>();
        if (senderListensToo)
        {
            a.Subscribe(channel, m => { lock (handled) { handled.Add("a " + m); } });
        }
        b.Subscribe(channel, m => { lock (handled) { handled.Add("b " + m); } });
        // Two handlers on one node: the node confirms only after both, the slow one included.
        c.Subscribe(channel, m => { lock (handled) { handled.Add("c1 " + m); } });
        c.Subscribe(channel, m =>
        {
            Thread.Sleep(300);
            lock (handled) { handled.Add("c2 " + m); }
        });
        await WaitForSubscribersAsync(redisA, channel, senderListensToo ? 3 : 2);

        var clock = Stopwatch.StartNew();
        // Generous: the handlers run on the thread pool, which a busy test run can keep waiting for seconds.
        var confirmed = await a.PublishConfirmedAsync(channel, "hello", TimeSpan.FromSeconds(20));

        Assert.True(confirmed, logs.AllText);
        Assert.True(clock.ElapsedMilliseconds >= 250, $"returned after {clock.ElapsedMilliseconds} ms, before the slow handler ended");
        lock (handled)
        {
            Assert.Equal(["b hello", "c1 hello", "c2 hello"], handled.Order(StringComparer.Ordinal));
        }
    }

    [RedisTheory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_node_that_does_not_answer_in_time_makes_it_unconfirmed_and_nobody_listening_confirms_at_once(bool someoneListens)
    {
        var channel = $"test:{Guid.NewGuid():n}";
        using var redisA = new RedisConnection(TestRedis.Configuration);
        using var redisB = new RedisConnection(TestRedis.Configuration);
        var a = new RedisBus(NullLogger<RedisBus>.Instance, redisA);
        var b = new RedisBus(NullLogger<RedisBus>.Instance, redisB);
        a.Subscribe(channel, _ => { });
        using var release = new ManualResetEventSlim();
        if (someoneListens)
        {
            b.Subscribe(channel, _ => release.Wait(TimeSpan.FromSeconds(10)));
        }
        await WaitForSubscribersAsync(redisA, channel, someoneListens ? 2 : 1);

        var clock = Stopwatch.StartNew();
        var confirmed = await a.PublishConfirmedAsync(channel, "hello", TimeSpan.FromMilliseconds(400));
        release.Set();

        Assert.Equal(!someoneListens, confirmed);
        if (someoneListens)
        {
            Assert.InRange(clock.ElapsedMilliseconds, 350, 5000);
        }
    }

    [RedisFact]
    public async Task A_channel_subscribed_while_Redis_is_away_is_heard_once_when_it_comes_back()
    {
        await using var server = await DedicatedRedis.StartAsync();
        server.Kill();
        var channel = $"test:{Guid.NewGuid():n}";
        using var logs = new CapturedLogs();
        using var redisB = new RedisConnection(server.Configuration);
        var b = new RedisBus(logs.For<RedisBus>(), redisB);
        var heard = new List<string>();
        var restored = 0;
        b.Subscribe(channel, m => { lock (heard) { heard.Add(m); } }, () => Interlocked.Increment(ref restored));
        Assert.Contains("Could not listen to the other nodes", logs.AllText, StringComparison.Ordinal);

        await server.StartAgainAsync();
        using var redisA = new RedisConnection(server.Configuration);
        var a = new RedisBus(NullLogger<RedisBus>.Instance, redisA);
        a.Subscribe(channel, _ => { });
        await WaitForSubscribersAsync(redisA, channel, 2);
        await WaitForSubscribersAsync(redisA, "attune:ack", 2);

        // B's handler and its answers (the channel it could not subscribe either) are back, each once.
        Assert.True(await a.PublishConfirmedAsync(channel, "hello", TimeSpan.FromSeconds(20)));
        Assert.True(await b.PublishConfirmedAsync(channel, "from b", TimeSpan.FromSeconds(20)));
        await Task.Delay(300);
        lock (heard)
        {
            Assert.Equal(["hello"], heard);
        }
        Assert.True(Volatile.Read(ref restored) >= 1, "whoever subscribed was told that what was published meanwhile was missed");
    }

    [Fact]
    public async Task Without_redis_nothing_is_sent_and_nothing_waits()
    {
        var bus = new RedisBus(NullLogger<RedisBus>.Instance);
        bus.Subscribe("test:none", _ => throw new InvalidOperationException("never called"));

        Assert.False(await bus.PublishConfirmedAsync("test:none", "hello", TimeSpan.FromSeconds(5)));
        Assert.False(bus.Shared);
    }

    /// <summary>Subscribing is asynchronous on the server: wait until Redis counts the subscribers on the channel.</summary>
    private static async Task WaitForSubscribersAsync(RedisConnection redis, string channel, int count)
    {
        for (var i = 0; i < 100; i++)
        {
            var result = await redis.Database.ExecuteAsync("PUBSUB", "NUMSUB", channel);
            var values = (StackExchange.Redis.RedisResult[])result!;
            if ((long)values[1] >= count)
            {
                return;
            }
            await Task.Delay(20);
        }
        throw new TimeoutException($"Redis never counted {count} subscribers on {channel}");
    }
}
