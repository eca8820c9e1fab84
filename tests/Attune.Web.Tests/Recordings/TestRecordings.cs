using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using Attune.Web.Data;
using Attune.Web.Features.Recordings;
using Attune.Web.Features.Sharing;
using Attune.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Attune.Web.Tests.Recordings;

/// <summary>Small synthetic recordings and upload helpers shared by the recordings tests.</summary>
internal static class TestRecordings
{
    /// <summary>An <c>rr_ms</c> CSV: ~800 ms beats with a slow breathing-like swing, deterministic.</summary>
    public static string RrCsv(int beats = 600, double phase = 0)
    {
        var text = new StringBuilder("rr_ms\n");
        var t = 0.0;
        for (var i = 0; i < beats; i++)
        {
            var rr = 800 + 60 * Math.Sin(2 * Math.PI * 0.1 * t + phase) + 15 * Math.Sin(i * 1.7);
            t += rr / 1000;
            text.Append(rr.ToString("0.0", CultureInfo.InvariantCulture)).Append('\n');
        }
        return text.ToString();
    }

    /// <summary>Posts <paramref name="body"/> as the raw body; the name and file name travel in headers, never in the address.</summary>
    public static async Task<HttpResponseMessage> PostRawAsync(
        HttpClient client, string body, string query = "?kind=rr", string mediaType = "text/csv", string? name = "Evening walk", string? fileName = null)
    {
        using var content = new StringContent(body, Encoding.UTF8, mediaType);
        if (name is not null)
        {
            content.Headers.Add("X-Recording-Name", Uri.EscapeDataString(name));
        }
        if (fileName is not null)
        {
            content.Headers.Add("X-File-Name", Uri.EscapeDataString(fileName));
        }
        return await client.PostAsync("/api/v1/recordings" + query, content);
    }

    public static async Task<RecordingDto> UploadAsync(HttpClient client, string? body = null, string name = "Evening walk")
    {
        using var response = await PostRawAsync(client, body ?? RrCsv(), name: name);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<RecordingDto>())!;
    }

    public static async Task<int> CountAsync(AttuneWebFactory factory)
    {
        using var scope = factory.Services.CreateScope();
        return await Access.Unchecked<Recording>(scope.ServiceProvider.GetRequiredService<AttuneDb>()).CountAsync();
    }
}
