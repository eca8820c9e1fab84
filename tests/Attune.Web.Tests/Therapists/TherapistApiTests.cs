using System.Net;
using System.Net.Http.Json;
using Attune.Web.Features.Audit;
using Attune.Web.Features.Sharing;
using Attune.Web.Features.Therapists;
using Attune.Web.Tests.Infrastructure;
using Attune.Web.Tests.Sharing;
using Attune.Web.Tests.Together;

namespace Attune.Web.Tests.Therapists;

public sealed class TherapistApiTests
{
    [Theory, ClassData(typeof(Providers))]
    public async Task Therapist_sees_exactly_the_consented_streams_until_the_client_takes_one_back(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        var (therapist, t) = await TestTherapy.TherapistAsync(factory);
        var (client, c) = await TestUsers.SignedInAsync(factory);
        await TestTogether.CheckInAsync(c, "activated", emotion: "anxious", intensity: 7);
        await TestTogether.CheckInAsync(c, "connected", visibility: "private");
        await TestTherapy.MeasureAsync(c, "gad7", 3, 3, 3, 3, 3, 3, 3);
        await TestTherapy.PracticeAsync(c, "orienting");

        var consent = await TestTherapy.ConsentAsync(t, c, "checkins", "measures");

        var view = (await TestTherapy.DashboardAsync(t, client.Id))!;
        Assert.Equal(["checkins", "measures"], view.Streams);
        Assert.Equal(1, view.CheckIns!.Count); // the private check-in stays private
        Assert.Equal(1, view.CheckIns.Weeks.Sum(w => w.Activated));
        Assert.Contains(view.CheckIns.Words, w => w.Id == "anxious");
        Assert.Single(view.Measures!, m => m.Kind == "gad7");
        Assert.Null(view.Practices);
        Assert.Null(view.Recordings);
        Assert.Null(view.Flooding);

        // The client sees every read in the access log, and their consent (who, what, which text, when) in the ledger.
        var log = await TestSharing.AccessLogAsync(c);
        Assert.Contains(log.Entries, e => e.Reader.Id == therapist.Id && e.Stream == "checkins");
        Assert.Contains(log.Entries, e => e.Reader.Id == therapist.Id && e.Stream == "measures");
        var ledger = (await c.GetFromJsonAsync<List<ConsentDto>>("/api/v1/me/therapists", TestSharing.Json))!;
        var given = Assert.Single(ledger);
        Assert.Equal((consent, "active", TherapistConsent.CurrentVersion), (given.Id, given.Status, given.ConsentVersion));
        Assert.Equal(TherapistConsent.Text, given.ConsentText);
        Assert.Equal("Riverside Practice", given.Practice);

        // Narrowing makes a new consent and ends the old one; the therapist loses measures on the next request.
        using var change = await c.PutAsJsonAsync($"/api/v1/me/therapists/{consent}", new { streams = new[] { "checkins" }, consentVersion = TherapistConsent.CurrentVersion });
        Assert.Equal(HttpStatusCode.OK, change.StatusCode);
        view = (await TestTherapy.DashboardAsync(t, client.Id))!;
        Assert.Equal(["checkins"], view.Streams);
        Assert.Null(view.Measures);
        ledger = (await c.GetFromJsonAsync<List<ConsentDto>>("/api/v1/me/therapists", TestSharing.Json))!;
        Assert.Equal(["active", "revoked"], ledger.Select(l => l.Status));

        // Revoking everything: the client is gone from the therapist's view at once.
        Assert.Equal(HttpStatusCode.NoContent, (await c.DeleteAsync($"/api/v1/me/therapists/{ledger[0].Id}")).StatusCode);
        Assert.Null(await TestTherapy.DashboardAsync(t, client.Id));
        var caseload = (await t.GetFromJsonAsync<CaseloadDto>("/api/v1/therapist/caseload", TestSharing.Json))!;
        Assert.Empty(caseload.Clients);
    }

