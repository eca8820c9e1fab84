using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Attune.Web.Features.Recordings;
using Attune.Web.Tests.Infrastructure;

namespace Attune.Web.Tests.Recordings;

public sealed class RecordingsBadInputTests(SharedApps apps) : IClassFixture<SharedApps>
{
    public static TheoryData<DatabaseProvider, string> BadFiles()
    {
        var data = new TheoryData<DatabaseProvider, string>();
        DatabaseProvider[] providers = TestEnvironment.PostgresAvailable ? [DatabaseProvider.Sqlite, DatabaseProvider.Postgres] : [DatabaseProvider.Sqlite];
        foreach (var provider in providers)
        {
            foreach (var name in Files.Keys)
            {
                data.Add(provider, name);
            }
        }
        return data;
    }

    private static readonly Dictionary<string, (byte[] Body, int? Line)> Files = new()
    {
        ["empty"] = ([], null),
        ["header only"] = ("rr_ms\n"u8.ToArray(), null),
        ["binary renamed .csv"] = ([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52], null),
        ["NaN"] = ("rr_ms\n800\n812\nNaN\n790\n"u8.ToArray(), 4),
        ["negative interval"] = ("rr_ms\n800\n-812\n790\n"u8.ToArray(), 3),
        ["times going backwards"] = ("t_s,rr_ms\n0.8,800\n1.6,800\n1.2,790\n"u8.ToArray(), 4),
    };

    [Theory, MemberData(nameof(BadFiles))]
    public async Task A_bad_file_is_a_400_problem_naming_the_line_and_stores_nothing(DatabaseProvider provider, string file)
    {
        var factory = await apps.ForAsync(provider);
        var (_, client) = await TestUsers.SignedInAsync(factory);
        var (body, line) = Files[file];
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new("text/csv");

        content.Headers.Add("X-File-Name", "data.csv");
        using var response = await client.PostAsync("/api/v1/recordings?kind=rr", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var detail = problem.RootElement.GetProperty("detail").GetString()!;
        Assert.False(string.IsNullOrWhiteSpace(detail));
        if (line is int n)
        {
            Assert.StartsWith($"Line {n}:", detail, StringComparison.Ordinal);
            Assert.Equal(n, problem.RootElement.GetProperty("line").GetInt32());
        }
        Assert.Equal(0, await TestRecordings.CountAsync(factory));
    }

    [Theory, ClassData(typeof(Providers))]
    public async Task A_declared_body_over_30_MB_is_a_413_problem_and_stores_nothing(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        var (_, client) = await TestUsers.SignedInAsync(factory);
        var body = new byte[RecordingsApi.MaxUploadBodyBytes + 1];
        body.AsSpan().Fill((byte)'8');
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new("text/csv");

        using var response = await client.PostAsync("/api/v1/recordings?kind=rr", content);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(0, await TestRecordings.CountAsync(factory));
    }

    [Theory, ClassData(typeof(Providers))]
    public async Task A_file_over_30_MB_sent_without_a_length_is_a_413_problem_and_stores_nothing(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        var (_, client) = await TestUsers.SignedInAsync(factory);
        var body = new byte[RecordingFiles.MaxBytes + 1];
        body.AsSpan().Fill((byte)'8');
        using var content = new StreamContent(new NoLengthStream(body));
        content.Headers.ContentType = new("text/csv");

        using var response = await client.PostAsync("/api/v1/recordings?kind=rr", content);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(0, await TestRecordings.CountAsync(factory));
    }

    [Theory, ClassData(typeof(Providers))]
    public async Task Decimal_commas_with_semicolons_are_read_as_decimals(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        var (_, client) = await TestUsers.SignedInAsync(factory);
        var csv = "t_s;rr_ms\n0,8125;812,5\n1,6025;790,0\n2,4075;805,0\n3,2200;812,5\n";

        var created = await TestRecordings.UploadAsync(client, csv);

        Assert.Equal(4, created.PointCount);
        var analysis = await client.GetFromJsonAsync<RecordingAnalysisDto>($"/api/v1/recordings/{created.Id}/analysis");
        Assert.Equal(812.5, analysis!.Tachogram.Values[0], 6);
        Assert.Equal((812.5 + 790 + 805 + 812.5) / 4, analysis.Measure("MeanNN")!.Value, 6);
    }

    [Theory, ClassData(typeof(Providers))]
    public async Task Wrong_details_are_validation_problems_and_store_nothing(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        var (_, client) = await TestUsers.SignedInAsync(factory);
        var csv = TestRecordings.RrCsv(50);

        using var unknownKind = await TestRecordings.PostRawAsync(client, csv, "?kind=blood-pressure");
        using var longName = await TestRecordings.PostRawAsync(client, csv, name: new string('a', 101));
        using var ecgWithoutRate = await TestRecordings.PostRawAsync(client, "ecg\n0.1\n0.2\n", "?kind=ecg");
        using var ecgAbsurdRate = await TestRecordings.PostRawAsync(client, "ecg\n0.1\n0.2\n", "?kind=ecg&sampleRateHz=5");
        using var notText = await TestRecordings.PostRawAsync(client, csv, "?kind=rr", "application/json");

        Assert.Equal(HttpStatusCode.BadRequest, unknownKind.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, longName.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, ecgWithoutRate.StatusCode);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, notText.StatusCode);
        Assert.Contains("sampleRateHz", await ecgWithoutRate.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("sampleRateHz", await ecgAbsurdRate.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await TestRecordings.CountAsync(factory));
    }

    /// <summary>A stream that hides its length, so the client sends the body chunked with no Content-Length.</summary>
    private sealed class NoLengthStream(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;
    }
}
