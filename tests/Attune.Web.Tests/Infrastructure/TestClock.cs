namespace Attune.Web.Tests.Infrastructure;

/// <summary>
/// Real time plus an offset that tests can move forward, e.g. to the next 30-second authenticator step.
/// Every <see cref="AttuneWebFactory"/> registers one as the app's <see cref="TimeProvider"/>.
/// </summary>
public sealed class TestClock : TimeProvider
{
    private long _offsetTicks;

    public override DateTimeOffset GetUtcNow() => DateTimeOffset.UtcNow + TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);
}