    [Theory, ClassData(typeof(Providers))]
    public async Task Homework_progress_is_shown_to_both_and_a_phq9_last_item_reaches_the_therapist(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        var (_, t) = await TestTherapy.TherapistAsync(factory);
        var (client, c) = await TestUsers.SignedInAsync(factory);
        await TestTherapy.ConsentAsync(t, c, "practices", "measures");

        using var bad = await t.PostAsJsonAsync($"/api/v1/therapist/clients/{client.Id}/homework", new { kind = "practice", item = "no-such-practice", timesPerWeek = 0 });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        using var assigned = await t.PostAsJsonAsync($"/api/v1/therapist/clients/{client.Id}/homework", new { kind = "practice", item = "orienting", timesPerWeek = 3, note = "After work, before dinner." });
        Assert.Equal(HttpStatusCode.Created, assigned.StatusCode);
        using var measure = await t.PostAsJsonAsync($"/api/v1/therapist/clients/{client.Id}/homework", new { kind = "measure", item = "phq9", timesPerWeek = 1 });
        Assert.Equal(HttpStatusCode.Created, measure.StatusCode);

        var mine = (await c.GetFromJsonAsync<List<HomeworkDto>>("/api/v1/me/homework", TestSharing.Json))!;
        Assert.Equal([0, 0], mine.Select(h => h.DoneThisWeek));

        await TestTherapy.PracticeAsync(c, "orienting");
        await TestTherapy.PracticeAsync(c, "orienting");
        await TestTherapy.MeasureAsync(c, "phq9", 1, 1, 1, 1, 1, 1, 1, 1, 1);

        mine = (await c.GetFromJsonAsync<List<HomeworkDto>>("/api/v1/me/homework", TestSharing.Json))!;
        Assert.Equal([2, 1], mine.Select(h => h.DoneThisWeek));
        Assert.NotNull(mine[0].MeanEffect);
        var view = (await TestTherapy.DashboardAsync(t, client.Id))!;
        Assert.Equal([2, 1], view.Homework.Select(h => h.DoneThisWeek));
        Assert.True(view.SafetyFlag);
        var caseload = (await t.GetFromJsonAsync<CaseloadDto>("/api/v1/therapist/caseload", TestSharing.Json))!;
        Assert.True(Assert.Single(caseload.Clients).SafetyFlag);

        // The therapist ends a piece of homework; the client no longer sees it.
        Assert.Equal(HttpStatusCode.NoContent, (await t.DeleteAsync($"/api/v1/therapist/clients/{client.Id}/homework/{mine[0].Id}")).StatusCode);
        Assert.Single((await c.GetFromJsonAsync<List<HomeworkDto>>("/api/v1/me/homework", TestSharing.Json))!);
    }

    [Theory, ClassData(typeof(Providers))]
    public async Task Caseload_counts_reliable_change_by_measure_only_for_clients_who_share_measures(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        var (_, t) = await TestTherapy.TherapistAsync(factory);
        var (better, b) = await TestUsers.SignedInAsync(factory);
        var (same, s) = await TestUsers.SignedInAsync(factory);
        var (_, hidden) = await TestUsers.SignedInAsync(factory);
        foreach (var (client, answers) in new[] { (b, new[] { 3, 3, 3, 3, 3, 3, 3 }), (s, [1, 1, 1, 1, 1, 1, 1]), (hidden, [3, 3, 3, 3, 3, 3, 3]) })
        {
            await TestTherapy.MeasureAsync(client, "gad7", answers);
        }
        await TestTherapy.MeasureAsync(b, "gad7", 0, 0, 0, 0, 0, 1, 0);
        await TestTherapy.MeasureAsync(s, "gad7", 1, 1, 1, 1, 1, 1, 0);
        await TestTherapy.MeasureAsync(hidden, "gad7", 0, 0, 0, 0, 0, 0, 0);
        await TestTherapy.ConsentAsync(t, b, "measures");
        await TestTherapy.ConsentAsync(t, s, "measures", "checkins");
        await TestTherapy.ConsentAsync(t, hidden, "checkins");

        var caseload = (await t.GetFromJsonAsync<CaseloadDto>("/api/v1/therapist/caseload", TestSharing.Json))!;
        Assert.Equal(3, caseload.Clients.Count);
        var gad = Assert.Single(caseload.Outcomes);
        Assert.Equal(("gad7", 2, 1, 0, 1), (gad.Kind, gad.Clients, gad.Improved, gad.Worsened, gad.NoReliableChange));
        Assert.Equal("improved", caseload.Clients.Single(x => x.ClientId == better.Id).Outcomes["gad7"]);
        Assert.Equal("none", caseload.Clients.Single(x => x.ClientId == same.Id).Outcomes["gad7"]);
        Assert.Empty(caseload.Clients.Single(x => x.Streams.SequenceEqual(["checkins"])).Outcomes);
    }

