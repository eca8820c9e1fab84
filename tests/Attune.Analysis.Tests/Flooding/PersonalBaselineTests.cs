using Attune.Analysis.Flooding;
using Attune.Analysis.Series;

namespace Attune.Analysis.Tests.Flooding;

public sealed class PersonalBaselineTests
{
    private static RrSeries Alternating(double a, double b, double durationS)
    {
        var rr = new List<double>();
        var t = 0.0;
        while (t < durationS)
        {
            var v = rr.Count % 2 == 0 ? a : b;
            rr.Add(v);
            t += v / 1000;
        }
        return RrSeries.FromIntervals(rr.ToArray());
    }

    [Fact]
    public void FromHistory_RestAndActivity_LowPercentileIsRest()
    {
        // Rest: RR alternating 990/1010 ms (HR ≈ 60 bpm, RMSSD 20 ms), 20 min → 4 windows.
        // Activity: 590/610 ms (≈ 100 bpm), 20 min → 4 windows. P10 of 8 windows lies among the rest ones.
        var baseline = FromHistoryOrFail([Alternating(990, 1010, 1200), Alternating(590, 610, 1200)]);
        var restHr = (60000 / 990.0 + 60000 / 1010.0) / 2;
        Assert.Equal(restHr, baseline.RestingHrBpm, 2);
        Assert.Equal(20, baseline.RestingRmssdMs, 9);
        Assert.Equal(8, baseline.WindowCount);
    }

    [Fact]
    public void FromHistory_TooLittleData_Null()
    {
        Assert.Null(PersonalBaseline.FromHistory([Alternating(990, 1010, 500)]));
    }

    private static PersonalBaseline FromHistoryOrFail(RrSeries[] history) =>
        PersonalBaseline.FromHistory(history) ?? throw new InvalidOperationException("Expected a baseline.");
}
