namespace Attune.Analysis.Ecg;

/// <summary>
/// Digital Butterworth high-pass filters as second-order sections, designed like SciPy's
/// <c>butter(order, fc, "highpass", output="sos", fs=fs)</c>: analog prototype poles, high-pass
/// transform at the pre-warped cutoff, bilinear transform, unit gain at the Nyquist frequency.
/// </summary>
internal static class Butterworth
{
    /// <summary>Sections as rows (b0, b1, b2, a1, a2), a0 = 1. An odd order ends with a first-order
    /// section stored with b2 = a2 = 0.</summary>
    public static double[][] HighPass(int order, double cutoffHz, double sampleRateHz)
    {
        var fs2 = 2 * sampleRateHz;
        var wc = fs2 * Math.Tan(Math.PI * cutoffHz / sampleRateHz);
        var sections = new List<double[]>();
        for (var k = 0; k < order / 2; k++)
        {
            // Conjugate pair of the analog low-pass prototype, p = exp(iθ) in the left half-plane.
            var theta = Math.PI * (2 * k + order + 1) / (2.0 * order);
            var p = System.Numerics.Complex.FromPolarCoordinates(1, theta);
            var s = wc / p;
            var z = (fs2 + s) / (fs2 - s);
            var a1 = -2 * z.Real;
            var a2 = z.Real * z.Real + z.Imaginary * z.Imaginary;
            var g = (1 - a1 + a2) / 4;
            sections.Add([g, -2 * g, g, a1, a2]);
        }
        if (order % 2 == 1)
        {
            var s = -wc;
            var z = (fs2 + s) / (fs2 - s);
            var a1 = -z;
            var g = (1 - a1) / 2;
            sections.Add([g, -g, 0, a1, 0]);
        }
        return [.. sections];
    }

    /// <summary>Steady-state state (z1, z2 per section) for a unit step, like SciPy's sosfilt_zi.</summary>
    public static double[] StepState(double[][] sos)
    {
        var zi = new double[2 * sos.Length];
        var scale = 1.0;
        for (var k = 0; k < sos.Length; k++)
        {
            var (b0, b1, b2, a1, a2) = (sos[k][0], sos[k][1], sos[k][2], sos[k][3], sos[k][4]);
            var gain = (b0 + b1 + b2) / (1 + a1 + a2);
            var z2 = b2 - a2 * gain;
            var z1 = b1 - a1 * gain + z2;
            zi[2 * k] = scale * z1;
            zi[2 * k + 1] = scale * z2;
            scale *= gain;
        }
        return zi;
    }
}

/// <summary>A causal filter run over blocks of samples in place, restartable from a steady state.</summary>
internal interface ICausalFilter
{
    /// <summary>Sets the state as if the input had been <paramref name="value"/> forever.</summary>
    void Reset(double value);

    /// <summary>Filters <paramref name="data"/> in place, continuing from the current state.</summary>
    void Run(Span<double> data);

    /// <summary>Filters <paramref name="data"/> in place from its last sample to its first, continuing
    /// from the current state: the same as reversing, <see cref="Run"/>, reversing back, without the
    /// two extra passes over memory.</summary>
    void RunBackward(Span<double> data);
}

/// <summary>Cascade of biquads in transposed direct form II. Three sections (a 5th- or 6th-order
/// design) run interleaved in one loop with the state in registers, so the sections' recurrences
/// overlap in the CPU pipeline.</summary>
internal struct SosFilter(double[][] sos) : ICausalFilter
{
    private readonly double[][] _sos = sos;
    private readonly double[] _zi = Butterworth.StepState(sos);
    private readonly double[] _z = new double[2 * sos.Length];

    public readonly void Reset(double value)
    {
        for (var k = 0; k < _z.Length; k++)
        {
            _z[k] = _zi[k] * value;
        }
    }

