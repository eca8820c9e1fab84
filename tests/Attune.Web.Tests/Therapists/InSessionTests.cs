using System.Net;
using System.Net.Http.Json;
using Attune.Web.Data;
using Attune.Web.Features.CheckIns;
using Attune.Web.Features.Sharing;
using Attune.Web.Features.Therapists;
using Attune.Web.Features.Therapists.InSession;
using Attune.Web.Features.Together.Live;
using Attune.Web.Tests.Infrastructure;
using Attune.Web.Tests.Sharing;
using Attune.Web.Tests.Together;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Attune.Web.Tests.Therapists;

/// <summary>
/// The live in-session view: who may start, join, read and withdraw it (the therapist the client shares heart data with,
/// a therapist whose consent leaves heart data out, a revoked therapist, a colleague, another practice, the client, their
/// partner, another client, anonymous); the client's per-session consent with its text's version; withdrawal or a narrowed
/// therapist consent ending the therapist's view on the next message; on both databases.
/// </summary>
public sealed class InSessionTests
{
    public enum Who
    {
        Consented,
        OutsideScope,
        Revoked,
        Colleague,
        OtherPractice,
        Client,
        Partner,
        AnotherClient,
        Anonymous,
    }

    private sealed record World(
        Dictionary<Who, HttpClient> Clients, TestUser Therapist, TestUser Client, TestUser Partner, TestUser Another, Guid Consent);

