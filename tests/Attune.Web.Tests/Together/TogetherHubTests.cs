using System.Net;
using Attune.Web.Data;
using Attune.Web.Features.Accounts;
using Attune.Web.Features.Sharing;
using Attune.Web.Features.Together.Live;
using Attune.Web.Tests.Export;
using Attune.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Attune.Web.Tests.Together;

/// <summary>
/// The breathe-together hub: who may call each method (partner, ex-partner, stranger, anonymous, wrong session), bad
/// input refused with nothing stored and the connection healthy for the others, unlinking and drops ending a session,
/// and what is saved, exported and erased; on both databases.
/// </summary>
public sealed class TogetherHubTests
{
    private sealed record World(TestUser Owner, TestUser Partner, TestUser Ex, TestUser Stranger, string OwnerToken, string PartnerToken, string ExToken,
        string StrangerToken, HttpClient OwnerClient, HttpClient PartnerClient);

    /// <summary>The owner was linked with the ex first, then unlinked, and is now linked with the partner.</summary>
    private static async Task<World> BuildAsync(AttuneWebFactory factory)
    {
        var (owner, ownerClient, ex, exClient) = await TestTogether.LinkedPairAsync(factory);
        (await exClient.DeleteAsync("/api/v1/partner")).EnsureSuccessStatusCode();
        var (partner, partnerClient) = await TestUsers.SignedInAsync(factory);
        var code = await TestTogether.InviteAsync(ownerClient);
        (await TestTogether.AcceptAsync(partnerClient, code.Code)).EnsureSuccessStatusCode();
        var (stranger, _) = await TestUsers.SignedInAsync(factory);
        return new World(owner, partner, ex, stranger, await TestHub.TokenAsync(factory, owner), await TestHub.TokenAsync(factory, partner),
            await TestHub.TokenAsync(factory, ex), await TestHub.TokenAsync(factory, stranger), ownerClient, partnerClient);
    }

