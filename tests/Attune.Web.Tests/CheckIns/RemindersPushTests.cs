using System.Buffers.Text;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Attune.Web.Features.CheckIns.Reminders;
using Attune.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Attune.Web.Tests.CheckIns;

/// <summary>
/// Reminders end to end: a browser made in the test subscribes at a push service on 127.0.0.1, the clock moves to
/// the reminder, the sender runs, and the browser's side decrypts what arrived.
/// </summary>
public sealed class RemindersPushTests
{
    private const string Settings = "/api/v1/checkins/settings";

    private static readonly Dictionary<string, string?> TestPush = new()
    {
        ["Reminders:AllowLoopbackPushEndpoints"] = "true",
        // The test runs the sender itself, so no background tick can send first.
        ["Reminders:SendInBackground"] = "false",
    };

    private static async Task<int> SendDueAsync(AttuneWebFactory factory)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ReminderSender>().SendDueAsync(CancellationToken.None);
    }

    /// <summary>A reminder an hour from now (in the person's zone) and the instant it is due.</summary>
    private static async Task<DateTime> RemindInAnHourAsync(AttuneWebFactory factory, HttpClient owner)
    {
        var local = TimeZoneInfo.ConvertTime(factory.Clock.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin")).AddHours(1);
        (await owner.PutAsJsonAsync(Settings, new { reminderTimes = new[] { local.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture) } })).EnsureSuccessStatusCode();
        return (await owner.GetFromJsonAsync<CheckInSettingsDto>(Settings))!.NextReminderAt
            ?? throw new InvalidOperationException("No reminder is scheduled.");
    }

    private static void MoveTo(AttuneWebFactory factory, DateTime at) => factory.Clock.Advance(at - factory.Clock.GetUtcNow().UtcDateTime);

    [Theory, ClassData(typeof(Providers))]
    public async Task A_due_reminder_arrives_encrypted_to_the_browser_once_with_no_health_data(DatabaseProvider provider)
    {
        await using var push = await FakePushService.StartAsync();
        await using var factory = await AttuneWebFactory.CreateAsync(provider, TestPush);
        var (_, owner) = await TestUsers.SignedInAsync(factory);
        using var browser = new TestPushBrowser();
        (await owner.PostAsJsonAsync("/api/v1/push/subscriptions", browser.Subscription(push.Endpoint("phone")))).EnsureSuccessStatusCode();
        var due = await RemindInAnHourAsync(factory, owner);

        Assert.Equal(0, await SendDueAsync(factory));
        Assert.Empty(push.Received);

        MoveTo(factory, due.AddSeconds(5));
        Assert.Equal(1, await SendDueAsync(factory));
        Assert.Equal(0, await SendDueAsync(factory));

        var received = Assert.Single(push.Received);
        Assert.Equal("/push/phone", received.Path);
        Assert.Equal("aes128gcm", received.Headers["Content-Encoding"]);
        Assert.Equal(ReminderSender.TimeToLiveSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture), received.Headers["TTL"]);
        var payload = JsonDocument.Parse(browser.Decrypt(received.Body)).RootElement;
        Assert.Equal("Time to check in", payload.GetProperty("title").GetString());
        Assert.Equal("How are you, right now?", payload.GetProperty("body").GetString());
        Assert.Equal("/checkin", payload.GetProperty("url").GetString());
        Assert.Equal(3, payload.EnumerateObject().Count());

        // Signed by this server's VAPID key, for this push service.
        var vapid = (await owner.GetFromJsonAsync<VapidPublicKeyDto>("/api/v1/push/vapid-public-key"))!.PublicKey;
        AssertVapid(received.Headers["Authorization"], vapid, push.BaseAddress);

        AssertSameTimeNextDay(due, (await owner.GetFromJsonAsync<CheckInSettingsDto>(Settings))!.NextReminderAt);
    }

    [Theory, ClassData(typeof(Providers))]
    public async Task Two_nodes_sending_at_once_send_each_reminder_once(DatabaseProvider provider)
    {
        await using var push = await FakePushService.StartAsync();
        await using var factory = await AttuneWebFactory.CreateAsync(provider, TestPush);
        var (_, owner) = await TestUsers.SignedInAsync(factory);
        using var phone = new TestPushBrowser();
        using var laptop = new TestPushBrowser();
        (await owner.PostAsJsonAsync("/api/v1/push/subscriptions", phone.Subscription(push.Endpoint("phone")))).EnsureSuccessStatusCode();
        (await owner.PostAsJsonAsync("/api/v1/push/subscriptions", laptop.Subscription(push.Endpoint("laptop")))).EnsureSuccessStatusCode();
        MoveTo(factory, (await RemindInAnHourAsync(factory, owner)).AddSeconds(1));

        // Each "node" has its own scope, context and connection, as separate processes would.
        var sent = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => SendDueAsync(factory)));

        Assert.Equal(2, sent.Sum());
        Assert.Equal(["/push/laptop", "/push/phone"], push.Received.Select(r => r.Path).Order());
    }

    [Theory, ClassData(typeof(Providers))]
    public async Task A_browser_the_push_service_calls_gone_is_removed(DatabaseProvider provider)
    {
        await using var push = await FakePushService.StartAsync();
        push.Answers["old-phone"] = HttpStatusCode.Gone;
        push.Answers["reset-laptop"] = HttpStatusCode.NotFound;
        push.Answers["busy"] = HttpStatusCode.InternalServerError;
        await using var factory = await AttuneWebFactory.CreateAsync(provider, TestPush);
        var (_, owner) = await TestUsers.SignedInAsync(factory);
        foreach (var name in new[] { "old-phone", "reset-laptop", "busy" })
        {
            using var browser = new TestPushBrowser();
            (await owner.PostAsJsonAsync("/api/v1/push/subscriptions", browser.Subscription(push.Endpoint(name)))).EnsureSuccessStatusCode();
        }
        var due = await RemindInAnHourAsync(factory, owner);
        MoveTo(factory, due.AddSeconds(1));

        Assert.Equal(0, await SendDueAsync(factory));

        Assert.Equal(3, push.Received.Count);
        var settings = (await owner.GetFromJsonAsync<CheckInSettingsDto>(Settings))!;
        // A push service in trouble is not a browser that is gone: that one stays, and tomorrow's reminder with it.
        Assert.Equal(1, settings.PushDevices);
        AssertSameTimeNextDay(due, settings.NextReminderAt);

        push.Answers["busy"] = HttpStatusCode.Gone;
        MoveTo(factory, settings.NextReminderAt!.Value.AddSeconds(1));
        await SendDueAsync(factory);
        settings = (await owner.GetFromJsonAsync<CheckInSettingsDto>(Settings))!;
        Assert.Equal(0, settings.PushDevices);
        Assert.Null(settings.NextReminderAt);
    }

    [Theory, ClassData(typeof(Providers))]
    public async Task A_reminder_found_long_after_its_moment_is_skipped_not_sent_late(DatabaseProvider provider)
    {
        await using var push = await FakePushService.StartAsync();
        await using var factory = await AttuneWebFactory.CreateAsync(provider, TestPush);
        var (_, owner) = await TestUsers.SignedInAsync(factory);
        using var browser = new TestPushBrowser();
        (await owner.PostAsJsonAsync("/api/v1/push/subscriptions", browser.Subscription(push.Endpoint("phone")))).EnsureSuccessStatusCode();
        var due = await RemindInAnHourAsync(factory, owner);

        // The app was down for half an hour around the reminder.
        MoveTo(factory, due.AddMinutes(30));
        Assert.Equal(0, await SendDueAsync(factory));

        Assert.Empty(push.Received);
        AssertSameTimeNextDay(due, (await owner.GetFromJsonAsync<CheckInSettingsDto>(Settings))!.NextReminderAt);
    }

    [Theory, ClassData(typeof(Providers))]
    public async Task Surprise_reminders_arrive_at_the_drawn_moments(DatabaseProvider provider)
    {
        await using var push = await FakePushService.StartAsync();
        await using var factory = await AttuneWebFactory.CreateAsync(provider, TestPush);
        var (user, owner) = await TestUsers.SignedInAsync(factory);
        using var browser = new TestPushBrowser();
        (await owner.PostAsJsonAsync("/api/v1/push/subscriptions", browser.Subscription(push.Endpoint("phone")))).EnsureSuccessStatusCode();
        (await owner.PutAsJsonAsync(Settings, new { randomPerDay = 6, randomFrom = "00:00", randomTo = "23:59" })).EnsureSuccessStatusCode();

        var expected = new List<DateTime>();
        for (var i = 0; i < 3; i++)
        {
            var due = (await owner.GetFromJsonAsync<CheckInSettingsDto>(Settings))!.NextReminderAt!.Value;
            var (date, _) = Attune.Web.Features.CheckIns.LocalTimes.Of(due, "Europe/Berlin");
            Assert.Contains(due, ReminderSchedule.RandomOn(date, 6, TimeOnly.MinValue, new TimeOnly(23, 59), "Europe/Berlin", user.Id));
            expected.Add(due);
            MoveTo(factory, due.AddSeconds(2));
            Assert.Equal(1, await SendDueAsync(factory));
        }

        Assert.Equal(3, push.Received.Count);
        Assert.Equal(expected, expected.Order());
        Assert.All(push.Received, r => Assert.Contains("Time to check in", browser.Decrypt(r.Body), StringComparison.Ordinal));
    }

    /// <summary>The next reminder is the same wall-clock time on the next local day (whatever the clocks do overnight).</summary>
    private static void AssertSameTimeNextDay(DateTime due, DateTime? next)
    {
        Assert.NotNull(next);
        var (dueDay, dueMinute) = Attune.Web.Features.CheckIns.LocalTimes.Of(due, "Europe/Berlin");
        Assert.Equal((dueDay.AddDays(1), dueMinute), Attune.Web.Features.CheckIns.LocalTimes.Of(next.Value, "Europe/Berlin"));
    }

    /// <summary>RFC 8292: "vapid t=JWT, k=public key"; the JWT is ES256 over aud (the push service's origin), exp and sub.</summary>
    private static void AssertVapid(string header, string publicKey, Uri pushService)
    {
        Assert.StartsWith("vapid ", header, StringComparison.Ordinal);
        var parts = header["vapid ".Length..].Split(',', StringSplitOptions.TrimEntries).ToDictionary(p => p[..p.IndexOf('=', StringComparison.Ordinal)], p => p[(p.IndexOf('=', StringComparison.Ordinal) + 1)..]);
        Assert.Equal(publicKey, parts["k"]);
        var jwt = parts["t"].Split('.');
        var claims = JsonDocument.Parse(Base64Url.DecodeFromChars(jwt[1])).RootElement;
        // The library names the origin without its port; real push services are on the default port anyway.
        Assert.Equal($"{pushService.Scheme}://{pushService.Host}", claims.GetProperty("aud").GetString());
        Assert.StartsWith("mailto:", claims.GetProperty("sub").GetString(), StringComparison.Ordinal);
        var point = Base64Url.DecodeFromChars(publicKey);
        using var key = ECDsa.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, Q = new ECPoint { X = point[1..33], Y = point[33..] } });
        Assert.True(key.VerifyData(Encoding.ASCII.GetBytes(jwt[0] + "." + jwt[1]), Base64Url.DecodeFromChars(jwt[2]), HashAlgorithmName.SHA256));
    }
}
