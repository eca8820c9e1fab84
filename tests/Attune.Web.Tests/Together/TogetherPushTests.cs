using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Attune.Web.Features.Together;
using Attune.Web.Tests.CheckIns;
using Attune.Web.Tests.Infrastructure;
using Attune.Web.Tests.Sharing;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Attune.Web.Tests.Together;

/// <summary>
/// A break reaches the partner's browser as an encrypted push with no names or states, only when the partner asked
/// for it; when the break's time comes, both are reminded once, however many nodes run the sender.
/// </summary>
public sealed class TogetherPushTests
{
    private static readonly Dictionary<string, string?> TestPush = new()
    {
        ["Reminders:AllowLoopbackPushEndpoints"] = "true",
        ["Reminders:SendInBackground"] = "false",
    };

    private static async Task<int> SendDueAsync(AttuneWebFactory factory)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<Breaks>().SendReturnRemindersAsync(CancellationToken.None);
    }

    [Theory, ClassData(typeof(Providers))]
    public async Task A_break_is_pushed_kindly_to_the_partner_who_asked_and_both_are_reminded_once(DatabaseProvider provider)
    {
        await using var push = await FakePushService.StartAsync();
        await using var factory = await AttuneWebFactory.CreateAsync(provider, TestPush);
        var (_, aClient, _, bClient) = await TestTogether.LinkedPairAsync(factory);
        using var aBrowser = new TestPushBrowser();
        using var bBrowser = new TestPushBrowser();
        (await aClient.PostAsJsonAsync("/api/v1/push/subscriptions", aBrowser.Subscription(push.Endpoint("a-phone")))).EnsureSuccessStatusCode();
        (await bClient.PostAsJsonAsync("/api/v1/push/subscriptions", bBrowser.Subscription(push.Endpoint("b-phone")))).EnsureSuccessStatusCode();

        // Without the partner's yes, nothing is pushed.
        using (var first = await aClient.PostAsJsonAsync("/api/v1/breaks", new { minutes = 20 }))
        {
            Assert.Equal(HttpStatusCode.Created, first.StatusCode);
            Assert.Equal("false", first.Headers.GetValues("Partner-Notified").Single());
            var id = (await first.Content.ReadFromJsonAsync<BreakDto>(TestSharing.Json))!.Id;
            (await aClient.PostAsync($"/api/v1/breaks/{id}/end", null)).EnsureSuccessStatusCode();
        }
        Assert.Empty(push.Received);

        (await bClient.PutAsJsonAsync("/api/v1/together/settings", new { notifyByPush = true })).EnsureSuccessStatusCode();
        (await aClient.PutAsJsonAsync("/api/v1/together/settings", new { notifyByPush = true })).EnsureSuccessStatusCode();
        using var started = await aClient.PostAsJsonAsync("/api/v1/breaks", new { minutes = 30, note = "Feeling flooded about the money talk" });
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        Assert.Equal("true", started.Headers.GetValues("Partner-Notified").Single());

        var told = Assert.Single(push.Received);
        Assert.Equal("/push/b-phone", told.Path);
        var text = bBrowser.Decrypt(told.Body);
        var payload = JsonDocument.Parse(text).RootElement;
        Assert.Equal("/together", payload.GetProperty("url").GetString());
        Assert.Contains("break", payload.GetProperty("body").GetString(), StringComparison.Ordinal);
        // A lock screen shows it: no note, no name, no state.
        Assert.DoesNotContain("money", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("flooded", text, StringComparison.OrdinalIgnoreCase);

        Assert.Equal(0, await SendDueAsync(factory));
        factory.Clock.Advance(TimeSpan.FromMinutes(31));
        var results = await Task.WhenAll(SendDueAsync(factory), SendDueAsync(factory));
        Assert.Equal(1, results.Sum());
        Assert.Equal(0, await SendDueAsync(factory));

        var reminders = push.Received.Skip(1).ToList();
        Assert.Equal(["/push/a-phone", "/push/b-phone"], reminders.Select(r => r.Path).Order());
        Assert.Equal("Time to come back together", JsonDocument.Parse(aBrowser.Decrypt(reminders.Single(r => r.Path == "/push/a-phone").Body)).RootElement.GetProperty("title").GetString());
    }
}

/// <summary>An invitation to breathe together reaches the partner's browser by push when they asked, naming no one.</summary>
public sealed class BreatheTogetherPushTests
{
    [Theory, ClassData(typeof(Providers))]
    public async Task Starting_a_session_pushes_a_kind_invitation_to_the_partner_who_asked(DatabaseProvider provider)
    {
        await using var push = await FakePushService.StartAsync();
        await using var factory = await AttuneWebFactory.CreateAsync(provider, new Dictionary<string, string?>
        {
            ["Reminders:AllowLoopbackPushEndpoints"] = "true",
            ["Reminders:SendInBackground"] = "false",
        });
        var (a, aClient, _, bClient) = await TestTogether.LinkedPairAsync(factory);
        using var bBrowser = new TestPushBrowser();
        (await bClient.PostAsJsonAsync("/api/v1/push/subscriptions", bBrowser.Subscription(push.Endpoint("b-phone")))).EnsureSuccessStatusCode();
        (await bClient.PutAsJsonAsync("/api/v1/together/settings", new { notifyByPush = true })).EnsureSuccessStatusCode();
        await using var hub = await TestHub.ConnectAsync(factory, await TestHub.TokenAsync(factory, a));

        var id = await hub.Connection.InvokeAsync<Guid>("Start", 6.0);

        var told = Assert.Single(push.Received);
        Assert.Equal("/push/b-phone", told.Path);
        var payload = JsonDocument.Parse(bBrowser.Decrypt(told.Body)).RootElement;
        Assert.Equal("An invitation to breathe together", payload.GetProperty("title").GetString());
        Assert.Equal("/together", payload.GetProperty("url").GetString());
        // In the app: the partner's Together page shows the invitation with a way in.
        var page = await bClient.GetStringAsync("/together");
        Assert.Contains($"/together/live/{id}", page, StringComparison.Ordinal);
        Assert.Contains("would like to breathe with you", page, StringComparison.Ordinal);
    }
}