    private static async Task<World> BuildAsync(AttuneWebFactory factory)
    {
        var (therapist, t) = await TestTherapy.TherapistAsync(factory, "Riverside");
        var (_, outside) = await TestTherapy.TherapistAsync(factory, "Riverside");
        var (_, revoked) = await TestTherapy.TherapistAsync(factory, "Riverside");
        var (_, colleague) = await TestTherapy.TherapistAsync(factory, "Riverside");
        var (_, otherPractice) = await TestTherapy.TherapistAsync(factory, "Hillside");
        var (client, c, partner, p) = await TestTogether.LinkedPairAsync(factory);
        var (another, a) = await TestUsers.SignedInAsync(factory);
        var consent = await TestTherapy.ConsentAsync(t, c, "checkins", "recordings");
        await TestTherapy.ConsentAsync(t, p, "recordings");
        await TestTherapy.ConsentAsync(t, a, "recordings");
        await TestTherapy.ConsentAsync(outside, c, "checkins", "measures");
        var gone = await TestTherapy.ConsentAsync(revoked, c, "recordings");
        Assert.Equal(HttpStatusCode.NoContent, (await c.DeleteAsync($"/api/v1/me/therapists/{gone}")).StatusCode);
        return new World(new()
        {
            [Who.Consented] = t,
            [Who.OutsideScope] = outside,
            [Who.Revoked] = revoked,
            [Who.Colleague] = colleague,
            [Who.OtherPractice] = otherPractice,
            [Who.Client] = c,
            [Who.Partner] = p,
            [Who.AnotherClient] = a,
            [Who.Anonymous] = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false }),
        }, therapist, client, partner, another, consent);
    }

    private static async Task<Guid> StartAsync(HttpClient therapist, Guid client)
    {
        using var response = await therapist.PostAsync($"/api/v1/therapist/clients/{client}/live", null);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var started = (await response.Content.ReadFromJsonAsync<InSessionStartedDto>(TestSharing.Json))!;
        Assert.Equal($"/therapy/live/{started.SessionId}", started.ClientUrl);
        return started.SessionId;
    }

    private static async Task<string?> RefusalAsync(Func<Task> call)
    {
        try
        {
            await call();
            return null;
        }
        catch (HubException e)
        {
            const string Marker = "HubException: ";
            var at = e.Message.IndexOf(Marker, StringComparison.Ordinal);
            Assert.True(at >= 0, e.Message);
            return e.Message[(at + Marker.Length)..];
        }
    }

    private static async Task<InSessionRecord> SavedAsync(AttuneWebFactory factory, Guid id)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await Access.Unchecked<InSessionRecord>(scope.ServiceProvider.GetRequiredService<AttuneDb>()).AsNoTracking().SingleAsync(s => s.Id == id);
    }

    /// <summary>A short session: the therapist starts and joins, the client agrees and joins, both send heart rates, the client leaves.</summary>
    private static async Task<Guid> RunSessionAsync(AttuneWebFactory factory, World w)
    {
        var id = await StartAsync(w.Clients[Who.Consented], w.Client.Id);
        await using var therapist = await TestHub.ConnectAsync(factory, await TestHub.TokenAsync(factory, w.Therapist));
        await using var client = await TestHub.ConnectAsync(factory, await TestHub.TokenAsync(factory, w.Client));
        await therapist.Connection.InvokeAsync<LiveJoinedDto>("JoinInSession", id, null, null);
        await client.Connection.InvokeAsync<LiveJoinedDto>("JoinInSession", id, "activated", InSessionConsent.CurrentVersion);
        for (var i = 0; i < 3; i++)
        {
            await therapist.Connection.InvokeAsync("Beat", id, 64, (long)i);
            await client.Connection.InvokeAsync("Beat", id, 80, (long)i);
        }
        await client.Connection.InvokeAsync("End", id);
        Assert.Equal("completed", (await therapist.NextAsync<LiveSummaryDto>("Ended")).Outcome);
        return id;
    }

    [Theory, ClassData(typeof(Providers))]
    public async Task Each_in_session_endpoint_answers_only_the_therapist_the_client_shares_heart_data_with(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        var w = await BuildAsync(factory);
        var session = await RunSessionAsync(factory, w);
        var client = $"/api/v1/therapist/clients/{w.Client.Id}";
        // Expected status per caller, in the order of Who:
        // consented, outside scope, revoked, colleague, other practice, client, partner, another client, anonymous.
        var rows = new (string Name, Func<HttpClient, Task<HttpResponseMessage>> Call, string Expected)[]
        {
            ("POST live", c => c.PostAsync($"{client}/live", null), "201 404 404 404 404 403 403 403 401"),
            ("GET sessions", c => c.GetAsync($"{client}/sessions"), "200 404 404 404 404 403 403 403 401"),
            ("GET session", c => c.GetAsync($"{client}/sessions/{session}"), "200 404 404 404 404 403 403 403 401"),
            ("GET session under another client", c => c.GetAsync($"/api/v1/therapist/clients/{w.Another.Id}/sessions/{session}"), "404 404 404 404 404 403 403 403 401"),
            ("GET partner's sessions", c => c.GetAsync($"/api/v1/therapist/clients/{w.Partner.Id}/sessions"), "200 404 404 404 404 403 403 403 401"),
            ("GET report (outside scope: no live section)", c => c.GetAsync($"{client}/report"), "200 200 404 404 404 403 403 403 401"),
            ("GET my sessions", c => c.GetAsync("/api/v1/me/therapy-sessions"), "200 200 200 200 200 200 200 200 401"),
            ("GET terms", c => c.GetAsync("/api/v1/me/therapy-sessions/terms"), "200 200 200 200 200 200 200 200 401"),
            ("PUT after by others", c => c.PutAsJsonAsync($"/api/v1/me/therapy-sessions/{session}/after", new { state = "connected" }), "404 404 404 404 404 --- 404 404 401"),
            ("DELETE consent by others", c => c.DeleteAsync($"/api/v1/me/therapy-sessions/{session}/consent"), "404 404 404 404 404 --- 404 404 401"),
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

        // The consented therapist sees the saved session (in the list, alone, and in the report); nobody else's list holds it.
        var therapist = w.Clients[Who.Consented];
        var seen = (await therapist.GetFromJsonAsync<InSessionDto>($"{client}/sessions/{session}", TestSharing.Json))!;
        Assert.Equal(("completed", "activated", 64.0, 80.0), (seen.Outcome, seen.ClientBefore, seen.TherapistMeanHeartRate, seen.ClientMeanHeartRate));
        Assert.Equal(InSessionConsent.CurrentVersion, seen.ConsentVersion);
        var report = (await therapist.GetFromJsonAsync<SessionReportDto>($"{client}/report", TestSharing.Json))!;
        Assert.Equal(session, Assert.Single(report.InSession!).Id);
        foreach (var who in new[] { Who.OutsideScope, Who.Partner, Who.AnotherClient, Who.Consented })
        {
            Assert.Empty((await w.Clients[who].GetFromJsonAsync<List<InSessionDto>>("/api/v1/me/therapy-sessions", TestSharing.Json))!);
        }
        // The read is in the client's access log, as heart data.
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AttuneDb>();
            Assert.True(await db.AccessLog.AnyAsync(e => e.OwnerId == w.Client.Id && e.ReaderId == w.Therapist.Id && e.Stream == DataStream.Recordings));
        }

        // The client: the ledger names the text agreed to; they say how they are after, and then withdraw the session.
        var c = w.Clients[Who.Client];
        var mine = Assert.Single((await c.GetFromJsonAsync<List<InSessionDto>>("/api/v1/me/therapy-sessions", TestSharing.Json))!);
        Assert.Equal((session, InSessionConsent.CurrentVersion, (DateTime?)null), (mine.Id, mine.ConsentVersion, mine.RevokedAt));
        Assert.Equal(HttpStatusCode.BadRequest, (await c.PutAsJsonAsync($"/api/v1/me/therapy-sessions/{session}/after", new { state = "furious" })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await c.PutAsJsonAsync($"/api/v1/me/therapy-sessions/{session}/after", new { state = "connected" })).StatusCode);
        Assert.Equal("connected", (await therapist.GetFromJsonAsync<InSessionDto>($"{client}/sessions/{session}", TestSharing.Json))!.ClientAfter);
        Assert.Equal(HttpStatusCode.NoContent, (await c.DeleteAsync($"/api/v1/me/therapy-sessions/{session}/consent")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await therapist.GetAsync($"{client}/sessions/{session}")).StatusCode);
        Assert.Empty((await therapist.GetFromJsonAsync<List<InSessionDto>>($"{client}/sessions", TestSharing.Json))!);
        Assert.Empty((await therapist.GetFromJsonAsync<SessionReportDto>($"{client}/report", TestSharing.Json))!.InSession!);
        Assert.NotNull(Assert.Single((await c.GetFromJsonAsync<List<InSessionDto>>("/api/v1/me/therapy-sessions", TestSharing.Json))!).RevokedAt);
        // Outside the heart-data scope the report has no live section at all.
        Assert.Null((await w.Clients[Who.OutsideScope].GetFromJsonAsync<SessionReportDto>($"{client}/report", TestSharing.Json))!.InSession);
    }

    [Theory, ClassData(typeof(Providers))]
    public async Task Only_the_two_may_join_the_client_only_after_agreeing_and_withdrawing_ends_the_therapists_view(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        var w = await BuildAsync(factory);
        var id = await StartAsync(w.Clients[Who.Consented], w.Client.Id);
        Assert.Equal(id, await StartAsync(w.Clients[Who.Consented], w.Client.Id));
        await using var therapist = await TestHub.ConnectAsync(factory, await TestHub.TokenAsync(factory, w.Therapist));
        await using var client = await TestHub.ConnectAsync(factory, await TestHub.TokenAsync(factory, w.Client));
        await using var partner = await TestHub.ConnectAsync(factory, await TestHub.TokenAsync(factory, w.Partner));
        await therapist.Connection.InvokeAsync<LiveJoinedDto>("JoinInSession", id, null, null);

        // Nobody else gets in; the plain breathe-together join does not open it; the client must agree to the current text.
        Assert.Equal(BreathSessions.NotAvailable, await RefusalAsync(() => partner.Connection.InvokeAsync<LiveJoinedDto>("JoinInSession", id, null, InSessionConsent.CurrentVersion)));
        Assert.Equal(BreathSessions.NotAvailable, await RefusalAsync(() => client.Connection.InvokeAsync<LiveJoinedDto>("Join", id, "activated")));
        Assert.Contains("agree", await RefusalAsync(() => client.Connection.InvokeAsync<LiveJoinedDto>("JoinInSession", id, "activated", null)));
        Assert.Contains("agree", await RefusalAsync(() => client.Connection.InvokeAsync<LiveJoinedDto>("JoinInSession", id, "activated", 99)));
        Assert.Contains("connected, activated or shut down", await RefusalAsync(() => client.Connection.InvokeAsync<LiveJoinedDto>("JoinInSession", id, "furious", InSessionConsent.CurrentVersion)));
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            Assert.Equal(0, await Access.Unchecked<InSessionRecord>(scope.ServiceProvider.GetRequiredService<AttuneDb>()).CountAsync());
        }

        var joined = await client.Connection.InvokeAsync<LiveJoinedDto>("JoinInSession", id, "shutDown", InSessionConsent.CurrentVersion);
        Assert.Equal("partner", joined.Role);
        Assert.Equal("shutDown", await therapist.NextAsync<string>("ClientState"));
        var consent = await SavedAsync(factory, id);
        Assert.Equal((w.Client.Id, w.Therapist.Id, InSessionConsent.CurrentVersion, (BreathOutcome?)null), (consent.OwnerId, consent.TherapistId, consent.ConsentVersion, consent.Outcome));
        await client.Connection.InvokeAsync("Beat", id, 82, 1L);
        Assert.Equal(82, (await therapist.NextAsync<LiveHeartDto>("Heart")).Bpm);
        await therapist.Connection.InvokeAsync("Beat", id, 66, 1L);
        Assert.Equal(66, (await client.NextAsync<LiveHeartDto>("Heart")).Bpm);
        Assert.False(partner.Has("Heart"));

        // The client withdraws this session: it ends for both at once, saved as theirs alone; the therapist's next message is refused.
        Assert.Equal(HttpStatusCode.NoContent, (await w.Clients[Who.Client].DeleteAsync($"/api/v1/me/therapy-sessions/{id}/consent")).StatusCode);
        Assert.Equal("revoked", (await therapist.NextAsync<LiveSummaryDto>("Ended")).Outcome);
        Assert.Equal("revoked", (await client.NextAsync<LiveSummaryDto>("Ended")).Outcome);
        Assert.Equal(BreathSessions.NotAvailable, await RefusalAsync(() => therapist.Connection.InvokeAsync("Beat", id, 66, 2L)));
        var saved = await SavedAsync(factory, id);
        Assert.Equal((BreathOutcome.Revoked, NervousState.ShutDown, 82.0), (saved.Outcome!.Value, saved.ClientBefore!.Value, saved.ClientMeanHeartRate!.Value));
        Assert.NotNull(saved.RevokedAt);
        Assert.Equal(HttpStatusCode.NotFound, (await w.Clients[Who.Consented].GetAsync($"/therapist/clients/{w.Client.Id}/live/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await w.Clients[Who.Client].GetAsync($"/therapy/live/{id}")).StatusCode);
        // A withdrawn session cannot be joined again.
        Assert.Equal(BreathSessions.NotAvailable, await RefusalAsync(() => client.Connection.InvokeAsync<LiveJoinedDto>("JoinInSession", id, null, InSessionConsent.CurrentVersion)));

        // A new session; this time the client narrows their therapist consent to leave heart data out: the next message ends it.
        var second = await StartAsync(w.Clients[Who.Consented], w.Client.Id);
        Assert.NotEqual(id, second);
        await therapist.Connection.InvokeAsync<LiveJoinedDto>("JoinInSession", second, null, null);
        await client.Connection.InvokeAsync<LiveJoinedDto>("JoinInSession", second, null, InSessionConsent.CurrentVersion);
        Assert.Equal(HttpStatusCode.OK, (await w.Clients[Who.Client].PutAsJsonAsync($"/api/v1/me/therapists/{w.Consent}",
            new { streams = new[] { "checkins" }, consentVersion = TherapistConsent.CurrentVersion })).StatusCode);
        Assert.Contains("stopped sharing", await RefusalAsync(() => therapist.Connection.InvokeAsync("Here", second)));
        Assert.Equal("revoked", (await client.NextAsync<LiveSummaryDto>("Ended", s => s.SessionId == second)).Outcome);
        Assert.Equal(HttpStatusCode.NotFound, (await w.Clients[Who.Consented].PostAsync($"/api/v1/therapist/clients/{w.Client.Id}/live", null)).StatusCode);
        // The pages: the therapist's is gone; the client's saved session is theirs.
        Assert.Equal(HttpStatusCode.NotFound, (await w.Clients[Who.Partner].GetAsync($"/therapy/live/{second}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await w.Clients[Who.Client].GetAsync($"/therapy/live/{second}")).StatusCode);
    }
}
