using System.Numerics;
using System.Runtime.CompilerServices;

namespace Attune.Analysis.Ecg;

/// <summary>
/// The cleaning and R-peak search of <see cref="NeuroKitPeakDetector"/> on one contiguous segment, arranged so that
/// two cores can share a long recording and the answer never depends on how many did.
/// </summary>
/// <remarks>
/// <para>Only the high-pass is a recursion over the whole segment. It is linear, so each of its two passes runs over the
/// two halves of a long segment at once: the first half from the true start, the second from rest, and then the first
/// half's final state is carried across by adding its response to silence, until that has died away (see
/// <see cref="SosFilter.AddFreeResponse"/>). The forward pass reads the single-precision samples straight into the one
/// array of doubles. Every later step is local: the powerline moving average run forward and backward is a finite
/// filter, so a cleaned sample depends only on high-passed samples within one window length either side (computed here
/// as plain sums over the window, not a running sum carried from the start); the gradient, its boxcar smoothing and
/// the threshold average are windows too. So the segment is cut into blocks of <see cref="BlockSize"/> samples on a
/// fixed grid, and both cores take blocks (clean, gradient, threshold, QRS runs, the most prominent peak of each run
/// inside the block) until none is left. The runs are then joined in order (a run cut by a block edge is searched again
/// from the high-passed samples, which gives the same cleaned values), and the rules over the whole segment (the mean
/// run length, the minimum delay between peaks) are applied once, in order.</para>
/// <para>The split point and the block grid are fixed by the segment's length, and the two running sums (smoothing and
/// threshold) restart at each block's own start from a direct sum, so a value never depends on how many cores ran, or
/// which block came first. Against one pass carried over 21.6 million samples the values differ in the last bits, which
/// moves a threshold crossing only when the smoothed gradient equals its threshold to about 1e-15: the peaks equal the
/// sequential search's on the reference ECGs repeated to many blocks (tests), and NeuroKit2's own peaks on its example
/// ECGs exactly (the golden tests).</para>
/// </remarks>
internal static class SegmentPeakSearch
{
    /// <summary>Samples per block of the fixed grid (2 min 11 s at 250 Hz).</summary>
    internal const int BlockSize = 1 << 15;

    /// <summary>Blocks below which a segment is filtered whole and searched on one core: starting a second costs more than
    /// it saves.</summary>
    private const int ParallelFromBlocks = 8;

    /// <summary>
    /// Cleans <paramref name="length"/> samples of <paramref name="samples"/> from <paramref name="start"/> (one segment,
    /// at least 4 samples) into <paramref name="work"/>, finds their R-peaks and appends their indices plus
    /// <paramref name="start"/> to <paramref name="output"/>. Returns false when no QRS complex was found at all.
    /// </summary>
    public static bool Search(float[] samples, int start, int length, double fs, double[] work, List<int> output, bool parallel)
    {
        NeuroKitCleaning.RequireRate(fs);
        var shape = new Shape(length, fs);
        var blocks = (length + BlockSize - 1) / BlockSize;
        var results = new BlockResult[blocks];
        parallel &= blocks >= ParallelFromBlocks;
        HighPass(samples, start, length, fs, work, split: blocks >= ParallelFromBlocks, parallel);
        var next = blocks;
        void SearchBlocks()
        {
            var scratch = Scratch.ForBlocks(shape);
            int k;
            while ((k = Interlocked.Decrement(ref next)) >= 0)
            {
                results[k] = SearchBlock(work, shape, k, scratch);
            }
        }
        Concurrently.Invoke(parallel, SearchBlocks, SearchBlocks);
        return Join(work, shape, results, output, start);
    }

