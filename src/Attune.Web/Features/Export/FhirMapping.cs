using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Hl7.Fhir.Model;

namespace Attune.Web.Features.Export;

/// <summary>What the FHIR export needs of one analysed recording.</summary>
public sealed record RecordingSummary(
    Guid Id,
    string Name,
    DateTime Start,
    DateTime End,
    double? MeanHeartRateBpm,
    double? SdnnMs,
    double? RmssdMs,
    bool IrregularRhythm);

/// <summary>One resource of the FHIR export and the address it has inside the Bundle (<c>urn:uuid:…</c>).</summary>
public sealed record FhirEntry(string FullUrl, Resource Resource);

/// <summary>One filled-in questionnaire as the measures feature stores it: its instrument, item scores in order, and total.</summary>
public sealed record QuestionnaireAnswers(Guid Id, string Instrument, DateTime AuthoredAt, IReadOnlyList<int> Items, int Total);

/// <summary>
/// How a questionnaire appears in FHIR: its canonical address, its name, how many items, and the codes of the whole
/// form and of its total score (LOINC where LOINC has them, Attune's own system otherwise).
/// </summary>
public sealed record QuestionnaireCoding(string Instrument, string Canonical, string Title, int ItemCount, Coding Form, Coding Total, int MaxTotal);

/// <summary>
/// Attune's data as FHIR R4 resources (Hl7.Fhir.R4). Codes: LOINC where one exists (heart rate 8867-4, SDNN 80404-7,
/// the PHQ-9 and GAD-7 panels and totals), Attune's own code system otherwise (RMSSD, WHO-5, CSI-4), never a guess.
/// Units are UCUM.
/// </summary>
public static class FhirMapping
{
    public const string Loinc = "http://loinc.org";
    public const string Ucum = "http://unitsofmeasure.org";
    public const string ObservationCategory = "http://terminology.hl7.org/CodeSystem/observation-category";

    /// <summary>Attune's own codes, for what no standard terminology names.</summary>
    public const string AttuneCodes = "urn:attune:fhir:codes";

    public static readonly Coding HeartRate = new(Loinc, "8867-4", "Heart rate");
    public static readonly Coding Sdnn = new(Loinc, "80404-7", "R-R interval.standard deviation (Heart rate variability)");
    public static readonly Coding Rmssd = new(AttuneCodes, "hrv-rmssd", "Root mean square of successive RR-interval differences (Heart rate variability)");

