using Attune.Analysis.Measures;

namespace Attune.Web.Features.Measures;

/// <summary>One answer choice of an item: its score and the words shown for it.</summary>
public sealed record MeasureOption(int Value, string Label);

/// <summary>One item: the instrument's own wording and its choices in the order they are shown.</summary>
public sealed record MeasureItem(string Text, IReadOnlyList<MeasureOption> Options);

/// <summary>
/// How a measure is presented: the item wording is the instrument's own (that wording is what the measure is); the
/// name, introduction, what the bands mean and everything around it are Attune's. Terms of use: docs/measures.md.
/// </summary>
public sealed record MeasureForm(
    MeasureKind Kind,
    string Slug,
    string Name,
    string Title,
    string About,
    string Minutes,
    string Stem,
    IReadOnlyList<MeasureItem> Items,
    string Citation)
{
    public Instrument Instrument => Instrument.Of(Kind);
}

public static class MeasureCatalog
{
    private static readonly MeasureOption[] Frequency =
    [
        new(0, "Not at all"),
        new(1, "Several days"),
        new(2, "More than half the days"),
        new(3, "Nearly every day"),
    ];

    private static readonly MeasureOption[] Who5Time =
    [
        new(5, "All of the time"),
        new(4, "Most of the time"),
        new(3, "More than half of the time"),
        new(2, "Less than half of the time"),
        new(1, "Some of the time"),
        new(0, "At no time"),
    ];

    private static readonly MeasureOption[] HowMuch =
    [
        new(0, "Not at all"),
        new(1, "A little"),
        new(2, "Somewhat"),
        new(3, "Mostly"),
        new(4, "Almost completely"),
        new(5, "Completely"),
    ];

    public static MeasureForm Who5 { get; } = new(MeasureKind.Who5, "who5", "WHO-5", "Well-being (WHO-5)",
        "Five statements about how you have been feeling. A gentle way to notice your overall well-being.", "1 minute",
        "Please indicate for each of the five statements which is closest to how you have been feeling over the last two weeks.",
        [
            new("I have felt cheerful and in good spirits", Who5Time),
            new("I have felt calm and relaxed", Who5Time),
            new("I have felt active and vigorous", Who5Time),
            new("I woke up feeling fresh and rested", Who5Time),
            new("My daily life has been filled with things that interest me", Who5Time),
        ],
        "WHO-5 Well-Being Index, WHO Collaborating Centre in Mental Health, Psychiatric Centre North Zealand (1998).");

    public static MeasureForm Phq9 { get; } = new(MeasureKind.Phq9, "phq9", "PHQ-9", "Low mood (PHQ-9)",
        "Nine questions about low mood and the things that often come with it, like sleep, energy and interest.", "2 minutes",
        "Over the last 2 weeks, how often have you been bothered by any of the following problems?",
        [
            new("Little interest or pleasure in doing things", Frequency),
            new("Feeling down, depressed, or hopeless", Frequency),
            new("Trouble falling or staying asleep, or sleeping too much", Frequency),
            new("Feeling tired or having little energy", Frequency),
            new("Poor appetite or overeating", Frequency),
            new("Feeling bad about yourself — or that you are a failure or have let yourself or your family down", Frequency),
            new("Trouble concentrating on things, such as reading the newspaper or watching television", Frequency),
            new("Moving or speaking so slowly that other people could have noticed? Or the opposite — being so fidgety or restless that you have been moving around a lot more than usual", Frequency),
            new("Thoughts that you would be better off dead or of hurting yourself in some way", Frequency),
        ],
        "Patient Health Questionnaire (PHQ-9), developed by Drs. Robert L. Spitzer, Janet B.W. Williams, Kurt Kroenke and colleagues, with an educational grant from Pfizer Inc. No permission required to reproduce, translate, display or distribute.");

    public static MeasureForm Gad7 { get; } = new(MeasureKind.Gad7, "gad7", "GAD-7", "Worry and nerves (GAD-7)",
        "Seven questions about worry, tension and feeling on edge.", "1 minute",
        "Over the last 2 weeks, how often have you been bothered by the following problems?",
        [
            new("Feeling nervous, anxious or on edge", Frequency),
            new("Not being able to stop or control worrying", Frequency),
            new("Worrying too much about different things", Frequency),
            new("Trouble relaxing", Frequency),
            new("Being so restless that it is hard to sit still", Frequency),
            new("Becoming easily annoyed or irritable", Frequency),
            new("Feeling afraid as if something awful might happen", Frequency),
        ],
        "Generalized Anxiety Disorder scale (GAD-7), developed by Drs. Robert L. Spitzer, Janet B.W. Williams, Kurt Kroenke and colleagues, with an educational grant from Pfizer Inc. No permission required to reproduce, translate, display or distribute.");

    public static MeasureForm Csi4 { get; } = new(MeasureKind.Csi4, "csi4", "CSI-4", "Your relationship (CSI-4)",
        "Four questions about how satisfied you feel with your relationship with a partner.", "1 minute",
        "These questions are about your relationship with your partner.",
        [
            new("Please indicate the degree of happiness, all things considered, of your relationship.",
            [
                new(0, "Extremely unhappy"), new(1, "Fairly unhappy"), new(2, "A little unhappy"), new(3, "Happy"),
                new(4, "Very happy"), new(5, "Extremely happy"), new(6, "Perfect"),
            ]),
            new("I have a warm and comfortable relationship with my partner.",
            [
                new(0, "Not at all true"), new(1, "A little true"), new(2, "Somewhat true"), new(3, "Mostly true"),
                new(4, "Almost completely true"), new(5, "Completely true"),
            ]),
            new("How rewarding is your relationship with your partner?", HowMuch),
            new("In general, how satisfied are you with your relationship?", HowMuch),
        ],
        "Couples Satisfaction Index (CSI-4), Funk & Rogge (2007), Journal of Family Psychology 21:572–583; free for research and clinical use.");

    public static IReadOnlyList<MeasureForm> All { get; } = [Who5, Phq9, Gad7, Csi4];

    /// <summary>"who5" → the WHO-5 form; null for anything else.</summary>
    public static MeasureForm? Find(string? slug) =>
        All.FirstOrDefault(f => string.Equals(f.Slug, slug?.Trim(), StringComparison.OrdinalIgnoreCase));

    public static MeasureForm Of(MeasureKind kind) => All.First(f => f.Kind == kind);

    public static string Slugs => string.Join(", ", All.Select(f => f.Slug));
}
