using Attune.Web.Data;
using Attune.Web.Features.Sharing;
using Attune.Web.Features.Together.Live;
using Attune.Web.Tests.Infrastructure;
using Attune.Web.Tests.Together;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Attune.Web.Tests.ScaleOut;

/// <summary>Breathing together with each partner on another node, through the Redis backplane and shared session state (decision 0020).</summary>
public sealed class LiveAcrossNodesTests
{
    [RedisTheory, ClassData(typeof(Providers))]
    public async Task Partners_on_two_nodes_share_one_session_and_carry_on_when_one_node_goes(DatabaseProvider provider)
    {
        var settings = new Dictionary<string, string?> { ["Redis:Configuration"] = TestRedis.Configuration };
        await using var store = await AttuneWebFactory.CreateAsync(provider, settings);
        await using var nodeA = AttuneWebFactory.AnotherNode(store, settings);
        await using var nodeB = AttuneWebFactory.AnotherNode(store, settings);
        var (owner, _, partner, _) = await TestTogether.LinkedPairAsync(store);
        var ownerToken = await TestHub.TokenAsync(store, owner);
        var partnerToken = await TestHub.TokenAsync(store, partner);

        var ownerHub = await TestHub.ConnectAsync(nodeA, ownerToken);
        await using var partnerHub = await TestHub.ConnectAsync(nodeB, partnerToken);
        var id = await ownerHub.Connection.InvokeAsync<Guid>("Start", 6.0);

        // The partner's node did not start the session, yet serves it: the same pacer, presence and hearts both ways.
        var joined = await SoonAsync(() => partnerHub.Connection.InvokeAsync<LiveJoinedDto>("Join", id, "activated"));
        var ownerJoined = await ownerHub.Connection.InvokeAsync<LiveJoinedDto>("Join", id, "connected");
        Assert.Equal(("partner", "starter"), (joined.Role, ownerJoined.Role));
        Assert.Equal(joined.PacerStartMs, ownerJoined.PacerStartMs);
        await partnerHub.NextAsync<LivePresenceDto>("Presence", p => p is { Starter: "here", Partner: "here" });
        await ownerHub.Connection.InvokeAsync("Beat", id, 72, 1L);
        Assert.Equal(("starter", 72), Pair(await partnerHub.NextAsync<LiveHeartDto>("Heart")));
        await partnerHub.Connection.InvokeAsync("Beat", id, 64, 1L);
        Assert.Equal(("partner", 64), Pair(await ownerHub.NextAsync<LiveHeartDto>("Heart")));

        // The owner's node goes away (a dying node may tell nobody); the owner comes back through the other node and the
        // session carries on there.
        await ownerHub.DisposeAsync();
        await nodeA.DisposeAsync();
        await using var ownerAgain = await TestHub.ConnectAsync(nodeB, ownerToken);
        var rejoined = await ownerAgain.Connection.InvokeAsync<LiveJoinedDto>("Join", id, null);
        Assert.Equal(joined.PacerStartMs, rejoined.PacerStartMs);
        await partnerHub.NextAsync<LivePresenceDto>("Presence", p => p is { Starter: "here", Partner: "here" });
        await ownerAgain.Connection.InvokeAsync("Beat", id, 74, 2L);
        Assert.Equal(("starter", 74), Pair(await partnerHub.NextAsync<LiveHeartDto>("Heart")));

        await partnerHub.Connection.InvokeAsync("End", id);
        Assert.Equal("completed", (await ownerAgain.NextAsync<LiveSummaryDto>("Ended")).Outcome);
        Assert.Equal("completed", (await partnerHub.NextAsync<LiveSummaryDto>("Ended")).Outcome);

        // Saved once, with what both nodes heard: the owner's beats on the node that went and on the one that stayed.
        await using var scope = store.Services.CreateAsyncScope();
        var saved = await Access.Unchecked<BreathSession>(scope.ServiceProvider.GetRequiredService<AttuneDb>()).AsNoTracking().ToListAsync();
        var session = Assert.Single(saved);
        Assert.Equal((id, BreathOutcome.Completed, 73.0, 64.0), (session.Id, session.Outcome, session.OwnerMeanHeartRate, session.PartnerMeanHeartRate));
    }

