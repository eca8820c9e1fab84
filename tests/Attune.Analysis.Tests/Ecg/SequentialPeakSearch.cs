using Attune.Analysis.Ecg;
using Attune.Analysis.Series;

namespace Attune.Analysis.Tests.Ecg;

/// <summary>
/// The R-peak search as it ran before the segment was searched in blocks (<c>SegmentPeakSearch</c>): the whole segment
/// cleaned in one array by running sums carried from its first sample, then one pass of the smoothed gradient. Kept
/// here as the oracle the block search must agree with.
/// </summary>
internal static class SequentialPeakSearch
{
    /// <summary>The R-peaks of each segment of <paramref name="ecg"/> long enough to search (the detector's notes are
    /// not part of what is compared).</summary>
    public static int[] Detect(EcgSignal ecg)
    {
        var peaks = new List<int>();
        var fs = ecg.SampleRateHz;
        var minLength = Math.Max((int)Math.Ceiling(NeuroKitPeakDetector.MinSegmentS * fs), 4);
        foreach (var seg in ecg.Segments.Where(seg => seg.Length >= minLength))
        {
            var work = new double[seg.Length];
            var source = ecg.Samples.Slice(seg.StartIndex, seg.Length);
            for (var i = 0; i < work.Length; i++)
            {
                work[i] = source[i];
            }
            NeuroKitCleaning.CleanInPlace(work, fs);
            FindPeaks(work, seg.Length, fs, peaks, seg.StartIndex);
        }
        return [.. peaks];
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
        var avgSize = Math.Max(1, (int)Math.Round(NeuroKitPeakDetector.AverageWindowS * fs, MidpointRounding.ToEven));
        var minDelay = (int)Math.Round(NeuroKitPeakDetector.MinDelayS * fs, MidpointRounding.ToEven);

        // QRS runs: begin = last index before the smoothed gradient rises above 1.5 × its boxcar
        // average, end = last index above. The smoothed gradient is produced on the fly into a ring
        // buffer just longer than the averaging window (no array of the segment's length), and the
        // average is a running sum over it with edge samples repeated.
        var smooth = new SmoothedGradient(cleaned, n, Math.Max(1, (int)Math.Round(NeuroKitPeakDetector.SmoothWindowS * fs, MidpointRounding.ToEven)), avgSize + 2);
        var begins = new List<int>();
        var ends = new List<int>();
        var left = avgSize / 2;
        var right = avgSize - left - 1;
        double sum = 0;
        for (var k = -left; k <= right; k++)
        {
            sum += smooth[Math.Clamp(k, 0, n - 1)];
        }
        var weight = NeuroKitPeakDetector.GradientThresholdWeight / avgSize;
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
        var minLength = total / count * NeuroKitPeakDetector.MinLengthWeight;
        var last = 0;
        for (var q = 0; q < count; q++)
        {
            int beg = begins[q], end = ends[q];
            if (end - beg < minLength)
            {
                continue;
            }
            var local = NeuroKitPeakDetector.MostProminentPeak(x[beg..end]);
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
}
