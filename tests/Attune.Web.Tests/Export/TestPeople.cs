using System.Net.Http.Json;
using Attune.Web.Tests.Infrastructure;
using Attune.Web.Tests.Recordings;

namespace Attune.Web.Tests.Export;

/// <summary>A person with some of everything: an own word, two check-ins (one naming the word), settings and a recording.</summary>
internal sealed record FilledAccount(TestUser User, HttpClient Client, Guid Recording, Guid SharedCheckIn, Guid PrivateCheckIn, string RecordingFile);

internal static class TestPeople
{
    public const string Note = "=SUM(A1) felt the tide turn";

    public static async Task<FilledAccount> FilledAsync(AttuneWebFactory factory)
    {
        var (user, client) = await TestUsers.SignedInAsync(factory);
        string ownId;
        using (var word = await client.PostAsJsonAsync("/api/v1/emotions", new { name = "sunday-ish", definition = "slow and a bit wistful", pleasantness = 1, energy = -2 }))
        {
            Assert.True(word.IsSuccessStatusCode, await word.Content.ReadAsStringAsync());
            ownId = (await word.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("id").GetString()!;
        }
        using (var settings = await client.PutAsJsonAsync("/api/v1/checkins/settings", new { defaultVisibility = "private", reminderTimes = new[] { "07:45", "21:00" } }))
        {
            Assert.True(settings.IsSuccessStatusCode, await settings.Content.ReadAsStringAsync());
        }
        var shared = await CheckInAsync(client, new { state = "activated", intensity = 6, emotionIds = new[] { "anxious" }, note = Note, visibility = "shared" });
        var privateOne = await CheckInAsync(client, new { state = "connected", intensity = 3, emotionIds = new[] { "calm", ownId }, visibility = "private" });
        var file = TestRecordings.RrCsv();
        var recording = await TestRecordings.UploadAsync(client, file, name: "Evening walk");
        return new FilledAccount(user, client, recording.Id, shared, privateOne, file);
    }

    private static async Task<Guid> CheckInAsync(HttpClient client, object body)
    {
        using var response = await client.PostAsJsonAsync("/api/v1/checkins", body);
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<Attune.Web.Features.CheckIns.CheckInDto>())!.Id;
    }
}
