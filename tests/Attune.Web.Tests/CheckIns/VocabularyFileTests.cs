using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace Attune.Web.Tests.CheckIns;

/// <summary>
/// The rules of the check-in vocabulary (see the README beside the files), read from the source folder so a
/// broken edit fails here before it reaches a page.
/// </summary>
public sealed partial class VocabularyFileTests
{
    private const string VocabularyFolder = "src/Attune.Web/Features/CheckIns/Vocabulary";

    // Strict reading: every field present, no field the records do not know, exact camelCase names.
    private static readonly JsonSerializerOptions Strict = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
    };

    private static readonly string[] States = ["connected", "activated", "shutDown"];

    private static readonly Lazy<string> Folder = new(FindFolder);
    private static readonly Lazy<IReadOnlyList<Emotion>> LazyEmotions = new(() => Read<List<Emotion>>("emotions.json"));
    private static readonly Lazy<Body> LazyBody = new(() => Read<Body>("body.json"));
    private static readonly Lazy<Context> LazyContext = new(() => Read<Context>("context.json"));

    private static IReadOnlyList<Emotion> Emotions => LazyEmotions.Value;

    private static Dictionary<string, Emotion> EmotionsById => Emotions.ToDictionary(e => e.Id, StringComparer.Ordinal);

    [Fact]
    public void Emotions_has_at_least_160_words()
    {
        Assert.True(Emotions.Count >= 160, $"{Emotions.Count} words");
    }

    [Fact]
    public void Emotion_ids_are_unique_slugs_of_their_names()
    {
        foreach (var emotion in Emotions)
        {
            Assert.Matches(Slug(), emotion.Id);
            Assert.Matches(EmotionName(), emotion.Name);
            Assert.Equal(emotion.Name.Replace(' ', '-'), emotion.Id);
        }
        AssertUnique(Emotions.Select(e => e.Id));
        AssertUnique(Emotions.Select(e => e.Name));
    }

    [Fact]
    public void Definitions_are_single_lines_of_60_to_140_characters()
    {
        foreach (var emotion in Emotions)
        {
            var definition = emotion.Definition;
            Assert.True(definition.Length is >= 60 and <= 140, $"{emotion.Id}: {definition.Length} characters");
            Assert.DoesNotContain('\n', definition);
            Assert.Equal(definition.Trim(), definition);
            Assert.True(char.IsUpper(definition[0]) && definition[^1] is '.' or '?', $"{emotion.Id}: not a sentence");
        }
        AssertUnique(Emotions.Select(e => e.Definition));
    }

    [Fact]
    public void Definitions_use_no_clinical_or_diagnostic_terms()
    {
        foreach (var emotion in Emotions)
        {
            Assert.DoesNotMatch(Clinical(), emotion.Definition);
        }
    }

    [Fact]
    public void Vocabulary_leaves_out_words_about_self_harm_and_suicide()
    {
        foreach (var emotion in Emotions)
        {
            Assert.DoesNotMatch(SelfHarm(), emotion.Name);
            Assert.DoesNotMatch(SelfHarm(), emotion.Definition);
        }
    }

    [Fact]
    public void Pleasantness_and_energy_are_whole_numbers_from_minus_5_to_5()
    {
        foreach (var emotion in Emotions)
        {
            Assert.InRange(emotion.Pleasantness, -5, 5);
            Assert.InRange(emotion.Energy, -5, 5);
        }
    }

    [Fact]
    public void Zero_on_an_axis_is_rare()
    {
        var onAnAxis = Emotions.Where(e => e.Pleasantness == 0 || e.Energy == 0).Select(e => e.Id).ToList();
        Assert.True(onAnAxis.Count <= 8, $"{onAnAxis.Count} words on an axis: {string.Join(", ", onAnAxis)}");
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(1, -1)]
    [InlineData(-1, 1)]
    [InlineData(-1, -1)]
    public void Every_quadrant_has_at_least_35_words_from_mild_to_strong(int pleasantSign, int energySign)
    {
        var quadrant = Emotions
            .Where(e => Math.Sign(e.Pleasantness) == pleasantSign && Math.Sign(e.Energy) == energySign)
            .ToList();

        Assert.True(quadrant.Count >= 35, $"{quadrant.Count} words");
        Assert.Contains(quadrant, e => Math.Abs(e.Pleasantness) >= 4 && Math.Abs(e.Energy) >= 4);
        Assert.Contains(quadrant, e => Math.Abs(e.Pleasantness) <= 2 && Math.Abs(e.Energy) <= 2);
        Assert.True(quadrant.Select(e => (e.Pleasantness, e.Energy)).Distinct().Count() >= 10, "words bunched in a few cells");
    }

    [Fact]
    public void Related_and_finer_words_exist_and_are_other_words()
    {
        var byId = EmotionsById;
        foreach (var emotion in Emotions)
        {
            foreach (var id in emotion.Related.Concat(emotion.Finer))
            {
                Assert.True(byId.ContainsKey(id), $"{emotion.Id} refers to unknown '{id}'");
                Assert.NotEqual(emotion.Id, id);
            }
            AssertUnique(emotion.Related.Concat(emotion.Finer));
        }
    }

    [Fact]
    public void Related_words_point_both_ways()
    {
        var byId = EmotionsById;
        foreach (var emotion in Emotions)
        {
            foreach (var id in emotion.Related)
            {
                Assert.True(byId[id].Related.Contains(emotion.Id), $"{id} does not list {emotion.Id} back");
            }
        }
    }

    [Fact]
    public void Every_word_has_a_neighbour_to_compare_with()
    {
        var coarser = Emotions.SelectMany(e => e.Finer).ToHashSet(StringComparer.Ordinal);
        foreach (var emotion in Emotions)
        {
            Assert.True(emotion.Related.Count > 0 || coarser.Contains(emotion.Id), $"{emotion.Id} stands alone");
        }
    }

    [Fact]
    public void Finer_links_never_loop()
    {
        var byId = EmotionsById;
        var done = new HashSet<string>(StringComparer.Ordinal);
        var onPath = new HashSet<string>(StringComparer.Ordinal);

        void Visit(string id)
        {
            if (done.Contains(id))
            {
                return;
            }
            Assert.True(onPath.Add(id), $"finer links loop through {id}");
            foreach (var finer in byId[id].Finer)
            {
                Visit(finer);
            }
            onPath.Remove(id);
            done.Add(id);
        }

        foreach (var emotion in Emotions)
        {
            Visit(emotion.Id);
        }
    }

    [Theory]
    [InlineData("good")]
    [InlineData("bad")]
    [InlineData("fine")]
    [InlineData("ok")]
    [InlineData("tired")]
    [InlineData("stressed")]
    [InlineData("happy")]
    [InlineData("sad")]
    [InlineData("angry")]
    [InlineData("scared")]
    [InlineData("anxious")]
    [InlineData("upset")]
    public void Everyday_words_lead_to_finer_ones(string id)
    {
        Assert.True(EmotionsById.TryGetValue(id, out var emotion), $"{id} is missing");
        Assert.True(emotion.Finer.Count >= 3, $"{id} has {emotion.Finer.Count} finer words");
    }

    [Fact]
    public void States_are_one_or_two_known_states()
    {
        foreach (var emotion in Emotions)
        {
            Assert.InRange(emotion.States.Count, 1, 2);
            Assert.All(emotion.States, state => Assert.Contains(state, States));
            AssertUnique(emotion.States);
        }
        Assert.All(States, state => Assert.Contains(Emotions, e => e.States.Contains(state)));
    }

    [Fact]
    public void States_agree_with_the_feel_of_the_word()
    {
        foreach (var emotion in Emotions)
        {
            if (emotion.States is ["connected"])
            {
                Assert.True(emotion.Pleasantness >= 0, $"{emotion.Id}: only connected, yet unpleasant");
            }
            if (emotion.States is ["activated"])
            {
                Assert.True(emotion.Energy > 0, $"{emotion.Id}: only activated, yet low in energy");
            }
            if (emotion.States is ["shutDown"])
            {
                Assert.True(emotion.Energy < 0 && emotion.Pleasantness < 0, $"{emotion.Id}: only shut down, yet not low and unpleasant");
            }
        }
        Assert.Equal(new[] { "activated", "shutDown" }, EmotionsById["frozen"].States.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Body_has_at_least_24_regions_on_front_and_back()
    {
        var regions = LazyBody.Value.Regions;

        Assert.True(regions.Count >= 24, $"{regions.Count} regions");
        AssertUnique(regions.Select(r => r.Id));
        AssertUnique(regions.Select(r => r.Name));
        foreach (var region in regions)
        {
            Assert.Matches(Slug(), region.Id);
            Assert.False(string.IsNullOrWhiteSpace(region.Name));
            Assert.Contains(region.Side, new[] { "front", "back" });
        }
        Assert.True(regions.Count(r => r.Side == "front") >= 12);
        Assert.True(regions.Count(r => r.Side == "back") >= 6);
    }

    [Fact]
    public void Left_and_right_regions_come_in_pairs()
    {
        var regions = LazyBody.Value.Regions.ToDictionary(r => r.Id, StringComparer.Ordinal);
        var sided = regions.Keys.Where(id => id.EndsWith("-left", StringComparison.Ordinal) || id.EndsWith("-right", StringComparison.Ordinal)).ToList();

        Assert.NotEmpty(sided);
        foreach (var id in sided)
        {
            var twin = id.EndsWith("-left", StringComparison.Ordinal) ? id[..^"left".Length] + "right" : id[..^"right".Length] + "left";
            Assert.True(regions.TryGetValue(twin, out var other), $"{id} has no {twin}");
            Assert.Equal(regions[id].Side, other.Side);
        }
    }

    [Fact]
    public void Body_has_the_sensations_a_check_in_asks_about()
    {
        string[] required =
        [
            "tight", "tense", "hot", "cold", "heavy", "numb", "shaky", "buzzing", "racing heart", "butterflies",
            "lump in throat", "open", "light", "warm", "tingling", "aching", "restless", "still", "pressure",
            "empty", "fluttering", "relaxed", "soft", "nauseous", "frozen",
        ];
        var sensations = LazyBody.Value.Sensations;

        Assert.True(sensations.Count >= 24, $"{sensations.Count} sensations");
        AssertUnique(sensations.Select(s => s.Id));
        AssertUnique(sensations.Select(s => s.Name));
        foreach (var sensation in sensations)
        {
            Assert.Matches(Slug(), sensation.Id);
            Assert.Equal(sensation.Name.Replace(' ', '-'), sensation.Id);
            Assert.InRange(sensation.Pleasantness, -1, 1);
        }
        Assert.All(required, name => Assert.Contains(sensations, s => s.Name == name));
    }

    [Fact]
    public void Context_tags_are_8_to_16_unique_slugs_per_group()
    {
        var context = LazyContext.Value;
        foreach (var (group, tags) in new[] { ("who", context.Who), ("where", context.Where), ("doing", context.Doing) })
        {
            Assert.True(tags.Count is >= 8 and <= 16, $"{group}: {tags.Count} tags");
            AssertUnique(tags.Select(t => t.Id));
            AssertUnique(tags.Select(t => t.Name));
            foreach (var tag in tags)
            {
                Assert.Matches(Slug(), tag.Id);
                Assert.Matches(ContextName(), tag.Name);
            }
        }
    }

    [Fact]
    public void Context_tags_cover_the_everyday_situations()
    {
        var context = LazyContext.Value;
        AssertHasIds(context.Who, "alone", "partner", "children", "family", "friends", "colleagues", "strangers", "therapist", "pet");
        AssertHasIds(context.Where, "home", "work", "nature", "commuting", "bed", "school", "online", "shop");
        AssertHasIds(
            context.Doing,
            "working", "resting", "eating", "exercise", "socialising", "scrolling", "caring", "chores", "creating",
            "learning", "falling-asleep", "waking-up", "conflict", "intimacy", "travelling");
    }

    [Fact]
    public void Body_map_draws_each_region_once_with_its_name()
    {
        var partial = ReadText("_BodyMap.cshtml");
        var regions = LazyBody.Value.Regions;

        foreach (var region in regions)
        {
            var shape = new Regex(
                $"""<path data-region="{Regex.Escape(region.Id)}" class="@Cls\("{Regex.Escape(region.Id)}"\)" d="[^"]+"><title>{Regex.Escape(region.Name)}</title></path>""");
            Assert.True(shape.Count(partial) == 1, $"{region.Id}: expected one shape titled '{region.Name}'");
        }
        Assert.Equal(regions.Count, DataRegion().Count(partial));
    }

    [Fact]
    public void Body_map_is_one_hidden_svg_that_a_strict_csp_allows()
    {
        var partial = ReadText("_BodyMap.cshtml");

        Assert.StartsWith("@model IReadOnlySet<string>", partial, StringComparison.Ordinal);
        Assert.Single(Regex.Matches(partial, "<svg[ >]"));
        Assert.Contains("aria-hidden=\"true\"", partial, StringComparison.Ordinal);
        Assert.Contains("viewBox=\"0 0 400 420\"", partial, StringComparison.Ordinal);
        Assert.Contains(">Front</text>", partial, StringComparison.Ordinal);
        Assert.Contains(">Back</text>", partial, StringComparison.Ordinal);
        Assert.DoesNotMatch(Unsafe(), partial);
    }

    private static void AssertHasIds(IReadOnlyList<Tag> tags, params string[] ids) =>
        Assert.All(ids, id => Assert.Contains(tags, t => t.Id == id));

    private static void AssertUnique(IEnumerable<string> values)
    {
        var duplicates = values.GroupBy(v => v, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.True(duplicates.Count == 0, $"duplicates: {string.Join(", ", duplicates)}");
    }

    private static T Read<T>(string file) =>
        JsonSerializer.Deserialize<T>(ReadText(file), Strict) ?? throw new InvalidDataException($"{file} is null");

    private static string ReadText(string file) => File.ReadAllText(Path.Combine(Folder.Value, file));

    private static string FindFolder()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, VocabularyFolder);
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }
        throw new DirectoryNotFoundException($"{VocabularyFolder} not found above {AppContext.BaseDirectory}.");
    }

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex Slug();

    [GeneratedRegex("^[a-z]+([ '-][a-z]+)*$")]
    private static partial Regex EmotionName();

    [GeneratedRegex("^[a-z][a-z ']*[a-z]$")]
    private static partial Regex ContextName();

    [GeneratedRegex("""data-region="[^"]*""")]
    private static partial Regex DataRegion();

    [GeneratedRegex(@"\b(disorder|depress\w*|diagnos\w*|symptom\w*|patholog\w*|clinical\w*|trauma\w*|dissociat\w*|mania|manic|ptsd|psychiatr\w*|illness)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Clinical();

    [GeneratedRegex(@"\b(suicid\w*|self[- ]?harm\w*|kill\w*|die|dying|dead|death|end it all|cutting)\b", RegexOptions.IgnoreCase)]
    private static partial Regex SelfHarm();

    // Inline styles, handlers, scripts, links and hard-coded paint would each break the CSP or the theme.
    [GeneratedRegex(@"style=|\son[a-z]+=|<script|<style|href|url\(|<image|<foreignObject|\s(fill|stroke|color)=|#[0-9a-f]{3,6}\b", RegexOptions.IgnoreCase)]
    private static partial Regex Unsafe();

    private sealed record Emotion(
        string Id,
        string Name,
        string Definition,
        int Pleasantness,
        int Energy,
        IReadOnlyList<string> Related,
        IReadOnlyList<string> Finer,
        IReadOnlyList<string> States);

    private sealed record Body(IReadOnlyList<Region> Regions, IReadOnlyList<Sensation> Sensations);

    private sealed record Region(string Id, string Name, string Side);

    private sealed record Sensation(string Id, string Name, int Pleasantness);

    private sealed record Context(IReadOnlyList<Tag> Who, IReadOnlyList<Tag> Where, IReadOnlyList<Tag> Doing);

    private sealed record Tag(string Id, string Name);
}
