using System.Net;
using System.Text;
using Attune.Web.Tests.Infrastructure;

namespace Attune.Web.Tests.Recordings;

public sealed class RecordingPagesTests
{
    [Theory, ClassData(typeof(Providers))]
    public async Task Uploading_on_the_page_shows_the_analysis_and_the_delete_flow_erases_it(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        var (_, client) = await TestUsers.SignedInAsync(factory);

        using var upload = await PostUploadAsync(client, Encoding.UTF8.GetBytes(TestRecordings.RrCsv()), "walk.csv", "Evening walk");

        Assert.Equal(HttpStatusCode.Redirect, upload.StatusCode);
        var detailUrl = upload.Headers.Location!.OriginalString;
        Assert.Matches("^/insights/recordings/[0-9a-f-]{36}$", detailUrl);
        var detail = await client.GetStringAsync(detailUrl);
        Assert.Contains("Evening walk", detail, StringComparison.Ordinal);
        Assert.Contains("is saved", detail, StringComparison.Ordinal);
        foreach (var title in new[] { "Heart rate over time", "Tachogram: time between heartbeats", "Poincaré plot", "Spectrum of heart-rate variability", "Coherence over time" })
        {
            Assert.Contains($">{title}</title>", detail, StringComparison.Ordinal);
        }
        Assert.Contains("RMSSD", detail, StringComparison.Ordinal);
        Assert.Contains("<desc id=", detail, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", detail, StringComparison.Ordinal);
        Assert.Contains(">HF</text>", detail, StringComparison.Ordinal);

        var deleteUrl = detailUrl + "/delete";
        var token = await client.GetAntiforgeryTokenAsync(deleteUrl);
        using var delete = await client.PostAsync(deleteUrl, new FormUrlEncodedContent([new(Antiforgery.FieldName, token)]));

        Assert.Equal(HttpStatusCode.Redirect, delete.StatusCode);
        Assert.Equal("/insights/recordings", delete.Headers.Location?.OriginalString);
        Assert.Contains("is deleted", await client.GetStringAsync("/insights/recordings"), StringComparison.Ordinal);
        Assert.Equal(0, await TestRecordings.CountAsync(factory));
        using var gone = await client.GetAsync(detailUrl);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Theory, ClassData(typeof(Providers))]
    public async Task A_binary_file_on_the_page_gets_a_friendly_message_and_nothing_is_stored(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        var (_, client) = await TestUsers.SignedInAsync(factory);

        using var response = await PostUploadAsync(client, [0x50, 0x4B, 0x03, 0x04, 0x00, 0x00, 0xFF, 0xFE], "photo.csv", "Oops");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Nothing was saved", html, StringComparison.Ordinal);
        Assert.Contains("doesn&#x27;t look like text", html, StringComparison.Ordinal);
        Assert.Equal(0, await TestRecordings.CountAsync(factory));

        using var badLine = await PostUploadAsync(client, "rr_ms\n800\nabc\n"u8.ToArray(), "rr.csv", "Oops");
        Assert.Contains("Line 3:", await badLine.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await TestRecordings.CountAsync(factory));
    }

    [Theory, ClassData(typeof(Providers))]
    public async Task Posting_the_upload_form_without_the_antiforgery_token_is_refused(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        var (_, client) = await TestUsers.SignedInAsync(factory);
        using var form = new MultipartFormDataContent
        {
            { new StringContent("rr"), "Input.Kind" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes(TestRecordings.RrCsv())), "Input.File", "rr.csv" },
        };

        using var response = await client.PostAsync("/insights/recordings", form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, await TestRecordings.CountAsync(factory));
    }

    [Theory, ClassData(typeof(Providers))]
    public async Task Another_users_recording_pages_are_404_and_signed_out_visitors_are_sent_to_sign_in(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        var (_, owner) = await TestUsers.SignedInAsync(factory);
        var mine = await TestRecordings.UploadAsync(owner);
        var (_, stranger) = await TestUsers.SignedInAsync(factory);
        var theirs = await TestRecordings.UploadAsync(stranger, name: "Theirs");

        foreach (var url in new[]
        {
            $"/insights/recordings/{mine.Id}",
            $"/insights/recordings/{mine.Id}/delete",
            $"/together/hearts?a={theirs.Id}&b={mine.Id}",
            $"/insights/recordings/{Guid.NewGuid()}",
        })
        {
            using var response = await stranger.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{url} gave {(int)response.StatusCode}");
        }
        var token = await stranger.GetAntiforgeryTokenAsync("/insights/recordings");
        using var delete = await stranger.PostAsync($"/insights/recordings/{mine.Id}/delete", new FormUrlEncodedContent([new(Antiforgery.FieldName, token)]));
        Assert.Equal(HttpStatusCode.NotFound, delete.StatusCode);
        Assert.Equal(2, await TestRecordings.CountAsync(factory));

        using var anonymous = factory.CreateClientWithCookies();
        using var signIn = await anonymous.GetAsync($"/insights/recordings/{mine.Id}");
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.StartsWith("/account/login", signIn.Headers.Location?.AbsolutePath ?? signIn.Headers.Location?.OriginalString, StringComparison.Ordinal);
    }

