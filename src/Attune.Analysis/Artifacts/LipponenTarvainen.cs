using System.Buffers;
using Attune.Analysis.Series;

namespace Attune.Analysis.Artifacts;

/// <summary>
/// Artifact and ectopic-beat detection and correction of Lipponen &amp; Tarvainen (2019), "A robust
/// algorithm for heart rate variability time series artefact correction using novel beat
/// classification", J Med Eng Technol 43(3):173–181, as implemented by Kubios HRV and by NeuroKit2
/// (<c>signal_fixpeaks(method="kubios")</c>).
/// </summary>
/// <remarks>
/// <para>Per contiguous run of intervals (a gap in beat times splits runs; nothing spans a gap):
/// dRR(i) = RR(i) − RR(i−1) (dRR(0) = mean of the others), normalised by Th1 = α·QD, where QD is
/// the quartile deviation (Q3 − Q1)/2 of |dRR| over a centred window of 91 beats (clipped at the ends,
/// linear quantiles) and α = 5.2. mRR(i) = RR(i) − median of the 11 centred intervals, doubled where
/// negative, normalised by Th2 = α·QD of |mRR|. Subspaces: S12 = max(dRR(i−1), dRR(i+1)) where dRR(i)
/// &gt; 0, min(...) where &lt; 0; S22 = min(dRR(i+1), dRR(i+2)) where dRR(i) ≥ 0, max(...) where &lt; 0
/// (ends reflected). Where |dRR(i)| &gt; 1: ectopic if dRR &gt; 1 and S12 &lt; −c1·dRR − c2, or dRR &lt; −1
/// and S12 &gt; −c1·dRR + c2 (c1 = 0.13, c2 = 0.17); otherwise for i (and i+1 when |dRR(i+1)| &lt;
/// |dRR(i+2)|) long if dRR &gt; 1 and S22 &lt; −1, short if dRR &lt; −1 and S22 &gt; 1, or either if |mRR|
/// &gt; 3; a short one is an extra beat if |RR(i) + RR(i+1) − med| &lt; Th2, a long one a missed beat if
/// |RR(i)/2 − med| &lt; Th2.</para>
/// <para>Three deliberate differences from NeuroKit2, for exact counts and positions: an ectopic
/// decision at i marks the beat between intervals i−1 and i (NeuroKit2 moves the beat closing i), and
/// replaces a long/short mark on that same beat; after an extra beat at i, interval i+1 (merged into it)
/// is not classified again; corrections are applied to intervals left to right (extra: merge with the
/// next; missed: split in half; ectopic/long/short: the two intervals around the beat both become their
/// mean). Before classification, intervals below 200 ms are merged into the next one and intervals
/// above 3000 ms are dropped as gaps (<see cref="ArtifactKind.OutOfRange"/>).</para>
/// <para>One pass by default, as in the paper and Kubios. With <c>iterative</c> (NeuroKit2's
/// default), detection is repeated on the corrected series while the number of artifacts found keeps
/// falling; on Holter data with runs of bigeminy this rewrites far more beats (MIT-BIH LTDB 14046:
/// 6,715 corrections in one pass, 19,029 after ten), so it is opt-in. Time O(n·w) per pass with w = 91 and a tiny
/// constant (sorted-window updates).</para>
/// </remarks>
public static class LipponenTarvainen
{
    /// <summary>Threshold multiplier α.</summary>
    public const double Alpha = 5.2;

    /// <summary>Window for the quartile deviation, beats.</summary>
    public const int ThresholdWindow = 91;

    /// <summary>Window for the local median, beats.</summary>
    public const int MedianWindow = 11;

    /// <summary>Ectopic decision-boundary slope c1.</summary>
    public const double C1 = 0.13;

    /// <summary>Ectopic decision-boundary offset c2.</summary>
    public const double C2 = 0.17;

    /// <summary>Upper bound on correction passes.</summary>
    public const int MaxPasses = 10;

    private const double MinMs = 200;
    private const double MaxMs = 3000;

    /// <summary>Detects and corrects artifacts in <paramref name="series"/>; see the type's remarks.</summary>
    public static ArtifactCorrection Correct(RrSeries series, bool iterative = false)
    {
        ArgumentNullException.ThrowIfNull(series);
        var artifacts = new List<Artifact>();
        var rr = series.IntervalsMs;
        var t = series.BeatTimesS;
        if (RemoveOutOfRange(rr, t, artifacts) is { } inRange)
        {
            rr = inRange.Rr;
            t = inRange.T;
        }
        var passes = 0;
        var previousCount = int.MaxValue;
        while (passes < MaxPasses)
        {
            var found = new List<Artifact>();
            var next = Pass(rr, t, passes + 1, found);
            if (found.Count == 0 || (passes > 0 && found.Count >= previousCount))
            {
                break;
            }
            artifacts.AddRange(found);
            if (next is { } changed)
            {
                rr = changed.Rr;
                t = changed.T;
            }
            previousCount = found.Count;
            passes++;
            if (!iterative)
            {
                break;
            }
        }
        int ectopic = 0, missed = 0, extra = 0, longs = 0, shorts = 0, outOfRange = 0;
        foreach (var a in artifacts)
        {
            switch (a.Kind)
            {
                case ArtifactKind.Ectopic: ectopic++; break;
                case ArtifactKind.Missed: missed++; break;
                case ArtifactKind.Extra: extra++; break;
                case ArtifactKind.Long: longs++; break;
                case ArtifactKind.Short: shorts++; break;
                default: outOfRange++; break;
            }
        }
        var corrected = artifacts.Count == 0 ? series : RrSeries.FromBeats(rr, t, series.Start);
        return new ArtifactCorrection(corrected, new ArtifactCounts(ectopic, missed, extra, longs, shorts, outOfRange), artifacts, passes);
    }

