using System.Globalization;
using Attune.Analysis.Dyadic;
using Attune.Web.Features.CheckIns;
using Attune.Web.Features.Sharing;

namespace Attune.Web.Features.Together;

/// <summary>
/// The co-regulation index for one person (see <see cref="CoRegulation"/>): medians in minutes, the ratio with its
/// interval (null when either group has fewer than <c>minimumEpisodes</c>), and a plain summary.
/// </summary>
public sealed record CoRegulationDto(
    string Person,
    int WithPartnerConnected,
    int Otherwise,
    int Unresolved,
    double? MedianMinutesWithPartnerConnected,
    double? MedianMinutesOtherwise,
    double? Index,
    double? Lower,
    double? Upper,
    double Confidence,
    int MinimumEpisodes,
    string Summary);

public sealed record MoveCountDto(string Move, int Count);

public sealed record PatternCountDto(string Pattern, int Count);

/// <summary>Each partner's moves across conflicts, the patterns, and the one that recurs (with its share), in words too.</summary>
public sealed record CycleMapDto(
    int Conflicts,
    List<MoveCountDto> MyMoves,
    List<MoveCountDto> PartnerMoves,
    List<PatternCountDto> Patterns,
    int Paired,
    string? Recurring,
    double? RecurringShare,
    string Summary);

public sealed record TogetherInsightsDto(
    string? Partner,
    List<RepairDto> Repairs,
    double? MedianMinutesToReconnect,
    int BreaksLast30Days,
    CycleMapDto Cycle,
    CoRegulationDto? Mine,
    CoRegulationDto? Theirs,
    string Definition);

/// <summary>Rupture and repair history, the cycle map and the co-regulation index, from what each person may see.</summary>
public sealed class TogetherInsights(Access access, Partners partners, Repairs repairs, Breaks breaks, TimeProvider clock)
{
    public const string Definition =
        "The co-regulation index compares how long it takes to get from activated back to connected (from one check-in to the next "
        + "connected one, within a day). It divides the usual time when the partner's latest check-in, within two hours, was not "
        + "connected by the usual time when it was. Above 1 means settling sooner while the partner felt connected. The range "
        + "shows how sure the number is (a 90% bootstrap interval); with few check-ins it is wide. It describes your check-ins, "
        + "not what caused what.";

    private static readonly TimeSpan Period = TimeSpan.FromDays(180);

    public async Task<TogetherInsightsDto> ForAsync(Guid me, CancellationToken cancel)
    {
        var partner = await partners.CurrentAsync(me, cancel);
        var history = await repairs.ListAsync(me, q => q, cancel);
        var done = history.Where(r => r.MinutesToReconnect is not null).Select(r => r.MinutesToReconnect!.Value).ToList();
        var since = clock.GetUtcNow().UtcDateTime.AddDays(-30);
        var breakCount = (await breaks.HistoryAsync(me, partner?.Id, 500, cancel)).Count(b => b.StartedAt > since);

        // The cycle map counts conflicts with the current partner (all of them when there is none).
        var withPartner = partner is null ? history : [.. history.Where(r => r.With == partner.Name)];
        var moves = withPartner.Where(r => r.CompletedAt is not null || r.Mine?.Move is not null || r.Partner?.Move is not null)
            .Select(r => new ConflictMoves(Repairs.ParseMove(r.Mine?.Move), Repairs.ParseMove(r.Partner?.Move))).ToList();
        var cycle = Describe(ConflictCycle.Map(moves), partner?.Name ?? "your partner");

        CoRegulationDto? mine = null, theirs = null;
        if (partner is not null)
        {
            var from = clock.GetUtcNow().UtcDateTime - Period;
            var myReports = await ReportsAsync(me, Whose.Mine, me, from, cancel);
            var theirReports = await ReportsAsync(me, Whose.Shared, partner.Id, from, cancel);
            mine = Describe("you", partner.Name, CoRegulation.Compute(myReports, theirReports));
            theirs = Describe(partner.Name, "you", CoRegulation.Compute(theirReports, myReports));
        }
        return new TogetherInsightsDto(partner?.Name, history, done.Count > 0 ? CoRegulation.Median(done) : null, breakCount, cycle, mine, theirs, Definition);
    }

