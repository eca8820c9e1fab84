using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Attune.Web.Features.Sharing;
using Attune.Web.Tests.Infrastructure;

namespace Attune.Web.Tests.Sharing;

/// <summary>Sharing the way people do it: the owner invites by email, the invitee accepts, both through the API.</summary>
public static class TestSharing
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task<GrantDto> InviteAsync(HttpClient owner, string email, params string[] streams)
    {
        using var response = await owner.PostAsJsonAsync("/api/v1/grants",
            new { granteeEmail = email, streams = streams.Length > 0 ? streams : ["recordings"], consentVersion = SharingConsent.CurrentVersion });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<GrantDto>(Json))!;
    }

    public static async Task AcceptAsync(HttpClient grantee, Guid grantId)
    {
        using var response = await grantee.PostAsync($"/api/v1/grants/{grantId}/accept", null);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Invites <paramref name="grantee"/> and has them accept; returns the grant's id.</summary>
    public static async Task<Guid> ShareAsync(HttpClient owner, TestUser grantee, HttpClient granteeClient, params string[] streams)
    {
        var grant = await InviteAsync(owner, grantee.Email, streams);
        await AcceptAsync(granteeClient, grant.Id);
        return grant.Id;
    }

    public static async Task<GrantListDto> ListAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<GrantListDto>("/api/v1/grants", Json))!;

    public static async Task<AccessLogPageDto> AccessLogAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<AccessLogPageDto>("/api/v1/access-log", Json))!;
}
