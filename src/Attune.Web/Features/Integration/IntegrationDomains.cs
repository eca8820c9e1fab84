namespace Attune.Web.Features.Integration;

/// <summary>
/// One of Siegel's nine domains of integration, with Attune's own short question and the two banks of the river:
/// what drifting towards chaos and towards rigidity feel like there.
/// </summary>
public sealed record IntegrationDomain(string Slug, string Name, string Question, string Chaos, string Rigid)
{
    /// <summary>
    /// Practices for this domain. The practice library tags each practice with the domains it serves, by these slugs;
    /// this is the one place the link is made.
    /// </summary>
    public string PracticesUrl => $"/practices?domain={Slug}";
}

/// <summary>
/// The nine domains and the river scale. Each is answered once, from −3 (far towards chaos) through 0 (flowing, in the
/// river) to +3 (far towards rigidity): one tap per domain, the sign says which bank, the size how far from the flow
/// (docs/measures.md, "Integration reflection").
/// </summary>
public static class IntegrationDomains
{
    public const int Min = -3;
    public const int Max = 3;

    /// <summary>At this distance from 0 or more a domain is shown as one that could use some care.</summary>
    public const int NeedsCareFrom = 2;

    public static IReadOnlyList<IntegrationDomain> All { get; } =
    [
        new("consciousness", "Awareness", "How has your attention been?",
            "Swept along by every thought and feeling, with no steady place to notice from.",
            "Narrowed or switched off; noticing little of what goes on inside or around me."),
        new("horizontal", "Thinking and feeling", "How have your thinking and your feelings been getting along?",
            "Feelings flood in and drown out clear thinking.",
            "All reasoning and little feeling, or feelings I can't find words for."),
        new("vertical", "Body and mind", "How connected have you felt to your body?",
            "Overwhelmed by sensations, tension or restlessness.",
            "Cut off from my body; I hardly notice what it tells me."),
        new("memory", "Memory", "How has the past been showing up in your days?",
            "Old memories burst into the present and take over.",
            "Parts of the past are walled off, or I replay the same stuck patterns."),
        new("narrative", "Your story", "How does your life story feel when you think about it?",
            "Scattered and confusing; it's hard to make sense of what happened.",
            "Fixed in one telling that leaves no room for new meaning."),
        new("state", "Your many sides", "How have you been with your different moods and sides?",
            "Pulled between parts of me that fight each other.",
            "Only some parts of me are allowed; I push the others away."),
        new("interpersonal", "Relationships", "How have your closest relationships felt?",
            "Clinging, merging or clashing; I lose myself or we collide.",
            "Distant and guarded; it's hard to let anyone close."),
        new("temporal", "Time and change", "How have you been with uncertainty and things changing?",
            "Uncertainty feels unbearable; I'm braced for what might come.",
            "Holding on tight to control, routine or how things used to be."),
        new("transpirational", "Belonging", "How connected have you felt to something larger than yourself?",
            "Adrift, without a steady sense of who I am or where I belong.",
            "Closed in on myself, apart from people, nature or meaning."),
    ];

    public static IntegrationDomain? Find(string? slug) =>
        All.FirstOrDefault(d => string.Equals(d.Slug, slug?.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>The words for a place on the river, for radio labels and tables.</summary>
    public static string Place(int value) => value switch
    {
        -3 => "Far towards chaos",
        -2 => "Towards chaos",
        -1 => "A little towards chaos",
        0 => "Flowing",
        1 => "A little towards rigidity",
        2 => "Towards rigidity",
        3 => "Far towards rigidity",
        _ => throw new ArgumentOutOfRangeException(nameof(value), value, "The river goes from -3 to 3."),
    };

    /// <summary>chaos | flowing | rigid.</summary>
    public static string Lean(int value) => value < 0 ? "chaos" : value > 0 ? "rigid" : "flowing";

    /// <summary>How close to the flow, 0 (at a bank) to 3 (in the river): what the radar draws.</summary>
    public static int Flow(int value) => Max - Math.Abs(value);
}
