using Attune.Analysis.Practices;
using Attune.Web.Data;
using Attune.Web.Features.CheckIns;
using Attune.Web.Features.Sharing;
using Microsoft.EntityFrameworkCore;

namespace Attune.Web.Features.Practices;

/// <summary>
/// What each practice does for everyone, per starting state: the population level of the empirical-Bayes model
/// (<see cref="EmpiricalBayesEffect.Population"/>), recomputed at most every few minutes.
/// </summary>
/// <remarks>
/// This is the one place that reads across people, and it reads sums only: the query groups every session by
/// person, practice and state, and returns for each group its count, sum and sum of squares, never the person.
/// Pooled figures are used only once at least <see cref="EffectPrior.MinPeople"/> people have data for a practice and
/// state, so in a small deployment nobody's results can be told from the mean (docs/numerics/practices.md).
/// </remarks>
public sealed class PracticePopulation(IServiceScopeFactory scopes, TimeProvider clock)
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(5);

    private readonly SemaphoreSlim _refresh = new(1, 1);
    private Snapshot? _current;

    private sealed record Snapshot(DateTimeOffset At, Dictionary<(string PracticeId, NervousState State), PopulationEffect> Effects);

    /// <summary>The prior alone: what is assumed of a practice and state nobody (or too few people) has tried.</summary>
    public static PopulationEffect Prior { get; } = EmpiricalBayesEffect.Population([]);

    public async Task<IReadOnlyDictionary<(string PracticeId, NervousState State), PopulationEffect>> GetAsync(CancellationToken cancel)
    {
        var now = clock.GetUtcNow();
        if (_current is { } fresh && now - fresh.At < MaxAge)
        {
            return fresh.Effects;
        }
        await _refresh.WaitAsync(cancel);
        try
        {
            if (_current is { } other && now - other.At < MaxAge)
            {
                return other.Effects;
            }
            var effects = await ComputeAsync(cancel);
            _current = new Snapshot(now, effects);
            return effects;
        }
        finally
        {
            _refresh.Release();
        }
    }

    /// <summary>Forgets the snapshot, so the next read computes it afresh (tests, and after bulk changes).</summary>
    public void Invalidate() => _current = null;

    private async Task<Dictionary<(string, NervousState), PopulationEffect>> ComputeAsync(CancellationToken cancel)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AttuneDb>();
        // Sums per person, practice and state; the person is grouped on but never selected.
        var groups = await Access.Unchecked<PracticeSession>(db).AsNoTracking()
            .GroupBy(s => new { s.OwnerId, s.PracticeId, s.BeforeState })
            .Select(g => new { g.Key.PracticeId, g.Key.BeforeState, Count = g.Count(), Sum = g.Sum(s => s.Effect), Squares = g.Sum(s => s.Effect * s.Effect) })
            .ToListAsync(cancel);
        return groups
            .GroupBy(g => (g.PracticeId, g.BeforeState))
            .ToDictionary(
                g => g.Key,
                g => EmpiricalBayesEffect.Population([.. g.Select(x => new EffectSummary(x.Count, x.Sum, x.Squares))]));
    }
}
