using Attune.Analysis.Synchrony;
using Attune.Web.Features.Recordings;

namespace Attune.Web.Tests.Recordings;

public sealed class RecordingSynchronyTests
{
    private static readonly DateTimeOffset T0 = new(2024, 5, 1, 20, 0, 0, TimeSpan.Zero);

    private static TimedSignal Steady(DateTimeOffset? start) => TimedSignal.Create([0, 1, 2, 3], [70, 71, 72, 71], start);

    [Fact]
    public void Recordings_far_apart_in_time_are_said_not_to_overlap()
    {
        var (result, problem) = RecordingSynchrony.Run(Guid.NewGuid(), "A", Steady(T0), Guid.NewGuid(), "B", Steady(T0.AddHours(3)));

        Assert.Null(result);
        Assert.Contains("don't overlap in time", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Only_one_recording_with_clock_times_is_said_to_lack_a_common_clock()
    {
        var (result, problem) = RecordingSynchrony.Run(Guid.NewGuid(), "A", Steady(T0), Guid.NewGuid(), "B", Steady(null));

        Assert.Null(result);
        Assert.Contains("Only one of these recordings has clock times", problem, StringComparison.Ordinal);
    }
}
