using System.Net;
using System.Net.Http.Json;
using Attune.Web.Data;
using Attune.Web.Features.Therapists;
using Attune.Web.Tests.Infrastructure;
using Attune.Web.Tests.Sharing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Attune.Web.Tests.Therapists;

/// <summary>Therapists and clients through the API, as the pages do; the role is given in the database, as an administrator would.</summary>
public static class TestTherapy
{
    public static async Task<(TestUser User, HttpClient Client)> TherapistAsync(AttuneWebFactory factory, string practice = "Riverside Practice")
    {
        var (user, client) = await TestUsers.SignedInAsync(factory);
        await MakeTherapistAsync(factory, user.Id, practice);
        return (user, client);
    }

    public static async Task MakeTherapistAsync(AttuneWebFactory factory, Guid userId, string practice)
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AttuneDb>();
        var group = await db.Set<TherapyPractice>().FirstOrDefaultAsync(p => p.Name == practice);
        if (group is null)
        {
            group = new TherapyPractice { Id = Guid.CreateVersion7(), Name = practice, CreatedAt = DateTime.UtcNow };
            db.Add(group);
        }
        db.Add(new Therapist { UserId = userId, PracticeId = group.Id, GrantedAt = DateTime.UtcNow });
        await db.SaveChangesAsync();
    }

    public static async Task<string> InviteAsync(HttpClient therapist, string? email = null)
    {
        using var response = await therapist.PostAsJsonAsync("/api/v1/therapist/invites", new { email });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<TherapistInviteDto>(TestSharing.Json))!.Code;
    }

    public static Task<HttpResponseMessage> AcceptAsync(HttpClient client, string code, params string[] streams) =>
        client.PostAsJsonAsync("/api/v1/me/therapists", new { code, streams, consentVersion = TherapistConsent.CurrentVersion });

    /// <summary>The client consents to <paramref name="streams"/>; returns the consent (grant) id.</summary>
    public static async Task<Guid> ConsentAsync(HttpClient therapist, HttpClient client, params string[] streams)
    {
        using var response = await AcceptAsync(client, await InviteAsync(therapist), streams);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<ConsentDto>(TestSharing.Json))!.Id;
    }

    public static async Task MeasureAsync(HttpClient client, string kind, params int[] answers)
    {
        using var response = await client.PostAsJsonAsync($"/api/v1/measures/{kind}", new { answers });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    public static async Task PracticeAsync(HttpClient client, string practiceId, string before = "activated", string after = "connected")
    {
        var now = DateTimeOffset.UtcNow;
        using var response = await client.PostAsJsonAsync("/api/v1/practice-sessions", new
        {
            practiceId,
            before = new { state = before, intensity = 7 },
            after = new { state = after, intensity = 4 },
            startedAt = now.AddMinutes(-5),
            endedAt = now,
            idempotencyKey = Guid.NewGuid().ToString("N"),
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    public static async Task<ClientDashboardDto?> DashboardAsync(HttpClient therapist, Guid client)
    {
        using var response = await therapist.GetAsync($"/api/v1/therapist/clients/{client}");
        return response.StatusCode == HttpStatusCode.NotFound ? null : (await response.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<ClientDashboardDto>(TestSharing.Json))!;
    }
}
