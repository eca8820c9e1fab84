using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Attune.Web.Data;
using Attune.Web.Features.Accounts;
using Attune.Web.Features.Measures;
using Attune.Web.Features.Sharing;
using Attune.Web.Tests.Infrastructure;
using Attune.Web.Tests.Sharing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Attune.Web.Tests.Measures;

public sealed class MeasuresApiTests
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [Theory, ClassData(typeof(Providers))]
    public async Task Owner_fills_in_each_measure_the_server_scores_it_and_history_marks_reliable_change(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        var (_, client) = await TestUsers.SignedInAsync(factory);

        var first = await SubmitAsync(client, "phq9", [2, 2, 2, 2, 2, 2, 1, 1, 0]);
        Assert.Equal(("phq9", 14, 27, "moderate", false, (int?)null), (first.Kind, first.Total, first.MaxTotal, first.Severity, first.SafetyScreen, first.Percentage));
        Assert.Null(first.ReliableChange);

        factory.Clock.Advance(TimeSpan.FromMinutes(10));
        var second = await SubmitAsync(client, "phq9", [1, 1, 1, 1, 1, 1, 0, 0, 0]);
        Assert.Equal(("mild", 6), (second.Severity, second.Total));
        Assert.Equal((first.Id, -8, "improved"), (second.ReliableChange!.SinceId, second.ReliableChange.Change, second.ReliableChange.Direction));
        Assert.Equal(3.218, second.ReliableChange.Threshold, 3);

        factory.Clock.Advance(TimeSpan.FromMinutes(10));
        var third = await SubmitAsync(client, "phq9", [1, 1, 1, 1, 1, 1, 1, 1, 0]);
        Assert.Equal(("none", 2), (third.ReliableChange!.Direction, third.ReliableChange.Change));

        var who5 = await SubmitAsync(client, "who5", [3, 3, 2, 2, 3]);
        Assert.Equal((13, 25, 52, "notLow"), (who5.Total, who5.MaxTotal, who5.Percentage!.Value, who5.Severity));
        var gad7 = await SubmitAsync(client, "gad7", [3, 3, 3, 3, 3, 0, 0]);
        Assert.Equal((15, "severe"), (gad7.Total, gad7.Severity));
        await SubmitAsync(client, "csi4", [3, 3, 3, 3]);
        var csi = await SubmitAsync(client, "csi4", [6, 5, 5, 5]);
        Assert.Equal((21, "notLow"), (csi.Total, csi.Severity));
        Assert.Null(csi.ReliableChange);

        var phq = (await client.GetFromJsonAsync<List<MeasureResultDto>>("/api/v1/measures?kind=phq9", Json))!;
        Assert.Equal([third.Id, second.Id, first.Id], phq.Select(r => r.Id));
        Assert.Equal(["none", "improved"], phq.Take(2).Select(r => r.ReliableChange!.Direction));
        Assert.Equal([1, 1, 1, 1, 1, 1, 1, 1, 0], phq[0].Answers);
        var all = (await client.GetFromJsonAsync<List<MeasureResultDto>>("/api/v1/measures", Json))!;
        Assert.Equal(7, all.Count);
        Assert.Equal(2, (await client.GetFromJsonAsync<List<MeasureResultDto>>("/api/v1/measures?limit=2", Json))!.Count);
    }

    [Theory, ClassData(typeof(Providers))]
    public async Task Phq9_with_item_nine_above_zero_asks_for_the_safety_screen_whatever_the_total(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        var (_, client) = await TestUsers.SignedInAsync(factory);

        using var response = await client.PostAsJsonAsync("/api/v1/measures/phq9", new { answers = new[] { 0, 0, 0, 0, 0, 0, 0, 0, 1 } });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(body.RootElement.GetProperty("safetyScreen").GetBoolean());
        Assert.Equal(1, body.RootElement.GetProperty("total").GetInt32());
        Assert.Equal("minimal", body.RootElement.GetProperty("severity").GetString());

        var calm = await SubmitAsync(client, "phq9", [3, 3, 3, 3, 3, 3, 3, 3, 0]);
        Assert.False(calm.SafetyScreen);
        var stored = (await client.GetFromJsonAsync<List<MeasureResultDto>>("/api/v1/measures?kind=phq9", Json))!;
        Assert.Equal([false, true], stored.Select(r => r.SafetyScreen));
    }

    private static readonly (string Kind, string Body, string Field)[] BadSubmissions =
    [
        ("phq9", """{"answers":[0,0,0,0,0,0,0,0]}""", "answers"),
        ("phq9", """{"answers":[0,0,0,0,0,0,0,0,0,0]}""", "answers"),
        ("phq9", """{"answers":[0,0,0,4,0,0,0,0,0]}""", "answers[3]"),
        ("phq9", """{"answers":[0,-1,0,0,0,0,0,0,0]}""", "answers[1]"),
        ("gad7", """{"answers":[0,0,0,0,0,0,7]}""", "answers[6]"),
        ("who5", """{"answers":[5,5,5,5,6]}""", "answers[4]"),
        ("csi4", """{"answers":[7,5,5,5]}""", "answers[0]"),
        ("csi4", """{"answers":[6,6,5,5]}""", "answers[1]"),
        ("who5", """{}""", "answers"),
        ("who5", """{"answers":null}""", "answers"),
        ("beck", """{"answers":[0,0,0]}""", "kind"),
        ("PHQ-9", """{"answers":[0,0,0,0,0,0,0,0,0]}""", "kind"),
        ("who5", """{"answers":[1,2,3,4,"five"]}""", ""),
        ("who5", """{"answers":[1,2,3,4,2.5]}""", ""),
        ("who5", """{"answers":"12345"}""", ""),
        ("who5", """{"answers":[1,2,3,4,5],"idempotencyKey":"has spaces"}""", "idempotencyKey"),
        ("who5", """{"answers":[1,2,3,4,5]""", ""),
    ];

    [Theory, ClassData(typeof(Providers))]
    public async Task A_bad_submission_is_refused_with_a_problem_and_nothing_is_stored(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        var (_, client) = await TestUsers.SignedInAsync(factory);

        foreach (var (kind, body, field) in BadSubmissions)
        {
            using var response = await client.PostAsync($"/api/v1/measures/{kind}", new StringContent(body, Encoding.UTF8, "application/json"));

            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{kind} {body} -> {(int)response.StatusCode}: {text}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            if (field.Length > 0)
            {
                using var problem = JsonDocument.Parse(text);
                Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty(field, out _), $"{kind} {body} -> {text}");
            }
            Assert.Equal(0, await CountAsync(factory));
        }
    }

    [Theory, ClassData(typeof(Providers))]
    public async Task A_repeated_submission_is_refused_with_409_and_stored_once_even_when_the_copies_race(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        var (_, client) = await TestUsers.SignedInAsync(factory);
        var body = new { answers = new[] { 1, 1, 1, 1, 1, 1, 1 }, idempotencyKey = "gad-retry-1" };

        using var first = await client.PostAsJsonAsync("/api/v1/measures/gad7", body);
        using var again = await client.PostAsJsonAsync("/api/v1/measures/gad7", body);
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("application/problem+json", again.Content.Headers.ContentType?.MediaType);
        using (var problem = JsonDocument.Parse(await again.Content.ReadAsStringAsync()))
        {
            Assert.Equal((await first.Content.ReadFromJsonAsync<MeasureResultDto>(Json))!.Id, problem.RootElement.GetProperty("existing").GetGuid());
        }

        var racing = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ =>
            client.PostAsJsonAsync("/api/v1/measures/who5", new { answers = new[] { 1, 2, 3, 4, 5 }, idempotencyKey = "race-2" })));
        Assert.Single(racing, r => r.StatusCode == HttpStatusCode.Created);
        Assert.All(racing, r => Assert.True(r.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict, r.StatusCode.ToString()));
        foreach (var r in racing)
        {
            r.Dispose();
        }
        Assert.Equal(2, await CountAsync(factory));

        // Keys are per person: someone else's identical key is their own response.
        var (_, other) = await TestUsers.SignedInAsync(factory);
        using var theirs = await other.PostAsJsonAsync("/api/v1/measures/gad7", body);
        Assert.Equal(HttpStatusCode.Created, theirs.StatusCode);
    }

    [Theory, ClassData(typeof(Providers))]
    public async Task Strangers_see_nothing_anonymous_callers_are_unauthorized_and_tokens_need_the_measures_scopes(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        var (owner, ownerClient) = await TestUsers.SignedInAsync(factory);
        var (_, stranger) = await TestUsers.SignedInAsync(factory);
        using var anonymous = factory.CreateClient();
        var mine = await SubmitAsync(ownerClient, "who5", [2, 2, 2, 2, 2]);

        Assert.Empty((await stranger.GetFromJsonAsync<List<MeasureResultDto>>("/api/v1/measures?owner=all", Json))!);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/measures/who5/result?id={mine.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/measures")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("/api/v1/measures/who5", new { answers = new[] { 1, 1, 1, 1, 1 } })).StatusCode);

        using var checkInsOnly = await TestUsers.WithAccessTokenAsync(factory, owner, TokenScopes.CheckInsRead, TokenScopes.CheckInsWrite);
        Assert.Equal(HttpStatusCode.Forbidden, (await checkInsOnly.GetAsync("/api/v1/measures")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await checkInsOnly.PostAsJsonAsync("/api/v1/measures/who5", new { answers = new[] { 1, 1, 1, 1, 1 } })).StatusCode);
        using var readOnly = await TestUsers.WithAccessTokenAsync(factory, owner, TokenScopes.MeasuresRead);
        Assert.Equal(mine.Id, Assert.Single((await readOnly.GetFromJsonAsync<List<MeasureResultDto>>("/api/v1/measures", Json))!).Id);
        Assert.Equal(HttpStatusCode.Forbidden, (await readOnly.PostAsJsonAsync("/api/v1/measures/who5", new { answers = new[] { 1, 1, 1, 1, 1 } })).StatusCode);
        using var writer = await TestUsers.WithAccessTokenAsync(factory, owner, TokenScopes.MeasuresWrite);
        Assert.Equal(HttpStatusCode.Created, (await writer.PostAsJsonAsync("/api/v1/measures/who5", new { answers = new[] { 1, 1, 1, 1, 1 } })).StatusCode);
        Assert.Equal(2, await CountAsync(factory));
    }

    [Theory, ClassData(typeof(Providers))]
    public async Task Someone_with_a_measures_grant_reads_them_and_the_owner_sees_it_in_the_access_log(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        var (_, owner) = await TestUsers.SignedInAsync(factory);
        var (therapist, therapistClient) = await TestUsers.SignedInAsync(factory);
        var (partner, partnerClient) = await TestUsers.SignedInAsync(factory);
        var result = await SubmitAsync(owner, "gad7", [1, 1, 1, 1, 1, 1, 1]);
        await TestSharing.ShareAsync(owner, therapist, therapistClient, "measures");
        await TestSharing.ShareAsync(owner, partner, partnerClient, "checkins");

        var shared = (await therapistClient.GetFromJsonAsync<List<MeasureResultDto>>("/api/v1/measures?owner=shared", Json))!;
        Assert.Equal(result.Id, Assert.Single(shared).Id);
        Assert.Equal("River", shared[0].SharedBy);
        Assert.Empty((await therapistClient.GetFromJsonAsync<List<MeasureResultDto>>("/api/v1/measures", Json))!);
        Assert.Empty((await partnerClient.GetFromJsonAsync<List<MeasureResultDto>>("/api/v1/measures?owner=all", Json))!);
        Assert.Contains((await TestSharing.AccessLogAsync(owner)).Entries, e => e.Stream == "measures");
        // A grantee can fill in their own, never the owner's: a submission is always the caller's.
        Assert.Equal(HttpStatusCode.Created, (await therapistClient.PostAsJsonAsync("/api/v1/measures/who5", new { answers = new[] { 1, 1, 1, 1, 1 } })).StatusCode);
        Assert.Single((await owner.GetFromJsonAsync<List<MeasureResultDto>>("/api/v1/measures", Json))!);
    }

    [Fact]
    public async Task List_with_an_unknown_kind_owner_or_limit_is_a_validation_problem()
    {
        await using var factory = await AttuneWebFactory.CreateAsync(DatabaseProvider.Sqlite);
        var (_, client) = await TestUsers.SignedInAsync(factory);
        foreach (var (query, field) in new[] { ("kind=beck", "kind"), ("owner=everyone", "owner"), ("limit=0", "limit"), ("limit=5000", "limit") })
        {
            using var response = await client.GetAsync($"/api/v1/measures?{query}");
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty(field, out _));
        }
    }

    internal static async Task<MeasureResultDto> SubmitAsync(HttpClient client, string kind, int[] answers)
    {
        using var response = await client.PostAsJsonAsync($"/api/v1/measures/{kind}", new { answers });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<MeasureResultDto>(Json))!;
    }

    internal static async Task<int> CountAsync(AttuneWebFactory factory)
    {
        using var scope = factory.Services.CreateScope();
        return await Access.Unchecked<MeasureResponse>(scope.ServiceProvider.GetRequiredService<AttuneDb>()).CountAsync();
    }
}
