using System.Net;
using Attune.Web.Data;
using Attune.Web.Features.Recordings;
using Attune.Web.Features.Sharing;
using Attune.Web.Tests.Infrastructure;
using Attune.Web.Tests.Recordings;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Attune.Web.Tests.ScaleOut;

/// <summary>The analysis queue shared by every node through the database (decision 0022).</summary>
public sealed class SharedAnalysisTests
{
    private static Dictionary<string, string?> Node(string name, int leaseSeconds = 3, double sweepSeconds = 0.3, int maxAttempts = 3) => new()
    {
        ["Attune:NodeName"] = name,
        ["Analysis:LeaseSeconds"] = leaseSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Analysis:SweepSeconds"] = sweepSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Analysis:MaxAttempts"] = maxAttempts.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    [Theory, ClassData(typeof(Providers))]
    public async Task A_node_that_dies_mid_analysis_loses_no_work_another_finishes_it_after_the_lease(DatabaseProvider provider)
    {
        await using var survivor = await AttuneWebFactory.CreateAsync(provider, Node("node-b"));
        await using var dying = AttuneWebFactory.AnotherNode(survivor, Node("node-a"));
        var user = await TestUsers.CreateAsync(survivor);
        using var started = new ManualResetEventSlim();
        dying.Services.GetRequiredService<RecordingAnalyses>().OnAnalysing = (_, token) =>
        {
            started.Set();
            // Stands for a node that stops mid-analysis: it never finishes.
            token.WaitHandle.WaitOne();
            token.ThrowIfCancellationRequested();
        };
        var survivorRan = 0;
        survivor.Services.GetRequiredService<RecordingAnalyses>().OnAnalysing = (_, _) => Interlocked.Increment(ref survivorRan);
        using var throughDying = await TestUsers.WithAccessTokenAsync(dying, user);
        var recording = await TestRecordings.UploadAsync(throughDying);
        Assert.True(started.Wait(TimeSpan.FromSeconds(30)), "the uploading node never started the analysis");

        // While it runs, its node renews the lease: well past one lease, nobody else has taken the job.
        await Task.Delay(TimeSpan.FromSeconds(4));
        var running = await JobAsync(survivor, recording.Id);
        Assert.Equal(AnalysisJobState.Running, running!.State);
        Assert.StartsWith("node-a#", running.LeaseOwner);
        Assert.Equal(0, Volatile.Read(ref survivorRan));

        await dying.DisposeAsync();

        using var throughSurvivor = await TestUsers.WithAccessTokenAsync(survivor, user);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        HttpStatusCode status;
        do
        {
            using var response = await throughSurvivor.GetAsync($"/api/v1/recordings/{recording.Id}/analysis");
            status = response.StatusCode;
            if (status != HttpStatusCode.OK)
            {
                await Task.Delay(200);
            }
        }
        while (status != HttpStatusCode.OK && DateTime.UtcNow < deadline);
        Assert.Equal(HttpStatusCode.OK, status);
        var done = await JobAsync(survivor, recording.Id);
        Assert.Equal(AnalysisJobState.Done, done!.State);
        Assert.Equal(2, done.Attempts);
        var results = await ResultsAsync(survivor, recording.Id);
        Assert.Equal("node-b", Assert.Single(results).Node);
        Assert.Equal(1, Volatile.Read(ref survivorRan));
    }

    [Theory, ClassData(typeof(Providers))]
    public async Task Two_nodes_sweeping_at_once_never_claim_the_same_job(DatabaseProvider provider)
    {
        // Sweepers that never tick on their own: the test calls the claim itself, on both nodes at once.
        await using var first = await AttuneWebFactory.CreateAsync(provider, Node("node-a", sweepSeconds: 3600));
        await using var second = AttuneWebFactory.AnotherNode(first, Node("node-b", sweepSeconds: 3600));
        var (_, client) = await TestUsers.SignedInAsync(first);
        var ids = new List<Guid>();
        for (var i = 0; i < 12; i++)
        {
            ids.Add((await TestRecordings.UploadAsync(client, TestRecordings.RrCsv(200, i))).Id);
        }
        foreach (var id in ids)
        {
            await WaitForResultAsync(first, id);
        }
        using (var scope = first.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AttuneDb>();
            var past = DateTime.UtcNow.AddMinutes(-1);
            await db.Set<AnalysisJob>().ExecuteUpdateAsync(u => u.SetProperty(j => j.State, AnalysisJobState.Queued)
                .SetProperty(j => j.LeaseOwner, (string?)null).SetProperty(j => j.LeaseUntil, past).SetProperty(j => j.Attempts, 0));
        }

        var claimsA = new List<ClaimedJob>();
        var claimsB = new List<ClaimedJob>();
        var jobsA = first.Services.GetRequiredService<AnalysisJobs>();
        var jobsB = second.Services.GetRequiredService<AnalysisJobs>();
        for (var round = 0; round < 6; round++)
        {
            var a = jobsA.ClaimDueAsync(2, CancellationToken.None);
            var b = jobsB.ClaimDueAsync(2, CancellationToken.None);
            claimsA.AddRange(await a);
            claimsB.AddRange(await b);
        }

        var all = claimsA.Concat(claimsB).Select(c => c.RecordingId).ToList();
        Assert.Equal(all.Count, all.Distinct().Count());
        Assert.Equal(ids.Order(), all.Order());
        Assert.All(claimsA.Concat(claimsB), c => Assert.Equal(1, c.Attempts));
        using var check = first.Services.CreateScope();
        var owners = await check.ServiceProvider.GetRequiredService<AttuneDb>().Set<AnalysisJob>().AsNoTracking()
            .ToDictionaryAsync(j => j.RecordingId, j => j.LeaseOwner);
        Assert.All(claimsA, c => Assert.Equal(jobsA.Owner, owners[c.RecordingId]));
        Assert.All(claimsB, c => Assert.Equal(jobsB.Owner, owners[c.RecordingId]));
    }

