using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using Attune.Web.Features.CheckIns.Reminders;
using Attune.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Attune.Web.Tests.CheckIns;

/// <summary>The private calendar address: made, read by any calendar app, revoked, and never written to a log.</summary>
public sealed class RemindersCalendarTests
{
    private const string Settings = "/api/v1/checkins/settings";
    private const string Feed = "/api/v1/checkins/calendar-feed";

    private static async Task<string> MakeFeedAsync(HttpClient owner)
    {
        using var created = await owner.PostAsync(Feed, null);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return new Uri((await created.Content.ReadFromJsonAsync<CalendarFeedDto>())!.Url).PathAndQuery;
    }

    [Theory, ClassData(typeof(Providers))]
    public async Task The_feed_has_a_daily_event_with_an_alarm_per_fixed_time_in_the_persons_zone(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        var (_, owner) = await TestUsers.SignedInAsync(factory);
        (await owner.PutAsJsonAsync(Settings, new { reminderTimes = new[] { "08:30", "20:00" }, randomPerDay = 4 })).EnsureSuccessStatusCode();
        var path = await MakeFeedAsync(owner);
        Assert.Matches("^/calendar/[A-Za-z0-9_-]{43}\\.ics$", path);
        using var anonymous = factory.CreateClient();

        using var response = await anonymous.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/calendar", response.Content.Headers.ContentType?.MediaType);
        Assert.True(response.Headers.CacheControl is { Private: true, NoStore: true }, $"Cache-Control: {response.Headers.CacheControl}");
        var text = await response.Content.ReadAsStringAsync();
        var calendar = Ical.Net.Calendar.Load(text)!;
        Assert.Single(calendar.TimeZones, z => z.TzId == "Europe/Berlin");
        Assert.Equal(2, calendar.Events.Count);
        foreach (var (reminder, time) in calendar.Events.OrderBy(e => e.DtStart!.Value).Zip(new[] { new TimeOnly(8, 30), new TimeOnly(20, 0) }))
        {
            Assert.Equal(CalendarFeed.EventSummary, reminder.Summary);
            Assert.Equal("Europe/Berlin", reminder.DtStart!.TzId);
            Assert.Equal(time, TimeOnly.FromDateTime(reminder.DtStart.Value));
            Assert.Equal(Ical.Net.FrequencyType.Daily, reminder.RecurrenceRule!.Frequency);
            var alarm = Assert.Single(reminder.Alarms);
            Assert.Equal("DISPLAY", alarm.Action);
        }
        // Random moments are not in it, and nothing about how the person has been.
        Assert.Contains("RRULE:FREQ=DAILY", text, StringComparison.Ordinal);
        Assert.DoesNotContain("random", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("River", text, StringComparison.Ordinal);
    }

    [Theory, ClassData(typeof(Providers))]
    public async Task A_new_address_replaces_the_old_and_revoking_makes_it_404(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        var (_, owner) = await TestUsers.SignedInAsync(factory);
        using var anonymous = factory.CreateClient();
        var first = await MakeFeedAsync(owner);
        Assert.True((await owner.GetFromJsonAsync<CheckInSettingsDto>(Settings))!.CalendarFeed);

        var second = await MakeFeedAsync(owner);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(first)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(second)).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await owner.DeleteAsync(Feed)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(second)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await owner.DeleteAsync(Feed)).StatusCode);
        Assert.False((await owner.GetFromJsonAsync<CheckInSettingsDto>(Settings))!.CalendarFeed);
    }

    [Theory, ClassData(typeof(Providers))]
    public async Task Only_a_signed_in_browser_makes_or_revokes_an_address_and_a_wrong_secret_is_404(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        var (owner, session) = await TestUsers.SignedInAsync(factory);
        var (_, stranger) = await TestUsers.SignedInAsync(factory);
        using var token = await TestUsers.WithAccessTokenAsync(factory, owner);
        using var anonymous = factory.CreateClient();
        var path = await MakeFeedAsync(session);

        Assert.Equal(HttpStatusCode.Forbidden, (await token.PostAsync(Feed, null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await token.DeleteAsync(Feed)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync(Feed, null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.DeleteAsync(Feed)).StatusCode);
        // A stranger revoking revokes only their own (none).
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.DeleteAsync(Feed)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(path)).StatusCode);

        var secret = path["/calendar/".Length..^".ics".Length];
        var wrong = secret[..^1] + (secret[^1] == 'A' ? 'B' : 'A');
        foreach (var attempt in new[] { wrong, secret[..^1], secret + "A", "x", new string('A', 43), secret.Replace('_', '/') + "==", Uri.EscapeDataString(secret + " ") })
        {
            using var response = await anonymous.GetAsync($"/calendar/{attempt}.ics");
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{attempt} gave {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task The_secret_never_reaches_the_logs_even_with_request_logging_on()
    {
        var logs = new LogCapture();
        await using var factory = await AttuneWebFactory.CreateAsync(DatabaseProvider.Sqlite, new Dictionary<string, string?>
        {
            // What an operator debugging a problem might turn on: every request line ASP.NET Core logs.
            ["Logging:LogLevel:Default"] = "Trace",
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Trace",
        });
        await using var logged = factory.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<ILoggerProvider>(logs)));
        var (_, owner) = await SignInAsync(logged, factory);
        var path = await MakeFeedAsync(owner);
        var secret = path["/calendar/".Length..^".ics".Length];
        using var anonymous = logged.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(path)).StatusCode);
        (await owner.DeleteAsync(Feed)).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(path + "?again=1")).StatusCode);

        var lines = logs.Lines;
        // Request lines are off whatever the configuration says (LogFilters), but each request's log scope still
        // carries its path into every line logged while it runs: those show the path with the secret rewritten.
        Assert.DoesNotContain(lines, l => l.Contains("Request starting", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains(SecretPathRedaction.Replacement, StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains(secret, StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains(secret[..20], StringComparison.Ordinal));
    }

    private static async Task<(TestUser, HttpClient)> SignInAsync(Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> app, AttuneWebFactory factory)
    {
        var user = await TestUsers.CreateAsync(factory);
        var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        using var login = await client.PostAsJsonAsync("/api/v1/auth/login", new { email = user.Email, password = TestUsers.Password });
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        return (user, client);
    }

    /// <summary>Keeps every formatted message and scope of every logger, as a log file would.</summary>
    private sealed class LogCapture : ILoggerProvider, ISupportExternalScope
    {
        private readonly ConcurrentQueue<string> _lines = new();
        private IExternalScopeProvider? _scopes;

        public IReadOnlyList<string> Lines => [.. _lines];

        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

        public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

        public void Dispose()
        {
        }

        private sealed class Logger(LogCapture owner, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => owner._scopes?.Push(state);

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                var scopes = new List<string>();
                owner._scopes?.ForEachScope((scope, list) => list.Add(scope?.ToString() ?? ""), scopes);
                var values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(" ", pairs.Select(p => $"{p.Key}={p.Value}")) : "";
                owner._lines.Enqueue($"{category}: {formatter(state, exception)} | {values} | {string.Join(" => ", scopes)} | {exception}");
            }
        }
    }
}
