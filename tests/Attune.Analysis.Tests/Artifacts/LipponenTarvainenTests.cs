using Attune.Analysis.Artifacts;
using Attune.Analysis.Parsing;
using Attune.Analysis.Series;

namespace Attune.Analysis.Tests.Artifacts;

public class LipponenTarvainenTests
{
    /// <summary>Sinus rhythm with respiratory modulation and a little noise.</summary>
    private static List<double> Clean(int n, int seed = 11)
    {
        var random = new Random(seed);
        var rr = new List<double>(n);
        for (var i = 0; i < n; i++)
        {
            rr.Add(Math.Round(800 + 40 * Math.Sin(2 * Math.PI * i / 9.0) + 20 * Math.Sin(2 * Math.PI * i / 70.0) + 6 * (random.NextDouble() - 0.5), 1));
        }
        return rr;
    }

    [Fact]
    public void Correct_CleanSeries_NoCorrections()
    {
        var input = RrSeries.FromIntervals(Clean(2000).ToArray());
        var result = LipponenTarvainen.Correct(input);
        Assert.Equal(0, result.Counts.Total);
        Assert.Empty(result.Artifacts);
        Assert.Equal(0, result.Passes);
        Assert.Equal(input.IntervalsMs.ToArray(), result.Corrected.IntervalsMs.ToArray());
    }

    [Fact]
    public void Correct_IterativeOnCorrectedSeries_StopsWhenNothingLeft()
    {
        var rr = Clean(600);
        rr[200] -= 220;
        rr[201] += 220;
        var result = LipponenTarvainen.Correct(RrSeries.FromIntervals(rr.ToArray()), iterative: true);
        Assert.Equal(1, result.Passes);
        Assert.Equal(1, result.Counts.Ectopic);
    }

    [Fact]
    public void Correct_ExtraBeatSplit_DetectedAndMerged()
    {
        var rr = Clean(600);
        var original = rr[300];
        rr[300] = Math.Round(original * 0.4, 1);
        rr.Insert(301, original - rr[300]);
        var result = LipponenTarvainen.Correct(RrSeries.FromIntervals(rr.ToArray()));
        Assert.Equal([new Artifact(300, Sum(rr, 300), ArtifactKind.Extra, 1)], result.Artifacts);
        Assert.Equal(new ArtifactCounts(0, 0, 1, 0, 0, 0), result.Counts);
        Assert.Equal(600, result.Corrected.Count);
        Assert.Equal(original, result.Corrected.IntervalsMs[300], 9);
    }

    [Fact]
    public void Correct_MissedBeatDoubled_DetectedAndSplit()
    {
        var rr = Clean(600);
        var merged = rr[400] + rr[401];
        rr[400] = merged;
        rr.RemoveAt(401);
        var result = LipponenTarvainen.Correct(RrSeries.FromIntervals(rr.ToArray()));
        Assert.Equal([new Artifact(400, Sum(rr, 400), ArtifactKind.Missed, 1)], result.Artifacts);
        Assert.Equal(600, result.Corrected.Count);
        Assert.Equal(merged / 2, result.Corrected.IntervalsMs[400], 9);
        Assert.Equal(merged / 2, result.Corrected.IntervalsMs[401], 9);
    }

    [Fact]
    public void Correct_EctopicShortLongPair_DetectedAtPrematureBeat()
    {
        var rr = Clean(600);
        var pair = rr[200] + rr[201];
        rr[200] -= 220;
        rr[201] += 220;
        var result = LipponenTarvainen.Correct(RrSeries.FromIntervals(rr.ToArray()));
        Assert.Equal([new Artifact(200, Sum(rr, 200), ArtifactKind.Ectopic, 1)], result.Artifacts);
        Assert.Equal(new ArtifactCounts(1, 0, 0, 0, 0, 0), result.Counts);
        Assert.Equal(pair / 2, result.Corrected.IntervalsMs[200], 9);
        Assert.Equal(pair / 2, result.Corrected.IntervalsMs[201], 9);
    }

    [Fact]
    public void Correct_EctopicLongShortPair_DetectedAtLateBeat()
    {
        var rr = Clean(600);
        rr[250] += 200;
        rr[251] -= 200;
        var result = LipponenTarvainen.Correct(RrSeries.FromIntervals(rr.ToArray()));
        Assert.Equal([new Artifact(250, Sum(rr, 250), ArtifactKind.Ectopic, 1)], result.Artifacts);
    }

    [Fact]
    public void Correct_ThreeArtifactsTogether_EachFoundAtItsPosition()
    {
        var rr = Clean(1000);
        rr[200] -= 220;
        rr[201] += 220;
        var merged = rr[500] + rr[501];
        rr[500] = merged;
        rr.RemoveAt(501);
        var original = rr[800];
        rr[800] = Math.Round(original * 0.35, 1);
        rr.Insert(801, original - rr[800]);
        var result = LipponenTarvainen.Correct(RrSeries.FromIntervals(rr.ToArray()));
        Assert.Equal(
            [(200, ArtifactKind.Ectopic), (500, ArtifactKind.Missed), (800, ArtifactKind.Extra)],
            result.Artifacts.Select(a => (a.Index, a.Kind)).ToArray());
        Assert.Equal(3, result.Counts.Total);
        Assert.Equal(1000, result.Corrected.Count);
    }

