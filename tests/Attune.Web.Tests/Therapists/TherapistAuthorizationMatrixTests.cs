using System.Net;
using System.Net.Http.Json;
using Attune.Web.Features.Accounts;
using Attune.Web.Features.Therapists;
using Attune.Web.Tests.Infrastructure;
using Attune.Web.Tests.Sharing;
using Attune.Web.Tests.Together;

namespace Attune.Web.Tests.Therapists;

/// <summary>
/// Who may call each therapist endpoint about one client: the consented therapist, a therapist the client revoked, a colleague
/// in the same practice, a therapist in another practice, the client, the client's partner (also a client of the therapist),
/// another client, the consented therapist's token without the therapist scopes, and an anonymous caller; on both databases.
/// A therapist without consent gets the same 404 as for an unknown client; people who are not therapists get 403.
/// </summary>
public sealed class TherapistAuthorizationMatrixTests
{
    public enum Who
    {
        Consented,
        Revoked,
        Colleague,
        OtherPractice,
        Client,
        Partner,
        AnotherClient,
        ScopelessToken,
        Anonymous,
    }

    private sealed record World(Dictionary<Who, HttpClient> Clients, Guid Client, Guid Partner, Guid Homework, Guid Consent, Guid Note);

    private static async Task<World> BuildAsync(AttuneWebFactory factory)
    {
        var (therapist, t) = await TestTherapy.TherapistAsync(factory, "Riverside");
        var (_, revoked) = await TestTherapy.TherapistAsync(factory, "Riverside");
        var (_, colleague) = await TestTherapy.TherapistAsync(factory, "Riverside");
        var (_, otherPractice) = await TestTherapy.TherapistAsync(factory, "Hillside");
        var (client, c, partner, p) = await TestTogether.LinkedPairAsync(factory);
        var (_, another) = await TestUsers.SignedInAsync(factory);
        await TestTogether.CheckInAsync(c, "activated");
        var consent = await TestTherapy.ConsentAsync(t, c, "checkins", "measures");
        await TestTherapy.ConsentAsync(t, p, "checkins");
        await TestTherapy.ConsentAsync(t, another, "checkins");
        var gone = await TestTherapy.ConsentAsync(revoked, c, "checkins", "measures", "practices", "recordings", "together");
        Assert.Equal(HttpStatusCode.NoContent, (await c.DeleteAsync($"/api/v1/me/therapists/{gone}")).StatusCode);
        using var assigned = await t.PostAsJsonAsync($"/api/v1/therapist/clients/{client.Id}/homework", new { kind = "measure", item = "who5", timesPerWeek = 1 });
        var homework = (await assigned.Content.ReadFromJsonAsync<HomeworkDto>(TestSharing.Json))!.Id;
        using var noted = await t.PostAsJsonAsync($"/api/v1/therapist/clients/{client.Id}/notes", new { text = "Only mine" });
        var note = (await noted.Content.ReadFromJsonAsync<TherapyNoteDto>(TestSharing.Json))!.Id;
        var scopeless = await TestUsers.WithAccessTokenAsync(factory, therapist, TokenScopes.CheckInsRead, TokenScopes.MeasuresRead);
        return new World(new()
        {
            [Who.Consented] = t,
            [Who.Revoked] = revoked,
            [Who.Colleague] = colleague,
            [Who.OtherPractice] = otherPractice,
            [Who.Client] = c,
            [Who.Partner] = p,
            [Who.AnotherClient] = another,
            [Who.ScopelessToken] = scopeless,
            [Who.Anonymous] = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false }),
        }, client.Id, partner.Id, homework, consent, note);
    }

    [Theory, ClassData(typeof(Providers))]
    public async Task Each_therapist_endpoint_answers_only_the_consented_therapist(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        var w = await BuildAsync(factory);
        var client = $"/api/v1/therapist/clients/{w.Client}";
        // Expected status per caller, in the order of Who:
        // consented, revoked, colleague, other practice, client, partner, another client, scopeless token, anonymous.
        var rows = new (string Name, Func<HttpClient, Task<HttpResponseMessage>> Call, string Expected)[]
        {
            ("GET caseload", c => c.GetAsync("/api/v1/therapist/caseload"), "200 200 200 200 403 403 403 403 401"),
            ("GET client dashboard", c => c.GetAsync(client), "200 404 404 404 403 403 403 403 401"),
            ("GET couple", c => c.GetAsync($"{client}/couple"), "200 404 404 404 403 403 403 403 401"),
            ("GET notes", c => c.GetAsync($"{client}/notes"), "200 404 404 404 403 403 403 403 401"),
            ("GET session report", c => c.GetAsync($"{client}/report?days=14"), "200 404 404 404 403 403 403 403 401"),
            ("GET partner's session report", c => c.GetAsync($"/api/v1/therapist/clients/{w.Partner}/report"), "200 404 404 404 403 403 403 403 401"),
            ("POST note", c => c.PostAsJsonAsync($"{client}/notes", new { text = "Matrix note" }), "201 404 404 404 403 403 403 403 401"),
            ("PUT note", c => c.PutAsJsonAsync($"{client}/notes/{w.Note}", new { text = "Changed by whoever may" }), "200 404 404 404 403 403 403 403 401"),
            ("PUT note under another client", c => c.PutAsJsonAsync($"/api/v1/therapist/clients/{w.Partner}/notes/{w.Note}", new { text = "Moved?" }), "404 404 404 404 403 403 403 403 401"),
            ("DELETE note by others", c => c.DeleteAsync($"{client}/notes/{w.Note}"), "--- 404 404 404 403 403 403 403 401"),
            ("POST homework", c => c.PostAsJsonAsync($"{client}/homework", new { kind = "practice", item = "orienting", timesPerWeek = 2 }), "201 404 404 404 403 403 403 403 401"),
            ("DELETE homework by others", c => c.DeleteAsync($"{client}/homework/{w.Homework}"), "--- 404 404 404 403 403 403 403 401"),
            ("POST invite", c => c.PostAsJsonAsync("/api/v1/therapist/invites", new { }), "201 201 201 201 403 403 403 403 401"),
            ("PUT consent by others", c => c.PutAsJsonAsync($"/api/v1/me/therapists/{w.Consent}", new { streams = new[] { "recordings" }, consentVersion = TherapistConsent.CurrentVersion }), "404 404 404 404 --- 404 404 403 401"),
            ("DELETE consent by others", c => c.DeleteAsync($"/api/v1/me/therapists/{w.Consent}"), "404 404 404 404 --- 404 404 403 401"),
            ("GET unknown client", c => c.GetAsync($"/api/v1/therapist/clients/{Guid.NewGuid()}"), "404 404 404 404 403 403 403 403 401"),
        };
        var failures = new List<string>();
        foreach (var (name, call, expected) in rows)
        {
            var want = expected.Split(' ');
            foreach (var who in Enum.GetValues<Who>())
            {
                if (want[(int)who] == "---")
                {
                    continue;
                }
                using var response = await call(w.Clients[who]);
                if (((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture) != want[(int)who])
                {
                    failures.Add($"{name} as {who}: {(int)response.StatusCode}, expected {want[(int)who]}");
                }
            }
        }
        Assert.True(failures.Count == 0, string.Join('\n', failures));

        // The session report holds the consented streams only; the note is still there, changed once by its author, and only they delete it.
        var report = (await w.Clients[Who.Consented].GetFromJsonAsync<SessionReportDto>($"{client}/report", TestSharing.Json))!;
        Assert.Equal((7, w.Client, 1), (report.Days, report.Since.ClientId, report.After!.CheckIns));
        Assert.Null(report.Since.Practices);
        Assert.NotNull(report.Measures);
        Assert.Equal("Changed by whoever may", Assert.Single((await w.Clients[Who.Consented].GetFromJsonAsync<List<TherapyNoteDto>>($"{client}/notes", TestSharing.Json))!, n => n.Id == w.Note).Text);
        Assert.Equal(HttpStatusCode.NoContent, (await w.Clients[Who.Consented].DeleteAsync($"{client}/notes/{w.Note}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await w.Clients[Who.Consented].DeleteAsync($"{client}/notes/{w.Note}")).StatusCode);

        // Inside the consented scope only: check-ins and measures, nothing else; the couple view pairs the partner, who shares check-ins only.
        var couple = (await w.Clients[Who.Consented].GetFromJsonAsync<CoupleDashboardDto>($"{client}/couple", TestSharing.Json))!;
        Assert.Equal((w.Client, w.Partner), (couple.First.ClientId, couple.Second.ClientId));
        Assert.Equal(["checkins", "measures"], couple.First.Streams);
        Assert.Null(couple.First.Practices);
        Assert.Null(couple.Second.Measures);
        Assert.NotNull(couple.Second.CheckIns);
        // The caseload pairs the couple, and only them.
        var pairs = (await w.Clients[Who.Consented].GetFromJsonAsync<CaseloadDto>("/api/v1/therapist/caseload", TestSharing.Json))!.Clients
            .ToDictionary(x => x.ClientId, x => x.PartnerClientId);
        Assert.Equal(3, pairs.Count);
        Assert.Equal(w.Partner, pairs[w.Client]);
        Assert.Equal(w.Client, pairs[w.Partner]);
        Assert.Single(pairs.Values, p => p is null);
        // The revoked therapist's caseload no longer lists the client; the others' never did.
        foreach (var who in new[] { Who.Revoked, Who.Colleague, Who.OtherPractice })
        {
            var caseload = (await w.Clients[who].GetFromJsonAsync<CaseloadDto>("/api/v1/therapist/caseload", TestSharing.Json))!;
            Assert.DoesNotContain(caseload.Clients, x => x.ClientId == w.Client);
        }
        // The client still holds their consent after all that, and the consented therapist still sees them.
        Assert.Equal(HttpStatusCode.OK, (await w.Clients[Who.Client].PutAsJsonAsync($"/api/v1/me/therapists/{w.Consent}",
            new { streams = new[] { "checkins" }, consentVersion = TherapistConsent.CurrentVersion })).StatusCode);
        Assert.Null((await TestTherapy.DashboardAsync(w.Clients[Who.Consented], w.Client))!.Measures);
    }
}
