using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.Json;
using Attune.Web.Data;
using Attune.Web.Features.Recordings;
using Attune.Web.Features.Sharing;
using Attune.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Attune.Web.Tests.Recordings;

/// <summary>The analysis is sent as bytes compressed when it was computed, with an ETag per coding and 304 for a match.</summary>
public sealed class PrecompressedAnalysisTests
{
    [Theory, ClassData(typeof(Providers))]
    public async Task The_analysis_comes_in_the_coding_asked_for_each_with_the_same_json(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        var (_, client) = await TestUsers.SignedInAsync(factory);
        var recording = await TestRecordings.UploadAsync(client);
        var url = $"/api/v1/recordings/{recording.Id}/analysis";

        using var plain = await GetAsync(client, url, acceptEncoding: null);
        using var brotli = await GetAsync(client, url, "gzip, deflate, br, zstd");
        using var gzip = await GetAsync(client, url, "gzip, deflate");

        Assert.Equal(HttpStatusCode.OK, plain.StatusCode);
        Assert.Empty(plain.Content.Headers.ContentEncoding);
        Assert.Equal(["br"], brotli.Content.Headers.ContentEncoding);
        Assert.Equal(["gzip"], gzip.Content.Headers.ContentEncoding);
        var json = await plain.Content.ReadAsByteArrayAsync();
        Assert.Equal(json, Decompress(await brotli.Content.ReadAsByteArrayAsync(), "br"));
        Assert.Equal(json, Decompress(await gzip.Content.ReadAsByteArrayAsync(), "gzip"));
        Assert.True(brotli.Content.Headers.ContentLength < json.Length / 2, $"{brotli.Content.Headers.ContentLength} of {json.Length} bytes");
        using var parsed = JsonDocument.Parse(json);
        Assert.Contains(parsed.RootElement.GetProperty("measures").EnumerateArray(), m => m.GetProperty("name").GetString() == "RMSSD");
        foreach (var response in new[] { plain, brotli, gzip })
        {
            Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
            Assert.Contains("Accept-Encoding", response.Headers.Vary);
            Assert.False(response.Headers.ETag!.IsWeak);
        }
        Assert.Equal(3, new[] { plain, brotli, gzip }.Select(r => r.Headers.ETag!.Tag).Distinct().Count());
    }

    [Theory, ClassData(typeof(Providers))]
    public async Task A_matching_if_none_match_is_304_without_a_body_and_another_tag_gets_the_analysis(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        var (_, client) = await TestUsers.SignedInAsync(factory);
        var recording = await TestRecordings.UploadAsync(client);
        var url = $"/api/v1/recordings/{recording.Id}/analysis";
        using var first = await GetAsync(client, url, "br");
        var tag = first.Headers.ETag!.Tag;

        using var same = await GetAsync(client, url, "br", ifNoneMatch: tag);
        // The gzip form of the same analysis is the same data: still 304.
        using var otherCoding = await GetAsync(client, url, "gzip", ifNoneMatch: tag);
        using var stale = await GetAsync(client, url, "br", ifNoneMatch: "\"an-older-analysis\"");

        Assert.Equal(HttpStatusCode.NotModified, same.StatusCode);
        Assert.Empty(await same.Content.ReadAsByteArrayAsync());
        Assert.Equal(tag, same.Headers.ETag!.Tag);
        Assert.Equal(HttpStatusCode.NotModified, otherCoding.StatusCode);
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        Assert.Equal(first.Content.Headers.ContentLength, (await stale.Content.ReadAsByteArrayAsync()).Length);
    }

    [Theory, ClassData(typeof(Providers))]
    public async Task Someone_else_holding_the_tag_gets_404_not_304(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        var (_, owner) = await TestUsers.SignedInAsync(factory);
        var recording = await TestRecordings.UploadAsync(owner);
        var url = $"/api/v1/recordings/{recording.Id}/analysis";
        using var first = await GetAsync(owner, url, "br");
        var (_, stranger) = await TestUsers.SignedInAsync(factory);
        using var anonymous = factory.CreateClient();

        using var strangers = await GetAsync(stranger, url, "br", ifNoneMatch: first.Headers.ETag!.Tag);
        using var anonymouses = await GetAsync(anonymous, url, "br", ifNoneMatch: "*");

        Assert.Equal(HttpStatusCode.NotFound, strangers.StatusCode);
        Assert.Null(strangers.Headers.ETag);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymouses.StatusCode);
        Assert.Null(anonymouses.Headers.ETag);
    }

    [Theory, ClassData(typeof(Providers))]
    public async Task A_changed_recording_is_analysed_afresh_with_a_new_tag(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        var (_, client) = await TestUsers.SignedInAsync(factory);
        var recording = await TestRecordings.UploadAsync(client, TestRecordings.RrCsv(beats: 600));
        var url = $"/api/v1/recordings/{recording.Id}/analysis";
        using var before = await GetAsync(client, url, null);
        Assert.Equal(HttpStatusCode.OK, before.StatusCode);

        // What a replaced file or beat edits do: new content, and the version raised in the same save.
        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AttuneDb>();
            var stored = await Access.Unchecked<Recording>(db).SingleAsync(r => r.Id == recording.Id);
            stored.Content = RecordingFiles.Compress(Encoding.UTF8.GetBytes(TestRecordings.RrCsv(beats: 900, phase: 1)));
            stored.ContentVersion++;
            await db.SaveChangesAsync();
        }
        using var stillCached = await GetAsync(client, url, null, ifNoneMatch: before.Headers.ETag!.Tag);
        using var after = await GetAsync(client, url, null);

        Assert.Equal(HttpStatusCode.OK, stillCached.StatusCode);
        Assert.NotEqual(before.Headers.ETag.Tag, after.Headers.ETag!.Tag);
        Assert.Equal(after.Headers.ETag.Tag, stillCached.Headers.ETag!.Tag);
        using var old = JsonDocument.Parse(await before.Content.ReadAsStringAsync());
        using var fresh = JsonDocument.Parse(await after.Content.ReadAsStringAsync());
        Assert.Equal(600, old.RootElement.GetProperty("beatCount").GetInt32());
        Assert.Equal(900, fresh.RootElement.GetProperty("beatCount").GetInt32());
    }

    private static async Task<HttpResponseMessage> GetAsync(HttpClient client, string url, string? acceptEncoding, string? ifNoneMatch = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (acceptEncoding is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept-Encoding", acceptEncoding);
        }
        if (ifNoneMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-None-Match", ifNoneMatch);
        }
        return await client.SendAsync(request);
    }

    private static byte[] Decompress(byte[] body, string coding)
    {
        using Stream stream = coding == "br"
            ? new BrotliStream(new MemoryStream(body), CompressionMode.Decompress)
            : new GZipStream(new MemoryStream(body), CompressionMode.Decompress);
        using var output = new MemoryStream();
        stream.CopyTo(output);
        return output.ToArray();
    }
}
