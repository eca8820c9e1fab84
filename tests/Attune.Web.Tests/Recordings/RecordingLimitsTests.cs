using System.Net;
using System.Net.Http.Json;
using Attune.Web.Features.Recordings;
using Attune.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Attune.Web.Tests.Recordings;

public sealed class RecordingLimitsTests
{
    [Theory, ClassData(typeof(Providers))]
    public async Task A_recording_longer_than_the_limit_is_refused_and_nothing_is_stored(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider, new Dictionary<string, string?> { ["Recordings:MaxBeatDays"] = "0.01" });
        var (_, client) = await TestUsers.SignedInAsync(factory);

        // 0.01 days is 14.4 minutes; 20 minutes of beats is over it.
        using var response = await TestRecordings.PostRawAsync(client, TestRecordings.RrCsv(1200));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("longer than 0.01 days", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await TestRecordings.CountAsync(factory));
    }

    [Theory, ClassData(typeof(Providers))]
    public async Task An_account_over_its_space_is_refused_with_413_and_nothing_is_stored(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider, new Dictionary<string, string?> { ["Recordings:QuotaMb"] = "0" });
        var (_, client) = await TestUsers.SignedInAsync(factory);

        using var response = await TestRecordings.PostRawAsync(client, TestRecordings.RrCsv());

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("Delete some you no longer need", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await TestRecordings.CountAsync(factory));
    }

    [Theory, ClassData(typeof(Providers))]
    public async Task A_first_analysis_still_under_way_is_202_with_where_it_stands_then_200(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider, new Dictionary<string, string?>
        {
            ["Analysis:Concurrency"] = "1",
            ["Analysis:RequestWaitSeconds"] = "0.2",
        });
        var (_, client) = await TestUsers.SignedInAsync(factory);
        // Something else holds the only place in the queue, so the analysis the upload starts has to wait.
        var queue = factory.Services.GetRequiredService<AnalysisQueue>();
        using var release = new ManualResetEventSlim();
        var blocker = queue.Enqueue(Guid.NewGuid(), 1, _ => { release.Wait(); return new AnalysedRecording(null!, null); })!;
        var recording = await TestRecordings.UploadAsync(client);

        using var waiting = await client.GetAsync($"/api/v1/recordings/{recording.Id}/analysis");
        Assert.Equal(HttpStatusCode.Accepted, waiting.StatusCode);
        Assert.Equal("2", waiting.Headers.GetValues("Retry-After").Single());
        var status = (await waiting.Content.ReadFromJsonAsync<AnalysisStatusDto>())!;
        Assert.Equal("queued", status.Status);
        var page = await client.GetStringAsync($"/insights/recordings/{recording.Id}");
        Assert.Contains("looks again by itself", page, StringComparison.Ordinal);
        Assert.Contains("http-equiv=\"refresh\"", page, StringComparison.Ordinal);

        release.Set();
        await blocker.Task;
        for (var i = 0; i < 100; i++)
        {
            using var ready = await client.GetAsync($"/api/v1/recordings/{recording.Id}/analysis");
            if (ready.StatusCode == HttpStatusCode.OK)
            {
                return;
            }
            await Task.Delay(100);
        }
        Assert.Fail("The analysis never became ready.");
    }
}