    [Fact]
    public void Correct_OutOfRangeIntervals_MergedOrDroppedAsGap()
    {
        var rr = Clean(300);
        rr[100] = 120;
        rr[200] = 5000;
        var input = RrSeries.FromIntervals(rr.ToArray());
        var result = LipponenTarvainen.Correct(input);
        Assert.Equal(2, result.Counts.OutOfRange);
        Assert.Equal(298, result.Corrected.Count);
        foreach (var v in result.Corrected.IntervalsMs)
        {
            Assert.InRange(v, 200, 3000);
        }
        // The dropped interval leaves a gap: the beat after it keeps its time.
        Assert.Equal(input.BeatTimesS[201], result.Corrected.BeatTimesS[199], 9);
    }

    [Fact]
    public void Correct_SeriesWithGap_NothingSpansTheGap()
    {
        var a = Clean(300, seed: 1);
        var b = Clean(300, seed: 2);
        var times = new List<double>();
        var t = 0.0;
        foreach (var v in a)
        {
            t += v / 1000;
            times.Add(t);
        }
        t += 60;
        foreach (var v in b)
        {
            t += v / 1000;
            times.Add(t);
        }
        var input = RrSeries.FromBeats(a.Concat(b).ToArray(), times.ToArray());
        var result = LipponenTarvainen.Correct(input);
        Assert.Equal(0, result.Counts.Total);
        Assert.Equal(input.BeatTimesS.ToArray(), result.Corrected.BeatTimesS.ToArray());
    }

    [Fact]
    public void Correct_EmptyAndTinySeries_Unchanged()
    {
        Assert.Equal(0, LipponenTarvainen.Correct(RrSeries.FromIntervals([])).Corrected.Count);
        Assert.Equal(3, LipponenTarvainen.Correct(RrSeries.FromIntervals([800, 1600, 800])).Corrected.Count);
    }

    [Fact]
    public void Correct_HolterWithPrematureBeats_ReducesImplausibleJumps()
    {
        using var reader = new StreamReader(Path.Combine(AppContext.BaseDirectory, "Data", "ltdb_14046_first20000.rr.csv"));
        var parsed = RrCsvParser.Parse(reader);
        Assert.True(parsed.IsSuccess, parsed.Error?.ToString());
        var result = LipponenTarvainen.Correct(parsed.Value.Series);
        Assert.True(result.Counts.Ectopic > 100, $"ectopic {result.Counts.Ectopic}");
        Assert.True(Jumps(result.Corrected) < Jumps(parsed.Value.Series) * 0.85, $"{Jumps(result.Corrected)} vs {Jumps(parsed.Value.Series)}");
    }

    [Fact]
    public void Classify_LongRun_InParallelMarksTheSameBeats()
    {
        // Twenty thousand beats in one run (a day has ~100,000): the two normalisations then run side by side.
        var rr = Clean(20_000);
        for (var i = 300; i + 2 < rr.Count; i += 997)
        {
            rr[i] -= 250;
            rr[i + 1] += 250;
        }
        for (var i = 701; i < rr.Count; i += 2_503)
        {
            rr[i] *= 2;
        }
        var serial = new List<(int, ArtifactKind)>();
        var parallel = new List<(int, ArtifactKind)>();
        BeatClassifier.Classify(rr.ToArray(), serial, parallel: false);
        BeatClassifier.Classify(rr.ToArray(), parallel, parallel: true);
        Assert.True(serial.Count >= 20 + 7, $"{serial.Count} marks");
        Assert.Equal(serial, parallel);
        Assert.Equal(serial, LipponenTarvainen.Detect(RrSeries.FromIntervals(rr.ToArray())).Select(a => (a.Index, a.Kind)));
    }

    [Fact]
    public void Detect_SameSeries_MatchesFirstPassOfCorrect()
    {
        var rr = Clean(600);
        rr[200] -= 220;
        rr[201] += 220;
        var series = RrSeries.FromIntervals(rr.ToArray());
        Assert.Equal(LipponenTarvainen.Correct(series).Artifacts, LipponenTarvainen.Detect(series));
    }

    [Fact]
    public void RollingQuantiles_RandomData_EqualsSortingEachWindow()
    {
        var random = new Random(3);
        var x = new double[500];
        for (var i = 0; i < x.Length; i++)
        {
            x[i] = Math.Round(random.NextDouble() * 20);
        }
        var q1 = new double[x.Length];
        var q3 = new double[x.Length];
        RollingQuantiles.Compute(x, 91, 0.25, 0.75, q1, q3);
        for (var i = 0; i < x.Length; i++)
        {
            var lo = Math.Max(0, i - 45);
            var hi = Math.Min(x.Length - 1, i + 45);
            var w = x[lo..(hi + 1)].Order().ToArray();
            Assert.Equal(Quantile(w, 0.25), q1[i], 12);
            Assert.Equal(Quantile(w, 0.75), q3[i], 12);
        }
    }

    private static double Quantile(double[] sorted, double q)
    {
        var pos = q * (sorted.Length - 1);
        var lo = (int)Math.Floor(pos);
        var hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
    }

    private static int Jumps(RrSeries s)
    {
        var n = 0;
        for (var i = 1; i < s.Count; i++)
        {
            if (Math.Abs(s.IntervalsMs[i] - s.IntervalsMs[i - 1]) > 0.2 * s.IntervalsMs[i - 1])
            {
                n++;
            }
        }
        return n;
    }

    private static double Sum(List<double> rr, int through)
    {
        double s = 0;
        for (var i = 0; i <= through; i++)
        {
            s += rr[i];
        }
        return s / 1000;
    }
}
