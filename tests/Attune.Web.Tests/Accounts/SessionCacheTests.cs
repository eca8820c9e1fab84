using Attune.Web.Features.Accounts;
using Attune.Web.Tests.Infrastructure;

namespace Attune.Web.Tests.Accounts;

public sealed class SessionCacheTests
{
    private static readonly DateTime LastSeen = new(2026, 11, 29, 9, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void StandingLastSeen_RememberedWithinWindow_ReturnsLastSeen()
    {
        var cache = new SessionCache(new TestClock());
        var (session, user) = (Guid.NewGuid(), Guid.NewGuid());

        cache.Remember(session, user, cache.Generation(user), LastSeen);

        Assert.Equal(LastSeen, cache.StandingLastSeen(session, user));
    }

    [Fact]
    public void StandingLastSeen_AfterWindow_ReturnsNull()
    {
        var clock = new TestClock();
        var cache = new SessionCache(clock);
        var (session, user) = (Guid.NewGuid(), Guid.NewGuid());
        cache.Remember(session, user, cache.Generation(user), LastSeen);

        clock.Advance(SessionCache.Window);

        Assert.Null(cache.StandingLastSeen(session, user));
    }

    [Fact]
    public async Task StandingLastSeen_AfterForget_ReturnsNull()
    {
        var cache = new SessionCache(new TestClock());
        var (session, user) = (Guid.NewGuid(), Guid.NewGuid());
        cache.Remember(session, user, cache.Generation(user), LastSeen);

        await cache.ForgetAsync(user);

        Assert.Null(cache.StandingLastSeen(session, user));
    }

    [Fact]
    public async Task Remember_CheckStartedBeforeForget_IsIgnored()
    {
        var cache = new SessionCache(new TestClock());
        var (session, user) = (Guid.NewGuid(), Guid.NewGuid());
        var generationBeforeQuery = cache.Generation(user);

        await cache.ForgetAsync(user);
        cache.Remember(session, user, generationBeforeQuery, LastSeen);

        Assert.Null(cache.StandingLastSeen(session, user));
    }

    [Fact]
    public void StandingLastSeen_OtherUser_ReturnsNull()
    {
        var cache = new SessionCache(new TestClock());
        var (session, user) = (Guid.NewGuid(), Guid.NewGuid());
        cache.Remember(session, user, cache.Generation(user), LastSeen);

        Assert.Null(cache.StandingLastSeen(session, Guid.NewGuid()));
    }
}
