using System.Buffers.Text;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Attune.Web.Features.Accounts;
using Attune.Web.Features.CheckIns.Reminders;
using Attune.Web.Tests.Infrastructure;

namespace Attune.Web.Tests.CheckIns;

/// <summary>The settings, VAPID key and push subscription endpoints: who may call them and what they refuse.</summary>
public sealed class RemindersApiTests
{
    private const string Settings = "/api/v1/checkins/settings";
    private const string Subscriptions = "/api/v1/push/subscriptions";
    private static readonly string Fcm = "https://fcm.googleapis.com/fcm/send/" + new string('a', 40);

    [Theory, ClassData(typeof(Providers))]
    public async Task Settings_start_quiet_and_private_and_save_what_is_given(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        var (_, owner) = await TestUsers.SignedInAsync(factory);

        var start = (await owner.GetFromJsonAsync<CheckInSettingsDto>(Settings))!;
        Assert.Equal(("private", 0, 0, "09:00", "21:00", false, 0), (start.DefaultVisibility, start.ReminderTimes.Count, start.RandomPerDay, start.RandomFrom, start.RandomTo, start.CalendarFeed, start.PushDevices));

        using var put = await owner.PutAsJsonAsync(Settings, new
        {
            defaultVisibility = "shared",
            reminderTimes = new[] { "20:00", "08:30", "", "08:30" },
            randomPerDay = 3,
            randomFrom = "10:00",
            randomTo = "18:00",
        });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var saved = (await owner.GetFromJsonAsync<CheckInSettingsDto>(Settings))!;
        Assert.Equal("shared", saved.DefaultVisibility);
        Assert.Equal(["08:30", "20:00"], saved.ReminderTimes);
        Assert.Equal((3, "10:00", "18:00"), (saved.RandomPerDay, saved.RandomFrom, saved.RandomTo));
        Assert.Null(saved.NextReminderAt);

        // A field left out stays as it was.
        using var partial = await owner.PutAsJsonAsync(Settings, new { defaultVisibility = "private" });
        Assert.Equal(HttpStatusCode.OK, partial.StatusCode);
        var after = (await owner.GetFromJsonAsync<CheckInSettingsDto>(Settings))!;
        Assert.Equal(("private", 2, 3), (after.DefaultVisibility, after.ReminderTimes.Count, after.RandomPerDay));
    }

