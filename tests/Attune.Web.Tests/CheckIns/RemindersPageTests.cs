using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Attune.Web.Features.CheckIns;
using Attune.Web.Features.CheckIns.Reminders;
using Attune.Web.Features.Sharing;
using Attune.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Attune.Web.Tests.CheckIns;

/// <summary>/settings/check-ins as a browser without JavaScript uses it: plain forms.</summary>
public sealed partial class RemindersPageTests
{
    private const string Page = "/settings/check-ins";

    private static async Task<(Browser Browser, HttpClient Api)> SignedInAsync(AttuneWebFactory factory)
    {
        var browser = factory.NewBrowser();
        await browser.RegisterAndSignInAsync();
        return (browser, browser.Client);
    }

    private static async Task<HttpResponseMessage> PostRemindersAsync(Browser browser, string[] times, int perDay = 0, string from = "09:00", string to = "21:00")
    {
        var html = await browser.GetPageAsync(Page);
        var fields = new List<KeyValuePair<string, string>>
        {
            new("__RequestVerificationToken", Browser.AntiforgeryToken(html)),
            new("RandomPerDay", perDay.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("RandomFrom", from),
            new("RandomTo", to),
        };
        fields.AddRange(times.Select(t => new KeyValuePair<string, string>("Times", t)));
        return await browser.Client.PostAsync($"{Page}?handler=Reminders", new FormUrlEncodedContent(fields));
    }

    [Theory, ClassData(typeof(Providers))]
    public async Task Reminder_times_saved_in_the_form_show_on_the_page_and_in_the_settings(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        var (browser, api) = await SignedInAsync(factory);
        using var _ = browser;

        var page = await browser.GetPageAsync(Page);
        Assert.Contains("No reminders yet", page, StringComparison.Ordinal);
        Assert.Contains("Turning on notifications needs JavaScript", page, StringComparison.Ordinal);
        Assert.Equal(6, TimeInput().Matches(page).Count);

        using var saved = await PostRemindersAsync(browser, ["20:00", "", "07:45", "", "", ""], perDay: 2, from: "10:00", to: "16:00");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        page = await browser.GetPageAsync(Page);
        Assert.Contains("Your reminders are saved.", page, StringComparison.Ordinal);
        Assert.Contains("value=\"07:45\"", page, StringComparison.Ordinal);
        Assert.Contains("value=\"20:00\"", page, StringComparison.Ordinal);
        var settings = (await api.GetFromJsonAsync<CheckInSettingsDto>("/api/v1/checkins/settings"))!;
        Assert.Equal(["07:45", "20:00"], settings.ReminderTimes);
        Assert.Equal((2, "10:00", "16:00"), (settings.RandomPerDay, settings.RandomFrom, settings.RandomTo));
    }

    [Theory, ClassData(typeof(Providers))]
    public async Task Wrong_reminder_input_is_explained_on_the_page_and_nothing_is_saved(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        var (browser, api) = await SignedInAsync(factory);
        using var _ = browser;

        foreach (var (times, perDay, from, to, message) in new (string[], int, string, string, string)[]
        {
            (["25:00"], 0, "09:00", "21:00", "is not a time"),
            (["06:00", "07:00", "08:00", "09:00", "10:00", "11:00", "12:00"], 0, "09:00", "21:00", "Up to 6 times a day"),
            ([], 9, "09:00", "21:00", "Choose from 0 to 6"),
            ([], 2, "21:00", "09:00", "The window ends after it starts"),
            ([], 6, "09:00", "10:00", "at least 2 h 30 min"),
        })
        {
            using var response = await PostRemindersAsync(browser, times, perDay, from, to);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains(WebUtility.HtmlEncode(message), await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        var settings = (await api.GetFromJsonAsync<CheckInSettingsDto>("/api/v1/checkins/settings"))!;
        Assert.Equal((0, 0), (settings.ReminderTimes.Count, settings.RandomPerDay));
    }

    [Theory, ClassData(typeof(Providers))]
    public async Task The_default_visibility_chosen_here_is_what_a_new_check_in_starts_with(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        var (browser, _) = await SignedInAsync(factory);
        using var __ = browser;

        using var saved = await browser.SubmitAsync(Page, new Dictionary<string, string> { ["DefaultVisibility"] = "shared" }, "Visibility");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Contains("New check-ins will be shared", await browser.GetPageAsync(Page), StringComparison.Ordinal);
        Assert.Contains("id=\"visibility-shared\" name=\"DefaultVisibility\" value=\"shared\" checked=\"checked\"", await browser.GetPageAsync(Page), StringComparison.Ordinal);

        using var wrong = await browser.SubmitAsync(Page, new Dictionary<string, string> { ["DefaultVisibility"] = "everyone" }, "Visibility");
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Contains("Choose private or shared.", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        Assert.Contains("value=\"shared\" checked", await browser.GetPageAsync("/checkin"), StringComparison.Ordinal);
    }

    [Theory, ClassData(typeof(Providers))]
    public async Task The_calendar_address_is_shown_once_and_can_be_stopped_from_the_page(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        var (browser, _) = await SignedInAsync(factory);
        using var __ = browser;
        using var anonymous = factory.CreateClient();

        using var made = await browser.SubmitAsync(Page, new Dictionary<string, string>(), "CreateFeed");
        Assert.Equal(HttpStatusCode.OK, made.StatusCode);
        Assert.True(made.Headers.CacheControl?.NoStore, "A page showing the address must not be cached.");
        var html = await made.Content.ReadAsStringAsync();
        var url = FeedUrl().Match(html).Value;
        Assert.NotEmpty(url);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(new Uri(url).PathAndQuery)).StatusCode);

        var later = await browser.GetPageAsync(Page);
        Assert.DoesNotContain(url, later, StringComparison.Ordinal);
        Assert.Contains("You have a calendar address", later, StringComparison.Ordinal);

        using var stopped = await browser.SubmitAsync(Page, new Dictionary<string, string>(), "RevokeFeed");
        Assert.Equal(HttpStatusCode.Redirect, stopped.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(new Uri(url).PathAndQuery)).StatusCode);
        Assert.Contains("Make a calendar address", await browser.GetPageAsync(Page), StringComparison.Ordinal);
    }

    [Theory, ClassData(typeof(Providers))]
    public async Task A_device_can_be_stopped_from_the_page_but_not_someone_elses(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        var (browser, _) = await SignedInAsync(factory);
        var (strangerBrowser, strangerApi) = await SignedInAsync(factory);
        using var mine = browser;
        using var theirs = strangerBrowser;
        using var push = new TestPushBrowser();
        (await strangerApi.PostAsJsonAsync("/api/v1/push/subscriptions", push.Subscription("https://updates.push.services.mozilla.com/wpush/v2/abc"))).EnsureSuccessStatusCode();
        Guid strangers;
        using (var scope = factory.Services.CreateScope())
        {
            strangers = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(
                Access.Unchecked<PushSubscription>(scope.ServiceProvider.GetRequiredService<Attune.Web.Data.AttuneDb>()).Select(s => s.Id));
        }

        using var refused = await browser.SubmitAsync($"{Page}", new Dictionary<string, string>(), $"RemoveDevice&id={strangers}");
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        Assert.Contains("Devices that remind you", await strangerBrowser.GetPageAsync(Page), StringComparison.Ordinal);

        using var removed = await strangerBrowser.SubmitAsync($"{Page}", new Dictionary<string, string>(), $"RemoveDevice&id={strangers}");
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        Assert.Equal(0, (await strangerApi.GetFromJsonAsync<CheckInSettingsDto>("/api/v1/checkins/settings"))!.PushDevices);
        Assert.DoesNotContain("Devices that remind you", await strangerBrowser.GetPageAsync(Page), StringComparison.Ordinal);
    }

    [Theory, ClassData(typeof(Providers))]
    public async Task The_page_needs_a_signed_in_browser(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        var (user, _) = await TestUsers.SignedInAsync(factory);
        using var token = await TestUsers.WithAccessTokenAsync(factory, user);
        using var anonymous = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        foreach (var client in new[] { token, anonymous })
        {
            using var response = await client.GetAsync(Page);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("http://localhost/account/login", response.Headers.Location?.ToString(), StringComparison.Ordinal);
        }
    }

    [GeneratedRegex("<input type=\"time\" id=\"time-\\d\"")]
    private static partial Regex TimeInput();

    [GeneratedRegex("http://localhost/calendar/[A-Za-z0-9_-]{43}\\.ics")]
    private static partial Regex FeedUrl();
}
