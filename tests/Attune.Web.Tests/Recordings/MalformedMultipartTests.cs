using System.Net;
using System.Text;
using Attune.Web.Tests.Infrastructure;

namespace Attune.Web.Tests.Recordings;

/// <summary>A broken multipart upload is the sender's mistake: 400 with an explanation, nothing stored, never a 500.</summary>
public sealed class MalformedMultipartTests(SharedApps apps) : IClassFixture<SharedApps>
{
    private const string File = "rr_ms\n800\n812\n790\n805\n";

    public static TheoryData<DatabaseProvider, string> Variants()
    {
        var data = new TheoryData<DatabaseProvider, string>();
        foreach (var provider in new Providers())
        {
            foreach (var variant in Bodies.Keys)
            {
                data.Add(provider, variant);
            }
        }
        return data;
    }

    private static readonly Dictionary<string, (string ContentType, string Body)> Bodies = new()
    {
        ["missing boundary"] = ("multipart/form-data",
            $"--b1\r\nContent-Disposition: form-data; name=\"file\"; filename=\"rr.csv\"\r\nContent-Type: text/csv\r\n\r\n{File}\r\n--b1--\r\n"),
        ["broken boundary"] = ("multipart/form-data; boundary=b1",
            $"--other\r\nContent-Disposition: form-data; name=\"file\"; filename=\"rr.csv\"\r\n\r\n{File}\r\n--other--\r\n"),
        ["truncated body"] = ("multipart/form-data; boundary=b1",
            $"--b1\r\nContent-Disposition: form-data; name=\"file\"; filename=\"rr.csv\"\r\nContent-Type: text/csv\r\n\r\n{File[..10]}"),
        ["wrong part headers"] = ("multipart/form-data; boundary=b1",
            $"--b1\r\nContent-Disposition form-data name file\r\n\r\n{File}\r\n--b1--\r\n"),
    };

    private static ByteArrayContent Content(string variant)
    {
        var (type, body) = Bodies[variant];
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        content.Headers.TryAddWithoutValidation("Content-Type", type);
        return content;
    }

    [Theory, MemberData(nameof(Variants))]
    public async Task A_malformed_upload_to_the_api_is_a_400_problem_and_stores_nothing(DatabaseProvider provider, string variant)
    {
        var factory = await apps.ForAsync(provider);
        var user = await TestUsers.CreateAsync(factory);
        using var client = await TestUsers.WithAccessTokenAsync(factory, user);

        using var content = Content(variant);
        using var response = await client.PostAsync("/api/v1/recordings?kind=rr", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(0, await TestRecordings.CountAsync(factory));
    }

    [Theory, MemberData(nameof(Variants))]
    public async Task A_malformed_upload_from_the_page_shows_a_message_and_stores_nothing(DatabaseProvider provider, string variant)
    {
        var factory = await apps.ForAsync(provider);
        using var browser = factory.NewBrowser();
        await browser.RegisterAndSignInAsync();
        await browser.GetPageAsync("/insights/recordings");

        using var content = Content(variant);
        using var response = await browser.Client.PostAsync("/insights/recordings", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("didn&#x27;t look right", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await TestRecordings.CountAsync(factory));
    }
}
