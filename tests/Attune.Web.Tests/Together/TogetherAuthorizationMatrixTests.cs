using System.Net;
using System.Net.Http.Json;
using Attune.Web.Features.Together;
using Attune.Web.Tests.Infrastructure;
using Attune.Web.Tests.Sharing;

namespace Attune.Web.Tests.Together;

/// <summary>
/// Who may do what with a couple's Together data: the owner, the linked partner, an ex-partner, someone holding an
/// unaccepted code, a stranger and an anonymous caller, for every Together resource with an id, on both databases.
/// Denial is always 404 (401 for anonymous), never a hint that the thing exists.
/// </summary>
public sealed class TogetherAuthorizationMatrixTests
{
    public enum Who
    {
        Owner,
        Partner,
        ExPartner,
        Invited,
        Stranger,
        Anonymous,
    }

    private sealed record World(Dictionary<Who, HttpClient> Clients, Guid Break, Guid Repair, Guid Ritual);

    private static async Task<World> BuildAsync(AttuneWebFactory factory)
    {
        // The ex-partner was linked with the owner first, then unlinked: they must see nothing the owner has since.
        var (_, owner, _, ex) = await TestTogether.LinkedPairAsync(factory);
        (await ex.DeleteAsync("/api/v1/partner")).EnsureSuccessStatusCode();
        // The invited person was given a code by the owner and never entered it; the owner then made a new one.
        var (_, invited) = await TestUsers.SignedInAsync(factory);
        var unused = await TestTogether.InviteAsync(owner);
        var (_, partner) = await TestUsers.SignedInAsync(factory);
        var code = await TestTogether.InviteAsync(owner);
        (await TestTogether.AcceptAsync(partner, code.Code)).EnsureSuccessStatusCode();
        // Too late: the newer code replaced it, and the owner is linked now.
        Assert.Equal(HttpStatusCode.NotFound, (await TestTogether.AcceptAsync(invited, unused.Code)).StatusCode);
        var (_, stranger) = await TestUsers.SignedInAsync(factory);

        using var breakResponse = await owner.PostAsJsonAsync("/api/v1/breaks", new { minutes = 30 });
        var takenBreak = (await breakResponse.Content.ReadFromJsonAsync<BreakDto>(TestSharing.Json))!.Id;
        using var repairResponse = await owner.PostAsJsonAsync("/api/v1/repairs", new { stateBefore = "activated" });
        var repair = (await repairResponse.Content.ReadFromJsonAsync<RepairDto>(TestSharing.Json))!.Id;
        using var ritualResponse = await owner.PostAsJsonAsync("/api/v1/rituals", new { kind = "appreciation", text = "Matrix appreciation" });
        var ritual = (await ritualResponse.Content.ReadFromJsonAsync<RitualMomentDto>(TestSharing.Json))!.Id;
        return new World(new()
        {
            [Who.Owner] = owner,
            [Who.Partner] = partner,
            [Who.ExPartner] = ex,
            [Who.Invited] = invited,
            [Who.Stranger] = stranger,
            [Who.Anonymous] = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false }),
        }, takenBreak, repair, ritual);
    }

    [Theory, ClassData(typeof(Providers))]
    public async Task Each_Together_resource_answers_only_the_owner_and_the_current_partner(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        var w = await BuildAsync(factory);
        // Expected status per actor, in the order of Who: owner, partner, ex-partner, invited, stranger, anonymous.
        var rows = new (string Name, Func<HttpClient, Task<HttpResponseMessage>> Call, string Expected)[]
        {
            ("GET /api/v1/breaks/{id}", c => c.GetAsync($"/api/v1/breaks/{w.Break}"), "200 200 404 404 404 401"),
            ("GET /api/v1/repairs/{id}", c => c.GetAsync($"/api/v1/repairs/{w.Repair}"), "200 200 404 404 404 401"),
            ("GET /together/repair/{id} (page)", c => c.GetAsync($"/together/repair/{w.Repair}"), "200 200 404 404 404 302"),
            ("POST /api/v1/breaks/{id}/end by others", c => c.PostAsync($"/api/v1/breaks/{w.Break}/end", null), "--- 404 404 404 404 401"),
            ("DELETE /api/v1/rituals/{id} by others", c => c.DeleteAsync($"/api/v1/rituals/{w.Ritual}"), "--- 404 404 404 404 401"),
            ("POST /api/v1/repairs/{id}/complete before joining", c => c.PostAsJsonAsync($"/api/v1/repairs/{w.Repair}/complete", new { stateAfter = "connected" }), "--- 404 404 404 404 401"),
            ("POST /api/v1/repairs/{id}/join", c => c.PostAsJsonAsync($"/api/v1/repairs/{w.Repair}/join", new { stateBefore = "connected" }), "--- 200 404 404 404 401"),
            ("GET /api/v1/partner/state", c => c.GetAsync("/api/v1/partner/state"), "200 200 404 404 404 401"),
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

        // What the partner sees of the owner's moments and breaks; nothing for the ex-partner, even in lists.
        var partnerView = (await w.Clients[Who.Partner].GetFromJsonAsync<RitualsDto>("/api/v1/rituals", TestSharing.Json))!;
        Assert.Contains(partnerView.Today, m => m.Id == w.Ritual);
        foreach (var who in new[] { Who.ExPartner, Who.Invited, Who.Stranger })
        {
            var view = (await w.Clients[who].GetFromJsonAsync<RitualsDto>("/api/v1/rituals", TestSharing.Json))!;
            Assert.DoesNotContain(view.Today, m => m.Id == w.Ritual);
            var insights = (await w.Clients[who].GetFromJsonAsync<TogetherInsightsDto>("/api/v1/together/insights", TestSharing.Json))!;
            Assert.DoesNotContain(insights.Repairs, r => r.Id == w.Repair);
        }
        // The owner's own resources still answer after all that.
        Assert.Equal(HttpStatusCode.OK, (await w.Clients[Who.Owner].GetAsync($"/api/v1/rituals")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await w.Clients[Who.Owner].DeleteAsync($"/api/v1/rituals/{w.Ritual}")).StatusCode);
    }
}
