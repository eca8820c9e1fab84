using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Attune.Web.Features.Recordings;
using Attune.Web.Features.Sharing;
using Attune.Web.Tests.Infrastructure;
using Attune.Web.Tests.Recordings;
using Microsoft.Extensions.DependencyInjection;

namespace Attune.Web.Tests.Sharing;

public sealed class GrantsApiTests
{
    [Theory, ClassData(typeof(Providers))]
    public async Task An_invitation_looks_the_same_whether_or_not_the_address_has_an_account(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        var (_, owner) = await TestUsers.SignedInAsync(factory);
        var registered = await TestUsers.CreateAsync(factory);

        using var toKnown = await owner.PostAsJsonAsync("/api/v1/grants", new { granteeEmail = registered.Email, streams = new[] { "recordings" } });
        using var toUnknown = await owner.PostAsJsonAsync("/api/v1/grants", new { granteeEmail = "nobody-here@example.org", streams = new[] { "recordings" } });

        Assert.Equal(HttpStatusCode.Created, toKnown.StatusCode);
        Assert.Equal(HttpStatusCode.Created, toUnknown.StatusCode);
        var known = (await toKnown.Content.ReadFromJsonAsync<GrantDto>(TestSharing.Json))!;
        var unknown = (await toUnknown.Content.ReadFromJsonAsync<GrantDto>(TestSharing.Json))!;
        Assert.Equal(("pending", "given"), (known.Status, known.Direction));
        Assert.Equal(("pending", "given"), (unknown.Status, unknown.Direction));
        Assert.Null(known.Grantee.Id);
        Assert.Null(known.Grantee.Name);
        Assert.Equal(registered.Email, known.Grantee.Email);
        Assert.Equal($"/api/v1/grants/{known.Id}", toKnown.Headers.Location?.OriginalString);
        // Same fields present with the same kinds of values either way.
        using var a = JsonDocument.Parse(await toKnown.Content.ReadAsStringAsync());
        using var b = JsonDocument.Parse(await toUnknown.Content.ReadAsStringAsync());
        Assert.Equal(Shape(a.RootElement), Shape(b.RootElement));
    }

    [Theory, ClassData(typeof(Providers))]
    public async Task A_grantee_reads_shared_recordings_and_compares_them_with_their_own_but_cannot_delete(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        var (ownerUser, owner) = await TestUsers.SignedInAsync(factory);
        var (grantee, granteeClient) = await TestUsers.SignedInAsync(factory);
        var shared = await TestRecordings.UploadAsync(owner, name: "Owner's walk");
        var mine = await TestRecordings.UploadAsync(granteeClient, name: "My walk");

        var invitation = await TestSharing.InviteAsync(owner, grantee.Email);
        var received = Assert.Single((await TestSharing.ListAsync(granteeClient)).Received);
        Assert.Equal((invitation.Id, "pending", ownerUser.Email), (received.Id, received.Status, received.Owner.Email));
        using (var before = await granteeClient.GetAsync($"/api/v1/recordings/{shared.Id}"))
        {
            Assert.Equal(HttpStatusCode.NotFound, before.StatusCode);
        }

        await TestSharing.AcceptAsync(granteeClient, invitation.Id);

        var list = (await granteeClient.GetFromJsonAsync<List<RecordingDto>>("/api/v1/recordings?owner=shared"))!;
        var item = Assert.Single(list);
        Assert.Equal((shared.Id, "River"), (item.Id, item.SharedBy));
        Assert.Equal(mine.Id, Assert.Single((await granteeClient.GetFromJsonAsync<List<RecordingDto>>("/api/v1/recordings"))!).Id);
        Assert.Equal(2, (await granteeClient.GetFromJsonAsync<List<RecordingDto>>("/api/v1/recordings?owner=all"))!.Count);
        using (var one = await granteeClient.GetAsync($"/api/v1/recordings/{shared.Id}"))
        {
            Assert.Equal(HttpStatusCode.OK, one.StatusCode);
        }
        using (var analysis = await granteeClient.GetAsync($"/api/v1/recordings/{shared.Id}/analysis"))
        {
            Assert.Equal(HttpStatusCode.OK, analysis.StatusCode);
        }
        using (var together = await granteeClient.GetAsync($"/api/v1/recordings/{mine.Id}/synchrony?with={shared.Id}"))
        {
            Assert.True(together.StatusCode == HttpStatusCode.OK, await together.Content.ReadAsStringAsync());
        }
        using (var delete = await granteeClient.DeleteAsync($"/api/v1/recordings/{shared.Id}"))
        {
            Assert.Equal(HttpStatusCode.NotFound, delete.StatusCode);
        }
        Assert.Equal(2, await TestRecordings.CountAsync(factory));
        // The owner's own list never includes what others share with the owner: nobody shares with them.
        Assert.Empty((await owner.GetFromJsonAsync<List<RecordingDto>>("/api/v1/recordings?owner=shared"))!);
    }

