using Attune.Analysis.Series;

namespace Attune.Analysis.Tests.Series;

public class InputSeriesTests
{
    [Fact]
    public void HeartRateSeriesCreate_ValidInput_CopiesValues()
    {
        double[] t = [0, 1, 2];
        double[] bpm = [60, 61, 62];
        var s = HeartRateSeries.Create(t, bpm, DateTimeOffset.UnixEpoch);
        t[0] = 5;
        Assert.Equal(0, s.TimesS[0]);
        Assert.Equal(3, s.Count);
        Assert.Equal(DateTimeOffset.UnixEpoch, s.Start);
    }

    [Theory]
    [InlineData(new double[] { 0, 1 }, new double[] { 60 })]
    [InlineData(new double[] { 0, 1 }, new double[] { 60, 0 })]
    [InlineData(new double[] { 0, 1 }, new double[] { 60, double.NaN })]
    [InlineData(new double[] { 1, 1 }, new double[] { 60, 60 })]
    [InlineData(new double[] { 0, double.PositiveInfinity }, new double[] { 60, 60 })]
    public void HeartRateSeriesCreate_InvalidInput_Throws(double[] t, double[] bpm)
    {
        Assert.Throws<ArgumentException>(() => HeartRateSeries.Create(t, bpm));
    }

    [Fact]
    public void EcgSignalCreate_Segments_TimeOfSampleFollowsSegments()
    {
        var ecg = EcgSignal.Create(new double[10], 100, [new EcgSegment(0, 4, 0), new EcgSegment(4, 6, 2.5)]);
        Assert.Equal(0.03, ecg.TimeOfSample(3), 12);
        Assert.Equal(2.5, ecg.TimeOfSample(4), 12);
        Assert.Equal(2.55, ecg.TimeOfSample(9), 12);
        Assert.Equal(1, ecg.SegmentOf(9));
    }

    [Fact]
    public void EcgSignalCreate_InvalidInput_Throws()
    {
        Assert.Throws<ArgumentException>(() => EcgSignal.Create(new double[3], 0));
        Assert.Throws<ArgumentException>(() => EcgSignal.Create([1, double.NaN], 100));
        Assert.Throws<ArgumentException>(() => EcgSignal.Create(new double[10], 100, [new EcgSegment(0, 4, 0), new EcgSegment(5, 5, 1)]));
        Assert.Throws<ArgumentException>(() => EcgSignal.Create(new double[10], 100, [new EcgSegment(0, 4, 0)]));
        Assert.Throws<ArgumentException>(() => EcgSignal.Create(new double[10], 100, [new EcgSegment(0, 4, 1), new EcgSegment(4, 6, 1.01)]));
        Assert.Throws<ArgumentOutOfRangeException>(() => EcgSignal.Create(new double[3], 100).TimeOfSample(3));
    }

    [Theory]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    [InlineData(float.NegativeInfinity)]
    public void EcgSignalCreateOwned_NonFiniteSampleAnywhere_NamesTheFirst(float bad)
    {
        // Lengths around the vector width, the bad sample at every position, a second one after it.
        for (var length = 1; length <= 40; length++)
        {
            for (var at = 0; at < length; at++)
            {
                var samples = Enumerable.Range(0, length).Select(i => (float)Math.Sin(i)).ToArray();
                samples[at] = bad;
                if (at + 3 < length)
                {
                    samples[at + 3] = float.NaN;
                }
                var error = Assert.Throws<ArgumentException>(() => EcgSignal.CreateOwned(samples, length, 250, null, null));
                Assert.StartsWith($"Sample {at} is not a finite number.", error.Message, StringComparison.Ordinal);
            }
            Assert.Equal(length, EcgSignal.CreateOwned(Enumerable.Repeat(float.MaxValue, length).ToArray(), length, 250, null, null).Count);
        }
    }
}
