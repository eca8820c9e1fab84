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
/// O(n) time with running sums; one array of the longest segment's length is allocated (the cleaned
/// copy); the smoothed gradient lives in a ring buffer of one averaging window.</para>
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
    public static RPeaks Detect(EcgSignal ecg)
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
            var x = work.AsSpan(0, seg.Length);
            var source = ecg.Samples.Slice(seg.StartIndex, seg.Length);
            for (var i = 0; i < x.Length; i++)
            {
                x[i] = source[i];
            }
            NeuroKitCleaning.CleanInPlace(x, fs);
            var before = peaks.Count;
            var found = FindPeaks(work, seg.Length, fs, peaks, seg.StartIndex);
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

    /// <summary>
    /// Finds R-peaks in one cleaned segment; appends their indices plus <paramref name="offset"/> to
    /// <paramref name="output"/>. Returns false when no QRS complex was found at all.
    /// </summary>
    // Runs once per process over millions of samples: compile optimised at once, not via tier 0 and OSR.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    internal static bool FindPeaks(double[] cleaned, int n, double fs, List<int> output, int offset)
    {
        ReadOnlySpan<double> x = cleaned.AsSpan(0, n);
        var avgSize = Math.Max(1, (int)Math.Round(AverageWindowS * fs, MidpointRounding.ToEven));
        var minDelay = (int)Math.Round(MinDelayS * fs, MidpointRounding.ToEven);

        // QRS runs: begin = last index before the smoothed gradient rises above 1.5 × its boxcar
        // average, end = last index above. The smoothed gradient is produced on the fly into a ring
        // buffer just longer than the averaging window (no array of the segment's length), and the
        // average is a running sum over it with edge samples repeated.
        var smooth = new SmoothedGradient(cleaned, n, Math.Max(1, (int)Math.Round(SmoothWindowS * fs, MidpointRounding.ToEven)), avgSize + 2);
        var begins = new List<int>();
        var ends = new List<int>();
        var left = avgSize / 2;
        var right = avgSize - left - 1;
        double sum = 0;
        for (var k = -left; k <= right; k++)
        {
            sum += smooth[Math.Clamp(k, 0, n - 1)];
        }
        var weight = GradientThresholdWeight / avgSize;
        var previous = smooth[0] > weight * sum;
        for (var i = 1; i < n; i++)
        {
            var add = i + right;
            var drop = i - left - 1;
            sum += smooth[add < n ? add : n - 1] - smooth[drop > 0 ? drop : 0];
            var above = smooth[i] > weight * sum;
            if (above != previous)
            {
                if (above)
                {
                    begins.Add(i - 1);
                }
                else if (begins.Count > 0)
                {
                    ends.Add(i - 1);
                }
                previous = above;
            }
        }
        var count = Math.Min(begins.Count, ends.Count);
        if (count == 0)
        {
            return false;
        }
        double total = 0;
        for (var q = 0; q < count; q++)
        {
            total += ends[q] - begins[q];
        }
        var minLength = total / count * MinLengthWeight;
        var last = 0;
        for (var q = 0; q < count; q++)
        {
            int beg = begins[q], end = ends[q];
            if (end - beg < minLength)
            {
                continue;
            }
            var local = MostProminentPeak(x[beg..end]);
            if (local < 0)
            {
                continue;
            }
            var peak = beg + local;
            if (peak - last > minDelay)
            {
                output.Add(offset + peak);
                last = peak;
            }
        }
        return true;
    }

    /// <summary>
    /// Centred moving average of |np.gradient(x)| over <paramref name="size"/> samples with edge
    /// samples repeated (SciPy <c>uniform_filter1d(mode="nearest")</c>: the window spans
    /// [i − size/2, i + size − size/2 − 1]), by a running sum; the gradient is computed on the fly.
    /// </summary>
    internal static void SmoothAbsGradient(ReadOnlySpan<double> x, Span<double> output, int size)
    {
        var n = x.Length;
        var left = size / 2;
        var right = size - left - 1;
        double sum = 0;
        for (var k = -left; k <= right; k++)
        {
            sum += AbsGradient(x, Math.Clamp(k, 0, n - 1));
        }
        var inv = 1.0 / size;
        output[0] = sum * inv;
        // Head and tail use the clamped gradient; in between, no index needs clamping.
        var interiorStart = Math.Min(n, left + 2);
        var interiorEnd = n - 1 - right;
        var i = 1;
        for (; i < interiorStart; i++)
        {
            sum += AbsGradient(x, Math.Min(i + right, n - 1)) - AbsGradient(x, Math.Max(i - left - 1, 0));
            output[i] = sum * inv;
        }
        for (; i < interiorEnd; i++)
        {
            var a = i + right;
            var d = i - left - 1;
            sum += (Math.Abs(x[a + 1] - x[a - 1]) - Math.Abs(x[d + 1] - x[d - 1])) * 0.5;
            output[i] = sum * inv;
        }
        for (; i < n; i++)
        {
            sum += AbsGradient(x, Math.Min(i + right, n - 1)) - AbsGradient(x, Math.Max(i - left - 1, 0));
            output[i] = sum * inv;
        }
    }

    private static double AbsGradient(ReadOnlySpan<double> x, int i) =>
        i == 0 ? Math.Abs(x[1] - x[0])
        : i == x.Length - 1 ? Math.Abs(x[i] - x[i - 1])
        : Math.Abs(x[i + 1] - x[i - 1]) * 0.5;

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