    [Theory, ClassData(typeof(Providers))]
    public async Task Revoking_or_leaving_takes_effect_on_the_very_next_request(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        var (_, owner) = await TestUsers.SignedInAsync(factory);
        var (grantee, granteeClient) = await TestUsers.SignedInAsync(factory);
        var recording = await TestRecordings.UploadAsync(owner);
        var grantId = await TestSharing.ShareAsync(owner, grantee, granteeClient);
        (await granteeClient.GetAsync($"/api/v1/recordings/{recording.Id}/analysis")).EnsureSuccessStatusCode();

        using var revoke = await owner.DeleteAsync($"/api/v1/grants/{grantId}");

        Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
        foreach (var url in new[] { $"/api/v1/recordings/{recording.Id}", $"/api/v1/recordings/{recording.Id}/analysis" })
        {
            using var after = await granteeClient.GetAsync(url);
            Assert.Equal(HttpStatusCode.NotFound, after.StatusCode);
        }
        Assert.Empty((await granteeClient.GetFromJsonAsync<List<RecordingDto>>("/api/v1/recordings?owner=shared"))!);
        var ended = Assert.Single((await TestSharing.ListAsync(owner)).Given);
        Assert.Equal("revoked", ended.Status);

        // Shared again, then the grantee steps away.
        var second = await TestSharing.ShareAsync(owner, grantee, granteeClient);
        (await granteeClient.GetAsync($"/api/v1/recordings/{recording.Id}")).EnsureSuccessStatusCode();
        using var leave = await granteeClient.DeleteAsync($"/api/v1/grants/{second}");
        Assert.Equal(HttpStatusCode.NoContent, leave.StatusCode);
        using var afterLeave = await granteeClient.GetAsync($"/api/v1/recordings/{recording.Id}");
        Assert.Equal(HttpStatusCode.NotFound, afterLeave.StatusCode);
        Assert.Equal("left", (await TestSharing.ListAsync(owner)).Given.First(g => g.Id == second).Status);
    }