    [Theory, ClassData(typeof(Providers))]
    public async Task Bad_settings_are_400_problems_and_change_nothing(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        var (_, owner) = await TestUsers.SignedInAsync(factory);
        (await owner.PutAsJsonAsync(Settings, new { reminderTimes = new[] { "07:00" }, randomPerDay = 2 })).EnsureSuccessStatusCode();
        var before = await owner.GetStringAsync(Settings);

        var bodies = new object[]
        {
            new { reminderTimes = new[] { "25:00" } },
            new { reminderTimes = new[] { "08:60" } },
            new { reminderTimes = new[] { "8 o'clock" } },
            new { reminderTimes = new[] { "<script>alert(1)</script>" } },
            new { reminderTimes = new[] { "06:00", "07:00", "08:00", "09:00", "10:00", "11:00", "12:00" } },
            new { randomPerDay = 7 },
            new { randomPerDay = -1 },
            new { randomFrom = "21:00", randomTo = "09:00" },
            new { randomFrom = "09:00", randomTo = "09:00" },
            new { randomPerDay = 6, randomFrom = "09:00", randomTo = "11:00" },
            new { randomFrom = "9am" },
            new { defaultVisibility = "everyone" },
            new { reminderTimes = new[] { "09:00" }, defaultVisibility = "public" },
        };
        foreach (var body in bodies)
        {
            using var response = await owner.PutAsJsonAsync(Settings, body);
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{JsonSerializer.Serialize(body)} gave {(int)response.StatusCode}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
        using var broken = await owner.PutAsync(Settings, new StringContent("{\"reminderTimes\": [", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, broken.StatusCode);
        using var wrongType = await owner.PutAsync(Settings, new StringContent("{\"randomPerDay\": \"lots\"}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, wrongType.StatusCode);

        Assert.Equal(before, await owner.GetStringAsync(Settings));
    }

    [Theory, ClassData(typeof(Providers))]
    public async Task Settings_need_a_session_or_a_token_with_the_checkins_scope(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        var (owner, session) = await TestUsers.SignedInAsync(factory);
        var (_, stranger) = await TestUsers.SignedInAsync(factory);
        (await session.PutAsJsonAsync(Settings, new { reminderTimes = new[] { "07:00" } })).EnsureSuccessStatusCode();
        using var reader = await TestUsers.WithAccessTokenAsync(factory, owner, TokenScopes.CheckInsRead);
        using var writer = await TestUsers.WithAccessTokenAsync(factory, owner, TokenScopes.CheckInsWrite, TokenScopes.CheckInsRead);
        using var recordings = await TestUsers.WithAccessTokenAsync(factory, owner, TokenScopes.RecordingsRead);
        using var anonymous = factory.CreateClient();

        Assert.Equal(["07:00"], (await reader.GetFromJsonAsync<CheckInSettingsDto>(Settings))!.ReminderTimes);
        Assert.Equal(HttpStatusCode.Forbidden, (await reader.PutAsJsonAsync(Settings, new { reminderTimes = Array.Empty<string>() })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await recordings.GetAsync(Settings)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(Settings)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PutAsJsonAsync(Settings, new { randomPerDay = 1 })).StatusCode);
        // Someone else only ever sees and changes their own.
        Assert.Empty((await stranger.GetFromJsonAsync<CheckInSettingsDto>(Settings))!.ReminderTimes);
        (await stranger.PutAsJsonAsync(Settings, new { reminderTimes = new[] { "22:00" } })).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.OK, (await writer.PutAsJsonAsync(Settings, new { reminderTimes = new[] { "07:15" } })).StatusCode);
        Assert.Equal(["07:15"], (await session.GetFromJsonAsync<CheckInSettingsDto>(Settings))!.ReminderTimes);
    }

    [Theory, ClassData(typeof(Providers))]
    public async Task The_VAPID_public_key_is_public_made_once_and_kept_in_the_data_folder(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        using var anonymous = factory.CreateClient();

        var first = (await anonymous.GetFromJsonAsync<VapidPublicKeyDto>("/api/v1/push/vapid-public-key"))!.PublicKey;
        var second = (await anonymous.GetFromJsonAsync<VapidPublicKeyDto>("/api/v1/push/vapid-public-key"))!.PublicKey;

        Assert.Equal(first, second);
        var point = Base64Url.DecodeFromChars(first);
        Assert.Equal((65, (byte)4), (point.Length, point[0]));
        var file = Path.Combine(factory.Database.DataDirectory, VapidKeys.FileName);
        Assert.Contains(first, await File.ReadAllTextAsync(file), StringComparison.Ordinal);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        }
    }

    [Theory, ClassData(typeof(Providers))]
    public async Task A_browser_subscribes_once_and_unsubscribes_by_its_endpoint(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        var (_, owner) = await TestUsers.SignedInAsync(factory);
        using var browser = new TestPushBrowser();
        (await owner.PutAsJsonAsync(Settings, new { reminderTimes = new[] { "07:00" } })).EnsureSuccessStatusCode();

        using var created = await owner.PostAsJsonAsync(Subscriptions, browser.Subscription(Fcm));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        // The same browser again (a second tab, a reload): still one device, keys updated.
        using var again = await owner.PostAsJsonAsync(Subscriptions, browser.Subscription(Fcm));
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        var settings = (await owner.GetFromJsonAsync<CheckInSettingsDto>(Settings))!;
        Assert.Equal(1, settings.PushDevices);
        Assert.NotNull(settings.NextReminderAt);

        using var removed = await owner.DeleteAsync($"{Subscriptions}?endpoint={Uri.EscapeDataString(Fcm)}");
        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        using var twice = await owner.DeleteAsync($"{Subscriptions}?endpoint={Uri.EscapeDataString(Fcm)}");
        Assert.Equal(HttpStatusCode.NotFound, twice.StatusCode);
        using var missing = await owner.DeleteAsync(Subscriptions);
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        settings = (await owner.GetFromJsonAsync<CheckInSettingsDto>(Settings))!;
        Assert.Equal(0, settings.PushDevices);
        Assert.Null(settings.NextReminderAt);
    }

    [Theory, ClassData(typeof(Providers))]
    public async Task Subscriptions_need_a_signed_in_browser_and_strangers_cannot_remove_them(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        var (owner, session) = await TestUsers.SignedInAsync(factory);
        var (_, stranger) = await TestUsers.SignedInAsync(factory);
        using var token = await TestUsers.WithAccessTokenAsync(factory, owner);
        using var anonymous = factory.CreateClient();
        using var browser = new TestPushBrowser();
        (await session.PostAsJsonAsync(Subscriptions, browser.Subscription(Fcm))).EnsureSuccessStatusCode();
        var delete = $"{Subscriptions}?endpoint={Uri.EscapeDataString(Fcm)}";

        Assert.Equal(HttpStatusCode.Forbidden, (await token.PostAsJsonAsync(Subscriptions, browser.Subscription(Fcm + "b"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await token.DeleteAsync(delete)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync(Subscriptions, browser.Subscription(Fcm + "c"))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.DeleteAsync(delete)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.DeleteAsync(delete)).StatusCode);

        Assert.Equal(1, (await session.GetFromJsonAsync<CheckInSettingsDto>(Settings))!.PushDevices);
        Assert.Equal(0, (await stranger.GetFromJsonAsync<CheckInSettingsDto>(Settings))!.PushDevices);
    }

    [Theory, ClassData(typeof(Providers))]
    public async Task A_browser_reminds_only_the_account_that_registered_it_last(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        var (_, first) = await TestUsers.SignedInAsync(factory);
        var (_, second) = await TestUsers.SignedInAsync(factory);
        using var browser = new TestPushBrowser();

        (await first.PostAsJsonAsync(Subscriptions, browser.Subscription(Fcm))).EnsureSuccessStatusCode();
        (await second.PostAsJsonAsync(Subscriptions, browser.Subscription(Fcm))).EnsureSuccessStatusCode();

        Assert.Equal(0, (await first.GetFromJsonAsync<CheckInSettingsDto>(Settings))!.PushDevices);
        Assert.Equal(1, (await second.GetFromJsonAsync<CheckInSettingsDto>(Settings))!.PushDevices);
    }

    [Theory, ClassData(typeof(Providers))]
    public async Task Malformed_subscriptions_are_400_problems_and_nothing_is_stored(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        var (_, owner) = await TestUsers.SignedInAsync(factory);
        using var browser = new TestPushBrowser();
        var p256dh = Base64Url.EncodeToString(browser.PublicKey);
        var auth = Base64Url.EncodeToString(browser.AuthSecret);
        object With(string? endpoint = null, string? key = null, string? secret = null) =>
            new { endpoint = endpoint ?? Fcm, keys = new { p256dh = key ?? p256dh, auth = secret ?? auth } };
        var notOnCurve = Base64Url.EncodeToString([0x04, .. new byte[64]]);

        var bodies = new object[]
        {
            new { endpoint = Fcm },
            new { keys = new { p256dh, auth } },
            With(endpoint: ""),
            With(endpoint: "not a url"),
            With(endpoint: "http://fcm.googleapis.com/fcm/send/abc"),
            With(endpoint: "https://fcm.googleapis.com:8443/fcm/send/abc"),
            With(endpoint: "https://user:pw@fcm.googleapis.com/fcm/send/abc"),
            With(endpoint: "https://example.org/push/abc"),
            With(endpoint: "https://fcm.googleapis.com.example.org/push"),
            With(endpoint: "https://10.0.0.1/push/abc"),
            With(endpoint: "http://127.0.0.1:9/push/abc"),
            With(endpoint: "https://fcm.googleapis.com/fcm/send/" + new string('x', 5000)),
            With(key: ""),
            With(key: "!!!not base64!!!"),
            With(key: p256dh[..^4]),
            With(key: p256dh + "AAAA"),
            With(key: notOnCurve),
            With(key: Base64Url.EncodeToString([0x02, .. browser.PublicKey[1..]])),
            With(key: new string('A', 5000)),
            With(key: p256dh + "=="),
            With(key: p256dh[..10] + " " + p256dh[10..]),
            With(secret: ""),
            With(secret: Base64Url.EncodeToString(new byte[15])),
            With(secret: Base64Url.EncodeToString(new byte[32])),
            With(secret: "a+b/c=="),
        };
        foreach (var body in bodies)
        {
            using var response = await owner.PostAsJsonAsync(Subscriptions, body);
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{JsonSerializer.Serialize(body)[..Math.Min(200, JsonSerializer.Serialize(body).Length)]} gave {(int)response.StatusCode}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
        using var broken = await owner.PostAsync(Subscriptions, new StringContent("{\"endpoint\": ", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, broken.StatusCode);
        using var huge = await owner.PostAsync(Subscriptions, new StringContent($"{{\"endpoint\": \"{new string('a', 20_000)}\"}}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, huge.StatusCode);

        Assert.Equal(0, (await owner.GetFromJsonAsync<CheckInSettingsDto>(Settings))!.PushDevices);
    }

    [Theory, ClassData(typeof(Providers))]
    public async Task A_loopback_push_service_is_accepted_only_when_configured_for_tests(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider, new Dictionary<string, string?> { ["Reminders:AllowLoopbackPushEndpoints"] = "true" });
        var (_, owner) = await TestUsers.SignedInAsync(factory);
        using var browser = new TestPushBrowser();

        Assert.Equal(HttpStatusCode.Created, (await owner.PostAsJsonAsync(Subscriptions, browser.Subscription("http://127.0.0.1:9/push/a"))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await owner.PostAsJsonAsync(Subscriptions, browser.Subscription("http://10.1.2.3:9/push/a"))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await owner.PostAsJsonAsync(Subscriptions, browser.Subscription("http://localhost:9/push/a"))).StatusCode);
    }
}
