using Attune.Analysis.Artifacts;
using Attune.Analysis.Ecg;
using Attune.Analysis.Flooding;
using Attune.Analysis.Hrv;
using Attune.Analysis.Parsing;
using Attune.Analysis.Rhythm;
using Attune.Analysis.Series;

namespace Attune.Analysis.Tests.Rhythm;

public sealed class IrregularRhythmDetectorTests
{
    // Sinus-like: 70 bpm with breathing-driven variation and small noise, at 1-ms resolution.
    private static void AddSinus(List<double> rr, Random random, double seconds)
    {
        for (var t = 0.0; t < seconds;)
        {
            var value = Math.Round(860 + 45 * Math.Sin(2 * Math.PI * t / 4.5) + 15 * Math.Sin(2 * Math.PI * t / 60) + 8 * (random.NextDouble() - 0.5));
            rr.Add(value);
            t += value / 1000;
        }
    }

    // Atrial-fibrillation-like: independent intervals spread over 400–1000 ms.
    private static void AddIrregular(List<double> rr, Random random, double seconds)
    {
        for (var t = 0.0; t < seconds;)
        {
            var value = Math.Round(400 + 600 * random.NextDouble());
            rr.Add(value);
            t += value / 1000;
        }
    }

    [Fact]
    public void Detect_SinusRhythm_NotFlaggedNoStretches()
    {
        var rr = new List<double>();
        AddSinus(rr, new Random(1), 3600);

        var result = IrregularRhythmDetector.Detect(RrSeries.FromIntervals(rr.ToArray()));

        Assert.False(result.Flagged);
        Assert.Equal(12, result.AssessedWindows);
        Assert.Equal(0, result.IrregularWindows);
        Assert.Empty(result.Stretches);
        Assert.Null(result.Reading);
    }

    [Fact]
    public void Detect_TwentyMinutesIrregularBetweenHoursOfSinus_OneStretchThereAndFlagged()
    {
        var random = new Random(2);
        var rr = new List<double>();
        AddSinus(rr, random, 3600);
        AddIrregular(rr, random, 1200);
        AddSinus(rr, random, 3600);
        var series = RrSeries.FromIntervals(rr.ToArray());

        var result = IrregularRhythmDetector.Detect(series);

        var stretch = Assert.Single(result.Stretches);
        Assert.InRange(stretch.StartS, 3300, 3600);
        Assert.InRange(stretch.EndS, 4800, 5100);
        Assert.True(result.Flagged, "20 of 140 minutes is more than 10 %");
        Assert.InRange(result.IrregularFraction, 0.10, 0.20);
        Assert.Contains("not a diagnosis", result.Reading, StringComparison.Ordinal);
        Assert.Contains("cannot be read", result.Reading, StringComparison.Ordinal);
    }

    [Fact]
    public void Detect_ShortIrregularStretchInALongRecord_ListedButNotFlagged()
    {
        var random = new Random(3);
        var rr = new List<double>();
        AddSinus(rr, random, 6 * 3600);
        AddIrregular(rr, random, 900);
        AddSinus(rr, random, 6 * 3600);

        var result = IrregularRhythmDetector.Detect(RrSeries.FromIntervals(rr.ToArray()));

        Assert.Single(result.Stretches);
        Assert.False(result.Flagged);
    }

    [Fact]
    public void Detect_SegmentsNeverSpanAGap()
    {
        // Beats in bursts of 11 with 20-s gaps: no run reaches 12 adjacent intervals, so nothing is judged.
        var rr = new List<double>();
        var times = new List<double>();
        var t = 0.0;
        var random = new Random(4);
        for (var burst = 0; burst < 100; burst++)
        {
            t += 20;
            for (var i = 0; i < 11; i++)
            {
                var v = Math.Round(400 + 600 * random.NextDouble());
                t += v / 1000;
                rr.Add(v);
                times.Add(t);
            }
        }

        var result = IrregularRhythmDetector.Detect(RrSeries.FromBeats(rr.ToArray(), times.ToArray()));

        Assert.Equal(0, result.AssessedWindows);
        Assert.False(result.Flagged);
        Assert.True(double.IsNaN(result.IrregularFraction));
    }

