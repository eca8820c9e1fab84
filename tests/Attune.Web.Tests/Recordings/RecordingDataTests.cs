using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Attune.Analysis.Artifacts;
using Attune.Analysis.Hrv;
using Attune.Analysis.Series;
using Attune.TestSupport;
using Attune.Web.Data;
using Attune.Web.Features.Recordings;
using Attune.Web.Features.Sharing;
using Attune.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Attune.Web.Tests.Recordings;

public sealed class RecordingDataTests(ITestOutputHelper output)
{
    private const string Ltdb = "rr/ltdb_14046_24h.rr.csv";

    [Theory, ClassData(typeof(Providers))]
    public async Task The_24_hour_recording_gives_the_same_RMSSD_as_the_analysis_library(DatabaseProvider provider)
    {
        var path = ReferenceDataFiles.Require(Ltdb);
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        var user = await TestUsers.CreateAsync(factory);
        using var api = await TestUsers.WithAccessTokenAsync(factory, user);
        using var content = new ByteArrayContent(await File.ReadAllBytesAsync(path));
        content.Headers.ContentType = new("text/csv");
        content.Headers.Add("X-Recording-Name", "Holter");
        content.Headers.Add("X-File-Name", "ltdb_14046_24h.rr.csv");
        using var upload = await api.PostAsync("/api/v1/recordings?kind=rr", content);
        Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        var recording = (await upload.Content.ReadFromJsonAsync<RecordingDto>())!;
        Assert.Equal(115_277, recording.PointCount);

        var cold = Stopwatch.StartNew();
        var analysis = (await api.GetFromJsonAsync<RecordingAnalysisDto>($"/api/v1/recordings/{recording.Id}/analysis"))!;
        cold.Stop();
        var warm = Stopwatch.StartNew();
        var again = (await api.GetFromJsonAsync<RecordingAnalysisDto>($"/api/v1/recordings/{recording.Id}/analysis"))!;
        warm.Stop();

        var direct = HrvAnalyzer.Analyze(LipponenTarvainen.Correct(RrSeries.FromIntervals(ReadRrMs(path))).Corrected);
        Assert.Equal(direct.TimeDomain!.RmssdMs, analysis.Measure("RMSSD")!.Value, 9);
        Assert.Equal(direct.TimeDomain.SdnnMs, analysis.Measure("SDNN")!.Value, 9);
        Assert.Equal(direct.FrequencyDomain!.HfMs2!.Value, analysis.Measure("HF")!.Value, 6);
        Assert.Equal(analysis.Measure("RMSSD"), again.Measure("RMSSD"));
        Assert.True(analysis.Tachogram.TimesS.Length <= 1200);
        Assert.True(analysis.Poincare!.RrNMs.Length <= 3000);
        output.WriteLine($"24-h analysis: {analysis.AnalysisMs:0} ms inside the app; first request {cold.ElapsedMilliseconds} ms, cached {warm.ElapsedMilliseconds} ms");
    }

    [Fact]
    public async Task An_irregular_rhythm_is_said_plainly_and_its_high_rate_stretches_are_not_called_flooding()
    {
        await using var factory = await AttuneWebFactory.CreateAsync(DatabaseProvider.Sqlite);
        var (_, client) = await TestUsers.SignedInAsync(factory);
        var irregular = await UploadAsync(client, "rr/ltdb_14149_24h.rr.csv");
        var regular = await UploadAsync(client, Ltdb);

        var a = (await client.GetFromJsonAsync<RecordingAnalysisDto>($"/api/v1/recordings/{irregular}/analysis"))!;
        var b = (await client.GetFromJsonAsync<RecordingAnalysisDto>($"/api/v1/recordings/{regular}/analysis"))!;

        Assert.True(a.Rhythm!.Flagged);
        Assert.Contains("calm", a.Rhythm.Reading!, StringComparison.Ordinal);
        Assert.True(a.Rhythm.IrregularPercent > 50);
        Assert.True(a.FloodingWithheld.Count > a.Flooding.Count, $"{a.FloodingWithheld.Count} withheld, {a.Flooding.Count} kept");
        Assert.Contains(a.Coherence, p => p.CoherenceRatio is null);
        Assert.False(b.Rhythm!.Flagged);
        Assert.Null(b.Rhythm.Reading);
        var page = await client.GetStringAsync($"/insights/recordings/{irregular}");
        Assert.Contains("An irregular rhythm", page, StringComparison.Ordinal);
        Assert.Contains("not how calm or stressed you were", page, StringComparison.Ordinal);
        Assert.DoesNotContain("An irregular rhythm", await client.GetStringAsync($"/insights/recordings/{regular}"), StringComparison.Ordinal);
    }

