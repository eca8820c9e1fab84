namespace Attune.Analysis.Series;

/// <summary>
/// One stretch of an <see cref="EcgSignal"/> sampled without interruption.
/// </summary>
/// <param name="StartIndex">Index of the segment's first sample in <see cref="EcgSignal.Samples"/>.</param>
/// <param name="Length">Number of samples in the segment (at least one).</param>
/// <param name="StartTimeS">Time of the segment's first sample, in seconds from <see cref="EcgSignal.Start"/>.</param>
public readonly record struct EcgSegment(int StartIndex, int Length, double StartTimeS);

/// <summary>
/// A validated single-lead ECG: samples at a fixed rate, split into contiguous segments where the
/// recording had gaps (for example Bluetooth drop-outs).
/// </summary>
/// <remarks>
/// <para>Within a segment, sample <c>k</c> lies at <c>StartTimeS + (k - StartIndex) / SampleRateHz</c>
/// seconds. Across segments time jumps; nothing computed from the signal may span a gap.</para>
/// <para>Invariants, checked on construction: the sample rate is finite and positive; every sample is
/// finite; segments are in order, each non-empty, together cover every sample exactly once, and each
/// starts no earlier than the previous one ends. Amplitude units are whatever the device wrote
/// (often mV or raw ADC counts); nothing here depends on them.</para>
/// </remarks>
public sealed class EcgSignal
{
    private readonly float[] _samples;
    private readonly int _count;
    private readonly EcgSegment[] _segments;

    private EcgSignal(float[] samples, int count, double sampleRateHz, EcgSegment[] segments, DateTimeOffset? start)
    {
        _samples = samples;
        _count = count;
        SampleRateHz = sampleRateHz;
        _segments = segments;
        Start = start;
    }

    /// <summary>
    /// The samples, in the device's amplitude unit, stored in single precision: a float's 24-bit significand
    /// holds every count of an ADC of up to 24 bits exactly, and a decimal value in mV to a relative 2^-24
    /// (6e-8), far below the resolution and noise of any ECG. Everything computed from them (cleaning,
    /// R-peaks) runs in double precision. Half the memory of doubles: 86 MB for 24 h at 250 Hz.
    /// </summary>
    public ReadOnlySpan<float> Samples => _samples.AsSpan(0, _count);

    /// <summary>The array behind <see cref="Samples"/> (possibly longer), for work shared between cores; never written.</summary>
    internal float[] Buffer => _samples;

    /// <summary>Sampling rate in hertz.</summary>
    public double SampleRateHz { get; }

    /// <summary>Contiguous segments, in order; one segment when the recording had no gaps.</summary>
    public IReadOnlyList<EcgSegment> Segments => _segments;

    /// <summary>Wall-clock time of t = 0, when known.</summary>
    public DateTimeOffset? Start { get; }

    /// <summary>Number of samples.</summary>
    public int Count => _count;

    /// <summary>
    /// Builds a signal; samples are copied. Without <paramref name="segments"/>, the signal is one
    /// segment starting at t = 0.
    /// </summary>
    /// <exception cref="ArgumentException">An invariant listed on the type does not hold.</exception>
    public static EcgSignal Create(ReadOnlySpan<double> samples, double sampleRateHz, IReadOnlyList<EcgSegment>? segments = null, DateTimeOffset? start = null)
    {
        var stored = new float[samples.Length];
        for (var i = 0; i < samples.Length; i++)
        {
            if (!double.IsFinite(samples[i]) || Math.Abs(samples[i]) > float.MaxValue)
            {
                throw new ArgumentException($"Sample {i} is not a finite number within ±{float.MaxValue}.", nameof(samples));
            }
            stored[i] = (float)samples[i];
        }
        return CreateOwned(stored, stored.Length, sampleRateHz, segments?.ToArray(), start);
    }

    internal static EcgSignal CreateOwned(double[] samples, double sampleRateHz, EcgSegment[]? segments, DateTimeOffset? start) =>
        Create(samples, sampleRateHz, segments, start);

    /// <summary>A signal over the first <paramref name="count"/> elements of a buffer it takes over, which may
    /// be longer (a streaming parser sizes it from an estimate).</summary>
    internal static EcgSignal CreateOwned(float[] buffer, int count, double sampleRateHz, EcgSegment[]? segments, DateTimeOffset? start)
    {
        var samples = buffer.AsSpan(0, count);
        if (!double.IsFinite(sampleRateHz) || sampleRateHz <= 0)
        {
            throw new ArgumentException($"Sample rate {sampleRateHz} Hz must be finite and positive.", nameof(sampleRateHz));
        }
        if (FirstNonFinite(samples) is var bad and >= 0)
        {
            throw new ArgumentException($"Sample {bad} is not a finite number.", nameof(samples));
        }
        segments ??= samples.Length == 0 ? [] : [new EcgSegment(0, samples.Length, 0)];
        var next = 0;
        var previousEnd = double.NegativeInfinity;
        foreach (var s in segments)
        {
            if (s.StartIndex != next || s.Length <= 0)
            {
                throw new ArgumentException($"Segments must be non-empty and cover the samples in order; expected a segment at index {next}, got {s.StartIndex} (length {s.Length}).", nameof(segments));
            }
            if (!double.IsFinite(s.StartTimeS) || s.StartTimeS < previousEnd)
            {
                throw new ArgumentException($"Segment at index {s.StartIndex} starts at {s.StartTimeS} s, before the previous segment ends ({previousEnd} s).", nameof(segments));
            }
            next += s.Length;
            previousEnd = s.StartTimeS + (s.Length - 1) / sampleRateHz;
        }
        if (next != samples.Length)
        {
            throw new ArgumentException($"Segments cover {next} samples but the signal has {samples.Length}.", nameof(segments));
        }
        return new EcgSignal(buffer, count, sampleRateHz, segments, start);
    }

    /// <summary>The index of the first sample that is infinite or NaN, or −1: a vector at a time (x − x is 0 only for a
    /// finite x), which matters at 21.6 million samples.</summary>
    private static int FirstNonFinite(ReadOnlySpan<float> samples)
    {
        var i = 0;
        if (System.Numerics.Vector.IsHardwareAccelerated)
        {
            var width = System.Numerics.Vector<float>.Count;
            for (; i <= samples.Length - width; i += width)
            {
                var v = new System.Numerics.Vector<float>(samples[i..]);
                if (!System.Numerics.Vector.EqualsAll(v - v, System.Numerics.Vector<float>.Zero))
                {
                    break;
                }
            }
        }
        for (; i < samples.Length; i++)
        {
            if (!float.IsFinite(samples[i]))
            {
                return i;
            }
        }
        return -1;
    }

    /// <summary>Time in seconds from <see cref="Start"/> of the sample at <paramref name="index"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The index is outside the signal.</exception>
    public double TimeOfSample(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, _count);
        var s = _segments[SegmentOf(index)];
        return s.StartTimeS + (index - s.StartIndex) / SampleRateHz;
    }

    /// <summary>Position in <see cref="Segments"/> of the segment holding sample <paramref name="index"/>.</summary>
    public int SegmentOf(int index)
    {
        int lo = 0, hi = _segments.Length - 1;
        while (lo < hi)
        {
            var mid = (lo + hi + 1) >> 1;
            if (_segments[mid].StartIndex <= index)
            {
                lo = mid;
            }
            else
            {
                hi = mid - 1;
            }
        }
        return lo;
    }
}
