using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Attune.Web.Features.CheckIns.Pages;

/// <summary>What the shared check-in fields need: the form's values, the words to offer (in order) and any problems.</summary>
public sealed record CheckInFieldsView(CheckInForm Form, IReadOnlyList<EmotionWord> Words, WordSuggestions Suggestions, ModelStateDictionary ModelState)
{
    public static CheckInVocabulary Vocabulary => CheckInVocabulary.Instance;

    public string? Error(string key) =>
        ModelState.TryGetValue(key, out var entry) && entry.Errors.Count > 0 ? entry.Errors[0].ErrorMessage : null;

    public bool HasErrors => ModelState.ErrorCount > 0;

    public NervousState? ChosenState => StateNames.Parse(Form.State);

    /// <summary>Words of one corner, ranked for the chosen state (or for being connected before one is chosen).</summary>
    public IEnumerable<EmotionWord> WordsIn(Quadrant quadrant) =>
        Suggestions.Rank(Words.Where(w => w.Quadrant == quadrant), ChosenState ?? NervousState.Connected);

    /// <summary>A word's place in its corner's list for each state, so the page can reorder without a round trip.</summary>
    public IReadOnlyDictionary<NervousState, Dictionary<string, int>> Ranks => _ranks ??= Enum.GetValues<NervousState>().ToDictionary(
        s => s,
        s => Enum.GetValues<Quadrant>()
            .SelectMany(q => Suggestions.Rank(Words.Where(w => w.Quadrant == q), s).Select((w, i) => (w.Id, Rank: i)))
            .ToDictionary(x => x.Id, x => x.Rank));

    private Dictionary<NervousState, Dictionary<string, int>>? _ranks;

    public IEnumerable<(string Region, string Sensation)> BodyPairs =>
        Form.Body.Select(p => p.Split(':', 2)).Where(p => p.Length == 2).Select(p => (p[0], p[1]));

    public IReadOnlySet<string> SelectedRegions => BodyPairs.Select(p => p.Region).ToHashSet();
}
