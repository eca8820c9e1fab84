using Attune.Analysis.Ecg;
using Attune.Analysis.Series;

namespace Attune.Analysis.Artifacts;

/// <summary>R-peaks after <see cref="NeuroKitPeakCorrection"/>, with what was changed.</summary>
/// <param name="Peaks">The corrected peaks (sample indices into the same signal).</param>
/// <param name="Correction">The RR series of the corrected peaks and the corrections per kind.</param>
public sealed record CorrectedPeaks(RPeaks Peaks, ArtifactCorrection Correction);

/// <summary>
/// The Lipponen &amp; Tarvainen (2019) correction as NeuroKit2 0.2.x applies it
/// (<c>signal_fixpeaks(method="kubios", iterative=True)</c>, which <c>ecg_peaks(correct_artifacts=True)</c>
/// calls): on peak positions rather than on intervals, repeated while the number of artifacts found falls.
/// </summary>
/// <remarks>
/// <para>Detection is the classification of <see cref="LipponenTarvainen"/> with NeuroKit2's bookkeeping:
/// the period series has one value per peak, rr[k] = (p[k] − p[k−1])/fs with rr[0] = mean of the others, and
/// dRR[0] = mean of the other differences; thresholds are α·(Q3 − Q1)/2 of |dRR| and of |mRR| over centred
/// 91-beat windows (clipped, linear quantiles), a zero threshold makes the normalised value NaN (never an
/// artifact), the subspaces use reflected padding. The scan follows NeuroKit2's flow: at beat i with
/// |dRR(i)| &gt; 1, an ectopic beat is i itself; otherwise beats i (and i + 1 when |dRR(i+1)| &lt;
/// |dRR(i+2)|) are tested for extra, missed and long/short, and the scan advances by one beat per beat
/// tested.</para>
/// <para>Correction, in NeuroKit2's order: extra peaks are deleted; missed beats get a peak inserted
/// halfway between their neighbours; ectopic, then long/short peaks k (1 &lt; k &lt; n − 1) move to the
/// midpoint of peaks k − 1 and k + 1. With sample indices, new positions are truncated to whole samples,
/// as NeuroKit2's integer arrays do. Unlike <see cref="LipponenTarvainen"/> (one pass, as the paper and
/// Kubios), this moves the beat that closes the flagged interval and repeats the whole procedure; on the
/// NeuroKit2 example ECGs it gives exactly NeuroKit2's corrected R-peaks. Gaps: each contiguous run (ECG
/// segment, or run of adjacent beats) is corrected on its own.</para>
/// <para>Reference: Lipponen, J. A. &amp; Tarvainen, M. P. (2019), J. Med. Eng. Technol. 43(3), 173–181;
/// Makowski, D. et al. (2021), NeuroKit2, Behav. Res. Methods 53, 1689–1696.</para>
/// </remarks>
public static class NeuroKitPeakCorrection
{
    /// <summary>Corrects detected R-peaks segment by segment (indices truncated to whole samples).</summary>
    public static CorrectedPeaks Correct(RPeaks peaks, bool iterative = true)
    {
        ArgumentNullException.ThrowIfNull(peaks);
        var signal = peaks.Signal;
        var indices = peaks.Indices;
        var output = new List<int>(indices.Length + 8);
        var tally = new Tally();
        var start = 0;
        for (var k = 1; k <= indices.Length; k++)
        {
            if (k < indices.Length && signal.SegmentOf(indices[k]) == signal.SegmentOf(indices[start]))
            {
                continue;
            }
            var run = new double[k - start];
            for (var j = 0; j < run.Length; j++)
            {
                run[j] = indices[start + j];
            }
            var fixedRun = CorrectPositions(run, signal.SampleRateHz, iterative, truncate: true, tally, p => signal.TimeOfSample((int)p));
            foreach (var p in fixedRun)
            {
                output.Add((int)p);
            }
            start = k;
        }
        var corrected = new RPeaks([.. output], peaks.Notes, signal);
        var series = corrected.ToRrSeries();
        return new CorrectedPeaks(corrected, tally.Result(series));
    }

