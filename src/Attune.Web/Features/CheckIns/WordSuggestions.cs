using Attune.Web.Features.Sharing;
using Microsoft.EntityFrameworkCore;

namespace Attune.Web.Features.CheckIns;

/// <summary>
/// The order to offer words in, for each state: words this person has used (more so in that state, and
/// lately) first, then the vocabulary's words that usually come with the state, then the rest by how close
/// they sit to the middle of their corner. Also which corner the person most often picks in each state.
/// </summary>
public sealed class WordSuggestions
{
    /// <summary>How much history to learn from: enough to know someone's words, small enough to read on every page.</summary>
    public const int RecentCheckIns = 400;

    private readonly Dictionary<(NervousState, string), double> _score;
    private readonly Dictionary<NervousState, Quadrant?> _usualQuadrant;

    private WordSuggestions(Dictionary<(NervousState, string), double> score, Dictionary<NervousState, Quadrant?> usualQuadrant)
    {
        _score = score;
        _usualQuadrant = usualQuadrant;
    }

    public static async Task<WordSuggestions> ForAsync(Access access, Guid me, CancellationToken cancel)
    {
        var recent = await access.Own<CheckIn>(me).AsNoTracking().OrderByDescending(c => c.OccurredAt).Take(RecentCheckIns)
            .Select(c => new { c.State, c.Emotions }).ToListAsync(cancel);
        var score = new Dictionary<(NervousState, string), double>();
        var corners = new Dictionary<(NervousState, Quadrant), int>();
        var vocabulary = CheckInVocabulary.Instance;
        for (var i = 0; i < recent.Count; i++)
        {
            // Recent check-ins count more: a weight that halves every 100 check-ins.
            var weight = Math.Pow(0.5, i / 100.0);
            foreach (var id in CheckInRules.ParseEmotions(recent[i].Emotions))
            {
                foreach (var state in Enum.GetValues<NervousState>())
                {
                    var sameState = state == recent[i].State ? 3.0 : 1.0;
                    score[(state, id)] = score.GetValueOrDefault((state, id)) + weight * sameState;
                }
                if (vocabulary.EmotionById.TryGetValue(id, out var word))
                {
                    corners[(recent[i].State, word.Quadrant)] = corners.GetValueOrDefault((recent[i].State, word.Quadrant)) + 1;
                }
            }
        }
        var usual = Enum.GetValues<NervousState>().ToDictionary(s => s, s => corners.Where(c => c.Key.Item1 == s)
            .OrderByDescending(c => c.Value).Select(c => (Quadrant?)c.Key.Item2).FirstOrDefault());
        return new WordSuggestions(score, usual);
    }

    /// <summary>The corner this person most often chooses in <paramref name="state"/>, if they have history.</summary>
    public Quadrant? UsualQuadrant(NervousState state) => _usualQuadrant.GetValueOrDefault(state);

    /// <summary>True when the person has used <paramref name="word"/> before in <paramref name="state"/> or any other.</summary>
    public bool IsFamiliar(NervousState state, EmotionWord word) => _score.ContainsKey((state, word.Id));

    /// <summary>Words of one corner, best first for <paramref name="state"/>.</summary>
    public IEnumerable<EmotionWord> Rank(IEnumerable<EmotionWord> words, NervousState state) =>
        words.OrderByDescending(w => _score.GetValueOrDefault((state, w.Id)))
            .ThenByDescending(w => w.States.Contains(StateNames.Of(state)) ? (w.States[0] == StateNames.Of(state) ? 2 : 1) : 0)
            .ThenBy(w => Math.Abs(Math.Abs(w.Pleasantness) - 2.5) + Math.Abs(Math.Abs(w.Energy) - 2.5))
            .ThenBy(w => w.Name, StringComparer.Ordinal);
}
