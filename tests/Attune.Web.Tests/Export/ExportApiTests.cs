using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Attune.Web.Data;
using Attune.Web.Features.Accounts;
using Attune.Web.Features.CheckIns;
using Attune.Web.Features.Recordings;
using Attune.Web.Features.Sharing;
using Attune.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Attune.Web.Tests.Export;

public sealed class ExportApiTests
{
    private static readonly string[] RoundTripStreams = ["emotionWords", "checkIns", "recordings"];

    [Theory, ClassData(typeof(Providers))]
    public async Task Json_export_holds_everything_the_person_owns_and_nothing_of_anyone_else(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        var me = await TestPeople.FilledAsync(factory);
        var other = await TestPeople.FilledAsync(factory);
        await Attune.Web.Tests.Sharing.TestSharing.ShareAsync(other.Client, me.User, me.Client, "recordings", "checkins");

        using var response = await me.Client.GetAsync("/api/v1/me/export");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("attachment", response.Content.Headers.ContentDisposition?.ToString(), StringComparison.Ordinal);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        var root = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("attune-export", (string?)root["format"]);
        var streams = root["streams"]!;
        Assert.Equal(me.User.Email, (string?)streams["account"]!["email"]);
        Assert.Null(streams["account"]!["passwordHash"]);
        Assert.Equal(["sunday-ish"], streams["emotionWords"]!.AsArray().Select(w => (string?)w!["name"]));
        var checkIns = streams["checkIns"]!.AsArray();
        Assert.Equal(new[] { me.SharedCheckIn, me.PrivateCheckIn }.Order(), checkIns.Select(c => Guid.Parse((string)c!["id"]!)).Order());
        Assert.Contains(checkIns, c => (string?)c!["note"] == TestPeople.Note);
        Assert.Equal(["07:45", "21:00"], streams["checkInSettings"]!["reminderTimes"]!.AsArray().Select(t => (string?)t));
        var recording = Assert.Single(streams["recordings"]!.AsArray())!;
        Assert.Equal(me.Recording, Guid.Parse((string)recording["id"]!));
        Assert.Equal(me.RecordingFile, (string?)recording["content"]);
        var received = Assert.Single(streams["grants"]!["received"]!.AsArray())!;
        Assert.Equal("active", (string?)received["status"]);
        // What the other person shared is theirs: neither their check-ins nor their recording is in this export.
        var text = root.ToJsonString();
        Assert.DoesNotContain(other.Recording.ToString(), text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(other.SharedCheckIn.ToString(), text, StringComparison.OrdinalIgnoreCase);
    }

    [Theory, ClassData(typeof(Providers))]
    public async Task Export_then_erase_then_import_into_a_new_account_gives_back_the_same_data(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        var me = await TestPeople.FilledAsync(factory);
        var original = JsonNode.Parse(await me.Client.GetStringAsync("/api/v1/me/export"))!;
        using (var erase = await me.Client.SendAsync(new HttpRequestMessage(HttpMethod.Delete, "/api/v1/me") { Content = JsonContent.Create(new { password = TestUsers.Password }) }))
        {
            Assert.Equal(HttpStatusCode.NoContent, erase.StatusCode);
        }
        factory.Clock.Advance(TimeSpan.FromHours(3));
        var (_, next) = await TestUsers.SignedInAsync(factory);

        using var import = await next.PostAsync("/api/v1/me/import", new StringContent(original.ToJsonString(), Encoding.UTF8, "application/json"));

        Assert.True(import.StatusCode == HttpStatusCode.OK, await import.Content.ReadAsStringAsync());
        var result = await import.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(5, result.GetProperty("added").GetInt32()); // a word, two check-ins, the settings and a recording
        Assert.Equal(0, result.GetProperty("alreadyThere").GetInt32());
        Assert.Equal(["account", "beatEdits", "breathTogether", "grants", "integrationReflections", "measures", "practices", "together"], result.GetProperty("notImported").EnumerateArray().Select(n => n.GetString()).Order());
        var again = JsonNode.Parse(await next.GetStringAsync("/api/v1/me/export"))!;
        foreach (var stream in RoundTripStreams)
        {
            Assert.Equal(Comparable(original["streams"]![stream]!), Comparable(again["streams"]![stream]!));
        }
        Assert.Equal(original["streams"]!["checkInSettings"]!["reminderTimes"]!.ToJsonString(), again["streams"]!["checkInSettings"]!["reminderTimes"]!.ToJsonString());
    }

    [Theory, ClassData(typeof(Providers))]
    public async Task Importing_the_same_file_twice_adds_nothing_the_second_time(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        var me = await TestPeople.FilledAsync(factory);
        var file = await me.Client.GetStringAsync("/api/v1/me/export");

        var own = await ImportAsync(me.Client, file);
        Assert.Equal(0, own.GetProperty("added").GetInt32());
        Assert.Equal(5, own.GetProperty("alreadyThere").GetInt32());

        // Into someone else's account: their own copies, under new ids, and the owner's rows untouched.
        var (stranger, strangerClient) = await TestUsers.SignedInAsync(factory);
        Assert.Equal(5, (await ImportAsync(strangerClient, file)).GetProperty("added").GetInt32());
        Assert.Equal(0, (await ImportAsync(strangerClient, file)).GetProperty("added").GetInt32());
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AttuneDb>();
        Assert.Equal(me.User.Id, await Access.Unchecked<Recording>(db).Where(r => r.Id == me.Recording).Select(r => r.OwnerId).SingleAsync());
        Assert.Equal(2, await Access.Unchecked<CheckIn>(db).CountAsync(c => c.OwnerId == me.User.Id));
        var copies = await Access.Unchecked<CheckIn>(db).Where(c => c.OwnerId == stranger.Id).Select(c => c.Id).ToListAsync();
        Assert.Equal(2, copies.Count);
        Assert.DoesNotContain(me.SharedCheckIn, copies);
        Assert.Equal(1, await Access.Unchecked<Recording>(db).CountAsync(r => r.OwnerId == stranger.Id));
        // The check-in that named the owner's own word names the importer's copy of it.
        var strangersWord = await Access.Unchecked<CustomEmotion>(db).Where(e => e.OwnerId == stranger.Id).Select(e => e.Id).SingleAsync();
        var withWord = await strangerClient.GetFromJsonAsync<CheckInDto>($"/api/v1/checkins/{copies.Single(id => id != ImportedId(stranger.Id, me.SharedCheckIn))}");
        Assert.Contains(withWord!.Emotions, e => e.Id == CustomEmotion.IdPrefix + strangersWord.ToString("N"));
    }

    [Theory, ClassData(typeof(Providers))]
    public async Task An_import_with_one_bad_item_stores_nothing_and_says_which(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        var me = await TestPeople.FilledAsync(factory);
        var file = JsonNode.Parse(await me.Client.GetStringAsync("/api/v1/me/export"))!;
        var (stranger, strangerClient) = await TestUsers.SignedInAsync(factory);
        file["streams"]!["checkIns"]!.AsArray()[1]!["intensity"] = 99;

        using var response = await strangerClient.PostAsync("/api/v1/me/import", new StringContent(file.ToJsonString(), Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("checkIns, item 2", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AttuneDb>();
        Assert.Equal(0, await Access.Unchecked<CheckIn>(db).CountAsync(c => c.OwnerId == stranger.Id));
        Assert.Equal(0, await Access.Unchecked<CustomEmotion>(db).CountAsync(c => c.OwnerId == stranger.Id));
        Assert.Equal(0, await Access.Unchecked<Recording>(db).CountAsync(c => c.OwnerId == stranger.Id));
        Assert.Equal(0, await Access.Unchecked<CheckInPreferences>(db).CountAsync(c => c.OwnerId == stranger.Id));
    }

    [Theory]
    [InlineData("not json at all", "application/json", 422)]
    [InlineData("{\"streams\":{}}", "application/json", 422)]
    [InlineData("{\"format\":\"attune-export\",\"version\":99,\"streams\":{}}", "application/json", 422)]
    [InlineData("{\"format\":\"attune-export\",\"version\":1,\"streams\":{\"checkIns\":{}}}", "application/json", 422)]
    [InlineData("{\"format\":\"attune-export\",\"version\":1,\"streams\":{\"recordings\":[{\"id\":\"1\"}]}}", "application/json", 422)]
    [InlineData("{\"format\":\"attune-export\",\"version\":1,\"streams\":{}}", "text/plain", 415)]
    public async Task Bad_imports_get_a_problem_and_never_a_server_error(string body, string mediaType, int status)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(DatabaseProvider.Sqlite);
        var (_, client) = await TestUsers.SignedInAsync(factory);

        using var response = await client.PostAsync("/api/v1/me/import", new StringContent(body, Encoding.UTF8, mediaType));

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task An_unknown_format_is_a_validation_problem()
    {
        await using var factory = await AttuneWebFactory.CreateAsync(DatabaseProvider.Sqlite);
        var (_, client) = await TestUsers.SignedInAsync(factory);

        using var response = await client.GetAsync("/api/v1/me/export?format=xlsx");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("format", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory, ClassData(typeof(Providers))]
    public async Task Csv_export_is_a_zip_with_a_table_per_kind_and_the_original_recording_files(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        var me = await TestPeople.FilledAsync(factory);

        using var response = await me.Client.GetAsync("/api/v1/me/export?format=csv");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/zip", response.Content.Headers.ContentType?.MediaType);
        using var zip = new ZipArchive(new MemoryStream(await response.Content.ReadAsByteArrayAsync()), ZipArchiveMode.Read);
        var names = zip.Entries.Select(e => e.FullName).ToHashSet();
        foreach (var name in new[] { "README.txt", "account.csv", "emotion-words.csv", "check-ins.csv", "check-in-settings.csv", "recordings.csv", "grants.csv", $"recordings/{me.Recording}.csv" })
        {
            Assert.Contains(name, names);
        }
        Assert.Equal(me.RecordingFile, Read(zip, $"recordings/{me.Recording}.csv"));
        var checkIns = Read(zip, "check-ins.csv").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, checkIns.Length);
        // A note starting with "=" would run as a formula in a spreadsheet; it is written defused.
        Assert.Contains("'" + TestPeople.Note, Read(zip, "check-ins.csv"), StringComparison.Ordinal);
        Assert.Contains("sunday-ish", Read(zip, "emotion-words.csv"), StringComparison.Ordinal);
        Assert.Contains(me.User.Email, Read(zip, "account.csv"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_token_with_the_export_scope_can_download_but_cannot_import_or_erase()
    {
        await using var factory = await AttuneWebFactory.CreateAsync(DatabaseProvider.Sqlite);
        var me = await TestPeople.FilledAsync(factory);
        using var token = await TestUsers.WithAccessTokenAsync(factory, me.User, TokenScopes.AccountExport);
        using var without = await TestUsers.WithAccessTokenAsync(factory, me.User, TokenScopes.RecordingsRead, TokenScopes.CheckInsRead);

        using var export = await token.GetAsync("/api/v1/me/export");
        using var refused = await without.GetAsync("/api/v1/me/export");
        using var import = await token.PostAsync("/api/v1/me/import", new StringContent(await export.Content.ReadAsStringAsync(), Encoding.UTF8, "application/json"));
        using var erase = await token.SendAsync(new HttpRequestMessage(HttpMethod.Delete, "/api/v1/me") { Content = JsonContent.Create(new { password = TestUsers.Password }) });

        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, import.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, erase.StatusCode);
        Assert.True(await me.Client.GetAsync("/api/v1/me") is { StatusCode: HttpStatusCode.OK });
    }

    [Fact]
    public async Task The_page_imports_a_file_and_shows_problems_in_words()
    {
        await using var factory = await AttuneWebFactory.CreateAsync(DatabaseProvider.Sqlite);
        var me = await TestPeople.FilledAsync(factory);
        var file = await me.Client.GetStringAsync("/api/v1/me/export");
        using var browser = factory.NewBrowser();
        var email = await browser.RegisterAndSignInAsync();

        var page = await browser.GetPageAsync("/settings/data");
        Assert.Contains("/api/v1/me/export?format=json", page, StringComparison.Ordinal);
        using var bad = await PostFileAsync(browser, page, "{\"hello\":1}");
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        Assert.Contains("Nothing was imported", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var good = await PostFileAsync(browser, page, file);
        Assert.Equal(HttpStatusCode.Redirect, good.StatusCode);
        Assert.Contains("Imported 5 items.", await browser.GetPageAsync("/settings/data"), StringComparison.Ordinal);
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AttuneDb>();
        var id = await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
        Assert.Equal(2, await Access.Unchecked<CheckIn>(db).CountAsync(c => c.OwnerId == id));
    }

    private static async Task<HttpResponseMessage> PostFileAsync(Browser browser, string page, string file)
    {
        using var form = new MultipartFormDataContent
        {
            { new StringContent(Browser.AntiforgeryToken(page)), "__RequestVerificationToken" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes(file)), "file", "attune-export.json" },
        };
        return await browser.Client.PostAsync("/settings/data?handler=Import", form);
    }

    private static async Task<JsonElement> ImportAsync(HttpClient client, string file)
    {
        using var response = await client.PostAsync("/api/v1/me/import", new StringContent(file, Encoding.UTF8, "application/json"));
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static Guid ImportedId(Guid importer, Guid original) => Attune.Web.Features.Export.ImportContext.DerivedId(importer, original);

    private static string Read(ZipArchive zip, string name)
    {
        using var reader = new StreamReader(zip.GetEntry(name)!.Open(), Encoding.UTF8);
        return reader.ReadToEnd();
    }

    /// <summary>A stream's JSON without what belongs to the account rather than the item (owner, last change).</summary>
    private static string Comparable(JsonNode stream)
    {
        var copy = JsonNode.Parse(stream.ToJsonString())!;
        foreach (var item in copy.AsArray())
        {
            item!.AsObject().Remove("ownerId");
            item.AsObject().Remove("updatedAt");
        }
        return copy.ToJsonString();
    }
}
