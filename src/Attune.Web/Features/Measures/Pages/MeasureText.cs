using System.Globalization;
using Attune.Analysis.Measures;

namespace Attune.Web.Features.Measures.Pages;

/// <summary>
/// The words around a score, all Attune's own: plain, warm, about how the last weeks have been and never a diagnosis. The
/// band names themselves ("mild", "moderately severe") are the instruments' published labels, shown as such.
/// </summary>
public static class MeasureText
{
    public const string NotADiagnosis =
        "This is a questionnaire, not a diagnosis. It can show how things have been lately; only a conversation with a doctor or therapist can tell what is going on for you.";

    /// <summary>The published name of a band, as a reader meets it: "moderately severe".</summary>
    public static string BandName(MeasureKind kind, string band) => (kind, band) switch
    {
        (MeasureKind.Who5, "veryLow") => "very low",
        (MeasureKind.Who5, "low") => "low",
        (MeasureKind.Who5, _) => "not low",
        (MeasureKind.Csi4, "low") => "below the cut-off",
        (MeasureKind.Csi4, _) => "above the cut-off",
        (_, "moderatelySevere") => "moderately severe",
        _ => band,
    };

    /// <summary>One sentence about how the last weeks have been.</summary>
    public static string Headline(MeasureKind kind, string band) => (kind, band) switch
    {
        (MeasureKind.Who5, "veryLow") => "Your well-being has been very low lately.",
        (MeasureKind.Who5, "low") => "Your well-being has been on the low side lately.",
        (MeasureKind.Who5, _) => "Your well-being has not been in the low range lately.",
        (MeasureKind.Phq9, "minimal") => "Few of these troubles have been with you lately.",
        (MeasureKind.Phq9, "mild") => "Some of these troubles have been with you, some of the time.",
        (MeasureKind.Phq9, "moderate") => "These troubles have been with you a fair amount.",
        (MeasureKind.Phq9, "moderatelySevere") => "These troubles have been weighing on you much of the time.",
        (MeasureKind.Phq9, _) => "These troubles have been with you nearly all the time.",
        (MeasureKind.Gad7, "minimal") => "Little worry or tension has been with you lately.",
        (MeasureKind.Gad7, "mild") => "Some worry and tension, some of the time.",
        (MeasureKind.Gad7, "moderate") => "Worry and tension have been with you a fair amount.",
        (MeasureKind.Gad7, _) => "Worry and tension have been with you most of the time.",
        (MeasureKind.Csi4, "low") => "Your relationship has felt less satisfying lately.",
        _ => "Your relationship has felt satisfying overall.",
    };

    /// <summary>What might help, in a sentence or two.</summary>
    public static string Suggestion(MeasureKind kind, string band) => (kind, band) switch
    {
        (MeasureKind.Who5, "veryLow") => "That sounds like a hard stretch. Scores this low are a good reason to talk with a doctor about how you have been. You could also look a little closer with the PHQ-9.",
        (MeasureKind.Who5, "low") => "Many people land here in a tiring or stressful time. If it stays low for a few weeks, it is worth talking it over with a doctor or someone you trust.",
        (MeasureKind.Who5, _) => "Keep noticing what helps you feel this way.",
        (MeasureKind.Phq9 or MeasureKind.Gad7, "minimal") => "Keep noticing what helps you feel this way.",
        (MeasureKind.Phq9 or MeasureKind.Gad7, "mild") => "Worth keeping an eye on. Small, steady things like sleep, movement and time with people often help. You could fill this in again in a couple of weeks.",
        (MeasureKind.Phq9 or MeasureKind.Gad7, "moderate") => "Many people at this level find it helps to talk with a doctor or therapist. You don't have to wait until it gets worse.",
        (MeasureKind.Phq9 or MeasureKind.Gad7, _) => "Please consider talking with a doctor or therapist soon. This is a lot to carry alone, and support helps.",
        (MeasureKind.Csi4, "low") => "Hard stretches are common in couples. Talking together about what you each need, or with a couples therapist, often helps.",
        _ => "Keep noticing what keeps you close.",
    };

    /// <summary>"7 of 27".</summary>
    public static string Total(MeasureResultDto r) =>
        r.Percentage is { } p ? $"{r.Total} of {r.MaxTotal} ({p} %)" : $"{r.Total} of {r.MaxTotal}";

    /// <summary>"Reliably better than last time (down 5 points)", or null without a reliable change to speak of.</summary>
    public static string? Change(MeasureResultDto r, MeasureKind kind)
    {
        if (r.ReliableChange is not { } c)
        {
            return null;
        }
        var points = Math.Abs(c.Change) == 1 ? "1 point" : $"{Math.Abs(c.Change)} points";
        var move = c.Change switch { > 0 => $"up {points}", < 0 => $"down {points}", _ => "the same total" };
        var noise = c.Threshold.ToString("0.#", CultureInfo.InvariantCulture);
        return c.Direction switch
        {
            "improved" => $"Reliably better than last time ({move}).",
            "worsened" => $"Reliably harder than last time ({move}).",
            _ => $"About the same as last time ({move}; on this measure a change needs to be more than {noise} points to stand out from everyday wobble).",
        };
    }

    public static string Date(DateTime utc, string? zone) => Accounts.TimeZones.FormatAs(utc, zone, "d MMM yyyy");
}
