using System.Net;
using System.Net.Http.Json;
using Attune.Web.Features.Together;
using Attune.Web.Tests.Infrastructure;
using Attune.Web.Tests.Sharing;

namespace Attune.Web.Tests.Together;

/// <summary>Linking two people as partners through the API, as the Together page does.</summary>
public static class TestTogether
{
    public static async Task<PartnerInviteDto> InviteAsync(HttpClient inviter, object? body = null)
    {
        using var response = await inviter.PostAsJsonAsync("/api/v1/partner/invites", body ?? new { });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<PartnerInviteDto>(TestSharing.Json))!;
    }

    public static Task<HttpResponseMessage> AcceptAsync(HttpClient client, string code, string[]? streams = null) =>
        client.PostAsJsonAsync("/api/v1/partner/accept", new { code, streams });

    /// <summary>Two signed-in people linked as partners, sharing check-ins and time together both ways.</summary>
    public static async Task<(TestUser A, HttpClient AClient, TestUser B, HttpClient BClient)> LinkedPairAsync(AttuneWebFactory factory)
    {
        var (a, aClient) = await TestUsers.SignedInAsync(factory);
        var (b, bClient) = await TestUsers.SignedInAsync(factory);
        var invite = await InviteAsync(aClient);
        using var accepted = await AcceptAsync(bClient, invite.Code);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        return (a, aClient, b, bClient);
    }

    public static async Task<Guid> CheckInAsync(HttpClient client, string state, string visibility = "shared", string emotion = "calm", int intensity = 5)
    {
        using var response = await client.PostAsJsonAsync("/api/v1/checkins", new { state, intensity, emotionIds = new[] { emotion }, visibility });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<Attune.Web.Features.CheckIns.CheckInDto>(TestSharing.Json))!.Id;
    }
}
