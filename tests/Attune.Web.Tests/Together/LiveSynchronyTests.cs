using Attune.Analysis.Synchrony;
using Attune.Web.Features.Together.Live;

namespace Attune.Web.Tests.Together;

/// <summary>Live synchrony and the summary's chance check, from the engine, on heart rates fed as the hub keeps them.</summary>
public sealed class LiveSynchronyTests
{
    private static LiveSession Session(Func<double, double> starter, Func<double, double> partner, int seconds)
    {
        var session = new LiveSession(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), DateTime.UtcNow, 0, 6);
        for (var t = 0.3; t < seconds; t += 0.9)
        {
            session.Starter.Add(t, (int)Math.Round(starter(t)), 60);
            session.Partner.Add(t + 0.2, (int)Math.Round(partner(t + 0.2)), 60);
        }
        return session;
    }

    [Fact]
    public void Two_hearts_following_one_breath_are_in_step_more_than_chance()
    {
        var random = new Random(3);
        // A shared swing that does not repeat within a window (a pure 10 s breath would: shuffling 30 s segments keeps
        // its phase, and then the surrogates are as in step as the real pairing).
        static double Shared(double t) => 6 * Math.Sin(2 * Math.PI * t / 13.7) + 4 * Math.Sin(2 * Math.PI * t / 41.3);
        var session = Session(t => 65 + Shared(t), t => 72 + Shared(t) + random.NextDouble(), 180);

        var live = BreathSessions.LastMinute(session);
        var summary = BreathSessions.Summarize(session, BreathOutcome.Completed);

        Assert.InRange(live.InStep!.Value, 0.3, 1);
        Assert.InRange(live.Seconds, 55, 61);
        Assert.InRange(summary.Synchrony!.Value, 0.3, 1);
        Assert.True(summary.SynchronyP < ChanceVerdict.DefaultLevel);
        Assert.StartsWith("Your two heart rates moved together more than", summary.Chance, StringComparison.Ordinal);
        Assert.InRange(summary.StarterMean!.Value, 63, 67);
        Assert.Equal(180, summary.StarterCurve.Length);
    }

    [Fact]
    public void Unrelated_hearts_are_not_more_than_chance_and_too_little_says_so()
    {
        var a = new Random(1);
        var b = new Random(2);
        var session = Session(_ => 65 + 8 * a.NextDouble(), _ => 72 + 8 * b.NextDouble(), 180);
        var summary = BreathSessions.Summarize(session, BreathOutcome.Completed);
        Assert.True(summary.SynchronyP >= ChanceVerdict.DefaultLevel, $"p = {summary.SynchronyP}");

        var brief = Session(_ => 65, _ => 70, 10);
        Assert.Null(BreathSessions.LastMinute(brief).InStep);
        var short_ = BreathSessions.Summarize(brief, BreathOutcome.Incomplete);
        Assert.Null(short_.Synchrony);
        Assert.Equal("There wasn't enough heart rate from both of you to compare.", short_.Chance);
    }
}