    /// <summary>
    /// The zero-phase high-pass of <see cref="NeuroKitCleaning"/> from the single-precision samples into
    /// <paramref name="work"/>. When <paramref name="split"/>, each pass runs over the two halves at once: the second
    /// half from rest while the first runs from the true start, then the first half's final state is carried in by
    /// adding its response to silence (a linear filter's output is the sum of the two) until that response has fallen
    /// below 1e-20 of where it started (about 47 s of signal at 250 Hz); the values equal one pass over the whole to
    /// rounding, about 1e-13 of the largest sample (tests), far below the 2^-24 a sample is stored to.
    /// </summary>
    private static void HighPass(float[] samples, int start, int n, double fs, double[] work, bool split, bool parallel)
    {
        var sos = Butterworth.HighPass(NeuroKitCleaning.HighPassOrder, NeuroKitCleaning.HighPassHz, fs);
        var pad = Math.Min(3 * 2 * sos.Length, n - 1);
        var x = samples.AsSpan(start, n);
        var head = new double[pad];
        var tail = new double[pad];
        for (var k = 0; k < pad; k++)
        {
            head[k] = 2 * (double)x[0] - x[pad - k];
            tail[k] = 2 * (double)x[n - 1] - x[n - 2 - k];
        }
        var m = split ? n / 2 : n;
        var first = new SosFilter(sos);
        var second = new SosFilter(sos);
        Concurrently.Invoke(parallel,
            () =>
            {
                first.Reset(head[0]);
                first.Run(head);
                first.RunFrom(samples.AsSpan(start, m), work.AsSpan(0, m));
            },
            () =>
            {
                second.Reset(0);
                second.RunFrom(samples.AsSpan(start + m, n - m), work.AsSpan(m, n - m));
            });
        if (first.AddFreeResponse(work.AsSpan(m, n - m), backward: false))
        {
            second.AddState(first);
        }
        second.Run(tail);

        // Backward, the second half runs from the true state and the first from rest.
        var back = split ? m : 0;
        var last = new SosFilter(sos);
        last.Reset(tail[^1]);
        last.RunBackward(tail);
        Concurrently.Invoke(parallel,
            () => last.RunBackward(work.AsSpan(back, n - back)),
            () =>
            {
                first.Reset(0);
                first.RunBackward(work.AsSpan(0, back));
            });
        last.AddFreeResponse(work.AsSpan(0, back), backward: true);
    }

