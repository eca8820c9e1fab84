using System.Text.Json;

namespace Attune.Web.Features.CheckIns;

/// <summary>The four corners of the pleasantness × energy plane that the fast path starts from.</summary>
public enum Quadrant
{
    /// <summary>Pleasant, high energy: excited, joyful, proud.</summary>
    PleasantHigh,

    /// <summary>Pleasant, low energy: calm, content, relieved.</summary>
    PleasantLow,

    /// <summary>Unpleasant, high energy: anxious, angry, overwhelmed.</summary>
    UnpleasantHigh,

    /// <summary>Unpleasant, low energy: sad, tired, numb.</summary>
    UnpleasantLow,
}

/// <summary>One word of Attune's emotion vocabulary, placed on pleasantness and energy (−5 to +5).</summary>
public sealed record EmotionWord(
    string Id,
    string Name,
    string Definition,
    int Pleasantness,
    int Energy,
    string[] Related,
    string[] Finer,
    string[] States)
{
    public Quadrant Quadrant => Quadrants.Of(Pleasantness, Energy);

    /// <summary>True for a person's own word rather than one of Attune's.</summary>
    public bool IsOwn => Id.StartsWith(CustomEmotion.IdPrefix, StringComparison.Ordinal);
}

public sealed record BodyRegion(string Id, string Name, string Side);

public sealed record BodySensation(string Id, string Name, int Pleasantness);

public sealed record ContextTag(string Id, string Name);

public static class Quadrants
{
    /// <summary>Neutral pleasantness counts as pleasant; neutral energy as low.</summary>
    public static Quadrant Of(double pleasantness, double energy) => (pleasantness >= 0, energy > 0) switch
    {
        (true, true) => Quadrant.PleasantHigh,
        (true, false) => Quadrant.PleasantLow,
        (false, true) => Quadrant.UnpleasantHigh,
        _ => Quadrant.UnpleasantLow,
    };

    public static string Slug(Quadrant q) => q switch
    {
        Quadrant.PleasantHigh => "pleasant-high",
        Quadrant.PleasantLow => "pleasant-low",
        Quadrant.UnpleasantHigh => "unpleasant-high",
        _ => "unpleasant-low",
    };

    public static Quadrant? Parse(string? slug) => Enum.GetValues<Quadrant>().Cast<Quadrant?>().FirstOrDefault(q => Slug(q!.Value) == slug);

    /// <summary>How the corner feels, in a person's words.</summary>
    public static string Label(Quadrant q) => q switch
    {
        Quadrant.PleasantHigh => "Pleasant, lots of energy",
        Quadrant.PleasantLow => "Pleasant, low energy",
        Quadrant.UnpleasantHigh => "Unpleasant, lots of energy",
        _ => "Unpleasant, low energy",
    };
}

/// <summary>
/// Attune's own emotion words, body regions and sensations, and context tags, read once from the JSON
/// files in Vocabulary/ (embedded in the assembly). See Vocabulary/README.md for the rules they follow.
/// </summary>
public sealed class CheckInVocabulary
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private CheckInVocabulary(List<EmotionWord> emotions, List<BodyRegion> regions, List<BodySensation> sensations, ContextFile context)
    {
        Emotions = emotions;
        EmotionById = emotions.ToDictionary(e => e.Id, StringComparer.Ordinal);
        Regions = regions;
        RegionById = regions.ToDictionary(r => r.Id, StringComparer.Ordinal);
        Sensations = sensations;
        SensationById = sensations.ToDictionary(s => s.Id, StringComparer.Ordinal);
        Who = context.Who;
        Where = context.Where;
        Doing = context.Doing;
        var tagById = new Dictionary<string, ContextTag>(StringComparer.Ordinal);
        foreach (var (category, tags) in new[] { ("who", Who), ("where", Where), ("doing", Doing) })
        {
            foreach (var tag in tags)
            {
                tagById[$"{category}:{tag.Id}"] = tag;
            }
        }
        TagById = tagById;
    }

    public static CheckInVocabulary Instance { get; } = Load();

    public IReadOnlyList<EmotionWord> Emotions { get; }

    public IReadOnlyDictionary<string, EmotionWord> EmotionById { get; }

    public IReadOnlyList<BodyRegion> Regions { get; }

    public IReadOnlyDictionary<string, BodyRegion> RegionById { get; }

    public IReadOnlyList<BodySensation> Sensations { get; }

    public IReadOnlyDictionary<string, BodySensation> SensationById { get; }

    public IReadOnlyList<ContextTag> Who { get; }

    public IReadOnlyList<ContextTag> Where { get; }

    public IReadOnlyList<ContextTag> Doing { get; }

    /// <summary>Built-in tags by "category:id", e.g. "who:partner".</summary>
    public IReadOnlyDictionary<string, ContextTag> TagById { get; }

    public IReadOnlyList<ContextTag> TagsOf(string category) => category switch
    {
        "who" => Who,
        "where" => Where,
        "doing" => Doing,
        _ => [],
    };

    private static CheckInVocabulary Load()
    {
        var emotions = Read<List<EmotionWord>>("emotions.json");
        var body = Read<BodyFile>("body.json");
        var context = Read<ContextFile>("context.json");
        return new CheckInVocabulary(emotions, body.Regions, body.Sensations, context);
    }

    private static T Read<T>(string file)
    {
        var name = $"Attune.Web.Features.CheckIns.Vocabulary.{file}";
        using var stream = typeof(CheckInVocabulary).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The vocabulary file {name} is not embedded.");
        return JsonSerializer.Deserialize<T>(stream, Json) ?? throw new InvalidOperationException($"The vocabulary file {file} is empty.");
    }

    private sealed record BodyFile(List<BodyRegion> Regions, List<BodySensation> Sensations);

    private sealed record ContextFile(List<ContextTag> Who, List<ContextTag> Where, List<ContextTag> Doing);
}
