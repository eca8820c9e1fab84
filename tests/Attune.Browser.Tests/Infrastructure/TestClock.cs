namespace Attune.Browser.Tests.Infrastructure;

/// <summary>
/// A clock the test moves by hand, to replace the app's <see cref="TimeProvider"/>. It starts at the real
/// time (so cookies and tokens look ordinary) and stands still until <see cref="Advance"/> is called, so a
/// test can stay inside one 30-second authenticator step for as long as it needs.
/// </summary>
public sealed class TestClock : TimeProvider
{
    private readonly Lock _gate = new();
    private DateTimeOffset _now = System.GetUtcNow();

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            return _now;
        }
    }

    public void Advance(TimeSpan by)
    {
        lock (_gate)
        {
            _now += by;
        }
    }
}