    [Theory, ClassData(typeof(Providers))]
    public async Task A_stored_result_is_served_by_a_node_that_never_analysed_it(DatabaseProvider provider)
    {
        await using var first = await AttuneWebFactory.CreateAsync(provider, Node("node-a"));
        await using var second = AttuneWebFactory.AnotherNode(first, Node("node-b"));
        second.Services.GetRequiredService<RecordingAnalyses>().OnAnalysing = (_, _) => throw new InvalidOperationException("node-b must not analyse");
        var user = await TestUsers.CreateAsync(first);
        using var a = await TestUsers.WithAccessTokenAsync(first, user);
        using var b = await TestUsers.WithAccessTokenAsync(second, user);
        var recording = await TestRecordings.UploadAsync(a);
        var url = $"/api/v1/recordings/{recording.Id}/analysis";
        using var fromA = await GetOkAsync(a, url);
        await WaitForResultAsync(first, recording.Id);

        using var fromB = await GetOkAsync(b, url);
        using var windowA = await GetOkAsync(a, $"/api/v1/recordings/{recording.Id}/window?from=60&to=180");
        using var windowB = await GetOkAsync(b, $"/api/v1/recordings/{recording.Id}/window?from=60&to=180");

        Assert.Equal(fromA.Headers.ETag, fromB.Headers.ETag);
        Assert.Equal(await fromA.Content.ReadAsByteArrayAsync(), await fromB.Content.ReadAsByteArrayAsync());
        Assert.Equal(await windowA.Content.ReadAsStringAsync(), await windowB.Content.ReadAsStringAsync());
        // The pages get the analysis object back from the stored JSON: serialized again, it is the same document.
        using var scope = second.Services.CreateScope();
        var analyses = second.Services.GetRequiredService<RecordingAnalyses>();
        var analysed = await analyses.GetAsync(scope.ServiceProvider.GetRequiredService<Access>(), user.Id, recording.Id, CancellationToken.None);
        Assert.Equal(await fromA.Content.ReadAsByteArrayAsync(), analyses.Encode(analysed!.Analysis).Identity);
        Assert.Equal("node-a", Assert.Single(await ResultsAsync(second, recording.Id)).Node);
    }

    [Theory, ClassData(typeof(Providers))]
    public async Task Deleting_a_recording_removes_its_job_and_its_stored_result(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider, Node("node-a"));
        var (_, client) = await TestUsers.SignedInAsync(factory);
        var recording = await TestRecordings.UploadAsync(client);
        using var _ = await GetOkAsync(client, $"/api/v1/recordings/{recording.Id}/analysis");
        await WaitForResultAsync(factory, recording.Id);

        using var deleted = await client.DeleteAsync($"/api/v1/recordings/{recording.Id}");

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Null(await JobAsync(factory, recording.Id));
        Assert.Empty(await ResultsAsync(factory, recording.Id));
    }

    [Theory, ClassData(typeof(Providers))]
    public async Task A_recording_whose_analysis_always_fails_ends_as_failed_after_the_allowed_attempts_and_says_so(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider, Node("node-a", sweepSeconds: 0.2, maxAttempts: 2));
        var tries = 0;
        factory.Services.GetRequiredService<RecordingAnalyses>().OnAnalysing = (_, _) =>
        {
            Interlocked.Increment(ref tries);
            throw new InvalidOperationException("this recording breaks the analysis");
        };
        var (_, client) = await TestUsers.SignedInAsync(factory);
        var recording = await TestRecordings.UploadAsync(client);

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((await JobAsync(factory, recording.Id))?.State != AnalysisJobState.Failed && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }
        using var api = await client.GetAsync($"/api/v1/recordings/{recording.Id}/analysis");
        var page = await client.GetStringAsync($"/insights/recordings/{recording.Id}");
        var list = await client.GetStringAsync("/insights/recordings");

        var job = await JobAsync(factory, recording.Id);
        Assert.Equal(AnalysisJobState.Failed, job!.State);
        Assert.Equal(2, job.Attempts);
        Assert.Equal(2, Volatile.Read(ref tries));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, api.StatusCode);
        Assert.Contains("We tried 2 times", await api.Content.ReadAsStringAsync());
        Assert.Contains("We tried 2 times to analyse this recording", page);
        Assert.DoesNotContain("http-equiv=\"refresh\"", page);
        Assert.Contains("could not be analysed (we tried 2 times)", list);
    }

    private static async Task<HttpResponseMessage> GetOkAsync(HttpClient client, string url)
    {
        for (var i = 0; i < 100; i++)
        {
            var response = await client.GetAsync(url);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                return response;
            }
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            response.Dispose();
            await Task.Delay(200);
        }
        throw new TimeoutException($"{url} never answered 200");
    }

    private static async Task WaitForResultAsync(AttuneWebFactory node, Guid id)
    {
        for (var i = 0; i < 100 && (await ResultsAsync(node, id)).Count == 0; i++)
        {
            await Task.Delay(100);
        }
    }

    private static async Task<AnalysisJob?> JobAsync(AttuneWebFactory node, Guid id)
    {
        using var scope = node.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<AttuneDb>().Set<AnalysisJob>().AsNoTracking().FirstOrDefaultAsync(j => j.RecordingId == id);
    }

    private static async Task<List<StoredAnalysis>> ResultsAsync(AttuneWebFactory node, Guid id)
    {
        using var scope = node.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<AttuneDb>().Set<StoredAnalysis>().AsNoTracking().Where(s => s.RecordingId == id).ToListAsync();
    }
}