    private static async Task<Guid> UploadAsync(HttpClient client, string reference)
    {
        using var content = new ByteArrayContent(await File.ReadAllBytesAsync(ReferenceDataFiles.Require(reference)));
        content.Headers.ContentType = new("text/csv");
        using var upload = await client.PostAsync("/api/v1/recordings?kind=rr", content);
        Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        return (await upload.Content.ReadFromJsonAsync<RecordingDto>())!.Id;
    }

    [Theory, ClassData(typeof(Providers))]
    public async Task An_ecg_file_with_its_sample_rate_is_analysed_from_its_R_peaks(DatabaseProvider provider)
    {
        var path = ReferenceDataFiles.Require("ecg/bio_resting_5min_100hz.ecg.csv");
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        var (_, client) = await TestUsers.SignedInAsync(factory);
        using var content = new ByteArrayContent(await File.ReadAllBytesAsync(path));
        content.Headers.ContentType = new("text/csv");

        using var upload = await client.PostAsync("/api/v1/recordings?kind=ecg&sampleRateHz=100", content);

        Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        var recording = (await upload.Content.ReadFromJsonAsync<RecordingDto>())!;
        Assert.Equal(100, recording.SampleRateHz);
        var analysis = (await client.GetFromJsonAsync<RecordingAnalysisDto>($"/api/v1/recordings/{recording.Id}/analysis"))!;
        Assert.InRange(analysis.BeatCount, 200, 600);
        Assert.InRange(analysis.Measure("MeanHR")!.Value, 40, 120);
        Assert.NotNull(analysis.Measure("RMSSD"));
    }

    [Theory, ClassData(typeof(Providers))]
    public async Task A_heart_rate_file_shows_flooding_but_no_beat_to_beat_measures(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        var (_, client) = await TestUsers.SignedInAsync(factory);
        var csv = new System.Text.StringBuilder("t_s,bpm\n");
        for (var t = 0; t < 1800; t++)
        {
            // Calm, then five minutes well above 100 bpm, then calm again.
            var bpm = t is >= 600 and < 900 ? 118 : 72 + 3 * Math.Sin(t / 10.0);
            csv.Append(System.Globalization.CultureInfo.InvariantCulture, $"{t},{bpm:0.0}\n");
        }

        using var upload = await TestRecordings.PostRawAsync(client, csv.ToString(), "?kind=heart-rate", name: "Hard talk");

        Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        var recording = (await upload.Content.ReadFromJsonAsync<RecordingDto>())!;
        Assert.Equal(("heart-rate", 1800), (recording.Kind, recording.PointCount));
        var analysis = (await client.GetFromJsonAsync<RecordingAnalysisDto>($"/api/v1/recordings/{recording.Id}/analysis"))!;
        var flooding = Assert.Single(analysis.Flooding);
        Assert.InRange(flooding.StartS, 590, 620);
        Assert.InRange(flooding.DurationS, 250, 330);
        Assert.Null(analysis.Measure("RMSSD"));
        Assert.NotNull(analysis.Measure("MeanHR"));
        var page = await client.GetStringAsync($"/insights/recordings/{recording.Id}");
        Assert.Contains(">Heart rate over time</title>", page, StringComparison.Ordinal);
        Assert.Contains("1 time", page, StringComparison.Ordinal);
        // Flooding found in one's own recording suggests the Together break.
        Assert.Contains("data-testid=\"flooding-break\"", page, StringComparison.Ordinal);
        Assert.Contains("href=\"/together#flooded-heading\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain(">Tachogram", page, StringComparison.Ordinal);
    }

    [Theory, ClassData(typeof(Providers))]
    public async Task Deleting_the_account_erases_its_recordings(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        var (user, client) = await TestUsers.SignedInAsync(factory);
        await TestRecordings.UploadAsync(client);
        await TestRecordings.UploadAsync(client, name: "Second");
        var (_, other) = await TestUsers.SignedInAsync(factory);
        await TestRecordings.UploadAsync(other, name: "Someone else's");

        var token = await client.GetAntiforgeryTokenAsync("/settings/delete");
        using var delete = await client.PostAsync("/settings/delete", new FormUrlEncodedContent(
        [
            new("password", TestUsers.Password),
            new(Antiforgery.FieldName, token),
        ]));

        Assert.Equal(HttpStatusCode.Redirect, delete.StatusCode);
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AttuneDb>();
        Assert.False(await Access.Unchecked<Recording>(db).AnyAsync(r => r.OwnerId == user.Id));
        Assert.Equal(1, await Access.Unchecked<Recording>(db).CountAsync());
    }

    private static double[] ReadRrMs(string path) =>
        File.ReadLines(path).Skip(1).Select(l => double.Parse(l, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
}