    /// <summary>Adds <paramref name="other"/>'s state to this one's: the state of the sum of their two inputs.</summary>
    public readonly void AddState(SosFilter other)
    {
        for (var k = 0; k < _z.Length; k++)
        {
            _z[k] += other._z[k];
        }
    }

    /// <summary>
    /// Adds to <paramref name="data"/> this filter's response to silence from its current state (what the samples
    /// before <paramref name="data"/> contribute to it), from the first sample on or, when <paramref name="backward"/>,
    /// from the last one back, until the state has fallen below 1e-20 of its starting size. Returns true when it ran
    /// over all of <paramref name="data"/>, leaving the state where the silence leaves it.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public readonly bool AddFreeResponse(Span<double> data, bool backward)
    {
        var limit = MaxAbs(_z) * 1e-20;
        var n = data.Length;
        for (var j = 0; j < n; j++)
        {
            if ((j & 63) == 0 && MaxAbs(_z) <= limit)
            {
                return false;
            }
            var x = 0.0;
            for (var k = 0; k < _sos.Length; k++)
            {
                var c = _sos[k];
                var y = c[0] * x + _z[2 * k];
                _z[2 * k] = c[1] * x - c[3] * y + _z[2 * k + 1];
                _z[2 * k + 1] = c[2] * x - c[4] * y;
                x = y;
            }
            data[backward ? n - 1 - j : j] += x;
        }
        return true;
    }

    private static double MaxAbs(double[] values)
    {
        var max = 0.0;
        foreach (var v in values)
        {
            max = Math.Max(max, Math.Abs(v));
        }
        return max;
    }

    public readonly void Run(Span<double> data) => Run<double>(data, data, backward: false);

    public readonly void RunBackward(Span<double> data) => Run<double>(data, data, backward: true);

    /// <summary>Filters single-precision <paramref name="source"/> into <paramref name="destination"/> (as long), continuing
    /// from the current state: the same values as widening the samples to doubles first and running <see cref="Run"/>
    /// on them, without a separate pass that writes the widened copy.</summary>
    public readonly void RunFrom(ReadOnlySpan<float> source, Span<double> destination) => Run(source, destination, backward: false);

    // In place when input and output are the same doubles: each sample is read before it is written.
    private readonly void Run<T>(ReadOnlySpan<T> input, Span<double> data, bool backward)
        where T : unmanaged, System.Numerics.INumberBase<T>
    {
        if (input.Length != data.Length)
        {
            throw new ArgumentException("Input and output differ in length.", nameof(data));
        }
        if (_sos.Length == 3)
        {
            RunThree(input, data, backward);
            return;
        }
        var n = data.Length;
        for (var k = 0; k < _sos.Length; k++)
        {
            var c = _sos[k];
            double b0 = c[0], b1 = c[1], b2 = c[2], a1 = c[3], a2 = c[4];
            double z1 = _z[2 * k], z2 = _z[2 * k + 1];
            for (var j = 0; j < n; j++)
            {
                var i = backward ? n - 1 - j : j;
                var x = k == 0 ? double.CreateTruncating(input[i]) : data[i];
                var y = b0 * x + z1;
                z1 = b1 * x - a1 * y + z2;
                z2 = b2 * x - a2 * y;
                data[i] = y;
            }
            _z[2 * k] = z1;
            _z[2 * k + 1] = z2;
        }
    }

