using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Attune.Web.Data;
using Attune.Web.Features.Accounts;
using Attune.Web.Features.Practices;
using Attune.Web.Features.Sharing;
using Attune.Web.Tests.Infrastructure;
using Attune.Web.Tests.Sharing;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Attune.Web.Tests.Practices;

public sealed class PracticesApiTests(SharedApps apps) : IClassFixture<SharedApps>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    internal static object Session(string practiceId, string before, int beforeIntensity, string after, int afterIntensity, DateTimeOffset now, string? key = null) => new
    {
        practiceId,
        before = new { state = before, intensity = beforeIntensity },
        after = new { state = after, intensity = afterIntensity },
        startedAt = now.AddMinutes(-5),
        endedAt = now,
        rating = 4,
        idempotencyKey = key ?? Guid.NewGuid().ToString("N"),
    };

    private static object Own(string title = "My walk") => new
    {
        title,
        summary = "Round the block, slowly.",
        states = new[] { "shutDown", "activated" },
        steps = new object[] { new { text = "Put on shoes", seconds = 60 }, new { text = "Breathe with the pacer while walking", seconds = 120, breathe = true } },
        breathing = new { inhale = 4, holdIn = 0, exhale = 6, holdOut = 0 },
        cautions = "Only when it is light outside.",
    };

    [Theory, ClassData(typeof(Providers))]
    public async Task The_library_lists_at_least_24_practices_with_steps_evidence_and_references(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        var (_, client) = await TestUsers.SignedInAsync(factory);

        var all = (await client.GetFromJsonAsync<List<PracticeDto>>("/api/v1/practices", Json))!;
        Assert.True(all.Count >= 24, $"{all.Count} practices");
        Assert.All(all, p =>
        {
            Assert.NotEmpty(p.Steps);
            Assert.NotNull(p.Evidence);
            Assert.NotEmpty(p.Fits);
            Assert.False(p.Own);
        });
        Assert.True(all.Count(p => p.References.Length > 0) >= 24);
        Assert.Equal(["activated", "shutDown", "connected", "any"], all.Select(p => p.Group).Distinct());
        var sigh = all.Single(p => p.Id == "physiological-sigh");
        Assert.Contains(sigh.References, r => r.Citation.Contains("Balban", StringComparison.Ordinal) && r.Url == "https://doi.org/10.1016/j.xcrm.2022.100895");
        Assert.Equal(new BreathingDto(3, 0, 6, 0, 6.67), sigh.Breathing);
        Assert.Contains(all.Single(p => p.Id == "box-breathing").Cautions, c => c.Contains("Holding the breath is optional", StringComparison.Ordinal));

        var shutDown = (await client.GetFromJsonAsync<List<PracticeDto>>("/api/v1/practices?group=shutDown", Json))!;
        Assert.True(shutDown.Count >= 6);
        Assert.All(shutDown, p => Assert.Equal("shutDown", p.Group));
        var found = (await client.GetFromJsonAsync<List<PracticeDto>>("/api/v1/practices?q=hum", Json))!;
        Assert.Contains(found, p => p.Id == "voo-breath");

        var one = (await client.GetFromJsonAsync<PracticeDto>("/api/v1/practices/resonance-breathing", Json))!;
        Assert.Contains(one.References, r => r.Citation.StartsWith("Lehrer PM, Gevirtz R (2014)", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/v1/practices/no-such-practice")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/practices/{Guid.NewGuid()}")).StatusCode);
        await AssertProblemAsync(await client.GetAsync("/api/v1/practices?group=sleepy"), HttpStatusCode.BadRequest, "group");
    }

    [Theory, ClassData(typeof(Providers))]
    public async Task Owner_writes_changes_and_deletes_their_own_practice_which_nobody_else_sees(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        var (_, client) = await TestUsers.SignedInAsync(factory);
        var (_, stranger) = await TestUsers.SignedInAsync(factory);

        using var create = await client.PostAsJsonAsync("/api/v1/practices", Own());
        Assert.Equal(HttpStatusCode.Created, create.StatusCode);
        var p = (await create.Content.ReadFromJsonAsync<PracticeDto>(Json))!;
        Assert.True(p.Own);
        Assert.Equal(("My walk", "shutDown", 3), (p.Title, p.Group, p.Minutes));
        Assert.Equal(["shutDown", "activated"], p.Fits.Select(f => f.State));
        Assert.Equal(new PracticeStepDto("Breathe with the pacer while walking", 120, true), p.Steps[1]);
        Assert.Equal(new BreathingDto(4, 0, 6, 0, 6), p.Breathing);
        Assert.Equal(["Only when it is light outside."], p.Cautions);

        Assert.Contains((await client.GetFromJsonAsync<List<PracticeDto>>("/api/v1/practices", Json))!, x => x.Id == p.Id);
        Assert.DoesNotContain((await stranger.GetFromJsonAsync<List<PracticeDto>>("/api/v1/practices", Json))!, x => x.Id == p.Id);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/v1/practices/{p.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.PutAsJsonAsync($"/api/v1/practices/{p.Id}", Own("Taken"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.DeleteAsync($"/api/v1/practices/{p.Id}")).StatusCode);

        using var update = await client.PutAsJsonAsync($"/api/v1/practices/{p.Id}", new { title = "Tea", states = new[] { "any" }, steps = new[] { new { text = "Make tea" } } });
        Assert.Equal(HttpStatusCode.OK, update.StatusCode);
        var changed = (await update.Content.ReadFromJsonAsync<PracticeDto>(Json))!;
        Assert.Equal(("Tea", "any", 1, (BreathingDto?)null), (changed.Title, changed.Group, changed.Minutes, changed.Breathing));

        using var anonymous = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/practices")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.DeleteAsync($"/api/v1/practices/{p.Id}")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/v1/practices/{p.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/practices/{p.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.DeleteAsync($"/api/v1/practices/{p.Id}")).StatusCode);
    }

    public static TheoryData<DatabaseProvider, string, string, string> BadPractices => OnEveryProvider(new()
    {
        { "no title", """{"states":["any"],"steps":[{"text":"x"}]}""", "title" },
        { "unknown state", """{"title":"x","states":["sleepy"],"steps":[{"text":"x"}]}""", "states" },
        { "no steps", """{"title":"x","states":["any"],"steps":[]}""", "steps" },
        { "a step of nothing", """{"title":"x","states":["any"],"steps":[{"text":"  "}]}""", "steps[0].text" },
        { "a step timer of zero", """{"title":"x","states":["any"],"steps":[{"text":"x","seconds":0}]}""", "steps[0].seconds" },
        { "pacer without rhythm", """{"title":"x","states":["any"],"steps":[{"text":"x","breathe":true}]}""", "steps[0].breathe" },
        { "a 30-second hold", """{"title":"x","states":["any"],"steps":[{"text":"x"}],"breathing":{"inhale":4,"holdIn":30,"exhale":4,"holdOut":0}}""", "breathing.holdIn" },
        { "no in-breath", """{"title":"x","states":["any"],"steps":[{"text":"x"}],"breathing":{"inhale":0,"holdIn":0,"exhale":4,"holdOut":0}}""", "breathing.inhale" },
        { "three hours", """{"title":"x","states":["any"],"steps":[{"text":"x"}],"minutes":180}""", "minutes" },
    });

    [Theory, MemberData(nameof(BadPractices))]
    public async Task An_own_practice_that_breaks_a_rule_is_refused_and_nothing_is_stored(DatabaseProvider provider, string why, string body, string field)
    {
        var factory = await apps.ForAsync(provider);
        var (_, client) = await TestUsers.SignedInAsync(factory);
        using var response = await client.PostAsync("/api/v1/practices", new StringContent(body, Encoding.UTF8, "application/json"));
        await AssertProblemAsync(response, HttpStatusCode.BadRequest, field, why);
        Assert.Equal(0, await CountAsync<OwnPractice>(factory));
    }

    [Theory, ClassData(typeof(Providers))]
    public async Task A_session_is_recorded_with_its_effect_and_a_second_copy_is_refused(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        var (user, client) = await TestUsers.SignedInAsync(factory);
        var now = factory.Clock.GetUtcNow();

        var body = Session("extended-exhale", "activated", 7, "connected", 3, now, "same-key-1");
        using var first = await client.PostAsJsonAsync("/api/v1/practice-sessions", body);
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var s = (await first.Content.ReadFromJsonAsync<PracticeSessionDto>(Json))!;
        Assert.Equal(("extended-exhale", "Longer out-breath", 10, 4), (s.PracticeId, s.PracticeTitle, s.Effect, s.Rating));
        Assert.Equal(new StateCheckDto("activated", 7), s.Before);
        Assert.Equal(new StateCheckDto("connected", 3), s.After);
        Assert.Equal(user.Id, s.OwnerId);

        using var again = await client.PostAsJsonAsync("/api/v1/practice-sessions", body);
        var problem = await AssertProblemAsync(again, HttpStatusCode.Conflict, null);
        Assert.Contains(s.Id.ToString(), problem, StringComparison.Ordinal);
        // Both copies at once: still one row.
        var key = Guid.NewGuid().ToString("N");
        var race = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => client.PostAsJsonAsync("/api/v1/practice-sessions", Session("orienting", "shutDown", 4, "shutDown", 2, now, key))));
        Assert.Equal(1, race.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.Equal(3, race.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        Assert.Equal(2, await CountAsync<PracticeSession>(factory));

        Assert.Equal(s.Id, (await client.GetFromJsonAsync<PracticeSessionDto>($"/api/v1/practice-sessions/{s.Id}", Json))!.Id);
        var mine = (await client.GetFromJsonAsync<List<PracticeSessionDto>>("/api/v1/practice-sessions?practiceId=extended-exhale", Json))!;
        Assert.Equal(s.Id, Assert.Single(mine).Id);
    }

    public static TheoryData<DatabaseProvider, string, string, string> BadSessions()
    {
        const string Times = "\"startedAt\":\"2026-01-01T10:00:00Z\",\"endedAt\":\"2026-01-01T10:05:00Z\"";
        const string Checks = "\"before\":{\"state\":\"activated\",\"intensity\":6},\"after\":{\"state\":\"connected\",\"intensity\":2}";
        return OnEveryProvider(new()
        {
            { "unknown state", $$"""{"practiceId":"orienting","before":{"state":"sleepy","intensity":6},"after":{"state":"connected","intensity":2},{{Times}},"idempotencyKey":"k1"}""", "before.state" },
            { "state as a number", $$"""{"practiceId":"orienting","before":{"state":"7","intensity":6},"after":{"state":"connected","intensity":2},{{Times}},"idempotencyKey":"k1"}""", "before.state" },
            { "intensity 11", $$"""{"practiceId":"orienting","before":{"state":"activated","intensity":11},"after":{"state":"connected","intensity":2},{{Times}},"idempotencyKey":"k1"}""", "before.intensity" },
            { "intensity below 0", $$"""{"practiceId":"orienting","before":{"state":"activated","intensity":6},"after":{"state":"connected","intensity":-1},{{Times}},"idempotencyKey":"k1"}""", "after.intensity" },
            { "no after", $$"""{"practiceId":"orienting","before":{"state":"activated","intensity":6},{{Times}},"idempotencyKey":"k1"}""", "after" },
            { "ends before it started", $$"""{"practiceId":"orienting",{{Checks}},"startedAt":"2026-01-01T10:05:00Z","endedAt":"2026-01-01T10:00:00Z","idempotencyKey":"k1"}""", "endedAt" },
            { "a day long", $$"""{"practiceId":"orienting",{{Checks}},"startedAt":"2026-01-01T10:00:00Z","endedAt":"2026-01-02T10:00:00Z","idempotencyKey":"k1"}""", "endedAt" },
            { "in the future", $$"""{"practiceId":"orienting",{{Checks}},"startedAt":"2099-01-01T10:00:00Z","endedAt":"2099-01-01T10:05:00Z","idempotencyKey":"k1"}""", "endedAt" },
            { "no start", $$"""{"practiceId":"orienting",{{Checks}},"endedAt":"2026-01-01T10:05:00Z","idempotencyKey":"k1"}""", "startedAt" },
            { "unknown practice", $$"""{"practiceId":"levitation",{{Checks}},{{Times}},"idempotencyKey":"k1"}""", "practiceId" },
            { "someone else's practice id", $$"""{"practiceId":"{{Guid.NewGuid()}}",{{Checks}},{{Times}},"idempotencyKey":"k1"}""", "practiceId" },
            { "rating 6", $$"""{"practiceId":"orienting",{{Checks}},{{Times}},"rating":6,"idempotencyKey":"k1"}""", "rating" },
            { "no idempotency key", $$"""{"practiceId":"orienting",{{Checks}},{{Times}}}""", "idempotencyKey" },
            { "a key with spaces", $$"""{"practiceId":"orienting",{{Checks}},{{Times}},"idempotencyKey":"a b"}""", "idempotencyKey" },
            { "intensity as text", $$"""{"practiceId":"orienting","before":{"state":"activated","intensity":"six"},"after":{"state":"connected","intensity":2},{{Times}},"idempotencyKey":"k1"}""", "" },
            { "not JSON", "{practiceId:", "" },
        });
    }

    [Theory, MemberData(nameof(BadSessions))]
    public async Task A_session_that_breaks_a_rule_is_refused_with_a_problem_and_nothing_is_stored(DatabaseProvider provider, string why, string body, string field)
    {
        var factory = await apps.ForAsync(provider);
        var (_, client) = await TestUsers.SignedInAsync(factory);
        using var response = await client.PostAsync("/api/v1/practice-sessions", new StringContent(body, Encoding.UTF8, "application/json"));
        await AssertProblemAsync(response, HttpStatusCode.BadRequest, field.Length == 0 ? null : field, why);
        Assert.Equal(0, await CountAsync<PracticeSession>(factory));
    }

    [Theory, ClassData(typeof(Providers))]
    public async Task Recommendations_fit_the_state_and_change_order_after_recorded_effects(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        var (_, client) = await TestUsers.SignedInAsync(factory);
        var now = factory.Clock.GetUtcNow();

        var before = (await client.GetFromJsonAsync<List<RecommendationDto>>("/api/v1/recommendations?state=activated&limit=30", Json))!;
        Assert.Equal("extended-exhale", before[0].Practice.Id);
        Assert.DoesNotContain(before, r => r.Practice.Id == "gratitude");
        Assert.All(before, r => Assert.Equal((0, 0, 0.0), (r.Sessions, r.Helped, r.Estimate)));
        Assert.Equal("The heart slows a little on every out-breath; making the out-breath longer gives that slowing more time.", before[0].Reason);
        var wallBefore = before.FindIndex(r => r.Practice.Id == "wall-push");
        Assert.True(wallBefore > 3);

        foreach (var (after, intensity) in new[] { ("connected", 3), ("connected", 2), ("activated", 4) })
        {
            (await client.PostAsJsonAsync("/api/v1/practice-sessions", Session("wall-push", "activated", 7, after, intensity, now))).EnsureSuccessStatusCode();
        }
        (await client.PostAsJsonAsync("/api/v1/practice-sessions", Session("extended-exhale", "activated", 5, "activated", 8, now))).EnsureSuccessStatusCode();

        var ranked = (await client.GetFromJsonAsync<List<RecommendationDto>>("/api/v1/recommendations?state=activated&limit=30", Json))!;
        var wall = ranked[0];
        Assert.Equal("wall-push", wall.Practice.Id);
        Assert.Equal((3, 3), (wall.Sessions, wall.Helped));
        Assert.Equal("This helped you 3 of 3 times when activated.", wall.Reason);
        Assert.True(wall.Estimate is > 0 and < 8.67, $"{wall.Estimate}: shrunk below the raw mean (10 + 9 + 3)/3.");
        var exhale = ranked.Single(r => r.Practice.Id == "extended-exhale");
        Assert.Equal("It did not help the one time you tried it when activated. Another day it might.", exhale.Reason);
        Assert.Equal(ranked.Count - 1, ranked.IndexOf(exhale));

        // From another state, the activated sessions say nothing.
        var shutDown = (await client.GetFromJsonAsync<List<RecommendationDto>>("/api/v1/recommendations?state=shutDown", Json))!;
        Assert.Equal(5, shutDown.Count);
        Assert.All(shutDown, r => Assert.Equal(0, r.Sessions));

        await AssertProblemAsync(await client.GetAsync("/api/v1/recommendations?state=sleepy"), HttpStatusCode.BadRequest, "state");
        await AssertProblemAsync(await client.GetAsync("/api/v1/recommendations"), HttpStatusCode.BadRequest, "state");
        await AssertProblemAsync(await client.GetAsync("/api/v1/recommendations?state=activated&limit=0"), HttpStatusCode.BadRequest, "limit");
    }

    [Fact]
    public async Task What_helps_everyone_counts_once_five_people_have_tried_a_practice()
    {
        await using var factory = await AttuneWebFactory.CreateAsync(DatabaseProvider.Sqlite);
        var now = factory.Clock.GetUtcNow();
        for (var person = 0; person < 5; person++)
        {
            var (_, someone) = await TestUsers.SignedInAsync(factory);
            (await someone.PostAsJsonAsync("/api/v1/practice-sessions", Session("cold-water", "activated", 8, "activated", 2, now))).EnsureSuccessStatusCode();
            (await someone.PostAsJsonAsync("/api/v1/practice-sessions", Session("cold-water", "activated", 9, "connected", 1, now))).EnsureSuccessStatusCode();
        }
        factory.Services.GetRequiredService<PracticePopulation>().Invalidate();
        var (_, newcomer) = await TestUsers.SignedInAsync(factory);

        var ranked = (await newcomer.GetFromJsonAsync<List<RecommendationDto>>("/api/v1/recommendations?state=activated", Json))!;
        Assert.Equal("cold-water", ranked[0].Practice.Id);
        Assert.Equal("It helps many people who start out activated.", ranked[0].Reason);
        Assert.Equal(0, ranked[0].Sessions);
        // μ = (5·(6 + 10)) / (10 + 5 prior sessions at 0).
        Assert.Equal(80.0 / 15, ranked[0].Estimate, 2);
    }

    [Theory, ClassData(typeof(Providers))]
    public async Task Tokens_need_the_practices_scopes(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        var (user, _) = await TestUsers.SignedInAsync(factory);
        var now = factory.Clock.GetUtcNow();
        using var checkInsOnly = await TestUsers.WithAccessTokenAsync(factory, user, TokenScopes.CheckInsRead, TokenScopes.CheckInsWrite);
        using var readOnly = await TestUsers.WithAccessTokenAsync(factory, user, TokenScopes.PracticesRead);
        using var both = await TestUsers.WithAccessTokenAsync(factory, user, TokenScopes.PracticesRead, TokenScopes.PracticesWrite);

        await AssertProblemAsync(await checkInsOnly.GetAsync("/api/v1/practices"), HttpStatusCode.Forbidden, null);
        await AssertProblemAsync(await checkInsOnly.GetAsync("/api/v1/recommendations?state=activated"), HttpStatusCode.Forbidden, null);
        Assert.Equal(HttpStatusCode.OK, (await readOnly.GetAsync("/api/v1/practices/orienting")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await readOnly.GetAsync("/api/v1/recommendations?state=connected")).StatusCode);
        await AssertProblemAsync(await readOnly.PostAsJsonAsync("/api/v1/practice-sessions", Session("orienting", "activated", 5, "connected", 2, now)), HttpStatusCode.Forbidden, null);
        await AssertProblemAsync(await readOnly.PostAsJsonAsync("/api/v1/practices", Own()), HttpStatusCode.Forbidden, null);
        Assert.Equal(HttpStatusCode.Created, (await both.PostAsJsonAsync("/api/v1/practice-sessions", Session("orienting", "activated", 5, "connected", 2, now))).StatusCode);
        Assert.Equal(1, await CountAsync<PracticeSession>(factory));
    }

    [Theory, ClassData(typeof(Providers))]
    public async Task Someone_the_owner_shares_practices_with_reads_their_sessions_and_own_practices_and_it_is_logged(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        var (_, owner) = await TestUsers.SignedInAsync(factory);
        var (grantee, granteeClient) = await TestUsers.SignedInAsync(factory);
        var (_, stranger) = await TestUsers.SignedInAsync(factory);
        var now = factory.Clock.GetUtcNow();
        var practice = (await (await owner.PostAsJsonAsync("/api/v1/practices", Own())).Content.ReadFromJsonAsync<PracticeDto>(Json))!;
        using var recorded = await owner.PostAsJsonAsync("/api/v1/practice-sessions", Session(practice.Id, "shutDown", 6, "connected", 2, now));
        var session = (await recorded.Content.ReadFromJsonAsync<PracticeSessionDto>(Json))!;
        Assert.Equal("My walk", session.PracticeTitle);

        Assert.Equal(HttpStatusCode.NotFound, (await granteeClient.GetAsync($"/api/v1/practice-sessions/{session.Id}")).StatusCode);
        await TestSharing.ShareAsync(owner, grantee, granteeClient, "practices");

        var shared = (await granteeClient.GetFromJsonAsync<List<PracticeSessionDto>>("/api/v1/practice-sessions?owner=shared", Json))!;
        var seen = Assert.Single(shared);
        Assert.Equal((session.Id, "My walk", "River"), (seen.Id, seen.PracticeTitle, seen.SharedBy));
        Assert.Equal("My walk", (await granteeClient.GetFromJsonAsync<PracticeDto>($"/api/v1/practices/{practice.Id}", Json))!.Title);
        Assert.Empty((await granteeClient.GetFromJsonAsync<List<PracticeSessionDto>>("/api/v1/practice-sessions", Json))!);
        // Reading is all a grant allows.
        Assert.Equal(HttpStatusCode.NotFound, (await granteeClient.DeleteAsync($"/api/v1/practices/{practice.Id}")).StatusCode);
        await AssertProblemAsync(await granteeClient.PostAsJsonAsync("/api/v1/practice-sessions", Session(practice.Id, "shutDown", 6, "connected", 2, now)), HttpStatusCode.BadRequest, "practiceId");
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/v1/practice-sessions/{session.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/v1/practices/{practice.Id}")).StatusCode);

        var log = await TestSharing.AccessLogAsync(owner);
        Assert.Contains(log.Entries, e => e.Stream == "practices");
    }

    internal static async Task<string> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string? field, string? why = null)
    {
        using (response)
        {
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == status, $"{why}: expected {status}, got {response.StatusCode}: {body}");
            Assert.StartsWith("application/problem+json", response.Content.Headers.ContentType?.ToString(), StringComparison.Ordinal);
            if (field is not null)
            {
                var problem = JsonSerializer.Deserialize<ValidationProblemDetails>(body, Json)!;
                Assert.True(problem.Errors.ContainsKey(field), $"{why}: no error for {field} in {body}");
            }
            return body;
        }
    }

    private static async Task<int> CountAsync<T>(AttuneWebFactory factory) where T : class, IOwnedData<T>
    {
        using var scope = factory.Services.CreateScope();
        return await Access.Unchecked<T>(scope.ServiceProvider.GetRequiredService<AttuneDb>()).CountAsync();
    }

    /// <summary>Each bad-input row on SQLite, and again on PostgreSQL when the test script started one (as <see cref="Providers"/>).</summary>
    private static TheoryData<DatabaseProvider, string, string, string> OnEveryProvider(TheoryData<string, string, string> rows)
    {
        var data = new TheoryData<DatabaseProvider, string, string, string>();
        DatabaseProvider[] providers = TestEnvironment.PostgresAvailable ? [DatabaseProvider.Sqlite, DatabaseProvider.Postgres] : [DatabaseProvider.Sqlite];
        foreach (var provider in providers)
        {
            foreach (var row in rows)
            {
                data.Add(provider, (string)row[0], (string)row[1], (string)row[2]);
            }
        }
        return data;
    }
}