    /// <summary>
    /// Corrects an RR series the same way, on beat times in seconds (no truncation): each contiguous run of
    /// adjacent beats (see <see cref="Hrv.SuccessiveDifferences"/>) is a peak sequence starting one interval
    /// before its first beat.
    /// </summary>
    public static ArtifactCorrection Correct(RrSeries series, bool iterative = true)
    {
        ArgumentNullException.ThrowIfNull(series);
        var rr = series.IntervalsMs;
        var t = series.BeatTimesS;
        var outRr = new List<double>(rr.Length + 8);
        var outT = new List<double>(rr.Length + 8);
        var tally = new Tally();
        var start = 0;
        for (var i = 1; i <= rr.Length; i++)
        {
            if (i < rr.Length && Hrv.SuccessiveDifferences.IsAdjacent(rr, t, i))
            {
                continue;
            }
            var positions = new double[i - start + 1];
            positions[0] = t[start] - rr[start] / 1000;
            for (var j = start; j < i; j++)
            {
                positions[j - start + 1] = t[j];
            }
            var fixedRun = CorrectPositions(positions, 1, iterative, truncate: false, tally, p => p);
            for (var j = 1; j < fixedRun.Length; j++)
            {
                outRr.Add((fixedRun[j] - fixedRun[j - 1]) * 1000);
                outT.Add(fixedRun[j]);
            }
            start = i;
        }
        if (tally.Total == 0)
        {
            return new ArtifactCorrection(series, default, [], 0);
        }
        var corrected = RrSeries.FromBeats(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(outRr),
            System.Runtime.InteropServices.CollectionsMarshal.AsSpan(outT), series.Start);
        return tally.Result(corrected);
    }

    private static double[] CorrectPositions(double[] peaks, double fs, bool iterative, bool truncate, Tally tally, Func<double, double> timeOf)
    {
        if (peaks.Length < 4)
        {
            return peaks;
        }
        var found = NeuroKitArtifactScan.Find(peaks, fs);
        var pass = 1;
        tally.Add(found, peaks, pass, timeOf);
        var current = Apply(found, peaks, truncate);
        if (!iterative)
        {
            tally.Passes = Math.Max(tally.Passes, found.Count > 0 ? 1 : 0);
            return current;
        }
        var count = found.Count;
        while (current.Length >= 4)
        {
            var next = NeuroKitArtifactScan.Find(current, fs);
            if (next.Count >= count)
            {
                break;
            }
            if (next.Count == 0)
            {
                // NeuroKit2 applies this empty pass too; it changes nothing.
                break;
            }
            pass++;
            tally.Add(next, current, pass, timeOf);
            count = next.Count;
            current = Apply(next, current, truncate);
        }
        tally.Passes = Math.Max(tally.Passes, found.Count > 0 ? pass : 0);
        return current;
    }

    private static double[] Apply(NeuroKitArtifactScan.Found found, double[] peaks, bool truncate)
    {
        var extra = found.Extra;
        var missed = found.Missed;
        var ectopic = found.Ectopic;
        var longShort = found.LongShort;
        if (extra.Count > 0)
        {
            peaks = Delete(peaks, extra);
            missed = Shift(extra, missed, -1);
            ectopic = Shift(extra, ectopic, -1);
            longShort = Shift(extra, longShort, -1);
        }
        if (missed.Count > 0)
        {
            peaks = InsertMissed(peaks, missed, truncate);
            ectopic = Shift(missed, ectopic, 1);
            longShort = Shift(missed, longShort, 1);
        }
        if (ectopic.Count > 0)
        {
            peaks = MoveToMidpoints(peaks, ectopic, truncate);
        }
        if (longShort.Count > 0)
        {
            peaks = MoveToMidpoints(peaks, longShort, truncate);
        }
        return peaks;
    }

    // numpy.delete: each listed position once.
    private static double[] Delete(double[] peaks, List<int> positions)
    {
        var drop = new HashSet<int>(positions);
        var result = new List<double>(peaks.Length);
        for (var k = 0; k < peaks.Length; k++)
        {
            if (!drop.Contains(k))
            {
                result.Add(peaks[k]);
            }
        }
        return [.. result];
    }

