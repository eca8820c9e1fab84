using Attune.Analysis.Series;

namespace Attune.Analysis.Ecg;

/// <summary>
/// R-peak detection as NeuroKit2's default <c>ecg_findpeaks(method="neurokit")</c> (Makowski et
/// al., 2021, NeuroKit2, Behavior Research Methods 53:1689–1696), after
/// <see cref="NeuroKitCleaning"/>.
/// </summary>
/// <remarks>
/// <para>On each contiguous segment separately: clean; take the absolute gradient (central
/// differences, <c>np.gradient</c>); smooth it with a centred boxcar of round(0.1·fs) samples
/// (edges repeat the end sample); average that with a boxcar of round(0.75·fs) samples; QRS
/// complexes are the runs where the smoothed gradient exceeds 1.5 × the averaged one. Runs shorter
/// than 0.4 × the mean run length are dropped. In each remaining run the R-peak is the most
/// prominent local maximum of the cleaned signal (SciPy <c>find_peaks</c> prominence within the run),
/// kept only if more than round(0.3·fs) samples after the previous peak (the first candidate is
/// compared with the segment's first sample, as NeuroKit2 does).</para>
/// <para>Flat or too-short segments (under 1 s) give no peaks and a note, never an exception.
/// O(n) time; one array of doubles of the longest segment's length is allocated (the high-passed copy), and
/// a long segment is searched in blocks on two cores with the same result as on one (see
/// <see cref="SegmentPeakSearch"/>).</para>
/// </remarks>
public static class NeuroKitPeakDetector
{
    /// <summary>Smoothing window of the absolute gradient, s.</summary>
    public const double SmoothWindowS = 0.1;

    /// <summary>Averaging window giving the threshold, s.</summary>
    public const double AverageWindowS = 0.75;

    /// <summary>Threshold weight on the averaged gradient.</summary>
    public const double GradientThresholdWeight = 1.5;

    /// <summary>Minimum QRS length as a fraction of the mean QRS length.</summary>
    public const double MinLengthWeight = 0.4;

    /// <summary>Minimum delay between peaks, s.</summary>
    public const double MinDelayS = 0.3;

    /// <summary>Shortest segment searched for peaks, s.</summary>
    public const double MinSegmentS = 1.0;

    /// <summary>Cleans each segment of <paramref name="ecg"/> and finds its R-peaks.</summary>
    public static RPeaks Detect(EcgSignal ecg) => Detect(ecg, parallel: true);

    /// <summary>As <see cref="Detect(EcgSignal)"/>; a long segment shares two cores when <paramref name="parallel"/>
    /// (the peaks are the same either way).</summary>
    internal static RPeaks Detect(EcgSignal ecg, bool parallel)
    {
        var peaks = new List<int>();
        var notes = new List<string>();
        var fs = ecg.SampleRateHz;
        var minLength = (int)Math.Ceiling(MinSegmentS * fs);
        double[]? work = null;
        var segments = ecg.Segments;
        for (var s = 0; s < segments.Count; s++)
        {
            var seg = segments[s];
            if (seg.Length < Math.Max(minLength, 4))
            {
                notes.Add(FormattableString.Invariant($"segment {s + 1} at {seg.StartTimeS:0.###} s: {seg.Length} samples, too short to search for R-peaks"));
                continue;
            }
            if (work is null || work.Length < seg.Length)
            {
                // Fully written before it is read; skipping the zeroing matters at 24 h.
                work = GC.AllocateUninitializedArray<double>(seg.Length);
            }
            var before = peaks.Count;
            var found = SegmentPeakSearch.Search(ecg.Buffer, seg.StartIndex, seg.Length, fs, work, peaks, parallel);
            if (!found)
            {
                notes.Add(FormattableString.Invariant($"segment {s + 1} at {seg.StartTimeS:0.###} s: no QRS complex found (flat or featureless signal)"));
            }
            else if (peaks.Count == before)
            {
                notes.Add(FormattableString.Invariant($"segment {s + 1} at {seg.StartTimeS:0.###} s: no R-peak found"));
            }
        }
        return new RPeaks([.. peaks], notes, ecg);
    }

    /// <summary>Index of the local maximum with the largest prominence (SciPy <c>find_peaks</c> and
    /// <c>peak_prominences</c>; plateaus count once, at their middle; the ends are never peaks), or −1.</summary>
    internal static int MostProminentPeak(ReadOnlySpan<double> d)
    {
        var best = -1;
        var bestProminence = double.NegativeInfinity;
        var i = 1;
        var iMax = d.Length - 1;
        while (i < iMax)
        {
            if (d[i - 1] < d[i])
            {
                var ahead = i + 1;
                while (ahead < iMax && d[ahead] == d[i])
                {
                    ahead++;
                }
                if (d[ahead] < d[i])
                {
                    var p = (i + ahead - 1) / 2;
                    var prominence = Prominence(d, p);
                    if (prominence > bestProminence)
                    {
                        bestProminence = prominence;
                        best = p;
                    }
                    i = ahead;
                }
            }
            i++;
        }
        return best;
    }

    private static double Prominence(ReadOnlySpan<double> d, int p)
    {
        var h = d[p];
        var leftMin = h;
        for (var i = p; i >= 0 && d[i] <= h; i--)
        {
            leftMin = Math.Min(leftMin, d[i]);
        }
        var rightMin = h;
        for (var i = p; i < d.Length && d[i] <= h; i++)
        {
            rightMin = Math.Min(rightMin, d[i]);
        }
        return h - Math.Max(leftMin, rightMin);
    }

    internal static RrSeries ToRrSeries(EcgSignal ecg, ReadOnlySpan<int> peaks)
    {
        var fs = ecg.SampleRateHz;
        var rr = new List<double>(peaks.Length);
        var times = new List<double>(peaks.Length);
        var segments = ecg.Segments;
        for (var k = 1; k < peaks.Length; k++)
        {
            var s = ecg.SegmentOf(peaks[k]);
            if (ecg.SegmentOf(peaks[k - 1]) != s)
            {
                continue;
            }
            var seg = segments[s];
            rr.Add((peaks[k] - peaks[k - 1]) * 1000.0 / fs);
            times.Add(seg.StartTimeS + (peaks[k] - seg.StartIndex) / fs);
        }
        return RrSeries.FromBeats(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(rr),
            System.Runtime.InteropServices.CollectionsMarshal.AsSpan(times), ecg.Start);
    }
}