    /// <summary>
    /// Every questionnaire the export knows, in one place: adding a measure to FHIR is one line here (and the measures
    /// stream handing its rows to <see cref="QuestionnaireResources"/>).
    /// </summary>
    public static IReadOnlyDictionary<string, QuestionnaireCoding> Questionnaires { get; } = new[]
    {
        new QuestionnaireCoding("phq9", "http://loinc.org/q/44249-1", "Patient Health Questionnaire 9 item (PHQ-9)", 9,
            new Coding(Loinc, "44249-1", "PHQ-9 quick depression assessment panel"),
            new Coding(Loinc, "44261-6", "Patient Health Questionnaire 9 item (PHQ-9) total score"), 27),
        new QuestionnaireCoding("gad7", "http://loinc.org/q/69737-5", "Generalized anxiety disorder 7 item (GAD-7)", 7,
            new Coding(Loinc, "69737-5", "Generalized anxiety disorder 7 item (GAD-7)"),
            new Coding(Loinc, "70274-6", "Generalized anxiety disorder 7 item (GAD-7) total score"), 21),
        new QuestionnaireCoding("who5", "urn:attune:fhir:questionnaire:who5", "WHO-5 Well-Being Index", 5,
            new Coding(AttuneCodes, "who5", "WHO-5 Well-Being Index"),
            new Coding(AttuneCodes, "who5-raw-score", "WHO-5 Well-Being Index raw score (0-25)"), 25),
        new QuestionnaireCoding("csi4", "urn:attune:fhir:questionnaire:csi4", "Couples Satisfaction Index, 4 items (CSI-4)", 4,
            new Coding(AttuneCodes, "csi4", "Couples Satisfaction Index, 4 items (CSI-4)"),
            new Coding(AttuneCodes, "csi4-total-score", "Couples Satisfaction Index, 4 items (CSI-4) total score"), 21),
    }.ToDictionary(q => q.Instrument, StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// A recording's mean heart rate, SDNN and RMSSD as vital-sign Observations over the recording's time, each left out
    /// when it could not be computed. When the rhythm was irregular, the HRV observations say it cannot be read as calm or stress.
    /// </summary>
    public static IEnumerable<FhirEntry> Observations(RecordingSummary r, string patientReference)
    {
        if (r.MeanHeartRateBpm is { } hr && double.IsFinite(hr))
        {
            yield return Vital(r, patientReference, HeartRate, hr, "beats/minute", "/min", 0, irregularNote: false);
        }
        if (r.SdnnMs is { } sdnn && double.IsFinite(sdnn))
        {
            yield return Vital(r, patientReference, Sdnn, sdnn, "ms", "ms", 1, r.IrregularRhythm);
        }
        if (r.RmssdMs is { } rmssd && double.IsFinite(rmssd))
        {
            yield return Vital(r, patientReference, Rmssd, rmssd, "ms", "ms", 1, r.IrregularRhythm);
        }
    }

    private static FhirEntry Vital(RecordingSummary r, string patient, Coding code, double value, string unit, string ucum, int decimals, bool irregularNote)
    {
        var id = Urn(Derived(r.Id, code.Code ?? ""));
        var observation = new Observation
        {
            Identifier = [new Identifier("urn:ietf:rfc:3986", id)],
            Status = ObservationStatus.Final,
            Category = [new CodeableConcept(ObservationCategory, "vital-signs", "Vital Signs")],
            Code = new CodeableConcept { Coding = [code], Text = code.Display },
            Subject = new ResourceReference(patient),
            Effective = new Period(new FhirDateTime(new DateTimeOffset(r.Start, TimeSpan.Zero)), new FhirDateTime(new DateTimeOffset(r.End, TimeSpan.Zero))),
            Value = new Quantity((decimal)Math.Round(value, decimals), ucum) { Unit = unit, System = Ucum },
            Note = [new Annotation { Text = new Markdown($"From the heart recording \u201c{r.Name}\u201d (Attune recording {r.Id:D}).") }],
        };
        if (irregularNote)
        {
            observation.Note.Add(new Annotation { Text = new Markdown("The rhythm in this recording was irregular, so heart rate variability here cannot be read as calm or stress.") });
        }
        return new FhirEntry(id, observation);
    }

    /// <summary>
    /// A filled-in questionnaire as a QuestionnaireResponse (items "1" to "n" with their scores) and its total score as an
    /// Observation derived from it (LOINC-coded where LOINC has the total). Unknown instruments give nothing.
    /// </summary>
    public static IReadOnlyList<FhirEntry> QuestionnaireResources(QuestionnaireAnswers answers, string patientReference)
    {
        if (!Questionnaires.TryGetValue(answers.Instrument, out var q) || answers.Items.Count != q.ItemCount)
        {
            return [];
        }
        var responseId = Derived(answers.Id, "questionnaire-response");
        var authored = new FhirDateTime(new DateTimeOffset(DateTime.SpecifyKind(answers.AuthoredAt, DateTimeKind.Utc), TimeSpan.Zero));
        var response = new QuestionnaireResponse
        {
            Identifier = new Identifier("urn:ietf:rfc:3986", Urn(answers.Id)),
            Questionnaire = q.Canonical,
            Status = QuestionnaireResponse.QuestionnaireResponseStatus.Completed,
            Subject = new ResourceReference(patientReference),
            Authored = authored.Value,
            Item =
            [
                .. answers.Items.Select((score, i) => new QuestionnaireResponse.ItemComponent
                {
                    LinkId = (i + 1).ToString(CultureInfo.InvariantCulture),
                    Answer = [new QuestionnaireResponse.AnswerComponent { Value = new Integer(score) }],
                }),
                new QuestionnaireResponse.ItemComponent
                {
                    LinkId = "total",
                    Text = q.Total.Display,
                    Answer = [new QuestionnaireResponse.AnswerComponent { Value = new Integer(answers.Total) }],
                },
            ],
        };
        var totalId = Urn(Derived(answers.Id, "total"));
        var total = new Observation
        {
            Identifier = [new Identifier("urn:ietf:rfc:3986", totalId)],
            Status = ObservationStatus.Final,
            Category = [new CodeableConcept(ObservationCategory, "survey", "Survey")],
            Code = new CodeableConcept { Coding = [q.Total], Text = q.Total.Display },
            Subject = new ResourceReference(patientReference),
            Effective = authored,
            Value = new Quantity(answers.Total, "{score}") { Unit = "score", System = Ucum },
            DerivedFrom = [new ResourceReference(Urn(responseId))],
        };
        return [new FhirEntry(Urn(responseId), response), new FhirEntry(totalId, total)];
    }

    public static string Urn(Guid id) => "urn:uuid:" + id.ToString("D");

    /// <summary>A stable id for something derived from one of Attune's rows, so exporting twice gives the same ids.</summary>
    public static Guid Derived(Guid source, string what)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(source.ToString("N") + ":" + what), hash);
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash[..16]);
    }
}
