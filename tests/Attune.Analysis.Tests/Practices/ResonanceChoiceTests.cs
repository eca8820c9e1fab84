using Attune.Analysis.Practices;

namespace Attune.Analysis.Tests.Practices;

public sealed class ResonanceChoiceTests
{
    [Fact]
    public void ByComfort_MostComfortableRateWins() =>
        Assert.Equal(5.5, ResonanceChoice.ByComfort([new(7, 2), new(6.5, 3), new(6, 3), new(5.5, 5), new(5, 4), new(4.5, 1)]));

    [Fact]
    public void ByComfort_Tie_GoesToTheRateNearestSixThenTheSlower()
    {
        Assert.Equal(6, ResonanceChoice.ByComfort([new(7, 4), new(6, 4), new(4.5, 4)]));
        Assert.Equal(5.5, ResonanceChoice.ByComfort([new(6.5, 4), new(5.5, 4)]));
    }

    [Fact]
    public void ByComfort_NothingRated_IsNull() =>
        Assert.Null(ResonanceChoice.ByComfort([new(7, 0), new(6, 0)]));

    [Fact]
    public void ByComfort_ComfortOutOfRange_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => ResonanceChoice.ByComfort([new(6, 6)]));

    /// <summary>A minute of beats whose heart rate follows a sine of <paramref name="swing"/> bpm peak to trough at
    /// <paramref name="breathsPerMinute"/>, sampled beat by beat.</summary>
    private static double[] Breathing(double breathsPerMinute, double swing, double seconds = 60)
    {
        var rr = new List<double>();
        double t = 0;
        while (t < seconds)
        {
            var hr = 66 + swing / 2 * Math.Sin(2 * Math.PI * breathsPerMinute / 60 * t);
            rr.Add(60000 / hr);
            t += rr[^1] / 1000;
        }
        return [.. rr];
    }

    [Fact]
    public void HeartRateSwing_OfASineHeart_IsNearItsPeakToTrough()
    {
        var swing = ResonanceChoice.HeartRateSwing(Breathing(6, 10), 6);
        Assert.NotNull(swing);
        // Beats sample the sine, so the extremes are missed by at most a beat's worth of the wave.
        Assert.InRange(swing.Value, 9, 10.01);
    }

    [Fact]
    public void HeartRateSwing_ASteadyHeart_HasNoSwing() =>
        Assert.Equal(0, ResonanceChoice.HeartRateSwing([.. Enumerable.Repeat(900.0, 70)], 6)!.Value, 9);

    [Fact]
    public void HeartRateSwing_LessThanOneWholeBreath_IsNull() =>
        Assert.Null(ResonanceChoice.HeartRateSwing([900, 900, 900], 6));

    [Fact]
    public void HeartRateSwing_BadRate_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => ResonanceChoice.HeartRateSwing([900, 900], 0));

    [Fact]
    public void BySwing_LargestSwingWins_EvenOverComfort()
    {
        RateTrial[] trials = [new(7, 5), new(6, 5), new(5.5, 1), new(5, 3)];
        double?[] swings = [4, 6.5, 9.8, null];
        Assert.Equal(5.5, ResonanceChoice.BySwing(trials, swings));
    }

    [Fact]
    public void BySwing_NearTie_GoesToComfortThenTypicalRate()
    {
        Assert.Equal(5, ResonanceChoice.BySwing([new(5.5, 2), new(5, 4)], [8.0, 7.97]));
        Assert.Equal(6, ResonanceChoice.BySwing([new(5, 3), new(6, 3)], [8.0, 8.0]));
    }

    [Fact]
    public void BySwing_NoSwings_IsNull() =>
        Assert.Null(ResonanceChoice.BySwing([new(6, 3)], [null]));
}
