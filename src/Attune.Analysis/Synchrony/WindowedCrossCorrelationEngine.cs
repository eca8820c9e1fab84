using System.Buffers;

namespace Attune.Analysis.Synchrony;

/// <summary>Reusable buffers for one series length and one set of options (also used by
/// surrogates), rented from the shared array pool and returned on dispose.</summary>
internal sealed class WindowedCrossCorrelationEngine : IDisposable
{
    private readonly int _n;
    private readonly int _w;
    private readonly int _maxLag;
    private readonly int _step;
    private readonly int _minPairs;
    private readonly double[] _x;
    private readonly double[] _y;
    private readonly double[] _pn;
    private readonly double[] _px;
    private readonly double[] _py;
    private readonly double[] _pxx;
    private readonly double[] _pyy;
    private readonly double[] _pxy;

    public WindowedCrossCorrelationEngine(int n, int w, int maxLag, int step, double maxMissingFraction)
    {
        _n = n;
        _w = w;
        _maxLag = maxLag;
        _step = step;
        _minPairs = Math.Max(3, (int)Math.Ceiling(w * (1.0 - maxMissingFraction) - 1e-9));
        LagCount = 2 * maxLag + 1;
        FirstStart = maxLag / 2;
        var span = n - w - maxLag;
        WindowCount = span < 0 ? 0 : span / step + 1;
        _x = ArrayPool<double>.Shared.Rent(n + 1);
        _y = ArrayPool<double>.Shared.Rent(n + 1);
        _pn = ArrayPool<double>.Shared.Rent(n + 1);
        _px = ArrayPool<double>.Shared.Rent(n + 1);
        _py = ArrayPool<double>.Shared.Rent(n + 1);
        _pxx = ArrayPool<double>.Shared.Rent(n + 1);
        _pyy = ArrayPool<double>.Shared.Rent(n + 1);
        _pxy = ArrayPool<double>.Shared.Rent(n + 1);
    }

    public int LagCount { get; }

    public void Dispose()
    {
        foreach (var buffer in (double[][])[_x, _y, _pn, _px, _py, _pxx, _pyy, _pxy])
        {
            ArrayPool<double>.Shared.Return(buffer);
        }
    }

    public int WindowCount { get; }

    public int FirstStart { get; }

    /// <summary>Fills <paramref name="output"/> (lag-major, LagCount × WindowCount).</summary>
    public void Run(ReadOnlySpan<double> a, ReadOnlySpan<double> b, Span<double> output)
    {
        if (WindowCount == 0)
        {
            return;
        }
        var complete = Centre(a, _x) & Centre(b, _y);
        if (complete)
        {
            // No missing data: the per-series sums do not depend on the lag, so only Σxy is
            // rebuilt per lag.
            BuildSeriesPrefix(_x, _px, _pxx);
            BuildSeriesPrefix(_y, _py, _pyy);
        }
        for (var lagIndex = 0; lagIndex < LagCount; lagIndex++)
        {
            var k = lagIndex - _maxLag;
            var offA = -FloorHalf(k);
            var offB = k + offA;
            var row = output.Slice(lagIndex * WindowCount, WindowCount);
            if (complete)
            {
                BuildCrossPrefix(offA, offB);
                FillRowComplete(row, offA, offB);
            }
            else
            {
                BuildPrefix(offA, offB);
                FillRow(row);
            }
        }
    }

    private static int FloorHalf(int k) => k >= 0 ? k / 2 : -((-k + 1) / 2);

    // Subtracts the mean of the finite values; returns true when no value is missing.
    private static bool Centre(ReadOnlySpan<double> source, double[] target)
    {
        double sum = 0;
        var count = 0;
        for (var i = 0; i < source.Length; i++)
        {
            var v = source[i];
            if (!double.IsNaN(v))
            {
                sum += v;
                count++;
            }
        }
        var mean = count > 0 ? sum / count : 0.0;
        for (var i = 0; i < source.Length; i++)
        {
            target[i] = source[i] - mean;
        }
        return count == source.Length;
    }

    private void BuildSeriesPrefix(double[] v, double[] p, double[] pSq)
    {
        double s = 0, sSq = 0;
        p[0] = 0;
        pSq[0] = 0;
        for (var i = 0; i < _n; i++)
        {
            var x = v[i];
            s += x;
            sSq += x * x;
            p[i + 1] = s;
            pSq[i + 1] = sSq;
        }
    }

