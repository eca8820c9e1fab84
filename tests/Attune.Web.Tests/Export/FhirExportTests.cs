using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Attune.Web.Features.Export;
using Attune.Web.Tests.Infrastructure;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;

namespace Attune.Web.Tests.Export;

public sealed class FhirExportTests
{
    /// <summary>Strict: every element must be known to FHIR R4, of the right type and cardinality, or reading fails.</summary>
    private static readonly JsonSerializerOptions Strict = new JsonSerializerOptions().ForFhir(ModelInfo.ModelInspector).UsingMode(DeserializationMode.Strict);

    [Fact]
    public async System.Threading.Tasks.Task Fhir_export_is_a_valid_R4_bundle_with_heart_rate_and_hrv_observations_for_the_person()
    {
        await using var factory = await AttuneWebFactory.CreateAsync(DatabaseProvider.Sqlite);
        var me = await TestPeople.FilledAsync(factory);
        using (var measure = await me.Client.PostAsJsonAsync("/api/v1/measures/gad7", new { answers = new[] { 1, 2, 0, 3, 1, 0, 2 } }))
        {
            Assert.Equal(HttpStatusCode.Created, measure.StatusCode);
        }

        using var response = await me.Client.GetAsync("/api/v1/me/export?format=fhir");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/fhir+json", response.Content.Headers.ContentType?.MediaType);
        var bundle = JsonSerializer.Deserialize<Bundle>(await response.Content.ReadAsStringAsync(), Strict)!;
        Assert.Equal(Bundle.BundleType.Collection, bundle.Type);
        AssertReferencesResolve(bundle);
        var patient = Assert.Single(bundle.Entry, e => e.Resource is Patient);
        Assert.Empty(((Patient)patient.Resource!).Name);
        var observations = bundle.Entry.Select(e => e.Resource).OfType<Observation>().Where(o => o.Category.Any(c => c.Coding.Any(x => x.Code == "vital-signs"))).ToList();
        Assert.Equal(3, observations.Count);
        var heartRate = Assert.Single(observations, o => o.Code!.Coding.Any(c => c.System == "http://loinc.org" && c.Code == "8867-4"));
        var bpm = (Quantity)heartRate.Value!;
        Assert.Equal("/min", bpm.Code);
        Assert.Equal("http://unitsofmeasure.org", bpm.System);
        // The synthetic recording beats about every 800 ms: about 75 beats a minute.
        Assert.InRange(bpm.Value!.Value, 70m, 80m);
        Assert.Equal(patient.FullUrl, heartRate.Subject!.Reference);
        Assert.Equal("vital-signs", heartRate.Category.Single()!.Coding.Single()!.Code);
        var sdnn = Assert.Single(observations, o => o.Code!.Coding.Any(c => c.Code == "80404-7"));
        Assert.Equal("ms", ((Quantity)sdnn.Value!).Code);
        Assert.Contains(observations, o => o.Code!.Coding.Any(c => c.Code == "hrv-rmssd"));
        var period = (Period)heartRate.Effective!;
        Assert.True(period.EndElement!.ToDateTimeOffset(TimeSpan.Zero) > period.StartElement!.ToDateTimeOffset(TimeSpan.Zero));
        // The questionnaire the person filled in, as a completed QuestionnaireResponse with one integer answer per item, and its total.
        var questionnaire = Assert.Single(bundle.Entry.Select(e => e.Resource).OfType<QuestionnaireResponse>());
        Assert.Equal(QuestionnaireResponse.QuestionnaireResponseStatus.Completed, questionnaire.Status);
        Assert.Equal(FhirMapping.Questionnaires["gad7"].Canonical, questionnaire.Questionnaire);
        Assert.Equal(patient.FullUrl, questionnaire.Subject!.Reference);
        Assert.False(string.IsNullOrEmpty(questionnaire.Authored));
        Assert.Equal(new[] { 1, 2, 0, 3, 1, 0, 2 }, questionnaire.Item.Where(i => i.LinkId != "total").Select(i => ((Integer)i.Answer.Single()!.Value!).Value!.Value));
        var total = Assert.Single(bundle.Entry.Select(e => e.Resource).OfType<Observation>(), o => o.Code!.Coding.Any(c => c.Code == "70274-6"));
        Assert.Equal(9m, ((Quantity)total.Value!).Value);
        // Exporting twice gives the same ids for the same observations.
        var second = JsonSerializer.Deserialize<Bundle>(await me.Client.GetStringAsync("/api/v1/me/export?format=fhir"), Strict)!;
        Assert.Equal(bundle.Entry.Skip(1).Select(e => e.FullUrl), second.Entry.Skip(1).Select(e => e.FullUrl));
    }