    [Fact]
    public void Detect_InvalidOptions_ThrowArgumentException()
    {
        var series = RrSeries.FromIntervals([800, 810, 790, 805, 800]);

        Assert.Throws<ArgumentException>(() => IrregularRhythmDetector.Detect(series, IrregularRhythmOptions.Default with { SegmentIntervals = 3 }));
        Assert.Throws<ArgumentException>(() => IrregularRhythmDetector.Detect(series, IrregularRhythmOptions.Default with { FlagMinimumFraction = 0 }));
    }

    [Fact]
    public void Ltdb14149_IrregularRhythm_IsFlaggedAlmostThroughout()
    {
        var series = Corrected(ReferenceData.Require("rr/ltdb_14149_24h.rr.csv"));

        var result = HrvAnalyzer.Analyze(series).IrregularRhythm!;

        Assert.True(result.Flagged);
        Assert.True(result.IrregularFraction > 0.9, $"{result.IrregularFraction:P1}");
    }

    [Fact]
    public void Ltdb14046_FrequentEctopyCorrected_IsNotFlagged()
    {
        var series = Corrected(ReferenceData.Require("rr/ltdb_14046_24h.rr.csv"));

        var result = HrvAnalyzer.Analyze(series).IrregularRhythm!;

        Assert.False(result.Flagged, $"{result.IrregularWindows} of {result.AssessedWindows} windows irregular");
        Assert.True(result.IrregularFraction < 0.05, $"{result.IrregularFraction:P1}");
    }

    [Theory]
    [InlineData("ecg/bio_resting_5min_100hz.ecg.csv", 100)]
    [InlineData("ecg/bio_resting_8min_100hz.ecg.csv", 100)]
    [InlineData("ecg/bio_eventrelated_100hz.ecg.csv", 100)]
    public void ReferenceEcgs_SinusRhythm_AreNotFlagged(string file, double rateHz)
    {
        using var reader = new StreamReader(ReferenceData.Require(file));
        var ecg = EcgCsvParser.Parse(reader, rateHz).Value ?? throw new InvalidDataException(file);
        var series = LipponenTarvainen.Correct(NeuroKitPeakDetector.Detect(ecg).ToRrSeries()).Corrected;

        var result = IrregularRhythmDetector.Detect(series);

        Assert.True(result.AssessedWindows >= 1);
        Assert.False(result.Flagged);
        Assert.Equal(0, result.IrregularWindows);
    }

    [Fact]
    public void FloodingSplit_EventsInIrregularStretches_AreWithheld()
    {
        var random = new Random(6);
        var rr = new List<double>();
        AddSinus(rr, random, 1800);
        // 10 minutes of a fast, irregular rhythm (about 120 bpm): a flooding detector alone would report it.
        for (var t = 0.0; t < 600;)
        {
            var v = Math.Round(350 + 300 * random.NextDouble());
            rr.Add(v);
            t += v / 1000;
        }
        AddSinus(rr, random, 1800);
        // Then 5 minutes of steady 115 bpm: arousal-like and regular.
        for (var t = 0.0; t < 300; t += 0.52)
        {
            rr.Add(520);
        }
        AddSinus(rr, random, 900);
        var series = RrSeries.FromIntervals(rr.ToArray());
        var events = FloodingDetector.Detect(series);
        var rhythm = IrregularRhythmDetector.Detect(series);

        var split = FloodingWithholding.Split(events, rhythm);

        Assert.Equal(2, events.Count);
        var withheld = Assert.Single(split.Withheld);
        Assert.InRange(withheld.StartS, 1700, 1900);
        var kept = Assert.Single(split.Kept);
        Assert.True(kept.StartS > 3000);
        Assert.Equal(events, FloodingWithholding.Split(events, null).Kept);
    }

    private static RrSeries Corrected(string path) =>
        LipponenTarvainen.Correct(RrSeries.FromIntervals(ReferenceData.ReadRrMs(path))).Corrected;
}
