using Attune.Analysis.Practices;
using Attune.Web.Features.CheckIns;
using Attune.Web.Features.Practices.Library;
using Attune.Web.Features.Sharing;
using Microsoft.EntityFrameworkCore;

namespace Attune.Web.Features.Practices;

/// <summary>A suggested practice with the estimate that ranked it and the reason to show.</summary>
public sealed record Recommendation(Practice Practice, ShrunkEffect Effect, int Helped, string Reason);

/// <summary>A person's own record with one practice from one starting state.</summary>
public sealed record OwnResult(NervousState State, int Sessions, int Helped, double Estimate);

/// <summary>
/// Which practices to suggest for a state, best first: each practice that suits the state, ranked by the
/// empirical-Bayes estimate of how much it moves this person towards connected (their own sessions from that state,
/// shrunk towards everyone's; docs/numerics/practices.md). Ties, such as practices nobody has tried, keep the
/// library's order with the practices made for the state first.
/// </summary>
public sealed class Recommendations(Access access, Practices practices, PracticePopulation population, TimeProvider clock)
{
    /// <summary>A check-in this recent still says how a person is; older, the pages ask instead.</summary>
    public static readonly TimeSpan RecentCheckIn = TimeSpan.FromHours(12);

    /// <summary>The state of the person's latest check-in, when it is recent (read through the access layer, their own only).</summary>
    public async Task<(NervousState State, int Intensity, DateTime At)?> RecentStateAsync(Guid me, CancellationToken cancel)
    {
        var since = clock.GetUtcNow().UtcDateTime - RecentCheckIn;
        var latest = await access.Own<CheckIn>(me).AsNoTracking().Where(c => c.OccurredAt >= since)
            .OrderByDescending(c => c.OccurredAt).Select(c => new { c.State, c.Intensity, c.OccurredAt }).FirstOrDefaultAsync(cancel);
        return latest is null ? null : (latest.State, latest.Intensity, latest.OccurredAt);
    }

    private sealed record OwnStats(string PracticeId, int Count, int Sum, int Squares, int Helped);

    public async Task<List<Recommendation>> ForAsync(Guid me, NervousState state, int limit, CancellationToken cancel)
    {
        var candidates = PracticeLibrary.All.Concat(await practices.OwnAsync(me, cancel)).Where(p => p.Suits(state)).ToList();
        var mine = (await access.Own<PracticeSession>(me).Where(s => s.BeforeState == state)
                .GroupBy(s => s.PracticeId)
                .Select(g => new OwnStats(g.Key, g.Count(), g.Sum(s => s.Effect), g.Sum(s => s.Effect * s.Effect), g.Count(s => s.Effect > 0)))
                .ToListAsync(cancel))
            .ToDictionary(s => s.PracticeId, StringComparer.Ordinal);
        var everyone = await population.GetAsync(cancel);
        var group = PracticeGroups.Of(state);
        return [.. candidates
            .Select(p =>
            {
                var own = mine.GetValueOrDefault(p.Id);
                var pop = everyone.GetValueOrDefault((p.Id, state)) ?? PracticePopulation.Prior;
                var effect = EmpiricalBayesEffect.Shrink(own is null ? default : new EffectSummary(own.Count, own.Sum, own.Squares), pop);
                return new Recommendation(p, effect, own?.Helped ?? 0, Reason(p, state, own, pop));
            })
            .OrderByDescending(r => r.Effect.Estimate)
            .ThenBy(r => r.Practice.Group == group ? 0 : 1)
            .ThenBy(r => r.Practice.IsOwn ? 0 : 1)
            .ThenBy(r => PracticeLibrary.OrderOf(r.Practice.Id))
            .Take(limit)];
    }

    /// <summary>The person's record with one practice, per starting state they have tried it from.</summary>
    public async Task<List<OwnResult>> OwnResultsAsync(Guid me, string practiceId, CancellationToken cancel)
    {
        var rows = await access.Own<PracticeSession>(me).Where(s => s.PracticeId == practiceId)
            .GroupBy(s => s.BeforeState)
            .Select(g => new { State = g.Key, Count = g.Count(), Sum = g.Sum(s => s.Effect), Squares = g.Sum(s => s.Effect * s.Effect), Helped = g.Count(s => s.Effect > 0) })
            .ToListAsync(cancel);
        var everyone = await population.GetAsync(cancel);
        return [.. rows.OrderBy(r => r.State).Select(r => new OwnResult(r.State, r.Count, r.Helped,
            EmpiricalBayesEffect.Shrink(new EffectSummary(r.Count, r.Sum, r.Squares), everyone.GetValueOrDefault((practiceId, r.State)) ?? PracticePopulation.Prior).Estimate))];
    }

    /// <summary>"This helped you 6 of 8 times when activated."</summary>
    private static string Reason(Practice p, NervousState state, OwnStats? own, PopulationEffect pop)
    {
        var when = "when " + Describe(state);
        if (own is { Count: > 0 })
        {
            return (own.Count, own.Helped) switch
            {
                (1, 1) => $"This helped you the one time you tried it {when}.",
                (1, _) => $"It did not help the one time you tried it {when}. Another day it might.",
                (var n, 0) => $"It has not helped you yet in {n} tries {when}.",
                (var n, var helped) => $"This helped you {helped} of {n} times {when}.",
            };
        }
        if (!pop.FromPrior && pop.Mean >= 1)
        {
            return $"It helps many people who start out {Describe(state)}.";
        }
        return p.Fits.FirstOrDefault(f => f.State == state)?.Why ?? p.Summary;
    }

    public static string Describe(NervousState state) => state switch
    {
        NervousState.Activated => "activated",
        NervousState.ShutDown => "shut down",
        _ => "connected",
    };

    public static RecommendationDto ToDto(Recommendation r) =>
        new(Practices.ToSummary(r.Practice), Math.Round(r.Effect.Estimate, 2), r.Effect.Sessions, r.Helped, r.Reason);
}