    /// <summary>
    /// Three sections unrolled (the common order-6 case), over <paramref name="input"/> into <paramref name="data"/> from
    /// the first sample to the last or, when <paramref name="backward"/>, from the last to the first.
    /// </summary>
    // Runs once per process over millions of samples: compile optimised at once, not via tier 0 and OSR.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private readonly void RunThree<T>(ReadOnlySpan<T> input, Span<double> data, bool backward)
        where T : unmanaged, System.Numerics.INumberBase<T>
    {
        double[] c0 = _sos[0], c1 = _sos[1], c2 = _sos[2];
        double p0 = c0[0], p1 = c0[1], p2 = c0[2], p3 = c0[3], p4 = c0[4];
        double q0 = c1[0], q1 = c1[1], q2 = c1[2], q3 = c1[3], q4 = c1[4];
        double r0 = c2[0], r1 = c2[1], r2 = c2[2], r3 = c2[3], r4 = c2[4];
        double u1 = _z[0], u2 = _z[1], v1 = _z[2], v2 = _z[3], w1 = _z[4], w2 = _z[5];
        var step = backward ? -1 : 1;
        for (int n = 0, i = backward ? data.Length - 1 : 0; n < data.Length; n++, i += step)
        {
            var x = double.CreateTruncating(input[i]);
            var y = p0 * x + u1;
            u1 = p1 * x - p3 * y + u2;
            u2 = p2 * x - p4 * y;
            x = y;
            y = q0 * x + v1;
            v1 = q1 * x - q3 * y + v2;
            v2 = q2 * x - q4 * y;
            x = y;
            y = r0 * x + w1;
            w1 = r1 * x - r3 * y + w2;
            w2 = r2 * x - r4 * y;
            data[i] = y;
        }
        _z[0] = u1;
        _z[1] = u2;
        _z[2] = v1;
        _z[3] = v2;
        _z[4] = w1;
        _z[5] = w2;
    }
}

/// <summary>Causal moving average of the last <c>length</c> samples (an FIR of ones / length).</summary>
internal struct MovingAverageFilter(int length) : ICausalFilter
{
    private readonly double[] _ring = new double[length];
    private int _at;
    private double _sum;

    public void Reset(double value)
    {
        Array.Fill(_ring, value);
        _sum = value * _ring.Length;
        _at = 0;
    }

    public void Run(Span<double> data) => Run(data, backward: false);

    public void RunBackward(Span<double> data) => Run(data, backward: true);

    // Runs once per process over millions of samples: compile optimised at once, not via tier 0 and OSR.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private void Run(Span<double> data, bool backward)
    {
        var ring = _ring;
        var at = _at;
        var sum = _sum;
        var inv = 1.0 / ring.Length;
        var n = data.Length;
        for (var j = 0; j < n; j++)
        {
            var i = backward ? n - 1 - j : j;
            var x = data[i];
            sum += x - ring[at];
            ring[at] = x;
            at = at + 1 == ring.Length ? 0 : at + 1;
            data[i] = sum * inv;
        }
        _at = at;
        _sum = sum;
    }
}

/// <summary>
/// Forward-backward (zero-phase) filtering in place, as SciPy's <c>filtfilt</c>/<c>sosfiltfilt</c>
/// with <c>padtype="odd"</c>: the signal is extended at both ends by its point reflection over
/// <c>padLength</c> samples and the filter starts each pass from the steady state of the first
/// extended sample. The extensions live in small side buffers, so the signal is filtered where it is;
/// the backward pass runs the filter from the last sample to the first, never reversing the signal.
/// </summary>
internal static class ZeroPhase
{
    public static void Apply<TFilter>(Span<double> x, ref TFilter filter, int padLength) where TFilter : struct, ICausalFilter
    {
        var n = x.Length;
        if (n < 2)
        {
            return;
        }
        padLength = Math.Min(padLength, n - 1);
        if (padLength == 0)
        {
            filter.Reset(x[0]);
            filter.Run(x);
            filter.Reset(x[^1]);
            filter.RunBackward(x);
            return;
        }
        var head = new double[padLength];
        var tail = new double[padLength];
        for (var k = 0; k < padLength; k++)
        {
            head[k] = 2 * x[0] - x[padLength - k];
            tail[k] = 2 * x[n - 1] - x[n - 2 - k];
        }

        filter.Reset(head[0]);
        filter.Run(head);
        filter.Run(x);
        filter.Run(tail);

        filter.Reset(tail[^1]);
        filter.RunBackward(tail);
        filter.RunBackward(x);
    }
}
