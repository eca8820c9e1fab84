namespace Attune.Analysis.Dyadic;

/// <summary>What a person tended to do in a conflict, as they name it afterwards.</summary>
public enum ConflictMove
{
    /// <summary>Moved towards the other to be heard: pressing, following, raising it again.</summary>
    Pursue,

    /// <summary>Moved away: went quiet, left the room, shut down.</summary>
    Withdraw,

    /// <summary>Got louder or sharper: blame, criticism, contempt.</summary>
    Escalate,

    /// <summary>Turned gentle: a softer voice, a touch, owning one's part.</summary>
    Soften,
}

/// <summary>The shape of one conflict from both partners' moves.</summary>
public enum CyclePattern
{
    /// <summary>One moves towards (pursue or escalate), the other away: the pursuer–withdrawer cycle.</summary>
    PursueWithdraw,

    /// <summary>Both move towards, louder: both escalate.</summary>
    MutualEscalation,

    /// <summary>Both move away.</summary>
    MutualWithdrawal,

    /// <summary>At least one of them softened.</summary>
    Softening,
}

/// <summary>One conflict: each partner's move, either possibly unknown (not reported).</summary>
public readonly record struct ConflictMoves(ConflictMove? Mine, ConflictMove? Partner);

/// <summary>How often a pattern occurred among the conflicts where both moves are known.</summary>
public sealed record PatternCount(CyclePattern Pattern, int Count);

/// <summary>
/// A couple's cycle map: how often each of them made each move, the patterns their pairs of moves made,
/// the most frequent pattern and the share of conflicts in which it recurred.
/// </summary>
/// <param name="Conflicts">Conflicts counted.</param>
/// <param name="MyMoves">My moves, each with its count (all four listed, zero included).</param>
/// <param name="PartnerMoves">The partner's moves likewise.</param>
/// <param name="Patterns">Patterns among conflicts where both moves are known, most frequent first.</param>
/// <param name="Paired">Conflicts where both moves are known.</param>
/// <param name="Recurring">The most frequent pattern, when it occurred at least twice.</param>
/// <param name="RecurringShare">Its share of <paramref name="Paired"/> (0 to 1), when there is one.</param>
/// <param name="PursuerIsMe">In the pursue–withdraw pattern, true when I was the one moving towards more often than my partner; null when not that pattern or evenly split.</param>
public sealed record CycleMap(
    int Conflicts,
    IReadOnlyList<(ConflictMove Move, int Count)> MyMoves,
    IReadOnlyList<(ConflictMove Move, int Count)> PartnerMoves,
    IReadOnlyList<PatternCount> Patterns,
    int Paired,
    CyclePattern? Recurring,
    double? RecurringShare,
    bool? PursuerIsMe);

/// <summary>Builds the cycle map from the moves each partner named after their conflicts.</summary>
public static class ConflictCycle
{
    /// <summary>A move towards the other, pressing or louder.</summary>
    public static bool Towards(ConflictMove move) => move is ConflictMove.Pursue or ConflictMove.Escalate;

    /// <summary>
    /// The pattern of one conflict: softening wins when either softened (it is what breaks a cycle); otherwise
    /// one towards and one away is pursue–withdraw, both towards is mutual escalation, both away mutual withdrawal.
    /// </summary>
    public static CyclePattern Classify(ConflictMove mine, ConflictMove partner) =>
        (mine, partner) switch
        {
            (ConflictMove.Soften, _) or (_, ConflictMove.Soften) => CyclePattern.Softening,
            _ when Towards(mine) && Towards(partner) => CyclePattern.MutualEscalation,
            _ when !Towards(mine) && !Towards(partner) => CyclePattern.MutualWithdrawal,
            _ => CyclePattern.PursueWithdraw,
        };

    /// <summary>Counts each partner's moves and the patterns of the conflicts where both named theirs; a pattern recurs when it is the single most frequent one and occurred at least twice.</summary>
    public static CycleMap Map(IReadOnlyCollection<ConflictMoves> conflicts)
    {
        var moves = Enum.GetValues<ConflictMove>();
        var mine = moves.Select(m => (m, conflicts.Count(c => c.Mine == m))).ToList();
        var theirs = moves.Select(m => (m, conflicts.Count(c => c.Partner == m))).ToList();
        var paired = conflicts.Where(c => c.Mine is not null && c.Partner is not null).ToList();
        var patterns = paired.GroupBy(c => Classify(c.Mine!.Value, c.Partner!.Value))
            .Select(g => new PatternCount(g.Key, g.Count()))
            .OrderByDescending(p => p.Count).ThenBy(p => p.Pattern).ToList();
        var top = patterns.FirstOrDefault();
        var recurring = top is { Count: >= 2 } && (patterns.Count == 1 || patterns[1].Count < top.Count) ? top : null;

        bool? pursuerIsMe = null;
        if (recurring?.Pattern == CyclePattern.PursueWithdraw)
        {
            var cycles = paired.Where(c => Classify(c.Mine!.Value, c.Partner!.Value) == CyclePattern.PursueWithdraw).ToList();
            var meTowards = cycles.Count(c => Towards(c.Mine!.Value));
            var partnerTowards = cycles.Count - meTowards;
            pursuerIsMe = meTowards == partnerTowards ? null : meTowards > partnerTowards;
        }
        return new CycleMap(conflicts.Count, mine, theirs, patterns, paired.Count,
            recurring?.Pattern, recurring is null ? null : (double)recurring.Count / paired.Count, pursuerIsMe);
    }
}
