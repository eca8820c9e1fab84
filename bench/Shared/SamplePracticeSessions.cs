using Attune.Analysis.Practices;
using Attune.Web.Features.CheckIns;
using Attune.Web.Features.Practices;
using Attune.Web.Features.Practices.Library;

namespace Attune.BenchShared;

/// <summary>Practice sessions as the app stores them, for the load programs: a random library practice, states and effect.</summary>
internal static class SamplePracticeSessions
{
    public static PracticeSession One(Guid owner, Random random, DateTime ended)
    {
        var practice = PracticeLibrary.All[random.Next(PracticeLibrary.All.Count)];
        var before = (NervousState)random.Next(3);
        var after = random.NextDouble() < 0.6 ? NervousState.Connected : before;
        int bi = random.Next(11), ai = random.Next(11);
        return new PracticeSession
        {
            Id = Guid.CreateVersion7(),
            OwnerId = owner,
            PracticeId = practice.Id,
            StartedAt = ended.AddMinutes(-practice.Minutes),
            EndedAt = ended,
            BeforeState = before,
            BeforeIntensity = bi,
            AfterState = after,
            AfterIntensity = ai,
            Effect = SessionEffect.Of(before == NervousState.Connected, bi, after == NervousState.Connected, ai),
            Rating = random.Next(1, 6),
            IdempotencyKey = Guid.NewGuid().ToString("N"),
            CreatedAt = ended,
        };
    }
}
