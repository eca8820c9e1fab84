using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Attune.Web.Features.Recordings;
using Attune.Web.Tests.Infrastructure;

namespace Attune.Web.Tests.Recordings;

public sealed class RecordingsApiTests
{
    [Theory, ClassData(typeof(Providers))]
    public async Task Owner_uploads_lists_reads_analyses_and_deletes_a_recording(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        var (_, client) = await TestUsers.SignedInAsync(factory);

        using var upload = await TestRecordings.PostRawAsync(client, TestRecordings.RrCsv(), fileName: "walk.csv");
        Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        var created = (await upload.Content.ReadFromJsonAsync<RecordingDto>())!;
        Assert.Equal($"/api/v1/recordings/{created.Id}", upload.Headers.Location?.OriginalString);
        Assert.Equal("Evening walk", created.Name);
        Assert.Equal("rr", created.Kind);
        Assert.Equal("walk.csv", created.OriginalFileName);
        Assert.Equal(600, created.PointCount);

        var list = await client.GetFromJsonAsync<List<RecordingDto>>("/api/v1/recordings");
        Assert.Equal(created.Id, Assert.Single(list!).Id);
        var one = await client.GetFromJsonAsync<RecordingDto>($"/api/v1/recordings/{created.Id}");
        Assert.Equal(created, one);

        using var analysisResponse = await client.GetAsync($"/api/v1/recordings/{created.Id}/analysis");
        Assert.Equal(HttpStatusCode.OK, analysisResponse.StatusCode);
        using var json = JsonDocument.Parse(await analysisResponse.Content.ReadAsStringAsync());
        var names = json.RootElement.GetProperty("measures").EnumerateArray().Select(m => m.GetProperty("name").GetString()).ToList();
        Assert.Contains("MeanNN", names);
        Assert.Contains("SDNN", names);
        Assert.Contains("RMSSD", names);
        Assert.True(json.RootElement.GetProperty("tachogram").GetProperty("timesS").GetArrayLength() > 100);
        Assert.True(json.RootElement.GetProperty("spectrum").GetProperty("frequenciesHz").GetArrayLength() > 10);
        Assert.True(json.RootElement.GetProperty("poincare").GetProperty("sd1Ms").GetDouble() > 0);
        Assert.True(json.RootElement.GetProperty("coherence").GetArrayLength() > 0);
        Assert.Equal(JsonValueKind.Array, json.RootElement.GetProperty("flooding").ValueKind);

        using var delete = await client.DeleteAsync($"/api/v1/recordings/{created.Id}");
        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        Assert.Equal(0, await TestRecordings.CountAsync(factory));
        using var gone = await client.GetAsync($"/api/v1/recordings/{created.Id}/analysis");
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Theory, ClassData(typeof(Providers))]
    public async Task Another_user_gets_404_for_every_endpoint_and_cannot_see_or_delete_it(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        var (_, owner) = await TestUsers.SignedInAsync(factory);
        var mine = await TestRecordings.UploadAsync(owner);
        var other = await TestRecordings.UploadAsync(owner, name: "Second");
        var (_, stranger) = await TestUsers.SignedInAsync(factory);
        var theirs = await TestRecordings.UploadAsync(stranger, name: "Theirs");

        foreach (var url in Reads(mine.Id, other.Id).Append($"/api/v1/recordings/{theirs.Id}/synchrony?with={mine.Id}"))
        {
            using var response = await stranger.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{url} gave {(int)response.StatusCode}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
        using var delete = await stranger.DeleteAsync($"/api/v1/recordings/{mine.Id}");
        Assert.Equal(HttpStatusCode.NotFound, delete.StatusCode);
        var list = await stranger.GetFromJsonAsync<List<RecordingDto>>("/api/v1/recordings");
        Assert.Equal(theirs.Id, Assert.Single(list!).Id);
        Assert.Equal(3, await TestRecordings.CountAsync(factory));
    }

    [Theory, ClassData(typeof(Providers))]
    public async Task Anonymous_requests_get_401_for_every_endpoint(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        var (_, owner) = await TestUsers.SignedInAsync(factory);
        var mine = await TestRecordings.UploadAsync(owner);
        using var anonymous = factory.CreateClient();

        foreach (var url in Reads(mine.Id, mine.Id).Append("/api/v1/recordings"))
        {
            using var response = await anonymous.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{url} gave {(int)response.StatusCode}");
        }
        using var post = await TestRecordings.PostRawAsync(anonymous, TestRecordings.RrCsv());
        Assert.Equal(HttpStatusCode.Unauthorized, post.StatusCode);
        using var delete = await anonymous.DeleteAsync($"/api/v1/recordings/{mine.Id}");
        Assert.Equal(HttpStatusCode.Unauthorized, delete.StatusCode);
        using var badToken = factory.CreateClient();
        badToken.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "atn_not-a-real-token");
        using var withBadToken = await badToken.GetAsync($"/api/v1/recordings/{mine.Id}");
        Assert.Equal(HttpStatusCode.Unauthorized, withBadToken.StatusCode);
        Assert.Equal(1, await TestRecordings.CountAsync(factory));
    }

