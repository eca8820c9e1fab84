using System.Buffers;

namespace Attune.Analysis.Artifacts;

/// <summary>
/// The beat classification of Lipponen &amp; Tarvainen (2019), Figure 1, with the constants of
/// <see cref="LipponenTarvainen"/>; see its remarks for the rules and our three deliberate
/// differences from NeuroKit2.
/// </summary>
internal static class BeatClassifier
{
    /// <summary>Marks artifacts in one contiguous run (indices local to the run, sorted).</summary>
    internal static void Classify(ReadOnlySpan<double> rr, List<(int Index, ArtifactKind Kind)> marks) =>
        Classify(rr, marks, parallel: rr.Length >= ParallelFromBeats && Environment.ProcessorCount > 1);

    /// <summary>As <see cref="Classify(ReadOnlySpan{double}, List{ValueTuple{int, ArtifactKind}})"/>, choosing whether the two
    /// normalisations run in parallel (tests check both ways mark the same beats).</summary>
    internal static void Classify(ReadOnlySpan<double> rr, List<(int Index, ArtifactKind Kind)> marks, bool parallel)
    {
        var m = rr.Length;
        // One pooled block for every per-beat array: large arrays are costly to allocate anew.
        var block = ArrayPool<double>.Shared.Rent(12 * m);
        try
        {
            Classify(rr, marks, block, parallel);
        }
        finally
        {
            ArrayPool<double>.Shared.Return(block);
        }
    }

    /// <summary>From this many beats in a run the two normalisations run in parallel.</summary>
    private const int ParallelFromBeats = 8_000;

    // The per-beat arrays in the pooled block: d, s12, s22 (differences); med, mr, th2 (from the median); six scratch rows.
    private static Span<double> Row(Span<double> block, int m, int row) => block.Slice(row * m, m);

    private static void Classify(ReadOnlySpan<double> rr, List<(int Index, ArtifactKind Kind)> marks, double[] pooled, bool parallel)
    {
        var m = rr.Length;
        var block = pooled.AsSpan(0, 12 * m);
        var d = Row(block, m, 0);
        var s12 = Row(block, m, 1);
        var s22 = Row(block, m, 2);
        var med = Row(block, m, 3);
        var mr = Row(block, m, 4);
        var th2 = Row(block, m, 5);

        double sum = 0;
        for (var i = 1; i < m; i++)
        {
            d[i] = rr[i] - rr[i - 1];
            sum += d[i];
        }
        d[0] = sum / (m - 1);
        // The two normalised series share nothing until the decisions below: on a long run (a day is ~100,000 beats, where
        // the three moving-quantile passes are most of the correction's time) they are worked out side by side.
        if (parallel)
        {
            var rrCopy = rr.ToArray();
            var memory = new Memory<double>(pooled, 0, 12 * m);
            Concurrently.Invoke(true, () => NormaliseDifferences(memory.Span, m), () => NormaliseFromMedian(rrCopy, memory.Span, m));
        }
        else
        {
            NormaliseDifferences(block, m);
            NormaliseFromMedian(rr, block, m);
        }

        var at = 0;
        while (at < m - 2)
        {
            if (!(Math.Abs(d[at]) > 1))
            {
                at++;
                continue;
            }
            var eq1 = d[at] > 1 && s12[at] < -LipponenTarvainen.C1 * d[at] - LipponenTarvainen.C2;
            var eq2 = d[at] < -1 && s12[at] > -LipponenTarvainen.C1 * d[at] + LipponenTarvainen.C2;
            if (eq1 || eq2)
            {
                // The pair is (at−1, at); the displaced beat closes interval at−1.
                var beat = at - 1;
                if (beat >= 0)
                {
                    if (marks.Count > 0 && marks[^1].Index == beat && marks[^1].Kind is ArtifactKind.Long or ArtifactKind.Short)
                    {
                        marks[^1] = (beat, ArtifactKind.Ectopic);
                    }
                    else
                    {
                        marks.Add((beat, ArtifactKind.Ectopic));
                    }
                }
                at++;
                continue;
            }
            var candidates = Math.Abs(d[at + 1]) < Math.Abs(d[at + 2]) ? 2 : 1;
            var first = at;
            for (var c = 0; c < candidates; c++)
            {
                var j = first + c;
                var eq3 = d[j] > 1 && s22[j] < -1;
                var eq4 = Math.Abs(mr[j]) > 3;
                var eq5 = d[j] < -1 && s22[j] > 1;
                if (!(eq3 || eq4 || eq5))
                {
                    at++;
                    continue;
                }
                var eq6 = Math.Abs(rr[j] / 2 - med[j]) < th2[j];
                var eq7 = Math.Abs(rr[j] + rr[j + 1] - med[j]) < th2[j];
                if (eq5 && eq7)
                {
                    marks.Add((j, ArtifactKind.Extra));
                    at = j + 2;
                    break;
                }
                if (eq3 && eq6)
                {
                    marks.Add((j, ArtifactKind.Missed));
                    at++;
                    continue;
                }
                var isLong = eq3 || (!eq5 && mr[j] > 0);
                marks.Add((j, isLong ? ArtifactKind.Long : ArtifactKind.Short));
                at++;
            }
        }
    }

