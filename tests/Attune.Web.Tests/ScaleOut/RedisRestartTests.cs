using System.Net;
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

/// <summary>Redis restarted, empty, in the middle of a session whose partners are on two nodes (decisions 0020 and 0025).</summary>
public sealed class RedisRestartTests
{
    [RedisTheory, ClassData(typeof(Providers))]
    public async Task A_session_carries_on_after_Redis_restarts_and_is_saved_once(DatabaseProvider provider)
    {
        // A Redis of its own: restarting the one test.sh started would disturb the tests running beside this one.
        await using var redis = await DedicatedRedis.StartAsync();
        var settings = new Dictionary<string, string?> { ["DataProtection:Store"] = "database", ["Redis:Configuration"] = redis.Configuration };
        await using var store = await AttuneWebFactory.CreateAsync(provider, settings);
        await using var nodeA = AttuneWebFactory.AnotherNode(store, settings);
        await using var nodeB = AttuneWebFactory.AnotherNode(store, settings);
        var (owner, _, partner, _) = await TestTogether.LinkedPairAsync(store);
        await using var ownerHub = await TestHub.ConnectAsync(nodeA, await TestHub.TokenAsync(store, owner));
        await using var partnerHub = await TestHub.ConnectAsync(nodeB, await TestHub.TokenAsync(store, partner));
        var id = await ownerHub.Connection.InvokeAsync<Guid>("Start", 6.0);
        await ownerHub.Connection.InvokeAsync<LiveJoinedDto>("Join", id, "connected");
        await LiveAcrossNodesTests.SoonAsync(() => partnerHub.Connection.InvokeAsync<LiveJoinedDto>("Join", id, "activated"));
        await ownerHub.Connection.InvokeAsync("Beat", id, 70, 1L);
        Assert.Equal(("starter", 70), LiveAcrossNodesTests.Pair(await partnerHub.NextAsync<LiveHeartDto>("Heart")));

        await redis.RestartAsync();

        // Both nodes reconnect on their own; what was sent in the gap is lost, and the next heart rates get through again.
        Assert.Equal(("starter", 76), await BeatUntilHeardAsync(ownerHub, partnerHub, id, 76));
        Assert.Equal(("partner", 62), await BeatUntilHeardAsync(partnerHub, ownerHub, id, 62));

        // Claims made before the restart are gone; the session still ends once, for both, and is saved once.
        await partnerHub.Connection.InvokeAsync("End", id);
        Assert.Equal("completed", (await ownerHub.NextAsync<LiveSummaryDto>("Ended")).Outcome);
        Assert.Equal("completed", (await partnerHub.NextAsync<LiveSummaryDto>("Ended")).Outcome);
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.False(ownerHub.Has("Ended") || partnerHub.Has("Ended"), "the session ended twice");
        await using var scope = store.Services.CreateAsyncScope();
        var saved = Assert.Single(await Access.Unchecked<BreathSession>(scope.ServiceProvider.GetRequiredService<AttuneDb>()).AsNoTracking().ToListAsync());
        Assert.Equal((id, BreathOutcome.Completed), (saved.Id, saved.Outcome));

        // The nodes hear each other's evictions again: a sign-out on one is refused on the next request to the other.
        var cookie = await SharedKeysTests.SignInAsync(nodeA);
        Assert.Equal(HttpStatusCode.OK, await SharedKeysTests.GetMeAsync(nodeB, cookie));
        Assert.Equal(HttpStatusCode.NoContent, await EvictionTests.SignOutAsync(nodeA, cookie));
        Assert.Equal(HttpStatusCode.Unauthorized, await SharedKeysTests.GetMeAsync(nodeB, cookie));
    }

    /// <summary>Sends a heart rate each second until the other side hears it (up to 30 s: Redis reconnects within a few).</summary>
    private static async Task<(string, int)> BeatUntilHeardAsync(TestHub from, TestHub to, Guid id, int bpm)
    {
        for (var seq = 100L; ; seq++)
        {
            try
            {
                await from.Connection.InvokeAsync("Beat", id, bpm, seq);
                return LiveAcrossNodesTests.Pair(await to.NextAsync<LiveHeartDto>("Heart", h => h.Bpm == bpm, seconds: 1));
            }
            catch (Exception e) when (e is HubException or OperationCanceledException && seq < 130)
            {
                await Task.Delay(TimeSpan.FromSeconds(1));
            }
        }
    }
}