    // Σxy prefix over pairs u: (x[u + offA], y[u + offB]); only u in [lo, hi) exists.
    private void BuildCrossPrefix(int offA, int offB)
    {
        var lo = Math.Max(0, Math.Max(-offA, -offB));
        var hi = Math.Min(_n, Math.Min(_n - offA, _n - offB));
        var pxy = _pxy.AsSpan(0, _n + 1);
        pxy[..(lo + 1)].Clear();
        var x = _x.AsSpan(lo + offA, hi - lo);
        var y = _y.AsSpan(lo + offB, hi - lo);
        var dst = pxy.Slice(lo + 1, hi - lo);
        double s = 0;
        for (var i = 0; i < x.Length; i++)
        {
            s += x[i] * y[i];
            dst[i] = s;
        }
        pxy[(hi + 1)..].Fill(s);
    }

    private void FillRowComplete(Span<double> row, int offA, int offB)
    {
        var w = _w;
        double n = w;
        var px = _px;
        var pxx = _pxx;
        var py = _py;
        var pyy = _pyy;
        var pxy = _pxy;
        var s = FirstStart;
        for (var j = 0; j < row.Length; j++, s += _step)
        {
            var ia = s + offA;
            var ib = s + offB;
            var sx = px[ia + w] - px[ia];
            var sy = py[ib + w] - py[ib];
            var cxx = (pxx[ia + w] - pxx[ia]) - sx * sx / n;
            var cyy = (pyy[ib + w] - pyy[ib]) - sy * sy / n;
            var cxy = (pxy[s + w] - pxy[s]) - sx * sy / n;
            row[j] = Correlation(cxx, cyy, cxy, pxx[ia + w] + pxx[ia], pyy[ib + w] + pyy[ib]);
        }
    }

    // Pearson r from centred sums; NaN for a flat segment (variance lost in rounding of the prefix).
    private static double Correlation(double cxx, double cyy, double cxy, double scaleX, double scaleY)
    {
        if (cxx <= 1e-12 * scaleX || cyy <= 1e-12 * scaleY)
        {
            return double.NaN;
        }
        var r = cxy / Math.Sqrt(cxx * cyy);
        return r > 1 ? 1 : (r < -1 ? -1 : r);
    }

    // Pair u is (x[u + offA], y[u + offB]); pairs falling outside the series count as missing.
    private void BuildPrefix(int offA, int offB)
    {
        var x = _x;
        var y = _y;
        var pn = _pn;
        var px = _px;
        var py = _py;
        var pxx = _pxx;
        var pyy = _pyy;
        var pxy = _pxy;
        double sn = 0, sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
        pn[0] = px[0] = py[0] = pxx[0] = pyy[0] = pxy[0] = 0;
        var lo = Math.Max(0, Math.Max(-offA, -offB));
        var hi = Math.Min(_n, Math.Min(_n - offA, _n - offB));
        for (var u = 0; u < _n; u++)
        {
            if (u >= lo && u < hi)
            {
                var xv = x[u + offA];
                var yv = y[u + offB];
                if (!double.IsNaN(xv) && !double.IsNaN(yv))
                {
                    sn += 1;
                    sx += xv;
                    sy += yv;
                    sxx += xv * xv;
                    syy += yv * yv;
                    sxy += xv * yv;
                }
            }
            pn[u + 1] = sn;
            px[u + 1] = sx;
            py[u + 1] = sy;
            pxx[u + 1] = sxx;
            pyy[u + 1] = syy;
            pxy[u + 1] = sxy;
        }
    }

    private void FillRow(Span<double> row)
    {
        var s = FirstStart;
        for (var j = 0; j < row.Length; j++, s += _step)
        {
            var e = s + _w;
            var n = _pn[e] - _pn[s];
            if (n < _minPairs)
            {
                row[j] = double.NaN;
                continue;
            }
            var sx = _px[e] - _px[s];
            var sy = _py[e] - _py[s];
            var cxx = (_pxx[e] - _pxx[s]) - sx * sx / n;
            var cyy = (_pyy[e] - _pyy[s]) - sy * sy / n;
            var cxy = (_pxy[e] - _pxy[s]) - sx * sy / n;
            row[j] = Correlation(cxx, cyy, cxy, _pxx[e] + _pxx[s], _pyy[e] + _pyy[s]);
        }
    }
}
