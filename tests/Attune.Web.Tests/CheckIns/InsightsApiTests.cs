using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Attune.Web.Features.Accounts;
using Attune.Web.Features.CheckIns.Insights;
using Attune.Web.Features.Sharing;
using Attune.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Attune.Web.Tests.CheckIns;

/// <summary><c>GET /api/v1/insights</c>: the caller's own check-ins only, behind checkins:read, with one wording for bad periods.</summary>
public sealed class InsightsApiTests
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [Theory, ClassData(typeof(Providers))]
    public async Task Owner_sees_the_numbers_of_their_own_check_ins(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        var me = await TestUsers.CreateAsync(factory);
        using var client = await TestUsers.WithAccessTokenAsync(factory, me);
        var now = factory.Clock.GetUtcNow();
        await PostAsync(client, "activated", ["anxious", "tense"], now.AddDays(-1), who: "colleagues");
        await PostAsync(client, "activated", ["anxious"], now.AddDays(-2), who: "colleagues");
        await PostAsync(client, "connected", ["calm"], now.AddDays(-3), who: "partner");

        using var response = await client.GetAsync("/api/v1/insights");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var insights = (await response.Content.ReadFromJsonAsync<InsightsDto>(Json))!;
        Assert.Equal(3, insights.CheckIns);
        Assert.Equal(new StateCountsDto(1, 2, 0), insights.States);
        Assert.Equal(90, insights.Timeline.Days.ToBuckets().Length);
        Assert.Equal(insights.To.AddDays(-89), insights.From);
        var anxious = insights.Words.Single(w => w.State == "activated").Top[0];
        Assert.Equal(("anxious", 2), (anxious.Name, anxious.CheckIns));
        Assert.Equal(3, insights.Granularity.DistinctWords);
        var colleagues = insights.Associations.Tags.Single(t => t.Tag == "colleagues");
        Assert.Equal(("who", "colleagues", 2, 1), (colleagues.Category, colleagues.Name, colleagues.WithTag, colleagues.WithoutTag));
        Assert.Equal("tooFewWithTag", colleagues.States[1].WhyNoEstimate!.Reason);
        Assert.Equal(2, insights.Body.Single(b => b.State == "activated").Regions.Single(r => r.Region == "chest").CheckIns);
    }

    [Theory, ClassData(typeof(Providers))]
    public async Task The_data_reader_reads_the_rows_EF_Core_would(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        var me = await TestUsers.CreateAsync(factory);
        var stranger = await TestUsers.CreateAsync(factory);
        using var mine = await TestUsers.WithAccessTokenAsync(factory, me);
        using var theirs = await TestUsers.WithAccessTokenAsync(factory, stranger);
        var now = factory.Clock.GetUtcNow();
        await PostAsync(mine, "activated", ["anxious", "tense"], now.AddDays(-1), who: "colleagues");
        await PostAsync(mine, "connected", ["calm"], now.AddDays(-2).AddMinutes(-37), who: "partner");
        await PostAsync(mine, "shutDown", ["numb"], now.AddDays(-40));
        await PostAsync(mine, "shutDown", ["numb"], now.AddDays(-400));
        await PostAsync(theirs, "activated", ["angry"], now.AddDays(-1), visibility: "shared");
        var to = DateOnly.FromDateTime(now.UtcDateTime).AddDays(1);
        var from = to.AddDays(-100);

        using var scope = factory.Services.CreateScope();
        var access = scope.ServiceProvider.GetRequiredService<Access>();
        var materialised = await CheckInInsights.Rows(access, me.Id, from, to).ToListAsync();
        var read = new List<InsightRow>();
        await CheckInInsights.ReadAsync(access, me.Id, from, to, (in InsightRow row) => read.Add(row), CancellationToken.None);

        Assert.Equal(3, materialised.Count);
        Assert.Equal(materialised, read);
        Assert.Equal(
            JsonSerializer.Serialize(CheckInInsights.Compute(materialised.ToArray(), from, to, []), Json),
            JsonSerializer.Serialize(await CheckInInsights.ForAsync(access, me.Id, from, to, CancellationToken.None), Json));
    }

    [Theory, ClassData(typeof(Providers))]
    public async Task A_strangers_check_ins_are_never_counted(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        var me = await TestUsers.CreateAsync(factory);
        var stranger = await TestUsers.CreateAsync(factory);
        using var mine = await TestUsers.WithAccessTokenAsync(factory, me);
        using var theirs = await TestUsers.WithAccessTokenAsync(factory, stranger);
        var now = factory.Clock.GetUtcNow();
        await PostAsync(mine, "connected", ["calm"], now.AddHours(-5));
        for (var i = 1; i <= 4; i++)
        {
            await PostAsync(theirs, "shutDown", ["numb"], now.AddDays(-i), visibility: "shared");
        }

        var insights = (await mine.GetFromJsonAsync<InsightsDto>("/api/v1/insights", Json))!;
        var theirInsights = (await theirs.GetFromJsonAsync<InsightsDto>("/api/v1/insights", Json))!;

        Assert.Equal(1, insights.CheckIns);
        Assert.Equal(new StateCountsDto(1, 0, 0), insights.States);
        Assert.DoesNotContain(insights.Words.SelectMany(w => w.Top), w => w.Id == "numb");
        Assert.Equal(4, theirInsights.CheckIns);
    }

    [Theory, ClassData(typeof(Providers))]
    public async Task Insights_need_a_sign_in_and_a_token_with_checkins_read(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        var me = await TestUsers.CreateAsync(factory);
        using var anonymous = factory.CreateClient();
        using var writeOnly = await TestUsers.WithAccessTokenAsync(factory, me, TokenScopes.CheckInsWrite, TokenScopes.RecordingsRead);
        using var reader = await TestUsers.WithAccessTokenAsync(factory, me, TokenScopes.CheckInsRead);
        var (_, browser) = await TestUsers.SignedInAsync(factory);

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/insights")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await writeOnly.GetAsync("/api/v1/insights")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/api/v1/insights")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/v1/insights?from=2026-01-01&to=2026-01-31")).StatusCode);
        browser.Dispose();
    }

    [Theory]
    [InlineData("from=2026-13-01", "from")]
    [InlineData("to=yesterday", "to")]
    [InlineData("from=01.02.2026", "from")]
    [InlineData("from=2026-03-02&to=2026-03-01", "from")]
    [InlineData("from=2000-01-01&to=2020-01-02", "from")]
    public async Task A_bad_period_is_a_400_problem_naming_the_field(string query, string field)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(DatabaseProvider.Sqlite);
        var me = await TestUsers.CreateAsync(factory);
        using var client = await TestUsers.WithAccessTokenAsync(factory, me);

        using var response = await client.GetAsync("/api/v1/insights?" + query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty(field, out _), problem.RootElement.ToString());
    }

    [Theory, ClassData(typeof(Providers))]
    public async Task Twenty_years_exactly_is_allowed_and_counts_the_whole_period(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        var me = await TestUsers.CreateAsync(factory);
        using var client = await TestUsers.WithAccessTokenAsync(factory, me);

        var insights = (await client.GetFromJsonAsync<InsightsDto>("/api/v1/insights?from=2000-01-02&to=2020-01-02", Json))!;

        Assert.Equal(0, insights.CheckIns);
        Assert.Equal(new DateOnly(2020, 1, 2).DayNumber - new DateOnly(2000, 1, 2).DayNumber + 1, insights.Timeline.Days.ToBuckets().Length);
        Assert.Equal("2000-01", insights.Timeline.Months.ToBuckets()[0].Label);
        Assert.Equal("1999-W52", insights.Timeline.Weeks.ToBuckets()[0].Label);
    }

    private static async Task PostAsync(HttpClient client, string state, string[] words, DateTimeOffset at, string? who = null, string visibility = "private")
    {
        using var response = await client.PostAsJsonAsync("/api/v1/checkins", new
        {
            state,
            intensity = 6,
            emotionIds = words,
            body = state == "activated" ? new[] { new { region = "chest", sensation = "tight" } } : [],
            context = who is null ? null : new { who = new[] { who } },
            occurredAt = at,
            visibility,
        });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }
}