    [Theory, ClassData(typeof(Providers))]
    public async Task Ids_that_do_not_exist_are_404_for_every_endpoint(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        var (_, client) = await TestUsers.SignedInAsync(factory);
        var mine = await TestRecordings.UploadAsync(client);
        var missing = Guid.NewGuid();

        foreach (var url in Reads(missing, mine.Id).Append($"/api/v1/recordings/{mine.Id}/synchrony?with={missing}"))
        {
            using var response = await client.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{url} gave {(int)response.StatusCode}");
        }
        using var delete = await client.DeleteAsync($"/api/v1/recordings/{missing}");
        Assert.Equal(HttpStatusCode.NotFound, delete.StatusCode);
    }

    [Theory, ClassData(typeof(Providers))]
    public async Task A_personal_access_token_uploads_raw_and_multipart_and_reads_like_a_cookie(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        var user = await TestUsers.CreateAsync(factory);
        using var api = await TestUsers.WithAccessTokenAsync(factory, user);

        using var raw = new StringContent(TestRecordings.RrCsv(), System.Text.Encoding.UTF8, "text/plain");
        raw.Headers.Add("X-Recording-Name", "From a script");
        raw.Headers.Add("X-Recording-Kind", "rr");
        using var rawResponse = await api.PostAsync("/api/v1/recordings", raw);
        Assert.Equal(HttpStatusCode.Created, rawResponse.StatusCode);
        Assert.Equal("From a script", (await rawResponse.Content.ReadFromJsonAsync<RecordingDto>())!.Name);

        using var form = new MultipartFormDataContent
        {
            { new StringContent("Polar export"), "name" },
            { new StringContent("rr"), "kind" },
            { new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes("Polar H10 RR\n812\n798\n805\n820\n790\n")), "file", "polar.txt" },
        };
        using var formResponse = await api.PostAsync("/api/v1/recordings", form);
        Assert.Equal(HttpStatusCode.Created, formResponse.StatusCode);
        var polar = (await formResponse.Content.ReadFromJsonAsync<RecordingDto>())!;
        Assert.Equal(("Polar export", "polar.txt", 5), (polar.Name, polar.OriginalFileName, polar.PointCount));