    private async Task<List<StateReport>> ReportsAsync(Guid me, Whose whose, Guid owner, DateTime from, CancellationToken cancel) =>
        [.. (await access.ListAsync<CheckIn, StateReport>(me, whose,
            q => q.Where(c => c.OwnerId == owner && c.OccurredAt >= from).OrderBy(c => c.OccurredAt).Take(20_000),
            c => new StateReport(c.OccurredAt, c.State == NervousState.Connected ? ReportedState.Connected
                : c.State == NervousState.Activated ? ReportedState.Activated : ReportedState.ShutDown), cancel)).Select(r => r.Value)];

    private static CoRegulationDto Describe(string person, string other, CoRegulationIndex x)
    {
        var minimum = CoRegulationOptions.Default.MinimumEpisodes;
        var you = person == "you";
        var (subject, tends) = you ? ("You", "tend") : (person, "tends");
        string summary;
        if (x.Index is not { } index)
        {
            summary = $"Not enough check-ins yet: {Times(x.WithPartner)} activated while {other} felt connected and {Times(x.Alone)} otherwise. "
                + $"At least {minimum} of each are needed.";
        }
        else if (x.Lower > 1)
        {
            summary = $"{subject} {tends} to get back to connected about {Number(index)} times sooner when {other} felt connected "
                + $"(likely between {Number(x.Lower!.Value)} and {Number(x.Upper!.Value)} times).";
        }
        else if (x.Upper < 1)
        {
            summary = $"So far {(you ? "you" : person)} took longer to get back to connected when {other} felt connected "
                + $"(about {Number(1 / index)} times as long; likely between {Number(1 / x.Upper!.Value)} and {Number(1 / x.Lower!.Value)}).";
        }
        else
        {
            summary = $"No clear difference yet: the likely range ({Number(x.Lower!.Value)} to {Number(x.Upper!.Value)} times) includes “no difference”.";
        }
        return new CoRegulationDto(person, x.WithPartner, x.Alone, x.Unresolved, x.MedianMinutesWithPartner, x.MedianMinutesAlone,
            x.Index, x.Lower, x.Upper, x.Confidence, minimum, summary);
    }

    private static CycleMapDto Describe(CycleMap map, string partner)
    {
        static string Name<T>(T value) where T : Enum => value.ToString() switch
        {
            nameof(CyclePattern.PursueWithdraw) => "pursue-withdraw",
            nameof(CyclePattern.MutualEscalation) => "both-escalate",
            nameof(CyclePattern.MutualWithdrawal) => "both-withdraw",
            var other => other.ToLowerInvariant(),
        };
        var summary = map.Recurring switch
        {
            null when map.Paired == 0 => "After a repair, each of you can say what you tended to do. With a few of those, your pattern shows here.",
            null => "No single pattern stands out yet.",
            CyclePattern.PursueWithdraw => $"In {map.Patterns[0].Count} of {map.Paired} conflicts, "
                + (map.PursuerIsMe switch
                {
                    true => $"you moved towards {partner} and {partner} moved away",
                    false => $"{partner} moved towards you and you moved away",
                    null => "one of you moved towards and the other away",
                })
                + ": the pursue–withdraw cycle. The cycle is the problem, not either of you; noticing it is how it loosens.",
            CyclePattern.MutualEscalation => $"In {map.Patterns[0].Count} of {map.Paired} conflicts you both got louder. A break before it peaks helps most.",
            CyclePattern.MutualWithdrawal => $"In {map.Patterns[0].Count} of {map.Paired} conflicts you both went quiet. A gentle first step from either of you helps.",
            _ => $"In {map.Patterns[0].Count} of {map.Paired} conflicts at least one of you softened. That is what repair looks like.",
        };
        return new CycleMapDto(map.Conflicts,
            [.. map.MyMoves.Select(m => new MoveCountDto(Repairs.MoveName(m.Move), m.Count))],
            [.. map.PartnerMoves.Select(m => new MoveCountDto(Repairs.MoveName(m.Move), m.Count))],
            [.. map.Patterns.Select(p => new PatternCountDto(Name(p.Pattern), p.Count))],
            map.Paired, map.Recurring is { } r ? Name(r) : null, map.RecurringShare, summary);
    }

    private static string Times(int n) => n == 1 ? "once" : n == 2 ? "twice" : $"{n} times";

    private static string Number(double x) => x.ToString(x >= 10 ? "0" : "0.#", CultureInfo.InvariantCulture);
}
