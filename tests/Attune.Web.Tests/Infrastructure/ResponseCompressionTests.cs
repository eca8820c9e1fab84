using System.Net;
using System.Text.RegularExpressions;
using Attune.Web.Tests.Recordings;

namespace Attune.Web.Tests.Infrastructure;

/// <summary>
/// BREACH: a response that holds a secret (an antiforgery token) next to text from the request is never compressed;
/// reviewed pages without either are. Static files come precompressed and long-cached under fingerprinted names.
/// </summary>
public sealed partial class ResponseCompressionTests
{
    [Theory, ClassData(typeof(Providers))]
    public async Task A_form_with_its_token_and_the_address_reflected_goes_out_uncompressed(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        using var client = factory.CreateClient();
        const string reflected = "/insights?guess=0123456789abcdef";

        using var login = await GetAsync(client, "/account/login?returnUrl=" + Uri.EscapeDataString(reflected));

        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.Empty(login.Content.Headers.ContentEncoding);
        var html = await login.Content.ReadAsStringAsync();
        Assert.Contains("__RequestVerificationToken", html, StringComparison.Ordinal);
        Assert.Contains("guess=0123456789abcdef", html, StringComparison.Ordinal);
    }

    [Theory, ClassData(typeof(Providers))]
    public async Task Signed_in_pages_with_forms_go_out_uncompressed_and_reviewed_pages_compressed(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        var (_, client) = await TestUsers.SignedInAsync(factory);
        var recording = await TestRecordings.UploadAsync(client);

        foreach (var url in new[] { "/checkin", "/insights/recordings", "/settings/sharing" })
        {
            using var withForm = await GetAsync(client, url);
            Assert.True(withForm.StatusCode == HttpStatusCode.OK, $"{url} gave {(int)withForm.StatusCode}");
            Assert.Contains("__RequestVerificationToken", await withForm.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.True(withForm.Content.Headers.ContentEncoding.Count == 0, $"{url} was compressed");
        }
        foreach (var url in new[] { "/", "/insights", $"/insights/recordings/{recording.Id}", "/help/crisis", $"/api/v1/recordings/{recording.Id}/series?from=1&to=300" })
        {
            using var reviewed = await GetAsync(client, url);
            Assert.True(reviewed.StatusCode == HttpStatusCode.OK, $"{url} gave {(int)reviewed.StatusCode}");
            Assert.True(reviewed.Content.Headers.ContentEncoding.SequenceEqual(["br"]), $"{url} was not compressed with Brotli");
            Assert.Contains("Accept-Encoding", reviewed.Headers.Vary);
        }
    }

    [Theory, ClassData(typeof(Providers))]
    public async Task Stylesheet_and_script_are_fingerprinted_precompressed_and_cached_for_a_year(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        using var client = factory.CreateClient();
        var html = await client.GetStringAsync("/help/crisis");

        var assets = AssetUrl().Matches(html).Select(m => m.Groups["url"].Value).ToList();

        Assert.Equal(2, assets.Count);
        foreach (var url in assets)
        {
            Assert.Matches(@"^/dist/app\.[a-z0-9]{6,}\.(css|js)$", url);
            using var response = await GetAsync(client, url, "gzip");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(["gzip"], response.Content.Headers.ContentEncoding);
            var cache = response.Headers.CacheControl!;
            Assert.True(cache.MaxAge >= TimeSpan.FromDays(365), $"{url}: {cache}");
            Assert.Contains(cache.Extensions, e => e.Name == "immutable");
        }
        // The plain name still answers (the service worker and offline page use it), revalidated rather than kept.
        using var plain = await GetAsync(client, "/dist/app.css", "gzip");
        Assert.Equal(HttpStatusCode.OK, plain.StatusCode);
        Assert.Equal(["gzip"], plain.Content.Headers.ContentEncoding);
        Assert.True(plain.Headers.CacheControl!.NoCache, plain.Headers.CacheControl.ToString());
        Assert.NotEmpty(plain.Headers.GetValues("ETag"));
    }

    private static async Task<HttpResponseMessage> GetAsync(HttpClient client, string url, string acceptEncoding = "gzip, deflate, br, zstd", string? ifNoneMatch = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.TryAddWithoutValidation("Accept-Encoding", acceptEncoding);
        if (ifNoneMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-None-Match", ifNoneMatch);
        }
        return await client.SendAsync(request);
    }

    [GeneratedRegex("""(?:href|src)="(?<url>/dist/app[^"]*\.(?:css|js))"(?! *type="image)""")]
    private static partial Regex AssetUrl();
}