    [Theory, ClassData(typeof(Providers))]
    public async Task Only_the_invited_address_can_accept_and_a_pending_invitation_opens_nothing(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        var (_, owner) = await TestUsers.SignedInAsync(factory);
        var (invitee, inviteeClient) = await TestUsers.SignedInAsync(factory);
        var (_, stranger) = await TestUsers.SignedInAsync(factory);
        var recording = await TestRecordings.UploadAsync(owner);
        var grant = await TestSharing.InviteAsync(owner, invitee.Email);

        using (var pending = await inviteeClient.GetAsync($"/api/v1/recordings/{recording.Id}"))
        {
            Assert.Equal(HttpStatusCode.NotFound, pending.StatusCode);
        }
        foreach (var attempt in new Func<Task<HttpResponseMessage>>[]
        {
            () => stranger.PostAsync($"/api/v1/grants/{grant.Id}/accept", null),
            () => stranger.GetAsync($"/api/v1/grants/{grant.Id}"),
            () => stranger.DeleteAsync($"/api/v1/grants/{grant.Id}"),
            () => stranger.PutAsJsonAsync($"/api/v1/grants/{grant.Id}", new { streams = new[] { "recordings" } }),
            () => inviteeClient.PutAsJsonAsync($"/api/v1/grants/{grant.Id}", new { streams = new[] { "recordings" } }),
            () => owner.PostAsync($"/api/v1/grants/{grant.Id}/accept", null),
        })
        {
            using var response = await attempt();
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
        Assert.Empty((await TestSharing.ListAsync(stranger)).Received);

        await TestSharing.AcceptAsync(inviteeClient, grant.Id);
        await TestSharing.AcceptAsync(inviteeClient, grant.Id);
        Assert.Equal("active", Assert.Single((await TestSharing.ListAsync(inviteeClient)).Received).Status);
    }

    [Theory, ClassData(typeof(Providers))]
    public async Task An_invitee_who_declines_gets_nothing_and_the_owner_sees_it_declined(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        var (_, owner) = await TestUsers.SignedInAsync(factory);
        var (invitee, inviteeClient) = await TestUsers.SignedInAsync(factory);
        var grant = await TestSharing.InviteAsync(owner, invitee.Email);

        using var decline = await inviteeClient.DeleteAsync($"/api/v1/grants/{grant.Id}");

        Assert.Equal(HttpStatusCode.NoContent, decline.StatusCode);
        Assert.Equal("declined", Assert.Single((await TestSharing.ListAsync(owner)).Given).Status);
        using var late = await inviteeClient.PostAsync($"/api/v1/grants/{grant.Id}/accept", null);
        Assert.Equal(HttpStatusCode.NotFound, late.StatusCode);
    }

    [Theory, ClassData(typeof(Providers))]
    public async Task An_invitation_waits_for_someone_who_registers_later_with_that_address(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        var (_, owner) = await TestUsers.SignedInAsync(factory);
        var email = $"later-{Guid.NewGuid():N}@example.org";
        var grant = await TestSharing.InviteAsync(owner, email.ToUpperInvariant());
        Assert.Contains(factory.Services.GetRequiredService<Attune.Web.Features.Accounts.DevOutbox>().Newest(),
            m => string.Equals(m.To, email, StringComparison.OrdinalIgnoreCase) && m.Subject.Contains("share", StringComparison.Ordinal));

        using var browser = factory.NewBrowser();
        await browser.RegisterConfirmedAsync(email);
        using (await browser.SignInAsync(email))
        {
        }
        var received = Assert.Single((await TestSharing.ListAsync(browser.Client)).Received);
        Assert.Equal(grant.Id, received.Id);
        await TestSharing.AcceptAsync(browser.Client, grant.Id);
    }

    [Theory, ClassData(typeof(Providers))]
    public async Task Bad_invitations_are_refused_with_a_reason_and_store_nothing(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        var (me, owner) = await TestUsers.SignedInAsync(factory);
        var bodies = new (object Body, HttpStatusCode Status, string Field)[]
        {
            (new { granteeEmail = "not an address", streams = new[] { "recordings" } }, HttpStatusCode.BadRequest, "granteeEmail"),
            (new { granteeEmail = "a@example.org", streams = Array.Empty<string>() }, HttpStatusCode.BadRequest, "streams"),
            (new { granteeEmail = "a@example.org", streams = new[] { "diary" } }, HttpStatusCode.BadRequest, "streams"),
            (new { granteeEmail = "a@example.org", streams = new[] { "recordings" }, consentVersion = 99 }, HttpStatusCode.BadRequest, "consentVersion"),
            (new { granteeEmail = me.Email.ToUpperInvariant(), streams = new[] { "recordings" } }, HttpStatusCode.BadRequest, "granteeEmail"),
            (new { granteeEmail = "a\u202e@example.org", streams = new[] { "recordings" } }, HttpStatusCode.BadRequest, "granteeEmail"),
            (new { granteeEmail = new string('a', 300) + "@example.org", streams = new[] { "recordings" } }, HttpStatusCode.BadRequest, "granteeEmail"),
        };
        foreach (var (body, status, field) in bodies)
        {
            using var response = await owner.PostAsJsonAsync("/api/v1/grants", body);
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == status, $"{JsonSerializer.Serialize(body)} gave {(int)response.StatusCode}: {text}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Contains(field, text, StringComparison.OrdinalIgnoreCase);
        }
        using (var notJson = await owner.PostAsync("/api/v1/grants", new StringContent("{\"granteeEmail\":", System.Text.Encoding.UTF8, "application/json")))
        {
            Assert.Equal(HttpStatusCode.BadRequest, notJson.StatusCode);
        }
        Assert.Empty((await TestSharing.ListAsync(owner)).Given);

        var first = await TestSharing.InviteAsync(owner, "friend@example.org");
        using var again = await owner.PostAsJsonAsync("/api/v1/grants", new { granteeEmail = "Friend@Example.org", streams = new[] { "recordings" } });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains(first.Id.ToString(), await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Single((await TestSharing.ListAsync(owner)).Given);
    }

    [Theory, ClassData(typeof(Providers))]
    public async Task Invitations_are_limited_per_day_so_the_app_cannot_be_used_to_send_mail_in_bulk(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        var (_, owner) = await TestUsers.SignedInAsync(factory);
        for (var i = 0; i < Grants.InvitesPerDay; i++)
        {
            await TestSharing.InviteAsync(owner, $"friend{i}@example.org");
        }

        using var tooMany = await owner.PostAsJsonAsync("/api/v1/grants", new { granteeEmail = "one-more@example.org", streams = new[] { "recordings" } });

        Assert.Equal(HttpStatusCode.TooManyRequests, tooMany.StatusCode);
        Assert.Equal(Grants.InvitesPerDay, (await TestSharing.ListAsync(owner)).Given.Count);
        factory.Clock.Advance(TimeSpan.FromHours(25));
        await TestSharing.InviteAsync(owner, "one-more@example.org");
    }

    [Theory, ClassData(typeof(Providers))]
    public async Task The_owner_narrows_or_widens_a_grant_and_it_applies_at_once(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        var (_, owner) = await TestUsers.SignedInAsync(factory);
        var (grantee, granteeClient) = await TestUsers.SignedInAsync(factory);
        var grantId = await TestSharing.ShareAsync(owner, grantee, granteeClient);

        using var bad = await owner.PutAsJsonAsync($"/api/v1/grants/{grantId}", new { streams = new[] { "everything" } });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        using var ok = await owner.PutAsJsonAsync($"/api/v1/grants/{grantId}", new { streams = new[] { "recordings" }, consentVersion = SharingConsent.CurrentVersion });
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal(["recordings"], (await ok.Content.ReadFromJsonAsync<GrantDto>(TestSharing.Json))!.Streams);
    }

    [Theory, ClassData(typeof(Providers))]
    public async Task The_owner_sees_who_looked_at_what_and_the_log_holds_no_health_data(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        var (_, owner) = await TestUsers.SignedInAsync(factory);
        var (grantee, granteeClient) = await TestUsers.SignedInAsync(factory);
        var recording = await TestRecordings.UploadAsync(owner, name: "After the argument");
        await TestSharing.ShareAsync(owner, grantee, granteeClient);
        // The owner's own reads are not someone else looking.
        (await owner.GetAsync($"/api/v1/recordings/{recording.Id}/analysis")).EnsureSuccessStatusCode();
        Assert.Empty((await TestSharing.AccessLogAsync(owner)).Entries);

        (await granteeClient.GetAsync("/api/v1/recordings?owner=shared")).EnsureSuccessStatusCode();
        (await granteeClient.GetAsync($"/api/v1/recordings/{recording.Id}/analysis")).EnsureSuccessStatusCode();

        var log = await TestSharing.AccessLogAsync(owner);
        Assert.Equal(2, log.Entries.Count);
        Assert.All(log.Entries, e => Assert.Equal((grantee.Id, "River", "recordings"), (e.Reader.Id!.Value, e.Reader.Name, e.Stream)));
        Assert.Equal(recording.Id, log.Entries[0].ResourceId);
        Assert.Null(log.Entries[1].ResourceId);
        Assert.Empty((await TestSharing.AccessLogAsync(granteeClient)).Entries);
        var raw = await owner.GetStringAsync("/api/v1/access-log");
        Assert.DoesNotContain("After the argument", raw, StringComparison.Ordinal);
        Assert.DoesNotContain("rmssd", raw, StringComparison.OrdinalIgnoreCase);
        using var badLimit = await owner.GetAsync("/api/v1/access-log?limit=100000");
        Assert.Equal(HttpStatusCode.BadRequest, badLimit.StatusCode);
    }

    [Theory, ClassData(typeof(Providers))]
    public async Task Sharing_and_the_access_log_are_out_of_reach_of_access_tokens_and_strangers(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        var (user, owner) = await TestUsers.SignedInAsync(factory);
        var grant = await TestSharing.InviteAsync(owner, "friend@example.org");
        using var token = await TestUsers.WithAccessTokenAsync(factory, user);
        using var anonymous = factory.CreateClient();

        foreach (var (client, expected) in new[] { (token, HttpStatusCode.Forbidden), (anonymous, HttpStatusCode.Unauthorized) })
        {
            foreach (var request in new Func<Task<HttpResponseMessage>>[]
            {
                () => client.GetAsync("/api/v1/grants"),
                () => client.GetAsync($"/api/v1/grants/{grant.Id}"),
                () => client.PostAsJsonAsync("/api/v1/grants", new { granteeEmail = "x@example.org", streams = new[] { "recordings" } }),
                () => client.DeleteAsync($"/api/v1/grants/{grant.Id}"),
                () => client.GetAsync("/api/v1/access-log"),
            })
            {
                using var response = await request();
                Assert.Equal(expected, response.StatusCode);
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            }
        }
        Assert.Equal("pending", Assert.Single((await TestSharing.ListAsync(owner)).Given).Status);
    }

    private static string Shape(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Object => "{" + string.Join(",", e.EnumerateObject().Select(p => p.Name + ":" + Shape(p.Value))) + "}",
        JsonValueKind.Array => "[" + string.Join(",", e.EnumerateArray().Select(Shape)) + "]",
        var kind => kind.ToString(),
    };
}
