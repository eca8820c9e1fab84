using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Attune.Web.Data;
using Attune.Web.Features.CheckIns;
using Attune.Web.Features.Integration;
using Attune.Web.Features.Practices;
using Attune.Web.Features.Recordings;
using Attune.Web.Features.Together;
using Attune.Web.Tests.Infrastructure;
using Attune.Web.Tests.Recordings;
using Attune.Web.Tests.Sharing;
using Attune.Web.Tests.Together;
using Microsoft.Extensions.DependencyInjection;

namespace Attune.Web.Tests.Export;

/// <summary>
/// The streams of what a person does beyond check-ins and recordings (measures, practices, integration reflections,
/// Together, beat edits): each holds the exporter's own rows, never those of a partner who shares with them.
/// </summary>
public sealed class OwnStreamsExportTests
{
    [Theory, ClassData(typeof(Providers))]
    public async Task Each_new_stream_holds_the_owners_rows_and_none_of_a_sharing_partners(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        var (me, meClient, partner, partnerClient) = await TestTogether.LinkedPairAsync(factory);
        await TestSharing.ShareAsync(partnerClient, me, meClient, "practices", "measures", "recordings");
        var mine = await FillAsync(factory, me.Id, meClient, "mine");
        var theirs = await FillAsync(factory, partner.Id, partnerClient, "theirs");
        // A repair the partner starts and the exporter joins: each has their own side of it.
        var repair = await PostAsync(partnerClient, "/api/v1/repairs", new { stateBefore = "activated" });
        await PostAsync(meClient, $"/api/v1/repairs/{repair}/join", new { stateBefore = "connected" });

        var root = JsonNode.Parse(await meClient.GetStringAsync("/api/v1/me/export"))!;

        var streams = root["streams"]!;
        var text = streams.ToJsonString();
        foreach (var id in theirs.Ids)
        {
            Assert.DoesNotContain(id.ToString(), text, StringComparison.OrdinalIgnoreCase);
        }
        Assert.DoesNotContain("theirs", text, StringComparison.Ordinal);
        var measure = Assert.Single(streams["measures"]!.AsArray())!;
        Assert.Equal(mine.Measure, Guid.Parse((string)measure["id"]!));
        Assert.Equal("phq9", (string?)measure["measure"]);
        Assert.Equal([0, 1, 2, 3, 0, 1, 2, 3, 0], measure["answers"]!.AsArray().Select(a => (int)a!));
        Assert.Equal(12, (int)measure["total"]!);
        Assert.Equal("moderate", (string?)measure["band"]);
        var practices = streams["practices"]!;
        Assert.Equal(mine.OwnPractice, Guid.Parse((string)Assert.Single(practices["ownPractices"]!.AsArray())!["id"]!));
        var session = Assert.Single(practices["sessions"]!.AsArray())!;
        Assert.Equal(mine.PracticeSession, Guid.Parse((string)session["id"]!));
        Assert.Equal("activated", (string?)session["beforeState"]);
        Assert.Equal("connected", (string?)session["afterState"]);
        Assert.Equal(4, (int)session["rating"]!);
        Assert.Equal(300, (double)session["durationSeconds"]!);
        var reflection = Assert.Single(streams["integrationReflections"]!.AsArray())!;
        Assert.Equal(mine.Reflection, Guid.Parse((string)reflection["id"]!));
        Assert.Equal(-2, (int)reflection["domains"]!["narrative"]!);
        var together = streams["together"]!;
        Assert.Equal(mine.Break, Guid.Parse((string)Assert.Single(together["floodingBreaks"]!.AsArray())!["id"]!));
        Assert.Equal(mine.Ritual, Guid.Parse((string)Assert.Single(together["rituals"]!.AsArray())!["id"]!));
        var part = Assert.Single(together["repairs"]!.AsArray())!;
        Assert.Equal(repair, Guid.Parse((string)part["repairId"]!));
        Assert.Equal("joined", (string?)part["role"]);
        Assert.Equal("connected", (string?)part["stateBefore"]);
        var edit = Assert.Single(streams["beatEdits"]!.AsArray())!;
        Assert.Equal(mine.BeatEdit, Guid.Parse((string)edit["id"]!));
        Assert.Equal("added", (string?)edit["edit"]);

        // The partner's own export has their side of the same repair, as its starter.
        var partnerExport = JsonNode.Parse(await partnerClient.GetStringAsync("/api/v1/me/export"))!;
        var partnerPart = Assert.Single(partnerExport["streams"]!["together"]!["repairs"]!.AsArray())!;
        Assert.Equal(("started", "activated"), ((string?)partnerPart["role"], (string?)partnerPart["stateBefore"]));
        Assert.NotEqual((string?)part["id"], (string?)partnerPart["id"]);

        using var zipResponse = await meClient.GetAsync("/api/v1/me/export?format=csv");
        Assert.Equal(HttpStatusCode.OK, zipResponse.StatusCode);
        using var zip = new ZipArchive(new MemoryStream(await zipResponse.Content.ReadAsByteArrayAsync()), ZipArchiveMode.Read);
        var files = new Dictionary<string, Guid>
        {
            ["measures.csv"] = mine.Measure,
            ["own-practices.csv"] = mine.OwnPractice,
            ["practice-sessions.csv"] = mine.PracticeSession,
            ["integration-reflections.csv"] = mine.Reflection,
            ["flooding-breaks.csv"] = mine.Break,
            ["rituals.csv"] = mine.Ritual,
            ["repairs.csv"] = repair,
            ["beat-edits.csv"] = mine.BeatEdit,
        };
        var all = new StringBuilder();
        foreach (var (name, id) in files)
        {
            var csv = Read(zip, name);
            Assert.Equal(2, csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
            Assert.Contains(id.ToString(), csv, StringComparison.OrdinalIgnoreCase);
            all.Append(csv);
        }
        // A note starting with "=" is written defused.
        Assert.Contains("'=mine", Read(zip, "flooding-breaks.csv"), StringComparison.Ordinal);
        foreach (var id in theirs.Ids)
        {
            Assert.DoesNotContain(id.ToString(), all.ToString(), StringComparison.OrdinalIgnoreCase);
        }
        var readme = Read(zip, "README.txt");
        Assert.All(files.Keys, name => Assert.Contains(name, readme, StringComparison.Ordinal));
    }

    private sealed record Filled(Guid Measure, Guid OwnPractice, Guid PracticeSession, Guid Reflection, Guid Break, Guid Ritual, Guid BeatEdit)
    {
        public Guid[] Ids => [Measure, OwnPractice, PracticeSession, Reflection, Break, Ritual, BeatEdit];
    }

    /// <summary>One of everything the new streams export, with <paramref name="tag"/> in the person's own words.</summary>
    private static async Task<Filled> FillAsync(AttuneWebFactory factory, Guid owner, HttpClient client, string tag)
    {
        var measure = await PostAsync(client, "/api/v1/measures/phq9", new { answers = new[] { 0, 1, 2, 3, 0, 1, 2, 3, 0 } });
        var floodingBreak = await PostAsync(client, "/api/v1/breaks", new { minutes = 20, note = "=" + tag });
        var recording = await TestRecordings.UploadAsync(client);
        var now = factory.Clock.GetUtcNow().UtcDateTime;
        var own = new OwnPractice
        {
            Id = Guid.CreateVersion7(),
            OwnerId = owner,
            Title = tag + " walk",
            Summary = "Slow steps",
            Group = PracticeGroup.Activated,
            States = "activated",
            Steps = "[{\"text\":\"Walk\",\"seconds\":60}]",
            Minutes = 1,
            CreatedAt = now,
            UpdatedAt = now,
        };
        var session = new PracticeSession
        {
            Id = Guid.CreateVersion7(),
            OwnerId = owner,
            PracticeId = own.Id.ToString(),
            StartedAt = now.AddMinutes(-5),
            EndedAt = now,
            BeforeState = NervousState.Activated,
            BeforeIntensity = 7,
            AfterState = NervousState.Connected,
            AfterIntensity = 4,
            Effect = 9,
            Rating = 4,
            IdempotencyKey = tag + "-session",
            CreatedAt = now,
        };
        var reflection = new IntegrationReflection { Id = Guid.CreateVersion7(), OwnerId = owner, TakenAt = now };
        reflection.SetValues([0, 1, -1, 2, -2, 3, -3, 0, 1]);
        var ritual = new RitualMoment { Id = Guid.CreateVersion7(), OwnerId = owner, Kind = RitualKind.Appreciation, At = now, LocalDate = DateOnly.FromDateTime(now), Text = tag + " thanks" };
        var edit = new BeatEdit { Id = Guid.CreateVersion7(), OwnerId = owner, RecordingId = recording.Id, SampleIndex = 1234, Added = true, CreatedAt = now };
        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AttuneDb>();
            db.AddRange(own, session, reflection, ritual, edit);
            await db.SaveChangesAsync();
        }
        return new Filled(measure, own.Id, session.Id, reflection.Id, floodingBreak, ritual.Id, edit.Id);
    }

    private static async Task<Guid> PostAsync(HttpClient client, string url, object body)
    {
        using var response = await client.PostAsJsonAsync(url, body);
        Assert.True(response.IsSuccessStatusCode, url + ": " + await response.Content.ReadAsStringAsync());
        return Guid.Parse((await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>());
    }

    private static string Read(ZipArchive zip, string name)
    {
        using var reader = new StreamReader(zip.GetEntry(name)!.Open(), Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