    /// <summary>Classifies the artifacts of one pass without correcting them (no out-of-range step);
    /// indices refer to <paramref name="series"/>.</summary>
    public static IReadOnlyList<Artifact> Detect(RrSeries series)
    {
        ArgumentNullException.ThrowIfNull(series);
        var found = new List<Artifact>();
        Pass(series.IntervalsMs, series.BeatTimesS, 1, found);
        return found;
    }

    /// <summary>True when interval i starts at the beat closing interval i−1 (no gap between them).</summary>
    private static bool Contiguous(ReadOnlySpan<double> rr, ReadOnlySpan<double> t, int i)
    {
        var dt = t[i] - t[i - 1];
        var r = rr[i] / 1000;
        return Math.Abs(dt - r) <= 0.02 + 0.02 * r;
    }

    /// <summary>Merges intervals below 200 ms into the next and drops those above 3000 ms; null when
    /// every interval is in range.</summary>
    private static (double[] Rr, double[] T)? RemoveOutOfRange(ReadOnlySpan<double> rr, ReadOnlySpan<double> t, List<Artifact> artifacts)
    {
        var any = false;
        foreach (var v in rr)
        {
            any |= v < MinMs || v > MaxMs;
        }
        if (!any)
        {
            return null;
        }
        var outRr = new List<double>(rr.Length);
        var outT = new List<double>(rr.Length);
        double carry = 0;
        for (var i = 0; i < rr.Length; i++)
        {
            if (i > 0 && !Contiguous(rr, t, i))
            {
                carry = 0;
            }
            if (rr[i] < MinMs)
            {
                artifacts.Add(new Artifact(i, t[i], ArtifactKind.OutOfRange, 1));
                carry += rr[i];
                continue;
            }
            var v = rr[i] + carry;
            carry = 0;
            if (v > MaxMs)
            {
                artifacts.Add(new Artifact(i, t[i], ArtifactKind.OutOfRange, 1));
                continue;
            }
            outRr.Add(v);
            outT.Add(t[i]);
        }
        return ([.. outRr], [.. outT]);
    }

    /// <summary>Classifies and corrects one pass; null when nothing was found.</summary>
    private static (double[] Rr, double[] T)? Pass(ReadOnlySpan<double> rr, ReadOnlySpan<double> t, int pass, List<Artifact> found)
    {
        // Classify every run first; most passes over clean data find nothing and copy nothing.
        var runs = new List<(int Start, int Length, int FirstMark, int MarkCount)>();
        var marks = new List<(int Index, ArtifactKind Kind)>();
        var start = 0;
        for (var i = 1; i <= rr.Length; i++)
        {
            if (i < rr.Length && Contiguous(rr, t, i))
            {
                continue;
            }
            var first = marks.Count;
            if (i - start >= 4)
            {
                BeatClassifier.Classify(rr.Slice(start, i - start), marks);
            }
            for (var k = first; k < marks.Count; k++)
            {
                var global = start + marks[k].Index;
                found.Add(new Artifact(global, t[global], marks[k].Kind, pass));
            }
            runs.Add((start, i - start, first, marks.Count - first));
            start = i;
        }
        if (marks.Count == 0)
        {
            return null;
        }
        var outRr = new List<double>(rr.Length + marks.Count);
        var outT = new List<double>(rr.Length + marks.Count);
        foreach (var run in runs)
        {
            Apply(rr.Slice(run.Start, run.Length), t.Slice(run.Start, run.Length),
                System.Runtime.InteropServices.CollectionsMarshal.AsSpan(marks).Slice(run.FirstMark, run.MarkCount), outRr, outT);
        }
        return ([.. outRr], [.. outT]);
    }

    /// <summary>Applies the marks to one run, left to right, appending to the output.</summary>
    private static void Apply(ReadOnlySpan<double> rr, ReadOnlySpan<double> time, ReadOnlySpan<(int Index, ArtifactKind Kind)> marks, List<double> outRr, List<double> outT)
    {
        if (marks.IsEmpty)
        {
            outRr.AddRange(rr);
            outT.AddRange(time);
            return;
        }
        var pooled = ArrayPool<double>.Shared.Rent(rr.Length);
        var r = pooled.AsSpan(0, rr.Length);
        rr.CopyTo(r);
        var next = 0;
        for (var i = 0; i < r.Length; i++)
        {
            var kind = (ArtifactKind?)null;
            while (next < marks.Length && marks[next].Index < i)
            {
                next++;
            }
            if (next < marks.Length && marks[next].Index == i)
            {
                kind = marks[next].Kind;
            }
            switch (kind)
            {
                case ArtifactKind.Extra when i + 1 < r.Length:
                    r[i + 1] += r[i];
                    continue;
                case ArtifactKind.Missed:
                    Emit(r[i] / 2, time[i] - r[i] / 2000, outRr, outT);
                    Emit(r[i] / 2, time[i], outRr, outT);
                    continue;
                case ArtifactKind.Ectopic or ArtifactKind.Long or ArtifactKind.Short when i + 1 < r.Length:
                    var mean = (r[i] + r[i + 1]) / 2;
                    r[i + 1] = mean;
                    Emit(mean, time[i + 1] - mean / 1000, outRr, outT);
                    continue;
                default:
                    Emit(r[i], time[i], outRr, outT);
                    continue;
            }
        }
        ArrayPool<double>.Shared.Return(pooled);
    }

    private static void Emit(double rr, double t, List<double> outRr, List<double> outT)
    {
        // Guards strict time order when the input's times and intervals disagree slightly.
        if (outT.Count > 0 && t <= outT[^1])
        {
            t = Math.BitIncrement(outT[^1]);
        }
        outRr.Add(rr);
        outT.Add(t);
    }
}