    // Every source position moves the later indices by `by`, one source at a time; then sorted and unique.
    private static List<int> Shift(List<int> sources, List<int> indices, int by)
    {
        if (indices.Count == 0)
        {
            return indices;
        }
        var updated = new List<int>(indices);
        foreach (var s in sources)
        {
            for (var k = 0; k < updated.Count; k++)
            {
                if (updated[k] > s)
                {
                    updated[k] += by;
                }
            }
        }
        updated.Sort();
        var unique = new List<int>(updated.Count);
        foreach (var u in updated)
        {
            if (unique.Count == 0 || unique[^1] != u)
            {
                unique.Add(u);
            }
        }
        return unique;
    }

    private static double[] InsertMissed(double[] peaks, List<int> missed, bool truncate)
    {
        var inserts = new List<(int At, double Value)>();
        foreach (var k in missed)
        {
            if (k > 1 && k < peaks.Length)
            {
                var value = peaks[k - 1] + (peaks[k] - peaks[k - 1]) / 2;
                inserts.Add((k, truncate ? Math.Truncate(value) : value));
            }
        }
        // numpy.insert places each value before the original element at its index, in the given order.
        inserts.Sort((a, b) => a.At.CompareTo(b.At));
        var result = new List<double>(peaks.Length + inserts.Count);
        var next = 0;
        for (var k = 0; k <= peaks.Length; k++)
        {
            while (next < inserts.Count && inserts[next].At == k)
            {
                result.Add(inserts[next].Value);
                next++;
            }
            if (k < peaks.Length)
            {
                result.Add(peaks[k]);
            }
        }
        return [.. result];
    }

    private static double[] MoveToMidpoints(double[] peaks, List<int> indices, bool truncate)
    {
        var moved = new List<double>();
        var drop = new HashSet<int>();
        foreach (var k in indices)
        {
            if (k > 1 && k < peaks.Length - 1)
            {
                var value = peaks[k - 1] + (peaks[k + 1] - peaks[k - 1]) / 2;
                moved.Add(truncate ? Math.Truncate(value) : value);
                drop.Add(k);
            }
        }
        var result = new List<double>(peaks.Length + moved.Count);
        for (var k = 0; k < peaks.Length; k++)
        {
            if (!drop.Contains(k))
            {
                result.Add(peaks[k]);
            }
        }
        result.AddRange(moved);
        result.Sort();
        return [.. result];
    }

    private sealed class Tally
    {
        private int _ectopic, _missed, _extra, _long, _short;
        private readonly List<Artifact> _artifacts = [];

        public int Passes { get; set; }

        public int Total => _ectopic + _missed + _extra + _long + _short;

        public void Add(NeuroKitArtifactScan.Found found, double[] peaks, int pass, Func<double, double> timeOf)
        {
            void Record(List<int> list, Func<int, ArtifactKind> kind)
            {
                foreach (var k in list)
                {
                    var at = Math.Clamp(k, 0, peaks.Length - 1);
                    var kindOf = kind(k);
                    switch (kindOf)
                    {
                        case ArtifactKind.Ectopic: _ectopic++; break;
                        case ArtifactKind.Missed: _missed++; break;
                        case ArtifactKind.Extra: _extra++; break;
                        case ArtifactKind.Long: _long++; break;
                        default: _short++; break;
                    }
                    _artifacts.Add(new Artifact(Math.Max(0, k - 1), timeOf(peaks[at]), kindOf, pass));
                }
            }
            Record(found.Ectopic, _ => ArtifactKind.Ectopic);
            Record(found.Missed, _ => ArtifactKind.Missed);
            Record(found.Extra, _ => ArtifactKind.Extra);
            Record(found.LongShort, k => found.Rising(k) ? ArtifactKind.Long : ArtifactKind.Short);
        }

        public ArtifactCorrection Result(RrSeries corrected) =>
            new(corrected, new ArtifactCounts(_ectopic, _missed, _extra, _long, _short, 0), _artifacts, Passes);
    }
}
