using System.Net.Http.Json;
using Attune.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Attune.Web.Tests.CheckIns;

/// <summary>The background service on its own: it wakes on the app's clock, every minute, and sends what is due.</summary>
public sealed class RemindersServiceTests
{
    [Fact]
    public async Task The_service_sends_a_reminder_when_the_apps_clock_reaches_it()
    {
        await using var push = await FakePushService.StartAsync();
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        await using var factory = await AttuneWebFactory.CreateAsync(DatabaseProvider.Sqlite,
            new Dictionary<string, string?> { ["Reminders:AllowLoopbackPushEndpoints"] = "true" });
        await using var app = factory.WithWebHostBuilder(b => b.ConfigureTestServices(s =>
        {
            s.RemoveAll<TimeProvider>();
            s.AddSingleton<TimeProvider>(clock);
        }));
        using var owner = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { HandleCookies = true, AllowAutoRedirect = false });
        var user = await TestUsers.CreateAsync(factory);
        (await owner.PostAsJsonAsync("/api/v1/auth/login", new { email = user.Email, password = TestUsers.Password })).EnsureSuccessStatusCode();
        using var browser = new TestPushBrowser();
        (await owner.PostAsJsonAsync("/api/v1/push/subscriptions", browser.Subscription(push.Endpoint("phone")))).EnsureSuccessStatusCode();
        var local = TimeZoneInfo.ConvertTime(clock.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin")).AddMinutes(10);
        (await owner.PutAsJsonAsync("/api/v1/checkins/settings", new { reminderTimes = new[] { local.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture) } })).EnsureSuccessStatusCode();

        // Nine minutes on: nothing yet. The service waits on the clock, not on real time.
        for (var minute = 0; minute < 9; minute++)
        {
            clock.Advance(TimeSpan.FromMinutes(1));
        }
        await Task.Delay(300);
        Assert.Empty(push.Received);

        for (var minute = 0; minute < 3 && push.Received.Count == 0; minute++)
        {
            clock.Advance(TimeSpan.FromMinutes(1));
            for (var wait = 0; wait < 50 && push.Received.Count == 0; wait++)
            {
                await Task.Delay(100);
            }
        }
        var received = Assert.Single(push.Received);
        Assert.Contains("Time to check in", browser.Decrypt(received.Body), StringComparison.Ordinal);
    }

    /// <summary>A clock that stands still until moved; timers made from it (Task.Delay, PeriodicTimer) fire as it passes them.</summary>
    private sealed class ManualClock(DateTimeOffset start) : TimeProvider
    {
        private readonly Lock _gate = new();
        private readonly List<Timer> _timers = [];
        private DateTimeOffset _now = start;

        public override DateTimeOffset GetUtcNow()
        {
            lock (_gate)
            {
                return _now;
            }
        }

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            var timer = new Timer(this, callback, state);
            timer.Change(dueTime, period);
            lock (_gate)
            {
                _timers.Add(timer);
            }
            return timer;
        }

        public void Advance(TimeSpan by)
        {
            DateTimeOffset now;
            lock (_gate)
            {
                _now += by;
                now = _now;
            }
            while (true)
            {
                Timer? due;
                lock (_gate)
                {
                    due = _timers.Where(t => t.Due <= now).MinBy(t => t.Due);
                    if (due is null)
                    {
                        return;
                    }
                    due.Due = due.Period > TimeSpan.Zero ? due.Due + due.Period : DateTimeOffset.MaxValue;
                }
                due.Fire();
            }
        }

        private sealed class Timer(ManualClock clock, TimerCallback callback, object? state) : ITimer
        {
            public DateTimeOffset Due { get; set; } = DateTimeOffset.MaxValue;

            public TimeSpan Period { get; private set; }

            public void Fire() => callback(state);

            public bool Change(TimeSpan dueTime, TimeSpan period)
            {
                lock (clock._gate)
                {
                    Due = dueTime == Timeout.InfiniteTimeSpan ? DateTimeOffset.MaxValue : clock._now + dueTime;
                    Period = period == Timeout.InfiniteTimeSpan ? TimeSpan.Zero : period;
                }
                return true;
            }

            public void Dispose()
            {
                lock (clock._gate)
                {
                    clock._timers.Remove(this);
                }
            }

            public ValueTask DisposeAsync()
            {
                Dispose();
                return ValueTask.CompletedTask;
            }
        }
    }
}
