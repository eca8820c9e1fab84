using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Attune.Web.Data;
using Attune.Web.Features.Accounts;
using Attune.Web.Features.CheckIns;
using Attune.Web.Features.Sharing;
using Attune.Web.Tests.Infrastructure;
using Attune.Web.Tests.Sharing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Attune.Web.Tests.CheckIns;

public sealed class CheckInsApiTests
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static object Full(string? key = null) => new
    {
        state = "activated",
        intensity = 7,
        blend = "shutDown",
        emotionIds = new[] { "anxious", "overwhelmed" },
        body = new[] { new { region = "chest", sensation = "tight" }, new { region = "jaw", sensation = "tense" } },
        context = new { who = new[] { "partner", "my sister" }, where = new[] { "home" }, doing = new[] { "conflict" }, triggers = new[] { "a short reply" }, glimmers = new[] { "the cat" } },
        scales = new { stress = 7, sleepHours = 6.5 },
        note = "We talked past each other.\nNext time: pause.",
        occurredAt = "2026-03-29T00:30:00Z",
        timeZone = "Europe/Berlin",
        visibility = "shared",
        idempotencyKey = key,
    };

    [Theory, ClassData(typeof(Providers))]
    public async Task Check_ins_sent_together_are_all_stored_and_other_writes_stay_fully_durable(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        var (user, client) = await TestUsers.SignedInAsync(factory);

        var sent = await Task.WhenAll(Enumerable.Range(0, 30).Select(i => client.PostAsJsonAsync("/api/v1/checkins", Full($"together-{i}"))));

        Assert.All(sent, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        using var scope = factory.Services.CreateScope();
        var access = scope.ServiceProvider.GetRequiredService<Access>();
        Assert.Equal(30, await access.Own<CheckIn>(user.Id).CountAsync());
        if (provider != DatabaseProvider.Sqlite)
        {
            return;
        }
        // The batches commit with synchronous=NORMAL; every pooled connection must be back at FULL (2) afterwards.
        var connections = new List<Microsoft.Data.Sqlite.SqliteConnection>();
        try
        {
            var connectionString = scope.ServiceProvider.GetRequiredService<AttuneDb>().Database.GetConnectionString();
            for (var i = 0; i < 6; i++)
            {
                var connection = new Microsoft.Data.Sqlite.SqliteConnection(connectionString);
                await connection.OpenAsync();
                connections.Add(connection);
            }
            foreach (var connection in connections)
            {
                await using var command = connection.CreateCommand();
                command.CommandText = "PRAGMA synchronous;";
                Assert.Equal(2L, await command.ExecuteScalarAsync());
            }
        }
        finally
        {
            foreach (var connection in connections)
            {
                await connection.DisposeAsync();
            }
        }
    }

    [Theory, ClassData(typeof(Providers))]
    public async Task Owner_creates_reads_lists_changes_and_deletes_a_check_in(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        var (_, client) = await TestUsers.SignedInAsync(factory);

        using var create = await client.PostAsJsonAsync("/api/v1/checkins", Full());
        Assert.Equal(HttpStatusCode.Created, create.StatusCode);
        var c = (await create.Content.ReadFromJsonAsync<CheckInDto>(Json))!;
        Assert.Equal($"/api/v1/checkins/{c.Id}", create.Headers.Location?.OriginalString);
        Assert.Equal(("activated", 7, "shutDown"), (c.State, c.Intensity, c.Blend));
        Assert.Equal(["anxious", "overwhelmed"], c.Emotions.Select(e => e.Id));
        Assert.All(c.Emotions, e => Assert.False(string.IsNullOrEmpty(e.Name)));
        Assert.Equal([new BodySensationDto("chest", "tight"), new BodySensationDto("jaw", "tense")], c.Body);
        Assert.Equal(["partner", "my sister"], c.Context.Who!);
        Assert.Equal(["a short reply"], c.Context.Triggers!);
        Assert.Equal((7, 6.5), (c.Scales.Stress!.Value, c.Scales.SleepHours!.Value));
        Assert.Equal("We talked past each other.\nNext time: pause.", c.Note);
        // 00:30 UTC on the night Berlin moves to summer time is 01:30 local: still 29 March there.
        Assert.Equal(new DateOnly(2026, 3, 29), c.LocalDate);
        Assert.Equal(("Europe/Berlin", "shared"), (c.TimeZone, c.Visibility));

        Assert.Equal(c.Id, (await client.GetFromJsonAsync<CheckInDto>($"/api/v1/checkins/{c.Id}", Json))!.Id);
        var list = (await client.GetFromJsonAsync<List<CheckInDto>>("/api/v1/checkins?from=2026-03-29&to=2026-03-29", Json))!;
        Assert.Equal(c.Id, Assert.Single(list).Id);
        Assert.Empty((await client.GetFromJsonAsync<List<CheckInDto>>("/api/v1/checkins?from=2026-03-30", Json))!);

        using var update = await client.PutAsJsonAsync($"/api/v1/checkins/{c.Id}", new { state = "connected", intensity = 3, emotionIds = new[] { "calm" }, timeZone = "Asia/Kathmandu", occurredAt = "2026-03-29T20:00:00Z" });
        Assert.Equal(HttpStatusCode.OK, update.StatusCode);
        var changed = (await update.Content.ReadFromJsonAsync<CheckInDto>(Json))!;
        Assert.Equal(("connected", 3, (string?)null, "private"), (changed.State, changed.Intensity, changed.Blend, changed.Visibility));
        Assert.Empty(changed.Body);
        // 20:00 UTC is 01:45 the next day in Kathmandu (+05:45).
        Assert.Equal(new DateOnly(2026, 3, 30), changed.LocalDate);

        using var delete = await client.DeleteAsync($"/api/v1/checkins/{c.Id}");
        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/checkins/{c.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.DeleteAsync($"/api/v1/checkins/{c.Id}")).StatusCode);
        Assert.Equal(0, await CountAsync(factory));
    }

    [Theory, ClassData(typeof(Providers))]
    public async Task A_repeated_submission_with_the_same_key_is_stored_once_even_when_the_copies_race(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        var (_, client) = await TestUsers.SignedInAsync(factory);

        using var first = await client.PostAsJsonAsync("/api/v1/checkins", Full("retry-1"));
        using var again = await client.PostAsJsonAsync("/api/v1/checkins", Full("retry-1"));
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal("true", again.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal((await first.Content.ReadFromJsonAsync<CheckInDto>(Json))!.Id, (await again.Content.ReadFromJsonAsync<CheckInDto>(Json))!.Id);

        var racing = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => client.PostAsJsonAsync("/api/v1/checkins", Full("race-2"))));
        Assert.All(racing, r => Assert.True(r.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, r.StatusCode.ToString()));
        Assert.Single(racing.Select(r => r.Content.ReadFromJsonAsync<CheckInDto>(Json).Result!.Id).Distinct());
        foreach (var r in racing)
        {
            r.Dispose();
        }
        Assert.Equal(2, await CountAsync(factory));

        // Keys are per person: someone else's identical key is their own check-in.
        var (_, other) = await TestUsers.SignedInAsync(factory);
        using var theirs = await other.PostAsJsonAsync("/api/v1/checkins", Full("retry-1"));
        Assert.Equal(HttpStatusCode.Created, theirs.StatusCode);
    }

    public static TheoryData<string, string> BadBodies => new()
    {
        { """{"state":"calm","emotionIds":["calm"]}""", "state" },
        { """{"state":7,"emotionIds":["calm"]}""", "" },
        { """{"state":"connected","intensity":11,"emotionIds":["calm"]}""", "intensity" },
        { """{"state":"connected","intensity":-1,"emotionIds":["calm"]}""", "intensity" },
        { """{"state":"connected","intensity":"loud","emotionIds":["calm"]}""", "" },
        { """{"state":"connected","blend":"connected","emotionIds":["calm"]}""", "blend" },
        { """{"state":"connected","emotionIds":[]}""", "emotionIds" },
        { """{"state":"connected","emotionIds":["not-a-word"]}""", "emotionIds" },
        { """{"state":"connected","emotionIds":["my-00000000000000000000000000000000"]}""", "emotionIds" },
        { """{"state":"connected","emotionIds":["calm"],"body":[{"region":"tail","sensation":"tight"}]}""", "body" },
        { """{"state":"connected","emotionIds":["calm"],"body":[{"region":"chest","sensation":"sparkly"}]}""", "body" },
        { """{"state":"connected","emotionIds":["calm"],"context":{"who":["a\u202Eb"]}}""", "context.who" },
        { """{"state":"connected","emotionIds":["calm"],"scales":{"stress":12}}""", "scales.stress" },
        { """{"state":"connected","emotionIds":["calm"],"scales":{"sleepHours":25}}""", "scales.sleepHours" },
        { """{"state":"connected","emotionIds":["calm"],"note":"bad \u0000 byte"}""", "note" },
        { """{"state":"connected","emotionIds":["calm"],"note":"half \ud800 a pair"}""", "" },
        { """{"state":"connected","emotionIds":["calm"],"occurredAt":"2099-01-01T00:00:00Z"}""", "occurredAt" },
        { """{"state":"connected","emotionIds":["calm"],"occurredAt":"1950-01-01T00:00:00Z"}""", "occurredAt" },
        { """{"state":"connected","emotionIds":["calm"],"timeZone":"Mars/Olympus"}""", "timeZone" },
        { """{"state":"connected","emotionIds":["calm"],"visibility":"everyone"}""", "visibility" },
        { """{"state":"connected","emotionIds":["calm"],"idempotencyKey":"has spaces"}""", "idempotencyKey" },
        { """{"state":"connected","emotionIds":["calm","joyful","sad","tired","anxious","angry","numb","excited","content","peaceful","proud"]}""", "emotionIds" },
        { """{"state":"connected","emotionIds":["calm"]""", "" },
    };

    [Theory, MemberData(nameof(BadBodies))]
    public async Task A_bad_check_in_is_refused_with_a_clear_problem_and_nothing_is_stored(string body, string field)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(DatabaseProvider.Sqlite);
        var (_, client) = await TestUsers.SignedInAsync(factory);

        using var response = await client.PostAsync("/api/v1/checkins", new StringContent(body, Encoding.UTF8, "application/json"));

        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        if (field.Length > 0)
        {
            using var problem = JsonDocument.Parse(text);
            Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty(field, out _), text);
        }
        Assert.Equal(0, await CountAsync(factory));
    }

    [Theory, ClassData(typeof(Providers))]
    public async Task A_huge_note_or_body_is_refused_and_hostile_text_is_kept_exactly_as_written(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        var (_, client) = await TestUsers.SignedInAsync(factory);

        using var megabyte = await client.PostAsync("/api/v1/checkins", new StringContent(
            JsonSerializer.Serialize(new { state = "connected", emotionIds = new[] { "calm" }, note = new string('x', 1024 * 1024) }), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, megabyte.StatusCode);
        using var tooLong = await client.PostAsJsonAsync("/api/v1/checkins", new { state = "connected", emotionIds = new[] { "calm" }, note = new string('x', CheckIn.NoteMaxLength + 1) });
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Equal(0, await CountAsync(factory));

        const string hostile = "<script>alert('x')</script> \u202Edesrever\u202C 👩🏽‍🦱 Zalgo z̷̢̛a̸l̵g̶o \u200B and \"quotes\" & ' ; DROP TABLE \"CheckIns\"; --";
        using var stored = await client.PostAsJsonAsync("/api/v1/checkins", new { state = "connected", emotionIds = new[] { "calm" }, note = hostile });
        Assert.Equal(HttpStatusCode.Created, stored.StatusCode);
        var id = (await stored.Content.ReadFromJsonAsync<CheckInDto>(Json))!.Id;
        Assert.Equal(hostile, (await client.GetFromJsonAsync<CheckInDto>($"/api/v1/checkins/{id}", Json))!.Note);
        var page = await client.GetStringAsync($"/checkins/{id}");
        Assert.DoesNotContain("<script>alert", page, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert", page, StringComparison.Ordinal);
    }

    [Theory, ClassData(typeof(Providers))]
    public async Task Another_persons_check_in_is_not_found_for_every_verb_and_anonymous_callers_are_unauthorized(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        var (_, owner) = await TestUsers.SignedInAsync(factory);
        var (_, stranger) = await TestUsers.SignedInAsync(factory);
        using var anonymous = factory.CreateClient();
        var id = await CreateAsync(owner, "shared");
        var missing = Guid.NewGuid();

        foreach (var target in new[] { id, missing })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/v1/checkins/{target}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await stranger.PutAsJsonAsync($"/api/v1/checkins/{target}", new { state = "connected", emotionIds = new[] { "calm" } })).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await stranger.DeleteAsync($"/api/v1/checkins/{target}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/checkins/{target}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/checkins/{target}/edit")).StatusCode);
        }
        Assert.Empty((await stranger.GetFromJsonAsync<List<CheckInDto>>("/api/v1/checkins?owner=all", Json))!);
        foreach (var url in new[] { "/api/v1/checkins", $"/api/v1/checkins/{id}", "/api/v1/emotions", "/api/v1/vocabulary" })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(url)).StatusCode);
        }
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("/api/v1/checkins", Full())).StatusCode);
        Assert.Equal(1, await CountAsync(factory));
    }

    [Theory, ClassData(typeof(Providers))]
    public async Task Someone_with_a_check_ins_grant_sees_the_shared_ones_only_and_only_while_it_holds(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        var (_, owner) = await TestUsers.SignedInAsync(factory);
        var (partner, partnerClient) = await TestUsers.SignedInAsync(factory);
        var (recordingsOnly, recordingsClient) = await TestUsers.SignedInAsync(factory);
        var shared = await CreateAsync(owner, "shared");
        var kept = await CreateAsync(owner, "private");
        var grant = await TestSharing.ShareAsync(owner, partner, partnerClient, "checkins");
        await TestSharing.ShareAsync(owner, recordingsOnly, recordingsClient, "recordings");

        var seen = (await partnerClient.GetFromJsonAsync<List<CheckInDto>>("/api/v1/checkins?owner=shared", Json))!;
        Assert.Equal(shared, Assert.Single(seen).Id);
        Assert.Equal("River", seen[0].SharedBy);
        Assert.Equal(HttpStatusCode.OK, (await partnerClient.GetAsync($"/api/v1/checkins/{shared}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await partnerClient.GetAsync($"/api/v1/checkins/{kept}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await partnerClient.DeleteAsync($"/api/v1/checkins/{shared}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await recordingsClient.GetAsync($"/api/v1/checkins/{shared}")).StatusCode);
        Assert.Empty((await recordingsClient.GetFromJsonAsync<List<CheckInDto>>("/api/v1/checkins?owner=shared", Json))!);
        Assert.Contains((await TestSharing.AccessLogAsync(owner)).Entries, e => e.Stream == "checkins" && e.ResourceId == shared);

        // Making it private hides it at once.
        using (var hide = await owner.PutAsJsonAsync($"/api/v1/checkins/{shared}", new { state = "connected", emotionIds = new[] { "calm" }, visibility = "private" }))
        {
            hide.EnsureSuccessStatusCode();
        }
        Assert.Equal(HttpStatusCode.NotFound, (await partnerClient.GetAsync($"/api/v1/checkins/{shared}")).StatusCode);
        (await owner.PutAsJsonAsync($"/api/v1/checkins/{shared}", new { state = "connected", emotionIds = new[] { "calm" }, visibility = "shared" })).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.OK, (await partnerClient.GetAsync($"/api/v1/checkins/{shared}")).StatusCode);

        (await owner.DeleteAsync($"/api/v1/grants/{grant}")).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.NotFound, (await partnerClient.GetAsync($"/api/v1/checkins/{shared}")).StatusCode);
        Assert.Empty((await partnerClient.GetFromJsonAsync<List<CheckInDto>>("/api/v1/checkins?owner=shared", Json))!);
    }

    [Theory, ClassData(typeof(Providers))]
    public async Task Tokens_need_the_check_in_scopes(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        var (user, session) = await TestUsers.SignedInAsync(factory);
        var id = await CreateAsync(session, "private");
        using var reader = await TestUsers.WithAccessTokenAsync(factory, user, TokenScopes.CheckInsRead);
        using var writer = await TestUsers.WithAccessTokenAsync(factory, user, TokenScopes.CheckInsWrite);
        using var recordings = await TestUsers.WithAccessTokenAsync(factory, user, TokenScopes.RecordingsRead, TokenScopes.RecordingsWrite);

        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync($"/api/v1/checkins/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await reader.PostAsJsonAsync("/api/v1/checkins", Full())).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await writer.GetAsync($"/api/v1/checkins/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await writer.PostAsJsonAsync("/api/v1/checkins", Full())).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await recordings.GetAsync("/api/v1/checkins")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await recordings.GetAsync("/api/v1/emotions")).StatusCode);
    }

    [Theory, ClassData(typeof(Providers))]
    public async Task The_vocabulary_has_our_words_and_a_person_adds_uses_and_removes_their_own(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        var (_, client) = await TestUsers.SignedInAsync(factory);
        var (_, other) = await TestUsers.SignedInAsync(factory);

        var words = (await client.GetFromJsonAsync<List<EmotionDto>>("/api/v1/emotions", Json))!;
        Assert.True(words.Count >= 150, $"{words.Count} words");
        Assert.All(words, w => Assert.True(w.Definition.Length > 10 && w.Pleasantness is >= -5 and <= 5 && w.Energy is >= -5 and <= 5, w.Id));
        var vocabulary = (await client.GetFromJsonAsync<VocabularyDto>("/api/v1/vocabulary", Json))!;
        Assert.True(vocabulary.Regions.Count >= 20 && vocabulary.Sensations.Count >= 13);

        using var add = await client.PostAsJsonAsync("/api/v1/emotions", new { name = "Sunday-ish", definition = "Slow, a little wistful.", pleasantness = 1, energy = -3 });
        Assert.Equal(HttpStatusCode.Created, add.StatusCode);
        var mine = (await add.Content.ReadFromJsonAsync<EmotionDto>(Json))!;
        Assert.True(mine.Own);
        Assert.Equal("pleasant-low", mine.Quadrant);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsJsonAsync("/api/v1/emotions", new { name = "sunday-ish", pleasantness = 1, energy = -3 })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsJsonAsync("/api/v1/emotions", new { name = "calm", pleasantness = 1, energy = -3 })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsJsonAsync("/api/v1/emotions", new { name = "x", pleasantness = 9, energy = 0 })).StatusCode);

        using var used = await client.PostAsJsonAsync("/api/v1/checkins", new { state = "connected", emotionIds = new[] { mine.Id } });
        Assert.Equal(HttpStatusCode.Created, used.StatusCode);
        var checkIn = (await used.Content.ReadFromJsonAsync<CheckInDto>(Json))!;
        Assert.Equal("Sunday-ish", Assert.Single(checkIn.Emotions).Name);
        Assert.DoesNotContain((await other.GetFromJsonAsync<List<EmotionDto>>("/api/v1/emotions", Json))!, w => w.Id == mine.Id);
        Assert.Equal(HttpStatusCode.BadRequest, (await other.PostAsJsonAsync("/api/v1/checkins", new { state = "connected", emotionIds = new[] { mine.Id } })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.DeleteAsync($"/api/v1/emotions/{mine.Id}")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/v1/emotions/{mine.Id}")).StatusCode);
        var after = (await client.GetFromJsonAsync<CheckInDto>($"/api/v1/checkins/{checkIn.Id}", Json))!;
        Assert.Equal("a word since removed", Assert.Single(after.Emotions).Name);
    }

    private static async Task<Guid> CreateAsync(HttpClient client, string visibility)
    {
        using var response = await client.PostAsJsonAsync("/api/v1/checkins", new { state = "activated", intensity = 6, emotionIds = new[] { "anxious" }, visibility });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<CheckInDto>(Json))!.Id;
    }

    private static async Task<int> CountAsync(AttuneWebFactory factory)
    {
        using var scope = factory.Services.CreateScope();
        return await Access.Unchecked<CheckIn>(scope.ServiceProvider.GetRequiredService<AttuneDb>()).CountAsync();
    }
}