    /// <summary>The runs of every block joined in order, and the segment-wide rules applied.</summary>
    private static bool Join(double[] h, Shape shape, BlockResult[] results, List<int> output, int offset)
    {
        // The transitions of all blocks in order; a falling edge before the first rising one closes no run.
        var begins = new List<int>();
        var ends = new List<int>();
        var peaks = new List<int>();
        // Only for runs cut by a block edge, which PeakOf sizes for.
        var scratch = new Scratch(shape, 0);
        var open = -1;
        var openBlock = -1;
        for (var k = 0; k < results.Length; k++)
        {
            var result = results[k];
            var inside = 0;
            foreach (var t in result.Transitions)
            {
                if (t.Rising)
                {
                    open = t.Index;
                    openBlock = k;
                }
                else if (open >= 0)
                {
                    begins.Add(open);
                    ends.Add(t.Index);
                    peaks.Add(openBlock == k ? result.Peaks[inside++] : PeakOf(h, shape, open, t.Index, scratch));
                    open = -1;
                }
            }
        }
        var count = begins.Count;
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
            if (ends[q] - begins[q] < minLength || peaks[q] < 0)
            {
                continue;
            }
            var peak = begins[q] + peaks[q];
            if (peak - last > shape.MinDelay)
            {
                output.Add(offset + peak);
                last = peak;
            }
        }
        return true;
    }

    /// <summary>The most prominent peak of the cleaned signal over [<paramref name="begin"/>, <paramref name="end"/>),
    /// relative to <paramref name="begin"/>, or −1; cleaned afresh from the high-passed samples.</summary>
    private static int PeakOf(double[] h, Shape shape, int begin, int end, Scratch scratch)
    {
        scratch.Reserve(end - begin);
        var c = scratch.Cleaned.AsSpan(0, end - begin);
        Clean(h, shape, begin, end - 1, c, scratch);
        return NeuroKitPeakDetector.MostProminentPeak(c);
    }

    /// <summary>
    /// One block: cleaned samples over the block and the margins its windows reach, the threshold test for each of its
    /// samples, the rising and falling edges, and the most prominent peak of each run that opens and closes inside it.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static BlockResult SearchBlock(double[] h, Shape shape, int k, Scratch scratch)
    {
        var n = shape.N;
        var b0 = k * BlockSize;
        var b1 = Math.Min(n, b0 + BlockSize);
        // Tested samples: from the one before the block (it says whether the block opens above the threshold).
        var first = Math.Max(b0 - 1, 0);
        var sLo = Math.Max(first - shape.LeftA, 0);
        var sHi = Math.Min(b1 - 1 + shape.RightA, n - 1);
        var gLo = Math.Max(sLo - shape.LeftS - 1, 0);
        var gHi = Math.Min(sHi + shape.RightS, n - 1);
        var cLo = Math.Max(gLo - 1, 0);
        var cHi = Math.Min(gHi + 1, n - 1);

        var c = scratch.Cleaned.AsSpan(0, cHi - cLo + 1);
        Clean(h, shape, cLo, cHi, c, scratch);

        // |np.gradient| over [gLo, gHi], one-sided at the segment's ends.
        var g = scratch.Gradient.AsSpan(0, gHi - gLo + 1);
        var gFrom = Math.Max(gLo, 1);
        var gTo = Math.Min(gHi, n - 2);
        if (gTo >= gFrom)
        {
            HalfAbsDifferences(c[(gFrom - 1 - cLo)..(gTo + 2 - cLo)], g[(gFrom - gLo)..(gTo + 1 - gLo)]);
        }
        if (gLo == 0)
        {
            g[0] = Math.Abs(c[1 - cLo] - c[0 - cLo]);
        }
        if (gHi == n - 1)
        {
            g[gHi - gLo] = Math.Abs(c[n - 1 - cLo] - c[n - 2 - cLo]);
        }

        // Smoothed gradient over [sLo, sHi]: a boxcar with the end samples repeated, as a running sum from here.
        var s = scratch.Smoothed.AsSpan(0, sHi - sLo + 1);
        {
            int left = shape.LeftS, right = shape.RightS;
            double sum = 0;
            for (var j = -left; j <= right; j++)
            {
                sum += g[Math.Clamp(sLo + j, 0, n - 1) - gLo];
            }
            var inv = shape.InvS;
            s[0] = sum * inv;
            var i = sLo + 1;
            // Where neither end of the window is clamped, without the clamps.
            var plainTo = Math.Min(sHi, n - 1 - right);
            for (; i <= sHi && i - left - 1 < 0; i++)
            {
                sum += g[Math.Min(i + right, n - 1) - gLo] - g[0 - gLo];
                s[i - sLo] = sum * inv;
            }
            var addAt = i + right - gLo;
            var dropAt = i - left - 1 - gLo;
            for (; i <= plainTo; i++, addAt++, dropAt++)
            {
                sum += g[addAt] - g[dropAt];
                s[i - sLo] = sum * inv;
            }
            for (; i <= sHi; i++)
            {
                sum += g[Math.Min(i + right, n - 1) - gLo] - g[Math.Max(i - left - 1, 0) - gLo];
                s[i - sLo] = sum * inv;
            }
        }

        // The threshold test and its edges: a run begins at the last sample below, ends at the last sample above.
        var transitions = new List<Transition>();
        {
            int left = shape.LeftA, right = shape.RightA;
            double sum = 0;
            for (var j = -left; j <= right; j++)
            {
                sum += s[Math.Clamp(first + j, 0, n - 1) - sLo];
            }
            var weight = shape.Weight;
            // At the segment's first sample there is no edge, whichever side of the threshold it is on.
            var previous = s[first - sLo] > weight * sum;
            var i = first + 1;
            var plainTo = Math.Min(b1 - 1, n - 1 - right);
            for (; i < b1 && (i - left - 1 < 0 || i > plainTo); i++)
            {
                sum += s[Math.Min(i + right, n - 1) - sLo] - s[Math.Max(i - left - 1, 0) - sLo];
                Test(s[i - sLo] > weight * sum, i, ref previous, transitions);
            }
            var addAt = i + right - sLo;
            var dropAt = i - left - 1 - sLo;
            for (; i <= plainTo; i++, addAt++, dropAt++)
            {
                sum += s[addAt] - s[dropAt];
                Test(s[i - sLo] > weight * sum, i, ref previous, transitions);
            }
            for (; i < b1; i++)
            {
                sum += s[Math.Min(i + right, n - 1) - sLo] - s[Math.Max(i - left - 1, 0) - sLo];
                Test(s[i - sLo] > weight * sum, i, ref previous, transitions);
            }
        }

        // The most prominent peak of each run that opens and closes in this block (its samples are all in c).
        var peaks = new List<int>();
        var open = -1;
        foreach (var t in transitions)
        {
            if (t.Rising)
            {
                open = t.Index;
            }
            else if (open >= 0)
            {
                peaks.Add(NeuroKitPeakDetector.MostProminentPeak(c[(open - cLo)..(t.Index - cLo)]));
                open = -1;
            }
        }
        return new BlockResult([.. transitions], [.. peaks]);
    }

    /// <summary>Records an edge before sample <paramref name="i"/> when its side of the threshold differs from the last.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Test(bool above, int i, ref bool previous, List<Transition> transitions)
    {
        if (above != previous)
        {
            transitions.Add(new Transition(i - 1, above));
            previous = above;
        }
    }

    /// <summary>output[t] = |x[t + 2] − x[t]| · 0.5: the central differences of np.gradient.</summary>
    private static void HalfAbsDifferences(ReadOnlySpan<double> x, Span<double> output)
    {
        var t = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var width = Vector<double>.Count;
            var half = new Vector<double>(0.5);
            for (; t <= output.Length - width; t += width)
            {
                (Vector.Abs(new Vector<double>(x[(t + 2)..]) - new Vector<double>(x[t..])) * half).CopyTo(output[t..]);
            }
        }
        for (; t < output.Length; t++)
        {
            output[t] = Math.Abs(x[t + 2] - x[t]) * 0.5;
        }
    }

    /// <summary>
    /// output[t] = (x[t] + x[t + 1] + … + x[t + length − 1]) · scale, summed in that order from zero: vector lanes and
    /// the scalar tail do the same operations, so a value does not depend on which of them computed it.
    /// </summary>
    private static void WindowMeans(ReadOnlySpan<double> x, int length, double scale, Span<double> output)
    {
        var t = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var width = Vector<double>.Count;
            var vscale = new Vector<double>(scale);
            for (; t <= output.Length - width; t += width)
            {
                var sum = Vector<double>.Zero;
                for (var q = 0; q < length; q++)
                {
                    sum += new Vector<double>(x[(t + q)..]);
                }
                (sum * vscale).CopyTo(output[t..]);
            }
        }
        for (; t < output.Length; t++)
        {
            double sum = 0;
            for (var q = 0; q < length; q++)
            {
                sum += x[t + q];
            }
            output[t] = sum * scale;
        }
    }

    /// <summary>
    /// Cleaned samples lo..hi (inclusive) from the high-passed <paramref name="h"/>: the powerline moving average of
    /// <see cref="NeuroKitCleaning"/> forward and backward over the segment extended by its point reflection, each
    /// value a sum over its own window in index order, so the same wherever and however often it is computed.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Clean(double[] h, Shape shape, int lo, int hi, Span<double> cleaned, Scratch scratch)
    {
        var n = shape.N;
        var l = shape.L;
        var p = shape.P;
        // Forward-averaged values f(j) for j in [lo, fHi]; beyond the padded end the backward pass holds the last one.
        var fHi = Math.Min(hi + l - 1, n + p - 1);
        // Extended samples e(j) for j in [eLo, fHi]; before the padding the forward pass held the first one.
        var eLo = lo - l + 1;
        var e = scratch.Extended.AsSpan(0, fHi - eLo + 1);
        var copyFrom = Math.Max(eLo, 0);
        var copyTo = Math.Min(fHi, n - 1);
        if (copyTo >= copyFrom)
        {
            h.AsSpan(copyFrom, copyTo - copyFrom + 1).CopyTo(e[(copyFrom - eLo)..]);
        }
        for (var j = eLo; j <= Math.Min(fHi, -1); j++)
        {
            e[j - eLo] = j < -p ? 2 * h[0] - h[p] : 2 * h[0] - h[-j];
        }
        for (var j = Math.Max(eLo, n); j <= fHi; j++)
        {
            e[j - eLo] = 2 * h[n - 1] - h[2 * n - 2 - j];
        }
        // f(lo + t) averages e over [lo + t − l + 1, lo + t], which is e[t..t + l − 1] here.
        var f = scratch.Forward.AsSpan(0, fHi - lo + 1);
        WindowMeans(e, l, shape.InvL, f);
        // c(i) averages f over [i, i + l − 1], the last f standing in beyond the padded end.
        var fLast = fHi - lo;
        var plain = Math.Min(hi - lo + 1, fLast - l + 2);
        if (plain > 0)
        {
            WindowMeans(f, l, shape.InvL, cleaned[..plain]);
        }
        for (var t = Math.Max(plain, 0); t <= hi - lo; t++)
        {
            double sum = 0;
            for (var q = 0; q < l; q++)
            {
                sum += f[Math.Min(t + q, fLast)];
            }
            cleaned[t] = sum * shape.InvL;
        }
    }

    /// <summary>The windows of the search at one sample rate, for a segment of <see cref="N"/> samples.</summary>
    private sealed class Shape
    {
        public Shape(int n, double fs)
        {
            N = n;
            L = fs >= 100 ? (int)(fs / NeuroKitCleaning.PowerlineHz) : 2;
            P = Math.Min(3 * L, n - 1);
            InvL = 1.0 / L;
            var smooth = Math.Max(1, (int)Math.Round(NeuroKitPeakDetector.SmoothWindowS * fs, MidpointRounding.ToEven));
            LeftS = smooth / 2;
            RightS = smooth - LeftS - 1;
            InvS = 1.0 / smooth;
            var average = Math.Max(1, (int)Math.Round(NeuroKitPeakDetector.AverageWindowS * fs, MidpointRounding.ToEven));
            LeftA = average / 2;
            RightA = average - LeftA - 1;
            Weight = NeuroKitPeakDetector.GradientThresholdWeight / average;
            MinDelay = (int)Math.Round(NeuroKitPeakDetector.MinDelayS * fs, MidpointRounding.ToEven);
            Margin = LeftA + RightA + LeftS + RightS + 8;
        }

        public int N { get; }

        /// <summary>Moving-average length and the padding of its zero-phase run.</summary>
        public int L { get; }

        public int P { get; }

        public double InvL { get; }

        public int LeftS { get; }

        public int RightS { get; }

        public double InvS { get; }

        public int LeftA { get; }

        public int RightA { get; }

        public double Weight { get; }

        public int MinDelay { get; }

        /// <summary>More than a block's windows reach beyond it on either side.</summary>
        public int Margin { get; }
    }

    /// <summary>Buffers one core reuses from block to block, for a block and its margins or for one run (which a
    /// pathological signal can make longer than a block).</summary>
    private sealed class Scratch
    {
        private readonly Shape _shape;

        /// <param name="shape">The search's windows.</param>
        /// <param name="samples">Cleaned samples to make room for at once (more are reserved when needed).</param>
        public Scratch(Shape shape, int samples)
        {
            _shape = shape;
            Reserve(samples);
        }

        /// <summary>Room for the largest block of a segment of <paramref name="shape"/>'s length, with its margins.</summary>
        public static Scratch ForBlocks(Shape shape) => new(shape, Math.Min(BlockSize, shape.N) + 2 * shape.Margin);

        public double[] Cleaned { get; private set; } = [];

        public double[] Gradient { get; private set; } = [];

        public double[] Smoothed { get; private set; } = [];

        public double[] Extended { get; private set; } = [];

        public double[] Forward { get; private set; } = [];

        /// <summary>Room for <paramref name="samples"/> cleaned samples and what computing them reads.</summary>
        public void Reserve(int samples)
        {
            if (Cleaned.Length >= samples + 4)
            {
                return;
            }
            var size = samples + 4;
            Cleaned = new double[size];
            Gradient = new double[size];
            Smoothed = new double[size];
            Extended = new double[size + 2 * _shape.L];
            Forward = new double[size + _shape.L];
        }
    }

    private readonly record struct Transition(int Index, bool Rising);

    /// <summary>A block's edges in order, and the peak (relative to its run's start, or −1) of each run inside it.</summary>
    private sealed record BlockResult(Transition[] Transitions, int[] Peaks);
}
