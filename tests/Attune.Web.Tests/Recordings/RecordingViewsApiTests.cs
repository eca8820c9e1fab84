using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Attune.TestSupport;
using Attune.Web.Data;
using Attune.Web.Features.Recordings;
using Attune.Web.Features.Sharing;
using Attune.Web.Tests.Infrastructure;
using Attune.Web.Tests.Sharing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Attune.Web.Tests.Recordings;

/// <summary>The interactive views (series, windows, segments, ECG) and hand edits of an ECG's beats, through the API.</summary>
public sealed class RecordingViewsApiTests
{
    [Theory, ClassData(typeof(Providers))]
    public async Task Series_gives_every_beat_of_a_range_and_buckets_a_long_one(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        var (_, client) = await TestUsers.SignedInAsync(factory);
        var recording = await TestRecordings.UploadAsync(client);

        var all = (await client.GetFromJsonAsync<SeriesDto>($"/api/v1/recordings/{recording.Id}/series"))!;
        Assert.Equal(600, all.BeatCount);
        Assert.False(all.Bucketed);
        Assert.Equal(all.TimesS.Length, all.RrMs!.Length);
        Assert.Equal(60000 / all.RrMs[10], all.HrBpm[10], 1);

        var part = (await client.GetFromJsonAsync<SeriesDto>($"/api/v1/recordings/{recording.Id}/series?from=100&to=200"))!;
        Assert.Equal((100, 200), (part.FromS, part.ToS));
        Assert.All(part.TimesS, t => Assert.InRange(t, 100, 200));
        Assert.InRange(part.BeatCount, 110, 140);
        Assert.Equal(all.TimesS.Count(t => t is >= 100 and <= 200), part.BeatCount);

        var coarse = (await client.GetFromJsonAsync<SeriesDto>($"/api/v1/recordings/{recording.Id}/series?points=100"))!;
        Assert.True(coarse.Bucketed);
        Assert.InRange(coarse.TimesS.Length, 50, 100);
        Assert.Equal(all.RrMs.Max(), coarse.RrMs!.Max());
        Assert.Equal(all.RrMs.Min(), coarse.RrMs!.Min());

        using var reversed = await client.GetAsync($"/api/v1/recordings/{recording.Id}/series?from=200&to=100");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, reversed.StatusCode);
        Assert.Equal("application/problem+json", reversed.Content.Headers.ContentType?.MediaType);
        using var notANumber = await client.GetAsync($"/api/v1/recordings/{recording.Id}/series?from=soon");
        Assert.Equal(HttpStatusCode.BadRequest, notANumber.StatusCode);
    }

    [Theory, ClassData(typeof(Providers))]
    public async Task A_window_is_analysed_beside_the_whole_recording(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        var (_, client) = await TestUsers.SignedInAsync(factory);
        var recording = await TestRecordings.UploadAsync(client);
        var analysis = (await client.GetFromJsonAsync<RecordingAnalysisDto>($"/api/v1/recordings/{recording.Id}/analysis"))!;

        var first = (await client.GetFromJsonAsync<WindowDto>($"/api/v1/recordings/{recording.Id}/window?preset=first5"))!;
        Assert.Equal("First 5 minutes", first.Label);
        Assert.Equal(300, first.ToS - first.FromS, 3);
        Assert.InRange(first.BeatCount, 340, 400);
        Assert.Equal(analysis.Measure("RMSSD"), first.Whole.Single(m => m.Name == "RMSSD").Value);
        var partRmssd = first.Measures.Single(m => m.Name == "RMSSD").Value!.Value;
        Assert.NotEqual(analysis.Measure("RMSSD")!.Value, partRmssd, 6);

        var custom = (await client.GetFromJsonAsync<WindowDto>($"/api/v1/recordings/{recording.Id}/window?from=60&to=180"))!;
        Assert.Equal((60, 180), (custom.FromS, custom.ToS));
        Assert.Equal("1:00 to 3:00", custom.Label);

        foreach (var bad in (string[])["?preset=lunch", "", "?from=10", "?from=400&to=300", "?from=10&to=11", "?preset=night"])
        {
            using var response = await client.GetAsync($"/api/v1/recordings/{recording.Id}/window{bad}");
            Assert.True(response.StatusCode == HttpStatusCode.UnprocessableEntity, $"{bad} gave {(int)response.StatusCode}");
            using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.False(string.IsNullOrWhiteSpace(problem.RootElement.GetProperty("detail").GetString()));
        }
    }

    [Theory, ClassData(typeof(Providers))]
    public async Task Segments_cut_the_recording_into_equal_parts(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        var (_, client) = await TestUsers.SignedInAsync(factory);
        var recording = await TestRecordings.UploadAsync(client);

        var segments = (await client.GetFromJsonAsync<SegmentsDto>($"/api/v1/recordings/{recording.Id}/segments?lengthS=60"))!;
        Assert.Equal(Math.Floor(recording.DurationSeconds / 60), segments.Segments.Count);
        Assert.All(segments.Segments, s => Assert.Equal(60, s.ToS - s.FromS, 6));
        Assert.All(segments.Segments, s => Assert.InRange(s.MeanHrBpm!.Value, 65, 85));

        using var tooShort = await client.GetAsync($"/api/v1/recordings/{recording.Id}/segments?lengthS=5");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, tooShort.StatusCode);
    }

    [Theory, ClassData(typeof(Providers))]
    public async Task Removing_and_adding_beats_by_hand_changes_the_analysis_and_undoing_restores_it(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        var (_, client) = await TestUsers.SignedInAsync(factory);
        var id = await UploadEcgAsync(client);
        var before = (await client.GetFromJsonAsync<RecordingAnalysisDto>($"/api/v1/recordings/{id}/analysis"))!;
        var stretch = (await client.GetFromJsonAsync<EcgWindowDto>($"/api/v1/recordings/{id}/ecg?from=20&to=30"))!;
        Assert.True(stretch.CanEdit);
        Assert.InRange(stretch.Beats.Count, 6, 20);
        Assert.All(stretch.TimesS, t => Assert.InRange(t, 20, 30));
        var beat = stretch.Beats[3];

        var removed = await EditAsync(client, id, "remove", beat.TimeS + 0.05);
        Assert.Equal(("remove", beat.TimeS, 0, 1), (removed.Action, removed.TimeS, removed.Added, removed.Removed));
        var fewer = (await client.GetFromJsonAsync<RecordingAnalysisDto>($"/api/v1/recordings/{id}/analysis"))!;
        Assert.Equal(new HandEditsDto(0, 1), fewer.HandEdits);
        // A true beat removed leaves a long interval, which automatic correction then fills as a missed beat, and
        // numbers that differ a little from the detector's.
        Assert.True(fewer.Artifacts!.Missed > before.Artifacts!.Missed, $"{before.Artifacts} then {fewer.Artifacts}");
        Assert.NotEqual(before.Measure("RMSSD")!.Value, fewer.Measure("RMSSD")!.Value, 9);
        var after = (await client.GetFromJsonAsync<EcgWindowDto>($"/api/v1/recordings/{id}/ecg?from=20&to=30"))!;
        Assert.Equal(stretch.Beats.Count - 1, after.Beats.Count);
        Assert.Equal([beat.TimeS], after.RemovedS);

        // Putting the detected beat back undoes the removal instead of stacking a second edit.
        var restored = await EditAsync(client, id, "add", beat.TimeS + 0.02);
        Assert.Equal((beat.TimeS, 0, 0), (restored.TimeS, restored.Added, restored.Removed));
        var back = (await client.GetFromJsonAsync<RecordingAnalysisDto>($"/api/v1/recordings/{id}/analysis"))!;
        Assert.Equal((before.BeatCount, before.Measure("RMSSD"), before.Artifacts), (back.BeatCount, back.Measure("RMSSD"), back.Artifacts));

        var between = (stretch.Beats[4].TimeS + stretch.Beats[5].TimeS) / 2;
        var added = await EditAsync(client, id, "add", between);
        Assert.Equal((1, 0), (added.Added, added.Removed));
        var more = (await client.GetFromJsonAsync<RecordingAnalysisDto>($"/api/v1/recordings/{id}/analysis"))!;
        Assert.Equal(new HandEditsDto(1, 0), more.HandEdits);
        // A beat added between two true ones is an extra beat to automatic correction, which takes it out again:
        // the correction counts change, the measures stay the detector's.
        Assert.NotEqual(before.Artifacts, more.Artifacts);
        Assert.Equal(before.Measure("RMSSD")!.Value, more.Measure("RMSSD")!.Value, 9);
        Assert.Contains((await client.GetFromJsonAsync<EcgWindowDto>($"/api/v1/recordings/{id}/ecg?from=20&to=30"))!.Beats, b => b.Added);

        using var twice = await client.PostAsJsonAsync($"/api/v1/recordings/{id}/beat-edits", new BeatEditRequest("add", added.TimeS));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, twice.StatusCode);
        using var nothingThere = await client.PostAsJsonAsync($"/api/v1/recordings/{id}/beat-edits", new BeatEditRequest("remove", (stretch.Beats[6].TimeS + stretch.Beats[7].TimeS) / 2));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, nothingThere.StatusCode);
        using var outside = await client.PostAsJsonAsync($"/api/v1/recordings/{id}/beat-edits", new BeatEditRequest("add", 1e6));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, outside.StatusCode);
        using var unknown = await client.PostAsJsonAsync($"/api/v1/recordings/{id}/beat-edits", new BeatEditRequest("move", 25));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, unknown.StatusCode);

        using var undo = await client.DeleteAsync($"/api/v1/recordings/{id}/beat-edits");
        Assert.Equal(HttpStatusCode.NoContent, undo.StatusCode);
        var again = (await client.GetFromJsonAsync<RecordingAnalysisDto>($"/api/v1/recordings/{id}/analysis"))!;
        Assert.Equal(before.BeatCount, again.BeatCount);
        Assert.Equal(before.Measure("RMSSD"), again.Measure("RMSSD"));
        Assert.Equal(new HandEditsDto(0, 0), again.HandEdits);
    }

    [Theory, ClassData(typeof(Providers))]
    public async Task A_beat_edit_raises_the_content_version_so_the_analysis_tag_changes_and_the_new_numbers_are_served(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        var (_, client) = await TestUsers.SignedInAsync(factory);
        var id = await UploadEcgAsync(client);
        var url = $"/api/v1/recordings/{id}/analysis";
        using var before = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        var tag = before.Headers.ETag!.Tag;
        Assert.Equal(1, await ContentVersionAsync(factory, id));
        var stretch = (await client.GetFromJsonAsync<EcgWindowDto>($"/api/v1/recordings/{id}/ecg?from=20&to=30"))!;

        await EditAsync(client, id, "remove", stretch.Beats[3].TimeS);
        Assert.Equal(2, await ContentVersionAsync(factory, id));
        using var edited = await GetIfNoneMatchAsync(client, url, tag);
        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        var editedTag = edited.Headers.ETag!.Tag;
        Assert.NotEqual(tag, editedTag);
        var fewer = (await edited.Content.ReadFromJsonAsync<RecordingAnalysisDto>())!;
        Assert.Equal(new HandEditsDto(0, 1), fewer.HandEdits);
        using var unchanged = await GetIfNoneMatchAsync(client, url, editedTag);
        Assert.Equal(HttpStatusCode.NotModified, unchanged.StatusCode);

        await EditAsync(client, id, "add", (stretch.Beats[5].TimeS + stretch.Beats[6].TimeS) / 2);
        Assert.Equal(3, await ContentVersionAsync(factory, id));
        using var added = await GetIfNoneMatchAsync(client, url, editedTag);
        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        Assert.Equal(new HandEditsDto(1, 1), (await added.Content.ReadFromJsonAsync<RecordingAnalysisDto>())!.HandEdits);

        using var undo = await client.DeleteAsync($"/api/v1/recordings/{id}/beat-edits");
        Assert.Equal(HttpStatusCode.NoContent, undo.StatusCode);
        Assert.Equal(4, await ContentVersionAsync(factory, id));
        using var undone = await GetIfNoneMatchAsync(client, url, added.Headers.ETag!.Tag);
        Assert.Equal(HttpStatusCode.OK, undone.StatusCode);
        Assert.Equal(new HandEditsDto(0, 0), (await undone.Content.ReadFromJsonAsync<RecordingAnalysisDto>())!.HandEdits);
    }

    [Theory, ClassData(typeof(Providers))]
    public async Task Someone_it_is_shared_with_sees_the_edited_beats_but_cannot_edit(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        var (_, owner) = await TestUsers.SignedInAsync(factory);
        var (grantee, granteeClient) = await TestUsers.SignedInAsync(factory);
        var id = await UploadEcgAsync(owner);
        await TestSharing.ShareAsync(owner, grantee, granteeClient, "recordings");
        var stretch = (await owner.GetFromJsonAsync<EcgWindowDto>($"/api/v1/recordings/{id}/ecg?from=20&to=30"))!;
        await EditAsync(owner, id, "remove", stretch.Beats[2].TimeS);

        var seen = (await granteeClient.GetFromJsonAsync<EcgWindowDto>($"/api/v1/recordings/{id}/ecg?from=20&to=30"))!;
        Assert.False(seen.CanEdit);
        Assert.Equal(1, seen.Removed);
        using var edit = await granteeClient.PostAsJsonAsync($"/api/v1/recordings/{id}/beat-edits", new BeatEditRequest("remove", stretch.Beats[3].TimeS));
        Assert.Equal(HttpStatusCode.NotFound, edit.StatusCode);
        using var undo = await granteeClient.DeleteAsync($"/api/v1/recordings/{id}/beat-edits");
        Assert.Equal(HttpStatusCode.NotFound, undo.StatusCode);
        Assert.Equal(1, (await owner.GetFromJsonAsync<EcgWindowDto>($"/api/v1/recordings/{id}/ecg?from=20&to=30"))!.Removed);
    }

    [Theory, ClassData(typeof(Providers))]
    public async Task An_EDF_file_is_read_as_ECG_from_its_ECG_signal_and_asks_which_when_unclear(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        var (_, client) = await TestUsers.SignedInAsync(factory);

        using var upload = await PostEdfAsync(client, Edf("ECG I"), "");
        Assert.True(upload.StatusCode == HttpStatusCode.Created, await upload.Content.ReadAsStringAsync());
        var recording = (await upload.Content.ReadFromJsonAsync<RecordingDto>())!;
        Assert.Equal(("ecg", 100.0), (recording.Kind, recording.SampleRateHz));
        var analysis = (await client.GetFromJsonAsync<RecordingAnalysisDto>($"/api/v1/recordings/{recording.Id}/analysis"))!;
        Assert.InRange(analysis.Measure("MeanHR")!.Value, 40, 120);

        using var unclear = await PostEdfAsync(client, Edf("Lead 2"), "");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, unclear.StatusCode);
        using var problem = JsonDocument.Parse(await unclear.Content.ReadAsStringAsync());
        var channels = problem.RootElement.GetProperty("channels").EnumerateArray().Select(c => c.GetString()).ToList();
        Assert.Contains("Lead 2", channels);

        using var chosen = await PostEdfAsync(client, Edf("Lead 2"), "?channel=Lead%202");
        Assert.Equal(HttpStatusCode.Created, chosen.StatusCode);
        Assert.Equal(2, await TestRecordings.CountAsync(factory));
    }

    private static byte[] Edf(string label)
    {
        var lines = File.ReadAllLines(ReferenceDataFiles.Require("ecg/bio_resting_5min_100hz.ecg.csv"));
        var mv = lines.Skip(1).Select(l => double.Parse(l, CultureInfo.InvariantCulture)).ToArray();
        var resp = new EdfTestSignal("Resp", 25, -100, 100, -32768, 32767, i => (short)(i % 100));
        var ecg = new EdfTestSignal(label, 100, -5, 5, -32768, 32767, i => (short)Math.Round((mv[i] + 5) / 10 * 65535 - 32768));
        return EdfFiles.Build([resp, ecg], records: mv.Length / 100, recordDurationS: 1, reserved: "EDF+C");
    }

    private static async Task<HttpResponseMessage> PostEdfAsync(HttpClient client, byte[] bytes, string query)
    {
        using var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new("application/octet-stream");
        content.Headers.Add("X-File-Name", "night.edf");
        return await client.PostAsync("/api/v1/recordings" + query, content);
    }

    private static async Task<Guid> UploadEcgAsync(HttpClient client)
    {
        using var content = new ByteArrayContent(await File.ReadAllBytesAsync(ReferenceDataFiles.Require("ecg/bio_resting_5min_100hz.ecg.csv")));
        content.Headers.ContentType = new("text/csv");
        using var upload = await client.PostAsync("/api/v1/recordings?kind=ecg&sampleRateHz=100", content);
        Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        return (await upload.Content.ReadFromJsonAsync<RecordingDto>())!.Id;
    }

    private static async Task<int> ContentVersionAsync(AttuneWebFactory factory, Guid id)
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AttuneDb>();
        return await Access.Unchecked<Recording>(db).Where(r => r.Id == id).Select(r => r.ContentVersion).SingleAsync();
    }

    private static async Task<HttpResponseMessage> GetIfNoneMatchAsync(HttpClient client, string url, string tag)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.TryAddWithoutValidation("If-None-Match", tag);
        return await client.SendAsync(request);
    }

    private static async Task<BeatEditResultDto> EditAsync(HttpClient client, Guid id, string action, double timeS)
    {
        using var response = await client.PostAsJsonAsync($"/api/v1/recordings/{id}/beat-edits", new BeatEditRequest(action, timeS));
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<BeatEditResultDto>())!;
    }
}
