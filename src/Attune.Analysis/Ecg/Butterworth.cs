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

/// <summary>A causal filter run sample by sample, restartable from a steady state.</summary>
internal interface ICausalFilter
{
    /// <summary>Sets the state as if the input had been <paramref name="value"/> forever.</summary>
    void Reset(double value);

    /// <summary>Filters one sample.</summary>
    double Step(double x);
}

/// <summary>Cascade of biquads in transposed direct form II.</summary>
internal struct SosFilter(double[][] sos) : ICausalFilter
{
    private readonly double[] _c = Flatten(sos);
    private readonly double[] _zi = Butterworth.StepState(sos);
    private readonly double[] _z = new double[2 * sos.Length];

    public readonly void Reset(double value)
    {
        for (var k = 0; k < _z.Length; k++)
        {
            _z[k] = _zi[k] * value;
        }
    }

    public readonly double Step(double x)
    {
        var c = _c;
        var z = _z;
        for (int k = 0, j = 0; k < z.Length; k += 2, j += 5)
        {
            var y = c[j] * x + z[k];
            z[k] = c[j + 1] * x - c[j + 3] * y + z[k + 1];
            z[k + 1] = c[j + 2] * x - c[j + 4] * y;
            x = y;
        }
        return x;
    }

    private static double[] Flatten(double[][] sos)
    {
        var c = new double[5 * sos.Length];
        for (var k = 0; k < sos.Length; k++)
        {
            sos[k].CopyTo(c, 5 * k);
        }
        return c;
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

    public double Step(double x)
    {
        _sum += x - _ring[_at];
        _ring[_at] = x;
        _at = _at + 1 == _ring.Length ? 0 : _at + 1;
        return _sum / _ring.Length;
    }
}

/// <summary>
/// Forward-backward (zero-phase) filtering in place, as SciPy's <c>filtfilt</c>/<c>sosfiltfilt</c>
/// with <c>padtype="odd"</c>: the signal is extended at both ends by its point reflection over
/// <c>padLength</c> samples and the filter starts each pass from the steady state of the first
/// extended sample. The extensions live in small side buffers, so the signal is filtered where it is.
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
        Span<double> head = padLength <= 512 ? stackalloc double[padLength] : new double[padLength];
        Span<double> tail = padLength <= 512 ? stackalloc double[padLength] : new double[padLength];
        for (var k = 0; k < padLength; k++)
        {
            head[k] = 2 * x[0] - x[padLength - k];
            tail[k] = 2 * x[n - 1] - x[n - 2 - k];
        }

        filter.Reset(padLength > 0 ? head[0] : x[0]);
        foreach (var v in head)
        {
            filter.Step(v);
        }
        for (var i = 0; i < n; i++)
        {
            x[i] = filter.Step(x[i]);
        }
        for (var k = 0; k < padLength; k++)
        {
            tail[k] = filter.Step(tail[k]);
        }

        filter.Reset(padLength > 0 ? tail[padLength - 1] : x[n - 1]);
        for (var k = padLength - 1; k >= 0; k--)
        {
            filter.Step(tail[k]);
        }
        for (var i = n - 1; i >= 0; i--)
        {
            x[i] = filter.Step(x[i]);
        }
    }
}