    /// <summary>dRR normalised by Th1, and the subspaces S12 and S22 (rows 0–2; scratch rows 6–8).</summary>
    private static void NormaliseDifferences(Span<double> block, int m)
    {
        var d = Row(block, m, 0);
        var s12 = Row(block, m, 1);
        var s22 = Row(block, m, 2);
        var th1 = Row(block, m, 6);
        Threshold(d, th1, Row(block, m, 7), Row(block, m, 8));
        for (var i = 0; i < m; i++)
        {
            d[i] = Normalise(d[i], th1[i]);
        }
        for (var i = 0; i < m; i++)
        {
            double prev = d[Reflect(i - 1, m)], next = d[Reflect(i + 1, m)], next2 = d[Reflect(i + 2, m)];
            s12[i] = d[i] > 0 ? Math.Max(prev, next) : d[i] < 0 ? Math.Min(prev, next) : 0;
            s22[i] = d[i] >= 0 ? Math.Min(next, next2) : Math.Max(next, next2);
        }
    }

    /// <summary>The local median, mRR normalised by Th2, and Th2 itself (rows 3–5; scratch rows 9–11).</summary>
    private static void NormaliseFromMedian(ReadOnlySpan<double> rr, Span<double> block, int m)
    {
        var med = Row(block, m, 3);
        var mr = Row(block, m, 4);
        var th2 = Row(block, m, 5);
        RollingQuantiles.Compute(rr, LipponenTarvainen.MedianWindow, 0.5, 0.5, med, Row(block, m, 9));
        for (var i = 0; i < m; i++)
        {
            var v = rr[i] - med[i];
            mr[i] = v < 0 ? 2 * v : v;
        }
        Threshold(mr, th2, Row(block, m, 10), Row(block, m, 11));
        for (var i = 0; i < m; i++)
        {
            mr[i] = Normalise(mr[i], th2[i]);
        }
    }

    /// <summary>th = α · (Q3 − Q1) / 2 of |x| over the centred threshold window.</summary>
    private static void Threshold(ReadOnlySpan<double> x, Span<double> th, Span<double> abs, Span<double> q3)
    {
        for (var i = 0; i < x.Length; i++)
        {
            abs[i] = Math.Abs(x[i]);
        }
        RollingQuantiles.Compute(abs, LipponenTarvainen.ThresholdWindow, 0.25, 0.75, th, q3);
        for (var i = 0; i < x.Length; i++)
        {
            th[i] = LipponenTarvainen.Alpha * (q3[i] - th[i]) / 2;
        }
    }

    // 0/0 is taken as 0 (no evidence of an artifact); x/0 as ±∞.
    private static double Normalise(double x, double th) =>
        th > 0 ? x / th : x == 0 ? 0 : x * double.PositiveInfinity;

    private static int Reflect(int i, int n) => i < 0 ? -i : i >= n ? 2 * (n - 1) - i : i;
}
