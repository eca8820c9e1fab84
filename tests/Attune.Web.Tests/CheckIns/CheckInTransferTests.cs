using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Attune.Web.Features.CheckIns;
using Attune.Web.Tests.Infrastructure;

namespace Attune.Web.Tests.CheckIns;

public sealed class CheckInTransferTests
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [Theory, ClassData(typeof(Providers))]
    public async Task An_export_imports_into_another_account_unchanged_once_and_its_formulas_stay_defused(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        var (_, from) = await TestUsers.SignedInAsync(factory);
        var (_, to) = await TestUsers.SignedInAsync(factory);
        const string formula = "=HYPERLINK(\"http://evil.example\",\"click\")";
        (await from.PostAsJsonAsync("/api/v1/checkins", new
        {
            state = "activated",
            intensity = 8,
            blend = "shutDown",
            emotionIds = new[] { "anxious", "overwhelmed" },
            body = new[] { new { region = "chest", sensation = "tight" } },
            context = new { who = new[] { "-my boss", "partner" }, doing = new[] { "conflict" }, triggers = new[] { "a message, then silence; again" } },
            scales = new { stress = 8, sleepHours = 5.5 },
            note = formula + "\nsecond line, with \"quotes\"",
            occurredAt = "2026-11-30T21:15:00Z",
            timeZone = "America/New_York",
            visibility = "shared",
        })).EnsureSuccessStatusCode();
        (await from.PostAsJsonAsync("/api/v1/checkins", new { state = "connected", emotionIds = new[] { "calm" }, occurredAt = "2026-12-01T07:00:00Z" })).EnsureSuccessStatusCode();

        using var export = await from.GetAsync("/api/v1/checkins/export?format=csv");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Equal("text/csv", export.Content.Headers.ContentType?.MediaType);
        var csv = await export.Content.ReadAsStringAsync();
        Assert.StartsWith("id,occurredAt,timeZone,localDate,state", csv, StringComparison.Ordinal);
        Assert.Contains("\"'=HYPERLINK(", csv, StringComparison.Ordinal);
        Assert.DoesNotContain(",=HYPERLINK", csv, StringComparison.Ordinal);
        Assert.Contains("'-my boss", csv, StringComparison.Ordinal);

        using var import = await to.PostAsync("/api/v1/checkins/import", new StringContent(csv, Encoding.UTF8, "text/csv"));
        Assert.True(import.StatusCode == HttpStatusCode.OK, await import.Content.ReadAsStringAsync());
        Assert.Equal(2, (await import.Content.ReadFromJsonAsync<ImportResult>(Json))!.Added);
        using var again = await to.PostAsync("/api/v1/checkins/import", new StringContent(csv, Encoding.UTF8, "text/csv"));
        var second = (await again.Content.ReadFromJsonAsync<ImportResult>(Json))!;
        Assert.Equal((0, 2), (second.Added, second.AlreadyThere));

        var original = (await from.GetFromJsonAsync<List<CheckInDto>>("/api/v1/checkins/export?format=json", Json))!;
        var copied = (await to.GetFromJsonAsync<List<CheckInDto>>("/api/v1/checkins/export?format=json", Json))!;
        Assert.Equal(2, copied.Count);
        for (var i = 0; i < 2; i++)
        {
            var (a, b) = (original[i], copied[i]);
            Assert.Equal((a.State, a.Intensity, a.Blend, a.OccurredAt, a.TimeZone, a.LocalDate, a.Visibility, a.Note), (b.State, b.Intensity, b.Blend, b.OccurredAt, b.TimeZone, b.LocalDate, b.Visibility, b.Note));
            Assert.Equal(a.Emotions, b.Emotions);
            Assert.Equal(a.Body, b.Body);
            Assert.Equal(a.Context.Who ?? [], b.Context.Who ?? []);
            Assert.Equal(a.Context.Triggers ?? [], b.Context.Triggers ?? []);
            Assert.Equal(a.Scales, b.Scales);
        }
        Assert.Equal(formula + "\nsecond line, with \"quotes\"", copied[0].Note);
    }

    public static TheoryData<string, string> BrokenFiles => new()
    {
        { "occurredAt,state,emotionIds\n2026-12-01T07:00:00Z,connected,calm\n2026-12-01T08:00:00Z,sleepy,calm\n", "Line 3" },
        { "occurredAt,state,emotionIds\n2026-12-01T07:00:00Z,connected,calm\nyesterday,connected,calm\n", "Line 3" },
        { "occurredAt,state,emotionIds,intensity\n2026-12-01T07:00:00Z,connected,calm,eleven\n", "Line 2" },
        { "occurredAt,state,emotionIds\n2026-12-01T07:00:00Z,connected,not-a-word\n", "Line 2" },
        { "occurredAt,state\n2026-12-01T07:00:00Z,connected\n", "emotionIds" },
        { "\u0000\u0001\u0002PK\u0003\u0004 binary", "columns" },
        { "occurredAt,state,emotionIds\n\"2026-12-01T07:00:00Z,connected,calm\n", "" },
    };

    [Theory, MemberData(nameof(BrokenFiles))]
    public async Task A_broken_import_says_where_and_stores_nothing(string csv, string mentions)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(DatabaseProvider.Sqlite);
        var (_, client) = await TestUsers.SignedInAsync(factory);

        using var response = await client.PostAsync("/api/v1/checkins/import", new StringContent(csv, Encoding.UTF8, "text/csv"));

        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(text);
        var detail = problem.RootElement.GetProperty("detail").GetString() ?? "";
        if (mentions.StartsWith("Line ", StringComparison.Ordinal))
        {
            Assert.Equal(int.Parse(mentions[5..], System.Globalization.CultureInfo.InvariantCulture), problem.RootElement.GetProperty("line").GetInt32());
        }
        else
        {
            Assert.Contains(mentions, detail, StringComparison.Ordinal);
        }
        Assert.Empty((await client.GetFromJsonAsync<List<CheckInDto>>("/api/v1/checkins", Json))!);
    }

    [Fact]
    public async Task Import_takes_csv_only_and_export_knows_its_formats()
    {
        await using var factory = await AttuneWebFactory.CreateAsync(DatabaseProvider.Sqlite);
        var (_, client) = await TestUsers.SignedInAsync(factory);

        using var json = await client.PostAsync("/api/v1/checkins/import", new StringContent("[]", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, json.StatusCode);
        using var xml = await client.GetAsync("/api/v1/checkins/export?format=xml");
        Assert.Equal(HttpStatusCode.BadRequest, xml.StatusCode);
        using var empty = await client.GetAsync("/api/v1/checkins/export");
        Assert.StartsWith("id,occurredAt", await empty.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("=1+1", "'=1+1")]
    [InlineData("+44 20", "'+44 20")]
    [InlineData("-3", "'-3")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tTab", "'\tTab")]
    [InlineData("plain", "plain")]
    [InlineData("'quoted", "'quoted")]
    [InlineData("", "")]
    public void Safe_defuses_formula_cells_and_Unsafe_restores_them(string cell, string written)
    {
        Assert.Equal(written, CheckInTransfer.Safe(cell));
        Assert.Equal(cell, CheckInTransfer.Unsafe(CheckInTransfer.Safe(cell)));
    }
}
