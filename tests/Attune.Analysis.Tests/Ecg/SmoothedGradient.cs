namespace Attune.Analysis.Tests.Ecg;

/// <summary>
/// The centred moving average of |np.gradient(x)| of <see cref="SequentialPeakSearch.SmoothAbsGradient"/>,
/// produced in index order on demand and kept in a ring buffer: the same running sum, the same operations
/// in the same order, so the same values to the last bit, without an array of the signal's length.
/// Indices may be read while they lie within <c>capacity</c> of the highest index produced; the detector
/// reads at most its averaging window behind it, and index 0 only while it is still that close.
/// </summary>
internal sealed class SmoothedGradient
{
    private readonly double[] _x;
    private readonly double[] _ring;
    private readonly int _mask;
    private readonly int _n;
    private readonly int _left;
    private readonly int _right;
    private readonly int _interiorStart;
    private readonly int _interiorEnd;
    private readonly double _inv;
    private double _sum;
    private int _produced = -1;

    /// <param name="x">The cleaned segment: its first <paramref name="n"/> values (read, never written).</param>
    /// <param name="n">Length of the segment.</param>
    /// <param name="size">Boxcar length in samples.</param>
    /// <param name="capacity">How far behind the newest index values must stay readable.</param>
    public SmoothedGradient(double[] x, int n, int size, int capacity)
    {
        _x = x;
        _n = n;
        var ring = 1;
        while (ring < capacity + Batch + 1)
        {
            ring <<= 1;
        }
        _ring = new double[ring];
        _mask = ring - 1;
        _left = size / 2;
        _right = size - _left - 1;
        _inv = 1.0 / size;
        _interiorStart = Math.Min(_n, _left + 2);
        _interiorEnd = _n - 1 - _right;
    }

    /// <summary>Values are produced this many at a time ahead of the one asked for, in one tight loop (the ring is
    /// larger by as much, so what the caller may read stays readable): a 24-hour ECG asks for 65 million.</summary>
    private const int Batch = 1024;

    public double this[int index]
    {
        get
        {
            if (index > _produced)
            {
                ProduceThrough(Math.Min(_n - 1, index + Batch));
            }
            return _ring[index & _mask];
        }
    }

    // The running sum lives in a register across the batch; the arithmetic, and its order, is that of one value at a time.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private void ProduceThrough(int last)
    {
        var x = _x;
        var ring = _ring;
        var mask = _mask;
        var sum = _sum;
        var inv = _inv;
        var i = _produced + 1;
        if (i == 0)
        {
            for (var k = -_left; k <= _right; k++)
            {
                sum += AbsGradient(x, Math.Clamp(k, 0, _n - 1));
            }
            ring[0] = sum * inv;
            i = 1;
        }
        while (i <= last)
        {
            if (i >= _interiorStart && i < _interiorEnd)
            {
                var stop = Math.Min(last + 1, _interiorEnd);
                var right = _right;
                var left = _left;
                for (; i < stop; i++)
                {
                    var a = i + right;
                    var d = i - left - 1;
                    sum += (Math.Abs(x[a + 1] - x[a - 1]) - Math.Abs(x[d + 1] - x[d - 1])) * 0.5;
                    ring[i & mask] = sum * inv;
                }
                continue;
            }
            sum += AbsGradient(x, Math.Min(i + _right, _n - 1)) - AbsGradient(x, Math.Max(i - _left - 1, 0));
            ring[i & mask] = sum * inv;
            i++;
        }
        _sum = sum;
        _produced = last;
    }

    private double AbsGradient(double[] x, int i) =>
        i == 0 ? Math.Abs(x[1] - x[0])
        : i == _n - 1 ? Math.Abs(x[i] - x[i - 1])
        : Math.Abs(x[i + 1] - x[i - 1]) * 0.5;
}
