using Attune.Web.Data;
using Attune.Web.Features.Recordings;
using Attune.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Attune.Web.Tests.Recordings;

/// <summary>Each node compiles the upload and analysis paths when it starts, and keeps nothing of it.</summary>
public sealed class WarmUpTests
{
    [Theory, ClassData(typeof(Providers))]
    public async Task The_warm_up_stores_a_made_up_upload_and_rolls_it_all_back(DatabaseProvider provider)
    {
        await using var app = await AttuneWebFactory.CreateAsync(provider, new Dictionary<string, string?> { ["Analysis:WarmUp"] = "true" });
        const string Done = "Upload path warmed up";
        _ = app.Services; // starts the host, and with it the node's warm-up
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!app.Logs.Entries.Any(e => e.Message.StartsWith(Done, StringComparison.Ordinal)) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }
        Assert.True(app.Logs.Entries.Any(e => e.Message.StartsWith(Done, StringComparison.Ordinal)), app.Logs.AllText);
        // The node's own warm-up at start kept nothing: no account, recording, job or audit record of its own.
        var atStart = await CountsAsync(app);
        Assert.Equal((0, 0), (atStart.Recordings, atStart.Jobs));
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AttuneDb>();
            // Only the account the test factory seeds, and its own audit record.
            Assert.Equal(["owner@attune.test"], await db.Users.Select(u => u.Email).ToListAsync());
            Assert.Equal(["account.created"], await db.AuditEntries.Select(e => e.Action).ToListAsync());
        }

        var user = await TestUsers.CreateAsync(app);
        var before = await CountsAsync(app);
        Assert.Equal(atStart.Users + 1, before.Users);
        await app.Services.GetRequiredService<RecordingAnalyses>().WarmUpStoreAsync(CancellationToken.None);
        Assert.Equal(2, app.Logs.Entries.Count(e => e.Message.StartsWith(Done, StringComparison.Ordinal)));
        Assert.DoesNotContain(app.Logs.Entries, e => e.Message.StartsWith("Warming up the upload path was refused", StringComparison.Ordinal));
        Assert.Equal(before, await CountsAsync(app));

        // Uploads work as usual afterwards: stored, with their job, and analysed.
        using var client = await TestUsers.WithAccessTokenAsync(app, user);
        var recording = await TestRecordings.UploadAsync(client);
        var after = await CountsAsync(app);
        Assert.Equal((before.Users, 1, 1), (after.Users, after.Recordings, after.Jobs));
        using var analysis = await client.GetAsync($"/api/v1/recordings/{recording.Id}/analysis");
        Assert.Equal(System.Net.HttpStatusCode.OK, analysis.StatusCode);
    }

    private static async Task<(int Users, int Recordings, int Jobs, int Audit)> CountsAsync(AttuneWebFactory app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AttuneDb>();
        return (await db.Users.CountAsync(), await db.Set<Recording>().TagWith(Attune.Web.Features.Sharing.Access.Tag).CountAsync(),
            await db.Set<AnalysisJob>().CountAsync(), await db.AuditEntries.CountAsync());
    }
}