    [RedisTheory, ClassData(typeof(Providers))]
    public async Task A_node_started_after_the_session_began_serves_it_to_a_person_who_moves_there(DatabaseProvider provider)
    {
        var settings = new Dictionary<string, string?> { ["Redis:Configuration"] = TestRedis.Configuration };
        await using var store = await AttuneWebFactory.CreateAsync(provider, settings);
        await using var nodeA = AttuneWebFactory.AnotherNode(store, settings);
        await using var nodeB = AttuneWebFactory.AnotherNode(store, settings);
        var (owner, _, partner, _) = await TestTogether.LinkedPairAsync(store);
        var ownerToken = await TestHub.TokenAsync(store, owner);
        var partnerToken = await TestHub.TokenAsync(store, partner);
        var ownerHub = await TestHub.ConnectAsync(nodeA, ownerToken);
        await using var partnerHub = await TestHub.ConnectAsync(nodeB, partnerToken);
        var id = await ownerHub.Connection.InvokeAsync<Guid>("Start", 6.0);
        var joined = await ownerHub.Connection.InvokeAsync<LiveJoinedDto>("Join", id, "connected");
        await SoonAsync(() => partnerHub.Connection.InvokeAsync<LiveJoinedDto>("Join", id, "activated"));
        await ownerHub.Connection.InvokeAsync("Beat", id, 72, 1L);
        Assert.Equal(("starter", 72), Pair(await partnerHub.NextAsync<LiveHeartDto>("Heart")));

        // A third node starts only now, mid-session: it never saw the start, the joins or the first beats.
        await using var nodeC = AttuneWebFactory.AnotherNode(store, settings);
        await ownerHub.DisposeAsync();
        await using var ownerOnC = await TestHub.ConnectAsync(nodeC, ownerToken);

        // The owner's client joins again there at once and carries on: same pacer, both here, heart rates both ways.
        var rejoined = await ownerOnC.Connection.InvokeAsync<LiveJoinedDto>("Join", id, null);
        Assert.Equal(("starter", joined.PacerStartMs, joined.BreathsPerMinute), (rejoined.Role, rejoined.PacerStartMs, rejoined.BreathsPerMinute));
        await partnerHub.NextAsync<LivePresenceDto>("Presence", p => p is { Starter: "here", Partner: "here" });
        await ownerOnC.Connection.InvokeAsync("Beat", id, 74, 2L);
        Assert.Equal(("starter", 74), Pair(await partnerHub.NextAsync<LiveHeartDto>("Heart")));
        await partnerHub.Connection.InvokeAsync("Beat", id, 66, 2L);
        Assert.Equal(("partner", 66), Pair(await ownerOnC.NextAsync<LiveHeartDto>("Heart")));

        // Ended on the late node, the session holds what the first node heard before it started.
        await ownerOnC.Connection.InvokeAsync("End", id);
        Assert.Equal("completed", (await partnerHub.NextAsync<LiveSummaryDto>("Ended")).Outcome);
        await using var scope = store.Services.CreateAsyncScope();
        var saved = Assert.Single(await Access.Unchecked<BreathSession>(scope.ServiceProvider.GetRequiredService<AttuneDb>()).AsNoTracking().ToListAsync());
        Assert.Equal((id, BreathOutcome.Completed, 73.0, 66.0), (saved.Id, saved.Outcome, saved.OwnerMeanHeartRate, saved.PartnerMeanHeartRate));
    }

    internal static (string, int) Pair(LiveHeartDto heart) => (heart.Role, heart.Bpm);

    /// <summary>The session reaches the other node through Redis within milliseconds; a person would take seconds to open it.</summary>
    internal static async Task<T> SoonAsync<T>(Func<Task<T>> call)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await call();
            }
            catch (HubException) when (attempt < 50)
            {
                await Task.Delay(100);
            }
        }
    }
}