    [Theory, ClassData(typeof(Providers))]
    public async Task Psychotherapy_notes_are_the_authors_alone_and_never_in_the_clients_export(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        var (_, t) = await TestTherapy.TherapistAsync(factory);
        var (_, colleague) = await TestTherapy.TherapistAsync(factory);
        var (client, c) = await TestUsers.SignedInAsync(factory);
        await TestTherapy.ConsentAsync(t, c, "checkins");
        await TestTherapy.ConsentAsync(colleague, c, "checkins");
        const string secret = "Explored the pull to withdraw when her partner raises his voice.";

        using var empty = await t.PostAsJsonAsync($"/api/v1/therapist/clients/{client.Id}/notes", new { text = "  " });
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        using var written = await t.PostAsJsonAsync($"/api/v1/therapist/clients/{client.Id}/notes", new { text = secret });
        Assert.Equal(HttpStatusCode.Created, written.StatusCode);

        Assert.Equal(secret, Assert.Single((await t.GetFromJsonAsync<List<TherapyNoteDto>>($"/api/v1/therapist/clients/{client.Id}/notes", TestSharing.Json))!).Text);
        Assert.Empty((await colleague.GetFromJsonAsync<List<TherapyNoteDto>>($"/api/v1/therapist/clients/{client.Id}/notes", TestSharing.Json))!);
        foreach (var format in new[] { "json", "csv", "fhir" })
        {
            var export = await c.GetByteArrayAsync($"/api/v1/me/export?format={format}");
            Assert.DoesNotContain("pull to withdraw", System.Text.Encoding.UTF8.GetString(export), StringComparison.Ordinal);
        }
    }