    private static async Task<int> SavedAsync(AttuneWebFactory factory)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await Access.Unchecked<BreathSession>(scope.ServiceProvider.GetRequiredService<AttuneDb>()).CountAsync();
    }

    private static async Task<BreathSession> SavedAsync(AttuneWebFactory factory, Guid id)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await Access.Unchecked<BreathSession>(scope.ServiceProvider.GetRequiredService<AttuneDb>()).AsNoTracking().SingleAsync(s => s.Id == id);
    }

    private static async Task<string?> RefusalAsync(Func<Task> call)
    {
        try
        {
            await call();
            return null;
        }
        catch (HubException e)
        {
            // SignalR prefixes a HubException's own message with the method name; anything else would have no message at all.
            const string Marker = "HubException: ";
            var at = e.Message.IndexOf(Marker, StringComparison.Ordinal);
            Assert.True(at >= 0, e.Message);
            return e.Message[(at + Marker.Length)..];
        }
    }

    [Theory, ClassData(typeof(Providers))]
    public async Task Every_hub_method_answers_only_the_two_partners_in_their_session(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        var w = await BuildAsync(factory);
        await using var owner = await TestHub.ConnectAsync(factory, w.OwnerToken);
        await using var partner = await TestHub.ConnectAsync(factory, w.PartnerToken);
        await using var ex = await TestHub.ConnectAsync(factory, w.ExToken);
        await using var stranger = await TestHub.ConnectAsync(factory, w.StrangerToken);

        // Anonymous, a token without together:write and a page of another site never get a connection.
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => TestHub.ConnectAsync(factory, null));
        await Assert.ThrowsAnyAsync<HttpRequestException>(async () => await TestHub.ConnectAsync(factory, await TestHub.TokenAsync(factory, w.Owner, TokenScopes.TogetherRead)));
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => TestHub.ConnectAsync(factory, w.OwnerToken, origin: "https://evil.example"));

        // Starting needs a partner: the ex and the stranger have none now.
        Assert.Contains("partner link", await RefusalAsync(() => ex.Connection.InvokeAsync<Guid>("Start", 6.0)));
        Assert.Contains("partner link", await RefusalAsync(() => stranger.Connection.InvokeAsync<Guid>("Start", 6.0)));
        Assert.Contains("pace", await RefusalAsync(() => owner.Connection.InvokeAsync<Guid>("Start", 60.0)));
        var id = await owner.Connection.InvokeAsync<Guid>("Start", 6.0);
        // Starting again (either of them) lands in the same session.
        Assert.Equal(id, await partner.Connection.InvokeAsync<Guid>("Start", 5.0));

        var wrong = Guid.NewGuid();
        const string NotAvailable = "That session isn't available.";
        foreach (var (who, hub) in new[] { ("ex", ex), ("stranger", stranger) })
        {
            Assert.True(NotAvailable == await RefusalAsync(() => hub.Connection.InvokeAsync<LiveJoinedDto>("Join", id, "connected")), who);
            Assert.True(NotAvailable == await RefusalAsync(() => hub.Connection.InvokeAsync("Beat", id, 70, 1L)), who);
            Assert.True(NotAvailable == await RefusalAsync(() => hub.Connection.InvokeAsync("Here", id)), who);
            Assert.True(NotAvailable == await RefusalAsync(() => hub.Connection.InvokeAsync("End", id)), who);
            Assert.True(NotAvailable == await RefusalAsync(() => hub.Connection.InvokeAsync("After", id, "connected")), who);
        }
        // The partner, before joining, may not send for the session; nor for a session that does not exist.
        Assert.Equal(NotAvailable, await RefusalAsync(() => partner.Connection.InvokeAsync("Beat", id, 70, 1L)));
        Assert.Equal(NotAvailable, await RefusalAsync(() => partner.Connection.InvokeAsync<LiveJoinedDto>("Join", wrong, "connected")));

        var joined = await partner.Connection.InvokeAsync<LiveJoinedDto>("Join", id, "activated");
        Assert.Equal("partner", joined.Role);
        Assert.Equal(6.0, joined.BreathsPerMinute);
        Assert.NotEqual("your partner", joined.PartnerName);
        var ownerJoined = await owner.Connection.InvokeAsync<LiveJoinedDto>("Join", id, "connected");
        Assert.Equal("starter", ownerJoined.Role);
        Assert.Equal(joined.PacerStartMs, ownerJoined.PacerStartMs);
        await partner.NextAsync<LivePresenceDto>("Presence", p => p.Starter == "here" && p.Partner == "here");

        // Joined partners: every method works for them, and their messages reach the other.
        await owner.Connection.InvokeAsync("Beat", id, 72, 1L);
        var heart = await partner.NextAsync<LiveHeartDto>("Heart");
        Assert.Equal(("starter", 72, 1L), (heart.Role, heart.Bpm, heart.Seq));
        await partner.Connection.InvokeAsync("Beat", id, 64, 1L);
        Assert.Equal(64, (await owner.NextAsync<LiveHeartDto>("Heart")).Bpm);
        await partner.Connection.InvokeAsync("Here", id);
        Assert.Equal(NotAvailable, await RefusalAsync(() => owner.Connection.InvokeAsync("Beat", wrong, 70, 2L)));
        // A stranger who guessed the id still gets nothing, and the two go on undisturbed.
        Assert.Equal(NotAvailable, await RefusalAsync(() => stranger.Connection.InvokeAsync<LiveJoinedDto>("Join", id, null)));
        Assert.False(stranger.Has("Heart"));
        Assert.False(ex.Has("Presence"));
        var clock = await owner.Connection.InvokeAsync<double>("Clock");
        Assert.InRange(clock, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - 2000, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() + 2000);
        Assert.Equal(0, await SavedAsync(factory));

        await partner.Connection.InvokeAsync("End", id);
        var ended = await owner.NextAsync<LiveSummaryDto>("Ended");
        Assert.Equal("completed", ended.Outcome);
        Assert.Equal("completed", (await partner.NextAsync<LiveSummaryDto>("Ended")).Outcome);
        var saved = await SavedAsync(factory, id);
        Assert.Equal((w.Owner.Id, w.Partner.Id, BreathOutcome.Completed), (saved.OwnerId, saved.PartnerId, saved.Outcome));
        Assert.Equal((Attune.Web.Features.CheckIns.NervousState.Connected, Attune.Web.Features.CheckIns.NervousState.Activated), (saved.OwnerBefore!.Value, saved.PartnerBefore!.Value));
        Assert.Equal(72, saved.OwnerMeanHeartRate);

        // After it ends: each says how they are now; nobody else can, and the session takes no more messages.
        Assert.Equal(NotAvailable, await RefusalAsync(() => owner.Connection.InvokeAsync("Beat", id, 70, 3L)));
        Assert.Equal(NotAvailable, await RefusalAsync(() => stranger.Connection.InvokeAsync("After", id, "connected")));
        Assert.Equal(NotAvailable, await RefusalAsync(() => ex.Connection.InvokeAsync("After", id, "connected")));
        await owner.Connection.InvokeAsync("After", id, "connected");
        await partner.Connection.InvokeAsync("After", id, "connected");
        saved = await SavedAsync(factory, id);
        Assert.Equal((Attune.Web.Features.CheckIns.NervousState.Connected, Attune.Web.Features.CheckIns.NervousState.Connected), (saved.OwnerAfter!.Value, saved.PartnerAfter!.Value));

        // The summary page answers the two only.
        Assert.Equal(HttpStatusCode.OK, (await w.OwnerClient.GetAsync($"/together/live/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await w.PartnerClient.GetAsync($"/together/live/{id}")).StatusCode);
        var (_, strangerClient) = await TestUsers.SignedInAsync(factory);
        Assert.Equal(HttpStatusCode.NotFound, (await strangerClient.GetAsync($"/together/live/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await w.OwnerClient.GetAsync($"/together/live/{wrong}")).StatusCode);

        // Both exports hold it (each their own side), and erasing the partner removes it.
        var ownerExport = await w.OwnerClient.GetStringAsync("/api/v1/me/export");
        var partnerExport = await w.PartnerClient.GetStringAsync("/api/v1/me/export");
        Assert.Contains(id.ToString(), ownerExport, StringComparison.Ordinal);
        Assert.Contains("\"role\":\"joined\"", partnerExport, StringComparison.Ordinal);
        using var erase = await w.PartnerClient.SendAsync(new HttpRequestMessage(HttpMethod.Delete, "/api/v1/me") { Content = System.Net.Http.Json.JsonContent.Create(new { password = TestUsers.Password }) });
        Assert.Equal(HttpStatusCode.NoContent, erase.StatusCode);
        Assert.Equal(0, await SavedAsync(factory));
        Assert.Equal(0, await ErasureTests.ReferencesAsync(factory, w.Partner.Id));
    }

    [Theory, ClassData(typeof(Providers))]
    public async Task Bad_messages_are_refused_store_nothing_and_leave_the_partners_connected(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        var w = await BuildAsync(factory);
        await using var owner = await TestHub.ConnectAsync(factory, w.OwnerToken);
        await using var partner = await TestHub.ConnectAsync(factory, w.PartnerToken);
        await using var stranger = await TestHub.ConnectAsync(factory, w.StrangerToken);
        var id = await owner.Connection.InvokeAsync<Guid>("Start", 6.0);
        await owner.Connection.InvokeAsync<LiveJoinedDto>("Join", id, null);
        await partner.Connection.InvokeAsync<LiveJoinedDto>("Join", id, "shutDown");

        foreach (var bpm in new[] { 0, 24, 241, -5, int.MaxValue })
        {
            Assert.Contains("between 25 and 240", await RefusalAsync(() => owner.Connection.InvokeAsync("Beat", id, bpm, 1L)));
        }
        Assert.Contains("connected, activated or shut down", await RefusalAsync(() => owner.Connection.InvokeAsync<LiveJoinedDto>("Join", id, "furious")));
        // Arguments of the wrong type or number: the framework refuses the call and keeps the connection.
        await Assert.ThrowsAsync<HubException>(() => owner.Connection.InvokeCoreAsync("Beat", [id, "fast", 1L]));
        await Assert.ThrowsAsync<HubException>(() => owner.Connection.InvokeCoreAsync("Beat", [id]));
        await Assert.ThrowsAsync<HubException>(() => owner.Connection.InvokeCoreAsync("Join", ["not-a-guid", null]));
        await Assert.ThrowsAsync<HubException>(() => owner.Connection.InvokeCoreAsync("NoSuchMethod", []));
        await owner.Connection.InvokeAsync("Beat", id, 70, 1L);
        Assert.Equal(70, (await partner.NextAsync<LiveHeartDto>("Heart")).Bpm);
        Assert.False(partner.Has("Heart"));

        // Flooding the hub: the bucket refuses the excess, and the connection recovers within a second.
        var refused = 0;
        for (var i = 0; i < 40; i++)
        {
            if (await RefusalAsync(() => owner.Connection.InvokeAsync("Here", id)) is { } message)
            {
                Assert.Contains("slow down", message);
                refused++;
            }
        }
        Assert.InRange(refused, 10, 40);
        await Task.Delay(1200);
        await owner.Connection.InvokeAsync("Here", id);

        // An oversized message closes only the sender's connection: the stranger's, here; the partners go on.
        var closed = new TaskCompletionSource();
        stranger.Connection.Closed += _ =>
        {
            closed.TrySetResult();
            return Task.CompletedTask;
        };
        await Assert.ThrowsAnyAsync<Exception>(() => stranger.Connection.InvokeAsync<LiveJoinedDto>("Join", id, new string('x', 10_000)));
        await closed.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(HubConnectionState.Connected, owner.Connection.State);
        await partner.Connection.InvokeAsync("Beat", id, 66, 2L);
        Assert.Equal(66, (await owner.NextAsync<LiveHeartDto>("Heart")).Bpm);
        Assert.Equal(0, await SavedAsync(factory));
    }

    [Theory, ClassData(typeof(Providers))]
    public async Task Unlinking_mid_session_fails_the_next_message_and_ends_it_for_both(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        var w = await BuildAsync(factory);
        await using var owner = await TestHub.ConnectAsync(factory, w.OwnerToken);
        await using var partner = await TestHub.ConnectAsync(factory, w.PartnerToken);
        var id = await partner.Connection.InvokeAsync<Guid>("Start", 5.5);
        await partner.Connection.InvokeAsync<LiveJoinedDto>("Join", id, "activated");
        await owner.Connection.InvokeAsync<LiveJoinedDto>("Join", id, "connected");
        await owner.Connection.InvokeAsync("Beat", id, 80, 1L);

        (await w.PartnerClient.DeleteAsync("/api/v1/partner")).EnsureSuccessStatusCode();

        Assert.Contains("partner link", await RefusalAsync(() => owner.Connection.InvokeAsync("Beat", id, 81, 2L)));
        Assert.Equal("unlinked", (await owner.NextAsync<LiveSummaryDto>("Ended")).Outcome);
        Assert.Equal("unlinked", (await partner.NextAsync<LiveSummaryDto>("Ended")).Outcome);
        Assert.False(partner.Has("Heart") && (await partner.NextAsync<LiveHeartDto>("Heart")).Bpm == 81);
        var saved = await SavedAsync(factory, id);
        Assert.Equal((w.Partner.Id, w.Owner.Id, BreathOutcome.Unlinked), (saved.OwnerId, saved.PartnerId, saved.Outcome));
        Assert.Equal("That session isn't available.", await RefusalAsync(() => partner.Connection.InvokeAsync("Here", id)));
        // The ex-partner who joined no longer sees the session; its starter keeps their own record.
        Assert.Equal(HttpStatusCode.NotFound, (await w.OwnerClient.GetAsync($"/together/live/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await w.PartnerClient.GetAsync($"/together/live/{id}")).StatusCode);
    }

    [Theory, ClassData(typeof(Providers))]
    public async Task A_dropped_partner_is_shown_can_rejoin_and_otherwise_the_session_is_saved_incomplete(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider, new Dictionary<string, string?> { ["Live:RejoinSeconds"] = "2" });
        var w = await BuildAsync(factory);
        await using var owner = await TestHub.ConnectAsync(factory, w.OwnerToken);
        var id = await owner.Connection.InvokeAsync<Guid>("Start", 6.0);
        await owner.Connection.InvokeAsync<LiveJoinedDto>("Join", id, "connected");
        var first = await TestHub.ConnectAsync(factory, w.PartnerToken);
        await first.Connection.InvokeAsync<LiveJoinedDto>("Join", id, "connected");
        await owner.NextAsync<LivePresenceDto>("Presence", p => p.Partner == "here");

        await first.DisposeAsync();
        await owner.NextAsync<LivePresenceDto>("Presence", p => p.Partner == "dropped", seconds: 5);
        await using var again = await TestHub.ConnectAsync(factory, w.PartnerToken);
        var rejoined = await again.Connection.InvokeAsync<LiveJoinedDto>("Join", id, null);
        Assert.Equal("here", rejoined.Presence.Partner);
        await owner.NextAsync<LivePresenceDto>("Presence", p => p.Partner == "here");
        await Task.Delay(2500);
        Assert.False(owner.Has("Ended"));

        await again.Connection.StopAsync();
        var ended = await owner.NextAsync<LiveSummaryDto>("Ended", seconds: 10);
        Assert.Equal("incomplete", ended.Outcome);
        var saved = await SavedAsync(factory, id);
        Assert.Equal(BreathOutcome.Incomplete, saved.Outcome);
        Assert.Equal(Attune.Web.Features.CheckIns.NervousState.Connected, saved.PartnerBefore);
    }
}
