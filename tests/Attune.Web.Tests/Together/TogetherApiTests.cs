using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Attune.Web.Features.Accounts;
using Attune.Web.Features.Together;
using Attune.Web.Tests.Infrastructure;
using Attune.Web.Tests.Sharing;

namespace Attune.Web.Tests.Together;

/// <summary>The partner link, breaks, repairs and rituals through the API: the rules, the refusals and who may see what.</summary>
public sealed class TogetherApiTests
{
    [Theory, ClassData(typeof(Providers))]
    public async Task A_code_links_two_people_once_and_each_sees_the_other(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        var (a, aClient) = await TestUsers.SignedInAsync(factory);
        var (b, bClient) = await TestUsers.SignedInAsync(factory);
        var (_, third) = await TestUsers.SignedInAsync(factory);

        Assert.Equal(HttpStatusCode.NotFound, (await aClient.GetAsync("/api/v1/partner")).StatusCode);
        var invite = await TestTogether.InviteAsync(aClient);
        Assert.Matches("^[A-HJ-KM-NP-Z2-9]{4}-[A-HJ-KM-NP-Z2-9]{4}$", invite.Code);
        Assert.Equal(["together", "checkins"], invite.Streams.Order().Reverse());

        // One's own code is refused plainly, nothing linked.
        using (var own = await TestTogether.AcceptAsync(aClient, invite.Code))
        {
            Assert.Equal(HttpStatusCode.BadRequest, own.StatusCode);
            Assert.Contains("your own code", await own.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        // Typed in lower case with a space instead of the dash: still the code.
        using (var accepted = await TestTogether.AcceptAsync(bClient, invite.Code.ToLowerInvariant().Replace('-', ' '), ["recordings"]))
        {
            Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
            var partner = (await accepted.Content.ReadFromJsonAsync<PartnerDto>(TestSharing.Json))!;
            Assert.Equal(a.Id, partner.Id);
            Assert.Equal(["recordings", "together"], partner.IShare.Order());
            Assert.Equal(["checkins", "together"], partner.TheyShare.Order());
        }
        var fromA = (await aClient.GetFromJsonAsync<PartnerDto>("/api/v1/partner", TestSharing.Json))!;
        Assert.Equal(b.Id, fromA.Id);
        Assert.Equal(["checkins", "together"], fromA.IShare.Order());

        // Used: the same answer as a code that never existed, for the partner again and for anyone else.
        Assert.Equal(HttpStatusCode.NotFound, (await TestTogether.AcceptAsync(bClient, invite.Code)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await TestTogether.AcceptAsync(third, invite.Code)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await TestTogether.AcceptAsync(third, "ABCD-EFGH")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await third.GetAsync("/api/v1/partner")).StatusCode);
        // Already linked: no new code until unlinked.
        using var again = await aClient.PostAsJsonAsync("/api/v1/partner/invites", new { });
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
    }

    [Theory, ClassData(typeof(Providers))]
    public async Task Expired_withdrawn_and_replaced_codes_do_not_link(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        var (_, aClient) = await TestUsers.SignedInAsync(factory);
        var (_, bClient) = await TestUsers.SignedInAsync(factory);

        var first = await TestTogether.InviteAsync(aClient);
        var second = await TestTogether.InviteAsync(aClient);
        Assert.Equal(HttpStatusCode.NotFound, (await TestTogether.AcceptAsync(bClient, first.Code)).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await aClient.DeleteAsync("/api/v1/partner/invites")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await TestTogether.AcceptAsync(bClient, second.Code)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await aClient.DeleteAsync("/api/v1/partner/invites")).StatusCode);

        var third = await TestTogether.InviteAsync(aClient);
        factory.Clock.Advance(Partners.InviteLifetime + TimeSpan.FromMinutes(1));
        Assert.Equal(HttpStatusCode.NotFound, (await TestTogether.AcceptAsync(bClient, third.Code)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await bClient.GetAsync("/api/v1/partner")).StatusCode);
    }

    [Theory, ClassData(typeof(Providers))]
    public async Task Bad_input_is_refused_and_stores_nothing(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        var (_, aClient, _, bClient) = await TestTogether.LinkedPairAsync(factory);

        foreach (var (body, field) in new (string, string)[]
        {
            ("""{"minutes":5}""", "minutes"),
            ("""{"minutes":100000}""", "minutes"),
            ("""{"returnAt":"2001-01-01T00:00:00Z"}""", "returnAt"),
            ($$"""{"returnAt":"{{DateTime.UtcNow.AddDays(2):O}}"}""", "returnAt"),
            ("""{"minutes":30,"note":"line\nbreak"}""", "note"),
            ($$"""{"minutes":30,"note":"{{new string('x', 400)}}"}""", "note"),
        })
        {
            using var response = await aClient.PostAsync("/api/v1/breaks", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty(field, out _), $"{body}: {problem.RootElement}");
        }
        foreach (var body in new[] { """{"stateBefore":"furious"}""", """{"stateBefore":"activated","ruptureAt":"2999-01-01T00:00:00Z"}""" })
        {
            using var response = await aClient.PostAsync("/api/v1/repairs", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        }
        foreach (var body in new[] { """{"kind":"handshake"}""", """{"kind":"appreciation"}""", """{"kind":"appreciation","text":"<script>\u0000</script>"}""" })
        {
            using var response = await aClient.PostAsync("/api/v1/rituals", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        }
        using (var streams = await aClient.PutAsJsonAsync("/api/v1/partner/sharing", new { streams = new[] { "diary" } }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, streams.StatusCode);
        }
        using (var broken = await aClient.PostAsync("/api/v1/breaks", new StringContent("{\"minutes\":", System.Text.Encoding.UTF8, "application/json")))
        {
            Assert.Equal(HttpStatusCode.BadRequest, broken.StatusCode);
        }

        var state = (await bClient.GetFromJsonAsync<PartnerStateDto>("/api/v1/partner/state", TestSharing.Json))!;
        Assert.Null(state.TheirBreak);
        Assert.Null(state.OpenRepair);
        Assert.Empty((await aClient.GetFromJsonAsync<RitualsDto>("/api/v1/rituals", TestSharing.Json))!.Today);
        Assert.Equal(["checkins", "together"], (await aClient.GetFromJsonAsync<PartnerDto>("/api/v1/partner", TestSharing.Json))!.IShare.Order());
    }

    [Theory, ClassData(typeof(Providers))]
    public async Task The_partner_sees_shared_check_ins_only_and_guidance_fits_them(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        var (_, aClient, _, bClient) = await TestTogether.LinkedPairAsync(factory);

        var before = (await bClient.GetFromJsonAsync<PartnerStateDto>("/api/v1/partner/state", TestSharing.Json))!;
        Assert.Null(before.Theirs);

        var shared = await TestTogether.CheckInAsync(aClient, "activated", emotion: "anxious", intensity: 7);
        await TestTogether.CheckInAsync(aClient, "shutdown", visibility: "private");

        var state = (await bClient.GetFromJsonAsync<PartnerStateDto>("/api/v1/partner/state", TestSharing.Json))!;
        Assert.Equal(shared, state.Theirs!.CheckInId);
        Assert.Equal("activated", state.Theirs.State);
        Assert.Equal(7, state.Theirs.Intensity);
        Assert.False(state.Theirs.Stale);
        Assert.NotEmpty(state.Guidance.Steps);
        Assert.DoesNotContain(state.Guidance.Steps, s => s.Contains("shut", StringComparison.OrdinalIgnoreCase) && s.Contains("they are", StringComparison.OrdinalIgnoreCase));

        // The partner stops sharing check-ins: gone on the next request, time together still shared.
        (await aClient.PutAsJsonAsync("/api/v1/partner/sharing", new { streams = Array.Empty<string>() })).EnsureSuccessStatusCode();
        var after = (await bClient.GetFromJsonAsync<PartnerStateDto>("/api/v1/partner/state", TestSharing.Json))!;
        Assert.Null(after.Theirs);
        Assert.Equal(HttpStatusCode.NotFound, (await bClient.GetAsync($"/api/v1/checkins/{shared}")).StatusCode);
    }

    [Theory, ClassData(typeof(Providers))]
    public async Task A_break_is_seen_by_the_partner_and_ended_only_by_its_owner(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        var (_, aClient, _, bClient) = await TestTogether.LinkedPairAsync(factory);
        var (_, stranger) = await TestUsers.SignedInAsync(factory);

        using var started = await aClient.PostAsJsonAsync("/api/v1/breaks", new { minutes = 30, note = "Walking round the block" });
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        var taken = (await started.Content.ReadFromJsonAsync<BreakDto>(TestSharing.Json))!;
        Assert.Equal(30, (taken.ReturnAt - taken.StartedAt).TotalMinutes, 0.1);
        using (var second = await aClient.PostAsJsonAsync("/api/v1/breaks", new { minutes = 30 }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, second.StatusCode);
        }

        var seen = (await bClient.GetFromJsonAsync<PartnerStateDto>("/api/v1/partner/state", TestSharing.Json))!.TheirBreak!;
        Assert.Equal((taken.Id, false), (seen.Id, seen.Mine));
        Assert.Equal(HttpStatusCode.OK, (await bClient.GetAsync($"/api/v1/breaks/{taken.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/v1/breaks/{taken.Id}")).StatusCode);
        // Only the person on the break says "I'm back".
        Assert.Equal(HttpStatusCode.NotFound, (await bClient.PostAsync($"/api/v1/breaks/{taken.Id}/end", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.PostAsync($"/api/v1/breaks/{taken.Id}/end", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await aClient.PostAsync($"/api/v1/breaks/{taken.Id}/end", null)).StatusCode);

        var ended = (await aClient.GetFromJsonAsync<BreakDto>($"/api/v1/breaks/{taken.Id}", TestSharing.Json))!;
        Assert.NotNull(ended.EndedAt);
        Assert.Null((await bClient.GetFromJsonAsync<PartnerStateDto>("/api/v1/partner/state", TestSharing.Json))!.TheirBreak);
    }

    [Theory, ClassData(typeof(Providers))]
    public async Task A_repair_is_joined_by_the_partner_only_and_completes_with_both_sides(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        var (_, aClient, b, bClient) = await TestTogether.LinkedPairAsync(factory);
        var (_, stranger) = await TestUsers.SignedInAsync(factory);

        using var started = await aClient.PostAsJsonAsync("/api/v1/repairs", new { stateBefore = "activated", ruptureAt = DateTimeOffset.UtcNow.AddMinutes(-90) });
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        var repair = (await started.Content.ReadFromJsonAsync<RepairDto>(TestSharing.Json))!;
        Assert.True(repair.StartedByMe);
        Assert.Null(repair.Partner);

        // A second start by the same person returns the one under way; the partner is told to join instead.
        using (var again = await aClient.PostAsJsonAsync("/api/v1/repairs", new { stateBefore = "activated" }))
        {
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
            Assert.Equal(repair.Id, (await again.Content.ReadFromJsonAsync<RepairDto>(TestSharing.Json))!.Id);
        }
        using (var theirs = await bClient.PostAsJsonAsync("/api/v1/repairs", new { stateBefore = "shutdown" }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, theirs.StatusCode);
        }

        // A stranger can neither see, join nor complete it: each is "not found".
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/v1/repairs/{repair.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.PostAsJsonAsync($"/api/v1/repairs/{repair.Id}/join", new { stateBefore = "connected" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.PostAsJsonAsync($"/api/v1/repairs/{repair.Id}/complete", new { stateAfter = "connected" })).StatusCode);
        // The partner cannot complete before joining.
        Assert.Equal(HttpStatusCode.NotFound, (await bClient.PostAsJsonAsync($"/api/v1/repairs/{repair.Id}/complete", new { stateAfter = "connected" })).StatusCode);

        using (var joined = await bClient.PostAsJsonAsync($"/api/v1/repairs/{repair.Id}/join", new { stateBefore = "shutdown" }))
        {
            Assert.Equal(HttpStatusCode.OK, joined.StatusCode);
            var seen = (await joined.Content.ReadFromJsonAsync<RepairDto>(TestSharing.Json))!;
            Assert.Equal(("shutDown", "activated"), (seen.Mine!.StateBefore, seen.Partner!.StateBefore));
        }
        (await aClient.PostAsJsonAsync($"/api/v1/repairs/{repair.Id}/complete", new { stateAfter = "connected", move = "pursue", agreement = "Phones away at dinner" })).EnsureSuccessStatusCode();
        using (var badMove = await bClient.PostAsJsonAsync($"/api/v1/repairs/{repair.Id}/complete", new { stateAfter = "connected", move = "sulk" }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, badMove.StatusCode);
        }
        (await bClient.PostAsJsonAsync($"/api/v1/repairs/{repair.Id}/complete", new { stateAfter = "connected", move = "withdraw" })).EnsureSuccessStatusCode();

        var done = (await aClient.GetFromJsonAsync<RepairDto>($"/api/v1/repairs/{repair.Id}", TestSharing.Json))!;
        Assert.NotNull(done.CompletedAt);
        Assert.Equal("Phones away at dinner", done.Agreement);
        Assert.Equal(("pursue", "withdraw"), (done.Mine!.Move, done.Partner!.Move));
        Assert.InRange(done.MinutesToReconnect!.Value, 89, 92);

        var insights = (await bClient.GetFromJsonAsync<TogetherInsightsDto>("/api/v1/together/insights", TestSharing.Json))!;
        var listed = Assert.Single(insights.Repairs);
        Assert.Equal(repair.Id, listed.Id);
        Assert.Equal(1, insights.Cycle.Conflicts);
        Assert.Contains(insights.Cycle.Patterns, p => p.Pattern == "pursue-withdraw" && p.Count == 1);
        Assert.Empty((await stranger.GetFromJsonAsync<TogetherInsightsDto>("/api/v1/together/insights", TestSharing.Json))!.Repairs);
        _ = b;
    }

    [Theory, ClassData(typeof(Providers))]
    public async Task Unlinking_ends_all_sight_of_each_other_on_the_next_request(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        var (_, aClient, _, bClient) = await TestTogether.LinkedPairAsync(factory);
        var checkIn = await TestTogether.CheckInAsync(aClient, "connected");
        using var started = await aClient.PostAsJsonAsync("/api/v1/breaks", new { minutes = 20 });
        var taken = (await started.Content.ReadFromJsonAsync<BreakDto>(TestSharing.Json))!;
        (await aClient.PostAsJsonAsync("/api/v1/rituals", new { kind = "appreciation", text = "Thank you for the tea" })).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.OK, (await bClient.GetAsync($"/api/v1/checkins/{checkIn}")).StatusCode);
        Assert.Contains((await bClient.GetFromJsonAsync<RitualsDto>("/api/v1/rituals", TestSharing.Json))!.Today, m => !m.Mine && m.Text == "Thank you for the tea");

        Assert.Equal(HttpStatusCode.NoContent, (await bClient.DeleteAsync("/api/v1/partner")).StatusCode);

        foreach (var client in new[] { aClient, bClient })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/v1/partner")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/v1/partner/state")).StatusCode);
        }
        Assert.Equal(HttpStatusCode.NotFound, (await bClient.GetAsync($"/api/v1/checkins/{checkIn}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await bClient.GetAsync($"/api/v1/breaks/{taken.Id}")).StatusCode);
        Assert.DoesNotContain((await bClient.GetFromJsonAsync<RitualsDto>("/api/v1/rituals", TestSharing.Json))!.Today, m => !m.Mine);
        Assert.Equal(HttpStatusCode.NotFound, (await bClient.DeleteAsync("/api/v1/partner")).StatusCode);
        // Each keeps their own.
        Assert.Equal(HttpStatusCode.OK, (await aClient.GetAsync($"/api/v1/breaks/{taken.Id}")).StatusCode);
        // And can link again with a fresh code.
        var invite = await TestTogether.InviteAsync(aClient);
        Assert.Equal(HttpStatusCode.OK, (await TestTogether.AcceptAsync(bClient, invite.Code)).StatusCode);
    }

    [Theory, ClassData(typeof(Providers))]
    public async Task Tokens_need_the_together_scopes(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        var (a, aClient, _, _) = await TestTogether.LinkedPairAsync(factory);
        using var readOnly = await TestUsers.WithAccessTokenAsync(factory, a, TokenScopes.TogetherRead);
        using var checkInsOnly = await TestUsers.WithAccessTokenAsync(factory, a, TokenScopes.CheckInsRead);
        using var anonymous = factory.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await readOnly.GetAsync("/api/v1/partner/state")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await readOnly.PostAsJsonAsync("/api/v1/breaks", new { minutes = 20 })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await readOnly.DeleteAsync("/api/v1/partner")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await checkInsOnly.GetAsync("/api/v1/partner/state")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/partner/state")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("/api/v1/partner/accept", new { code = "ABCD-EFGH" })).StatusCode);
        // Nothing was done by the refused calls.
        Assert.Null((await aClient.GetFromJsonAsync<PartnerStateDto>("/api/v1/partner/state", TestSharing.Json))!.MyBreak);
    }
}