    [Theory, ClassData(typeof(Providers))]
    public async Task Only_the_author_changes_or_deletes_a_note_and_each_change_is_in_their_own_security_log(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        var (therapist, t) = await TestTherapy.TherapistAsync(factory);
        var (_, colleague) = await TestTherapy.TherapistAsync(factory);
        var (client, c, _, partner) = await TestTogether.LinkedPairAsync(factory);
        await TestTherapy.ConsentAsync(t, c, "checkins", "measures");
        await TestTherapy.ConsentAsync(colleague, c, "checkins");
        await TestTherapy.ConsentAsync(t, partner, "checkins");
        var notes = $"/api/v1/therapist/clients/{client.Id}/notes";
        using var written = await t.PostAsJsonAsync(notes, new { text = "First thoughts about the pursue-withdraw cycle." });
        var note = (await written.Content.ReadFromJsonAsync<TherapyNoteDto>(TestSharing.Json))!;

        // A colleague who also has the client's consent cannot change it; an empty text changes nothing.
        Assert.Equal(HttpStatusCode.NotFound, (await colleague.PutAsJsonAsync($"{notes}/{note.Id}", new { text = "Not yours" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await colleague.DeleteAsync($"{notes}/{note.Id}")).StatusCode);
        using var empty = await t.PutAsJsonAsync($"{notes}/{note.Id}", new { text = " " });
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Equal(note.Text, Assert.Single((await t.GetFromJsonAsync<List<TherapyNoteDto>>(notes, TestSharing.Json))!).Text);

        const string changed = "Reworded: she softens once he slows his breathing.";
        using var put = await t.PutAsJsonAsync($"{notes}/{note.Id}", new { text = changed });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var after = Assert.Single((await t.GetFromJsonAsync<List<TherapyNoteDto>>(notes, TestSharing.Json))!);
        Assert.Equal((note.Id, changed), (after.Id, after.Text));
        Assert.Equal(note.CreatedAt, after.CreatedAt, TimeSpan.FromMilliseconds(1));

        // Never in what the client or their partner can read: their export, their dashboards, their security log.
        foreach (var person in new[] { c, partner })
        {
            var export = await person.GetStringAsync("/api/v1/me/export?format=json");
            Assert.DoesNotContain("softens once he slows", export, StringComparison.Ordinal);
            Assert.DoesNotContain(note.Id.ToString(), export, StringComparison.OrdinalIgnoreCase);
            var log = (await person.GetFromJsonAsync<AuditPageDto>("/api/v1/audit", TestSharing.Json))!;
            Assert.DoesNotContain(log.Entries, e => e.ResourceKind == TherapyNotes.AuditKind || e.ResourceId == note.Id.ToString());
        }

        Assert.Equal(HttpStatusCode.NoContent, (await t.DeleteAsync($"{notes}/{note.Id}")).StatusCode);
        Assert.Empty((await t.GetFromJsonAsync<List<TherapyNoteDto>>(notes, TestSharing.Json))!);
        Assert.Equal(HttpStatusCode.NotFound, (await t.PutAsJsonAsync($"{notes}/{note.Id}", new { text = changed })).StatusCode);

        // The author's own log holds the three writes by id, never the words.
        var mine = (await t.GetFromJsonAsync<AuditPageDto>("/api/v1/audit", TestSharing.Json))!.Entries
            .Where(e => e.ResourceKind == TherapyNotes.AuditKind).OrderBy(e => e.Sequence).ToList();
        Assert.Equal(["therapy-note.created", "therapy-note.updated", "therapy-note.deleted"], mine.Select(e => e.Action));
        Assert.All(mine, e => Assert.Equal((note.Id.ToString(), therapist.Id, therapist.Id), (e.ResourceId, e.Owner, e.Actor?.Id)));
        Assert.DoesNotContain(mine, e => System.Text.Json.JsonSerializer.Serialize(e).Contains("softens", StringComparison.Ordinal));
    }

    [Theory, ClassData(typeof(Providers))]
    public async Task The_client_page_changes_and_deletes_a_note_without_script(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        var (_, t) = await TestTherapy.TherapistAsync(factory);
        var (client, c) = await TestUsers.SignedInAsync(factory);
        await TestTherapy.ConsentAsync(t, c, "checkins");
        var notes = $"/api/v1/therapist/clients/{client.Id}/notes";
        using var written = await t.PostAsJsonAsync(notes, new { text = "Before the change." });
        var id = (await written.Content.ReadFromJsonAsync<TherapyNoteDto>(TestSharing.Json))!.Id;
        var page = $"/therapist/clients/{client.Id}";
        async Task<string?> TextAsync() => (await t.GetFromJsonAsync<List<TherapyNoteDto>>(notes, TestSharing.Json))!.SingleOrDefault()?.Text;

        using var empty = await t.PostFormAsync(page, new Dictionary<string, string> { ["EditText"] = "   " }, $"{page}?handler=ChangeNote&note={id}");
        Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
        Assert.Contains($"data-note=\"{id}\"", await empty.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("Before the change.", await TextAsync());

        using var changed = await t.PostFormAsync(page, new Dictionary<string, string> { ["EditText"] = "After the change." }, $"{page}?handler=ChangeNote&note={id}");
        Assert.True((int)changed.StatusCode < 400, changed.StatusCode.ToString());
        Assert.Equal("After the change.", await TextAsync());

        using var deleted = await t.PostFormAsync(page, [], $"{page}?handler=DeleteNote&note={id}");
        Assert.True((int)deleted.StatusCode < 400, deleted.StatusCode.ToString());
        Assert.Null(await TextAsync());
    }

    [Theory, ClassData(typeof(Providers))]
    public async Task Only_the_administrator_gives_the_role_and_taking_it_away_ends_every_consent(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        var admin = await Audit.InstanceOwnerTests.SignInAsOwnerAsync(factory);
        var (candidate, candidateClient) = await TestUsers.SignedInAsync(factory);
        var (client, c) = await TestUsers.SignedInAsync(factory);

        Assert.Equal(HttpStatusCode.Forbidden, (await candidateClient.PostAsJsonAsync("/api/v1/therapist/invites", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await candidateClient.PostAsJsonAsync("/api/v1/admin/therapists", new { email = candidate.Email, practice = "Mine" })).StatusCode);
        using var nobody = await admin.PostAsJsonAsync("/api/v1/admin/therapists", new { email = "nobody@example.org", practice = "Riverside" });
        Assert.Equal(HttpStatusCode.BadRequest, nobody.StatusCode);
        using var made = await admin.PostAsJsonAsync("/api/v1/admin/therapists", new { email = candidate.Email, practice = "Riverside" });
        Assert.Equal(HttpStatusCode.OK, made.StatusCode);
        Assert.Equal("Riverside", (await made.Content.ReadFromJsonAsync<TherapistDto>(TestSharing.Json))!.Practice);

        await TestTherapy.ConsentAsync(candidateClient, c, "checkins");
        Assert.NotNull(await TestTherapy.DashboardAsync(candidateClient, client.Id));

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/v1/admin/therapists/{candidate.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await candidateClient.GetAsync($"/api/v1/therapist/clients/{client.Id}")).StatusCode);
        var ledger = (await c.GetFromJsonAsync<List<ConsentDto>>("/api/v1/me/therapists", TestSharing.Json))!;
        Assert.Equal("left", Assert.Single(ledger).Status);
        Assert.DoesNotContain((await TestSharing.ListAsync(c)).Given, g => g.Status == "active");
    }

    [Theory, ClassData(typeof(Providers))]
    public async Task Codes_are_single_use_and_consent_needs_the_current_text_and_a_stream(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        var (_, t) = await TestTherapy.TherapistAsync(factory);
        var (_, c) = await TestUsers.SignedInAsync(factory);
        var (_, other) = await TestUsers.SignedInAsync(factory);
        var code = await TestTherapy.InviteAsync(t);

        Assert.Equal(HttpStatusCode.BadRequest, (await TestTherapy.AcceptAsync(c, code)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await TestTherapy.AcceptAsync(c, code, "diary")).StatusCode);
        using (var old = await c.PostAsJsonAsync("/api/v1/me/therapists", new { code, streams = new[] { "checkins" }, consentVersion = 0 }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, old.StatusCode);
        }
        Assert.Equal(HttpStatusCode.NotFound, (await TestTherapy.AcceptAsync(c, "ABCD-EFGH", "checkins")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await TestTherapy.AcceptAsync(c, "not a code at all", "checkins")).StatusCode);
        Assert.Empty((await TestSharing.ListAsync(c)).Given);

        Assert.Equal(HttpStatusCode.Created, (await TestTherapy.AcceptAsync(c, code.ToLowerInvariant(), "checkins")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await TestTherapy.AcceptAsync(other, code, "checkins")).StatusCode);
        var grant = Assert.Single((await TestSharing.ListAsync(c)).Given);
        Assert.Equal(("therapist", "active"), (grant.Kind, grant.Status));
        Assert.Equal(DataStreams.Names(DataStream.CheckIns), grant.Streams);
    }
}