        var list = await api.GetFromJsonAsync<List<RecordingDto>>("/api/v1/recordings");
        Assert.Equal(2, list!.Count);
        using var analysis = await api.GetAsync($"/api/v1/recordings/{polar.Id}/analysis");
        Assert.Equal(HttpStatusCode.OK, analysis.StatusCode);
    }

    [Theory, ClassData(typeof(Providers))]
    public async Task A_cookie_session_cannot_post_a_multipart_form_without_the_antiforgery_token(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        var (_, client) = await TestUsers.SignedInAsync(factory);
        using var form = new MultipartFormDataContent
        {
            { new StringContent("rr"), "kind" },
            { new StringContent(TestRecordings.RrCsv()), "file", "rr.csv" },
        };

        using var response = await client.PostAsync("/api/v1/recordings", form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(0, await TestRecordings.CountAsync(factory));
    }

    [Theory, ClassData(typeof(Providers))]
    public async Task Names_travel_in_headers_never_in_the_address(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        var (_, client) = await TestUsers.SignedInAsync(factory);

        using var inQuery = await TestRecordings.PostRawAsync(client, TestRecordings.RrCsv(), "?kind=rr&name=After%20the%20fight", name: null);
        using var fileInQuery = await TestRecordings.PostRawAsync(client, TestRecordings.RrCsv(), "?kind=rr&fileName=fight.csv", name: null);
        Assert.Equal(HttpStatusCode.BadRequest, inQuery.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, fileInQuery.StatusCode);
        Assert.Contains("X-Recording-Name", await inQuery.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await TestRecordings.CountAsync(factory));

        using var header = await TestRecordings.PostRawAsync(client, TestRecordings.RrCsv(), name: "Évening with Zoë", fileName: "zoë.csv");
        Assert.Equal(HttpStatusCode.Created, header.StatusCode);
        var created = (await header.Content.ReadFromJsonAsync<RecordingDto>())!;
        Assert.Equal(("Évening with Zoë", "zoë.csv"), (created.Name, created.OriginalFileName));
    }

    [Theory, ClassData(typeof(Providers))]
    public async Task A_cookie_session_cannot_post_text_plain_without_the_antiforgery_token_but_text_csv_works(DatabaseProvider provider)
    {
        // text/plain is what a cross-site HTML form can send without a preflight; text/csv is not.
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        var (_, client) = await TestUsers.SignedInAsync(factory);

        using var plain = await TestRecordings.PostRawAsync(client, TestRecordings.RrCsv(), mediaType: "text/plain");
        Assert.Equal(HttpStatusCode.BadRequest, plain.StatusCode);
        Assert.Equal("application/problem+json", plain.Content.Headers.ContentType?.MediaType);
        Assert.Equal(0, await TestRecordings.CountAsync(factory));

        using var csv = await TestRecordings.PostRawAsync(client, TestRecordings.RrCsv());
        Assert.Equal(HttpStatusCode.Created, csv.StatusCode);
        Assert.Equal(1, await TestRecordings.CountAsync(factory));
    }

    [Theory, ClassData(typeof(Providers))]
    public async Task Synchrony_of_two_own_recordings_gives_a_heat_map_and_a_summary(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        var (_, client) = await TestUsers.SignedInAsync(factory);
        var a = await TestRecordings.UploadAsync(client, TestRecordings.RrCsv(600), "Me");
        var b = await TestRecordings.UploadAsync(client, TestRecordings.RrCsv(600, phase: 0.6), "Also me");

        using var response = await client.GetAsync($"/api/v1/recordings/{a.Id}/synchrony?with={b.Id}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = (await response.Content.ReadFromJsonAsync<SynchronyDto>())!;
        Assert.Equal(41, result.Heatmap.LagsS.Length);
        Assert.Equal(result.Heatmap.LagsS.Length, result.Heatmap.R.Length);
        Assert.True(result.Heatmap.ColumnTimesS.Length > 10);
        Assert.True(result.Summary.WindowsWithPeak > 0);
        Assert.False(result.AlignedOnWallClock);
        Assert.Contains("heart rates", result.PlainSummary, StringComparison.Ordinal);
        Assert.NotNull(result.Chance);
        Assert.InRange(result.Chance.Surrogates, 39, 99);
        Assert.Contains(result.Chance.Outcome, new[] { "moreThanChance", "noMoreThanChance" });
        Assert.InRange(result.Chance.PValue!.Value, 0, 1);
        Assert.Contains(result.Chance.Sentence, result.PlainSummary, StringComparison.Ordinal);
        if (result.Chance.Outcome == "noMoreThanChance")
        {
            Assert.DoesNotContain("change first", result.PlainSummary, StringComparison.Ordinal);
        }

        using var missingWith = await client.GetAsync($"/api/v1/recordings/{a.Id}/synchrony");
        Assert.Equal(HttpStatusCode.BadRequest, missingWith.StatusCode);
    }

    [Theory, ClassData(typeof(Providers))]
    public async Task Simultaneous_first_requests_for_an_analysis_share_one_result(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        var (_, client) = await TestUsers.SignedInAsync(factory);
        var mine = await TestRecordings.UploadAsync(client, TestRecordings.RrCsv(3000));

        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => client.GetFromJsonAsync<RecordingAnalysisDto>($"/api/v1/recordings/{mine.Id}/analysis")));

        Assert.All(responses, r => Assert.Equal(responses[0]!.AnalysisMs, r!.AnalysisMs));
        Assert.Equal(3000, responses[0]!.BeatCount);
    }

    private static IEnumerable<string> Reads(Guid id, Guid other) =>
    [
        $"/api/v1/recordings/{id}",
        $"/api/v1/recordings/{id}/analysis",
        $"/api/v1/recordings/{id}/synchrony?with={other}",
    ];
}