    [Theory]
    [InlineData("phq9", new[] { 0, 1, 2, 3, 0, 1, 2, 3, 0 }, 12, "44261-6")]
    [InlineData("gad7", new[] { 1, 1, 1, 1, 1, 1, 1 }, 7, "70274-6")]
    [InlineData("who5", new[] { 3, 3, 3, 3, 3 }, 15, "who5-raw-score")]
    [InlineData("csi4", new[] { 5, 4, 4, 6 }, 19, "csi4-total-score")]
    public void QuestionnaireResources_GivenAnswers_ResponseAndTotalReadBackStrictly(string instrument, int[] items, int total, string totalCode)
    {
        var answers = new QuestionnaireAnswers(Guid.CreateVersion7(), instrument, new DateTime(2026, 12, 1, 8, 30, 0, DateTimeKind.Utc), items, total);
        var bundle = new Bundle { Type = Bundle.BundleType.Collection };
        bundle.Entry.Add(new Bundle.EntryComponent { FullUrl = "urn:uuid:" + Guid.Empty.ToString("D"), Resource = new Patient { Id = Guid.Empty.ToString("D") } });
        foreach (var entry in FhirMapping.QuestionnaireResources(answers, bundle.Entry[0].FullUrl!))
        {
            bundle.Entry.Add(new Bundle.EntryComponent { FullUrl = entry.FullUrl, Resource = entry.Resource });
        }

        var read = JsonSerializer.Deserialize<Bundle>(PersonalExport.FhirToJson(bundle), Strict)!;

        AssertReferencesResolve(read);
        var response = Assert.Single(read.Entry.Select(e => e.Resource).OfType<QuestionnaireResponse>());
        Assert.Equal(QuestionnaireResponse.QuestionnaireResponseStatus.Completed, response.Status);
        Assert.Equal(items, response.Item.Where(i => i.LinkId != "total").Select(i => ((Integer)i.Answer.Single()!.Value!).Value!.Value));
        var score = Assert.Single(read.Entry.Select(e => e.Resource).OfType<Observation>());
        Assert.Equal(totalCode, score.Code!.Coding.Single()!.Code);
        Assert.Equal(total, ((Quantity)score.Value!).Value);
    }

    [Fact]
    public void QuestionnaireResources_WrongItemCountOrUnknownInstrument_GivesNothing()
    {
        Assert.Empty(FhirMapping.QuestionnaireResources(new QuestionnaireAnswers(Guid.NewGuid(), "phq9", DateTime.UtcNow, [1, 2], 3), "urn:uuid:x"));
        Assert.Empty(FhirMapping.QuestionnaireResources(new QuestionnaireAnswers(Guid.NewGuid(), "unknown", DateTime.UtcNow, [1], 1), "urn:uuid:x"));
    }

    /// <summary>Every fullUrl is unique and every reference inside the Bundle points at one of them.</summary>
    private static void AssertReferencesResolve(Bundle bundle)
    {
        var urls = bundle.Entry.Select(e => e.FullUrl).ToList();
        Assert.Equal(urls.Count, urls.Distinct().Count());
        foreach (var resource in bundle.Entry.Select(e => e.Resource))
        {
            var references = resource switch
            {
                Observation o => [o.Subject, .. o.DerivedFrom],
                QuestionnaireResponse q => new[] { q.Subject },
                _ => [],
            };
            Assert.All(references, r => Assert.Contains(r!.Reference, urls));
        }
    }
}
