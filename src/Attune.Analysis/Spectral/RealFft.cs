namespace Attune.Analysis.Spectral;

/// <summary>
/// Power spectrum |X[k]|², k = 0..n/2, of a real sequence whose length n is a power of two, with
/// X[k] = Σ x[j]·e^{−2πijk/n} (no scaling).
/// </summary>
/// <remarks>
/// The n reals are packed as n/2 complex values z[j] = x[2j] + i·x[2j+1], transformed by an
/// iterative radix-2 FFT with precomputed twiddles, and split:
/// X[k] = E[k] + e^{−2πik/n}·O[k], E = (Z[k] + conj Z[M−k])/2, O = (Z[k] − conj Z[M−k])/(2i), M = n/2
/// (Press et al. 2007, §12.3). One instance holds its tables and scratch arrays: not thread-safe.
/// </remarks>
internal sealed class RealFft
{
    private readonly int _n;
    private readonly int _m;
    private readonly double[] _cos;
    private readonly double[] _sin;
    private readonly double[] _splitCos;
    private readonly double[] _splitSin;
    private readonly int[] _bitReverse;
    private readonly double[] _re;
    private readonly double[] _im;

    public RealFft(int n)
    {
        if (n < 4 || !IsPowerOfTwo(n))
        {
            throw new ArgumentOutOfRangeException(nameof(n), "Length must be a power of two, at least 4.");
        }
        _n = n;
        _m = n / 2;
        _cos = new double[_m / 2];
        _sin = new double[_m / 2];
        for (var k = 0; k < _m / 2; k++)
        {
            _cos[k] = Math.Cos(2 * Math.PI * k / _m);
            _sin[k] = -Math.Sin(2 * Math.PI * k / _m);
        }
        _splitCos = new double[_m + 1];
        _splitSin = new double[_m + 1];
        for (var k = 0; k <= _m; k++)
        {
            _splitCos[k] = Math.Cos(2 * Math.PI * k / n);
            _splitSin[k] = -Math.Sin(2 * Math.PI * k / n);
        }
        _bitReverse = new int[_m];
        var bits = System.Numerics.BitOperations.Log2((uint)_m);
        for (var j = 0; j < _m; j++)
        {
            var r = 0;
            for (var b = 0; b < bits; b++)
            {
                r |= ((j >> b) & 1) << (bits - 1 - b);
            }
            _bitReverse[j] = r;
        }
        _re = new double[_m];
        _im = new double[_m];
    }

    public int Length => _n;

    public static bool IsPowerOfTwo(int n) => n > 0 && (n & (n - 1)) == 0;

    /// <summary>Writes |X[k]|² for k = 0..n/2 to <paramref name="power"/> (length n/2 + 1); input length n.</summary>
    public void PowerSpectrum(ReadOnlySpan<double> input, Span<double> power)
    {
        var re = _re;
        var im = _im;
        for (var j = 0; j < _m; j++)
        {
            var r = _bitReverse[j];
            re[r] = input[2 * j];
            im[r] = input[2 * j + 1];
        }
        for (var size = 2; size <= _m; size <<= 1)
        {
            var half = size >> 1;
            var stride = _m / size;
            for (var start = 0; start < _m; start += size)
            {
                for (var k = 0; k < half; k++)
                {
                    var wr = _cos[k * stride];
                    var wi = _sin[k * stride];
                    var a = start + k;
                    var b = a + half;
                    var tr = re[b] * wr - im[b] * wi;
                    var ti = re[b] * wi + im[b] * wr;
                    re[b] = re[a] - tr;
                    im[b] = im[a] - ti;
                    re[a] += tr;
                    im[a] += ti;
                }
            }
        }
        for (var k = 0; k <= _m; k++)
        {
            var zr = re[k % _m];
            var zi = im[k % _m];
            var cr = re[(_m - k) % _m];
            var ci = -im[(_m - k) % _m];
            var er = 0.5 * (zr + cr);
            var ei = 0.5 * (zi + ci);
            // (Z − conj Z[M−k]) / (2i) = (dr + i·di)/(2i) = (di − i·dr)/2
            var or = 0.5 * (zi - ci);
            var oi = -0.5 * (zr - cr);
            var wr = _splitCos[k];
            var wi = _splitSin[k];
            var xr = er + or * wr - oi * wi;
            var xi = ei + or * wi + oi * wr;
            power[k] = xr * xr + xi * xi;
        }
    }
}
