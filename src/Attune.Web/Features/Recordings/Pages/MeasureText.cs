using System.Globalization;

namespace Attune.Web.Features.Recordings.Pages;

/// <summary>One metric card: the value, its literature name, and what it means in everyday words.</summary>
public sealed record MetricCard(string Title, string Name, string Value, string Unit, string Explanation);

/// <summary>
/// Plain, warm explanations of the measures. They describe what a number reflects, never what it
/// says about someone's health: no norms, no "good" or "bad", no diagnosis.
/// </summary>
public static class MeasureText
{
    private static readonly (string Name, string Title, string Format, string Explanation)[] Cards =
    [
        ("MeanHR", "Average heart rate", "0", "How fast your heart beat on average over this recording. It rises with effort, excitement or stress and settles with rest."),
        ("RMSSD", "Beat-to-beat change", "0.#", "How much the time between one beat and the next shifts. It mostly reflects the calming, \"rest and digest\" side of your nervous system, and it changes with sleep, breathing, effort and mood."),
        ("SDNN", "Overall variability", "0.#", "How widely the time between beats ranged across the whole recording, from quick shifts to slow drifts over hours."),
        ("HF", "Breathing rhythm (HF)", "0", "Power of the heartbeat's swing with each breath. Slow, easy breathing usually makes this wave larger."),
        ("LF", "Slower waves (LF)", "0", "Power of slower swings, about every 7 to 25 seconds. Breathing at around six breaths a minute tends to gather power here."),
        ("SD1", "Quick change (SD1)", "0.#", "The width of the Poincaré cloud: how much each beat differs from the one before."),
        ("SD2", "Slow change (SD2)", "0.#", "The length of the Poincaré cloud: longer-lasting drifts in your heart rate."),
        ("DFA_alpha1", "Short-term pattern (DFA α1)", "0.00", "How the heartbeat's ups and downs over a few beats relate to each other, a measure researchers use to describe the texture of the rhythm."),
        ("SampEn", "Irregularity (SampEn)", "0.00", "How hard it is to predict the next stretch of beats from the last. Higher means a less repetitive rhythm."),
    ];

    /// <summary>What the variability measures say when the rhythm is irregular: only that the beats were uneven.</summary>
    public const string IrregularExplanation =
        "With an irregular rhythm this number mostly shows how uneven the beats were, not how calm or stressed you were.";

    private static readonly HashSet<string> RhythmDependent = ["RMSSD", "SDNN", "HF", "LF", "SD1", "SD2", "DFA_alpha1", "SampEn"];

    public static IReadOnlyList<MetricCard> For(RecordingAnalysisDto analysis)
    {
        var irregular = analysis.Rhythm?.Flagged == true;
        var cards = new List<MetricCard>();
        foreach (var (name, title, format, explanation) in Cards)
        {
            var measure = analysis.Measures.FirstOrDefault(m => m.Name == name);
            if (measure?.Value is { } v)
            {
                cards.Add(new MetricCard(title, name, v.ToString(format, CultureInfo.InvariantCulture), measure.Unit,
                    irregular && RhythmDependent.Contains(name) ? IrregularExplanation : explanation));
            }
        }
        return cards;
    }

    /// <summary>What the page says about stretches of high heart rate that fell in irregular rhythm.</summary>
    public static string? Withheld(RecordingAnalysisDto analysis) => analysis.FloodingWithheld.Count switch
    {
        0 => null,
        var n => string.Create(CultureInfo.InvariantCulture,
            $"{n} more stretch{(n == 1 ? "" : "es")} of high heart rate ({analysis.FloodingWithheld.Sum(e => e.DurationS) / 60:0} minutes) fell where the rhythm was irregular. There a fast, uneven rate need not mean stress, so we don't count {(n == 1 ? "it" : "them")} as flooding."),
    };

    public static string Artifacts(ArtifactsDto? a) => a switch
    {
        null => "",
        { Total: 0 } => "Every beat looked clean, so none needed correcting.",
        _ => string.Create(CultureInfo.InvariantCulture,
            $"We smoothed over {a.Total:N0} beats ({a.CorrectedPercent:0.#}%) that looked like extra, missed or early beats, or a sensor slip, so they don't distort the numbers. That's common with straps and watches."),
    };

    public static string Flooding(IReadOnlyList<FloodingEventDto> events, double thresholdBpm)
    {
        if (events.Count == 0)
        {
            return string.Create(CultureInfo.InvariantCulture,
                $"Your heart rate didn't stay above {thresholdBpm:0} bpm for a minute or more in this recording.");
        }
        var minutes = events.Sum(e => e.DurationS) / 60;
        return string.Create(CultureInfo.InvariantCulture,
            $"Your heart rate stayed above {thresholdBpm:0} bpm {events.Count} time{(events.Count == 1 ? "" : "s")}, {minutes:0} minutes in all. During exercise that is simply effort. In a hard conversation it can mean feeling flooded, when a pause of at least 20 minutes to settle helps before talking again.");
    }
}
