using Attune.Web.Features.CheckIns;

namespace Attune.Web.Features.Practices.Library;

/// <summary>
/// Attune's own practices, written for Attune (never copied), each with the states it suits and why, its steps,
/// an evidence note that says how strong the research is, and cautions. Ids are stable: sessions refer to them.
/// </summary>
public static partial class PracticeLibrary
{
    public static IReadOnlyList<Practice> All { get; } = [.. ForActivated(), .. ForShutDown(), .. ForConnected(), .. ForAnyState()];

    private static readonly Dictionary<string, Practice> ById = All.ToDictionary(p => p.Id, StringComparer.Ordinal);

    /// <summary>Library order: the order within each group is the order offered when nothing is known yet.</summary>
    private static readonly Dictionary<string, int> Order = All.Select((p, i) => (p.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);

    public static Practice? Find(string id) => ById.GetValueOrDefault(id);

    public static int OrderOf(string id) => Order.GetValueOrDefault(id, int.MaxValue);

    private static Practice P(
        string id, string title, string summary, PracticeGroup group, int minutes, StateFit[] fits, PracticeStep[] steps,
        EvidenceStrength strength, string evidence, PracticeReference[] references, string[] cautions, BreathPattern? breathing = null) =>
        new(id, title, summary, group, minutes, fits, steps, strength, evidence, references, cautions, breathing);

    private static StateFit Fit(NervousState state, string why) => new(state, why);

    private static PracticeStep S(string text, int? seconds = null) => new(text, seconds);

    private static PracticeStep Breathe(string text, int seconds) => new(text, seconds, Breathe: true);

    private static PracticeReference R(string citation, string? doi = null) => new(citation, doi);

    private const string DizzyCaution = "If you feel dizzy or light-headed, stop, breathe normally and let it pass. Slower and gentler is always fine.";

    private const string HoldCaution = "Holding the breath is optional. If you are pregnant, have a heart or lung condition, or holding feels alarming, breathe through the pauses instead.";

    private const string EyesOpenCaution = "Eyes can stay open, with a soft gaze on one spot. If attention to the body brings up something hard, come back to the room: feet on the floor, name what you see.";
}