    [Theory, ClassData(typeof(Providers))]
    public async Task The_together_page_draws_a_heat_map_and_says_in_words_who_tended_to_lead(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        var (_, client) = await TestUsers.SignedInAsync(factory);
        var a = await TestRecordings.UploadAsync(client, TestRecordings.RrCsv(600), "Sam");
        var b = await TestRecordings.UploadAsync(client, TestRecordings.RrCsv(600, phase: 0.5), "Alex");

        var picker = await client.GetStringAsync("/together/hearts");
        Assert.Contains("<label for=\"a\">", picker, StringComparison.Ordinal);
        var html = await client.GetStringAsync($"/together/hearts?a={a.Id}&b={b.Id}");

        Assert.Contains(">Synchrony heat map</title>", html, StringComparison.Ordinal);
        Assert.Contains("class=\"hm-", html, StringComparison.Ordinal);
        Assert.Contains("not a measure of your relationship", html, StringComparison.Ordinal);
        Assert.Contains("Sam", html, StringComparison.Ordinal);
        Assert.Contains("Alex", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_analysis_page_tables_each_five_minutes_open_when_short_and_folded_when_long()
    {
        await using var factory = await AttuneWebFactory.CreateAsync(DatabaseProvider.Sqlite);
        var (_, client) = await TestUsers.SignedInAsync(factory);
        var brief = await TestRecordings.UploadAsync(client, TestRecordings.RrCsv(600), "Eight minutes");
        var longer = await TestRecordings.UploadAsync(client, TestRecordings.RrCsv(7000), "An hour and a half");

        var html = await client.GetStringAsync($"/insights/recordings/{brief.Id}");
        Assert.Contains("<h2 id=\"segments-heading\">Each 5 minutes</h2>", html, StringComparison.Ordinal);
        Assert.Contains("<th scope=\"row\">0:00 – 0:05</th>", html, StringComparison.Ordinal);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(html, "<th scope=\"row\">\\d+:\\d\\d – "));
        Assert.DoesNotContain("segments-details", html, StringComparison.Ordinal);

        var folded = await client.GetStringAsync($"/insights/recordings/{longer.Id}");
        Assert.Contains("<summary>Show all 18 five-minute stretches</summary>", folded, StringComparison.Ordinal);
        Assert.Contains("<th scope=\"row\">1:25 – 1:30</th>", folded, StringComparison.Ordinal);
        Assert.Equal(18, System.Text.RegularExpressions.Regex.Matches(folded, "<th scope=\"row\">\\d+:\\d\\d – ").Count);
    }

    [Fact]
    public async Task Files_over_the_1_MiB_default_are_accepted_by_the_page_and_the_api()
    {
        await using var factory = await AttuneWebFactory.CreateAsync(DatabaseProvider.Sqlite);
        var (_, client) = await TestUsers.SignedInAsync(factory);
        var large = TestRecordings.RrCsv(250_000);
        Assert.True(Encoding.UTF8.GetByteCount(large) > 1024 * 1024);

        using var page = await PostUploadAsync(client, Encoding.UTF8.GetBytes(large), "long.csv", "Long day");
        using var api = await TestRecordings.PostRawAsync(client, large);

        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Equal(HttpStatusCode.Created, api.StatusCode);
        Assert.Equal(2, await TestRecordings.CountAsync(factory));
    }

    [Fact]
    public async Task The_insights_page_links_to_heart_recordings()
    {
        await using var factory = await AttuneWebFactory.CreateAsync(DatabaseProvider.Sqlite);
        var (_, client) = await TestUsers.SignedInAsync(factory);

        var html = await client.GetStringAsync("/insights");

        Assert.Contains("href=\"/insights/recordings\"", html, StringComparison.Ordinal);
    }

    private static async Task<HttpResponseMessage> PostUploadAsync(HttpClient client, byte[] file, string fileName, string name)
    {
        var token = await client.GetAntiforgeryTokenAsync("/insights/recordings");
        using var form = new MultipartFormDataContent
        {
            { new StringContent(token), Antiforgery.FieldName },
            { new StringContent(name), "Input.Name" },
            { new StringContent("rr"), "Input.Kind" },
            { new ByteArrayContent(file), "Input.File", fileName },
        };
        return await client.PostAsync("/insights/recordings", form);
    }
}
