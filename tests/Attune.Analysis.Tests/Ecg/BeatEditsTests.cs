using Attune.Analysis.Ecg;
using Attune.Analysis.Series;

namespace Attune.Analysis.Tests.Ecg;

public class BeatEditsTests
{
    [Fact]
    public void Apply_AddAndRemove_SortedWithoutDuplicates()
    {
        var result = BeatEdits.Apply([100, 300, 500], [new BeatEdit(300, Added: false), new BeatEdit(400, Added: true), new BeatEdit(50, Added: true)]);
        Assert.Equal([50, 100, 400, 500], result);
    }

    [Fact]
    public void Apply_NoEdits_GivesTheDetectedBeats()
    {
        Assert.Equal([10, 20, 30], BeatEdits.Apply([10, 20, 30], []));
    }

    [Fact]
    public void Apply_EditsThatChangeNothing_AreIgnored()
    {
        var result = BeatEdits.Apply([100, 300], [new BeatEdit(200, Added: false), new BeatEdit(300, Added: true)]);
        Assert.Equal([100, 300], result);
    }

    [Fact]
    public void SnapToPeak_ClickNearAPeak_MovesToTheLocalMaximumWithin50Ms()
    {
        const double fs = 250;
        var samples = new double[1000];
        samples[510] = 1.0;
        samples[600] = 5.0; // further than 50 ms (12.5 samples) from the click: not reached
        var ecg = EcgSignal.Create(samples, fs);
        Assert.Equal(510, BeatEdits.SnapToPeak(ecg, 500));
    }

    [Fact]
    public void SnapToPeak_DoesNotCrossAGap()
    {
        const double fs = 100;
        var samples = new double[40];
        samples[21] = 9;
        var ecg = EcgSignal.Create(samples, fs, [new EcgSegment(0, 20, 0), new EcgSegment(20, 20, 10)]);
        Assert.InRange(BeatEdits.SnapToPeak(ecg, 19), 14, 19);
    }

    [Fact]
    public void IndexAtTime_InASegmentAndInAGap_NearestSample()
    {
        const double fs = 100;
        var ecg = EcgSignal.Create(new double[40], fs, [new EcgSegment(0, 20, 0), new EcgSegment(20, 20, 10)]);
        Assert.Equal(5, BeatEdits.IndexAtTime(ecg, 0.05));
        Assert.Equal(25, BeatEdits.IndexAtTime(ecg, 10.05));
        Assert.Equal(20, BeatEdits.IndexAtTime(ecg, 9.0));
        Assert.Equal(19, BeatEdits.IndexAtTime(ecg, 0.5));
    }

    [Theory]
    [InlineData(300, 10, 1)]
    [InlineData(295, 10, 1)]
    [InlineData(250, 10, -1)]
    [InlineData(90, 10, 0)]
    [InlineData(9999, 10, -1)]
    public void Nearest_WithinDistanceOrNone(int index, int maxDistance, int expected)
    {
        Assert.Equal(expected, BeatEdits.Nearest([100, 300, 500], index, maxDistance));
    }

    /// <summary>
    /// A spurious spike between two beats is detected as a beat and halves one interval; removing it by hand
    /// gives back the true interval, to the sample.
    /// </summary>
    [Fact]
    public void RemovingADetectedExtraBeat_RestoresTheTrueInterval()
    {
        const double fs = 250;
        var (samples, truth) = SyntheticEcg.Make(fs, 60, seed: 3);
        var k = truth.Length / 2;
        var spike = (truth[k] + truth[k + 1]) / 2;
        for (var i = -3; i <= 3; i++)
        {
            samples[spike + i] += 1.2 * Math.Exp(-0.5 * i * i / 2.0);
        }
        var ecg = EcgSignal.Create(samples, fs);
        var detected = NeuroKitPeakDetector.Detect(ecg);
        var extra = BeatEdits.Nearest(detected.Indices, spike, (int)(0.02 * fs));
        Assert.True(extra >= 0, "The detector should have taken the spike for a beat.");
        Assert.Equal(truth.Length + 1, detected.Count);

        var edited = BeatEdits.Apply(detected.Indices, [new BeatEdit(detected.Indices[extra], Added: false)]);
        var rr = BeatEdits.ToRrSeries(ecg, edited);

        Assert.Equal(truth.Length - 1, rr.Count);
        var trueMs = (truth[k + 1] - truth[k]) * 1000.0 / fs;
        Assert.InRange(rr.IntervalsMs[k], trueMs - 8, trueMs + 8);
        for (var j = 0; j < rr.Count; j++)
        {
            Assert.InRange(rr.IntervalsMs[j], 550, 1150);
        }
    }

    [Fact]
    public void AddingAMissedBeat_SplitsTheLongInterval()
    {
        const double fs = 250;
        var (samples, truth) = SyntheticEcg.Make(fs, 30, seed: 5);
        var ecg = EcgSignal.Create(samples, fs);
        var detected = NeuroKitPeakDetector.Detect(ecg).Indices.ToArray();
        var k = detected.Length / 2;
        var withoutOne = BeatEdits.Apply(detected, [new BeatEdit(detected[k], Added: false)]);
        var click = detected[k] + 6; // a click 24 ms beside the peak
        var restored = BeatEdits.Apply(withoutOne, [new BeatEdit(BeatEdits.SnapToPeak(ecg, click), Added: true)]);
        // The raw signal's maximum may sit a sample beside the detector's (which reads the cleaned signal).
        Assert.Equal(detected.Length, restored.Length);
        Assert.Equal(truth.Length, restored.Length);
        for (var j = 0; j < detected.Length; j++)
        {
            Assert.InRange(restored[j], detected[j] - 2, detected[j] + 2);
        }
    }
}
