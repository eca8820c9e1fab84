using Attune.Analysis.Coherence;
using Attune.Analysis.Spectral;

namespace Attune.Analysis.Live;

/// <summary>
/// The coherence of the last window of an evenly sampled signal, updated sample by sample. It keeps, for only the bins
/// the coherence definition reads (0 up to the first bin at or above the total-power band's top), the DFT of the raw
/// window against absolute sample indices, A_k = Σ x_m·e^(−2πi·k·m/N), plus Σx and Σm·x. The least-squares line is
/// removed analytically: the DFT of the detrended window is e^(2πi·k·s/N)·A_k − mean·C_k − slope·D_k with
/// C_k = Σ_n e^(−2πi·k·n/N) and D_k = Σ_n (n − c)·e^(−2πi·k·n/N) precomputed. The density and then the peak and band
/// powers are exactly those of <c>ShortTimeSpectrum</c> and <see cref="CoherenceRatio"/> on that window, up to
/// round-off; every N samples the sums are re-added from the window to keep round-off from accumulating.
/// </summary>
internal sealed class SlidingSpectrum
{
    private readonly CoherenceOptions _o;
    private readonly int _window;
    private readonly int _n;
    private readonly int _bins;
    private readonly double[] _cos;
    private readonly double[] _sin;
    private readonly double[] _cRe;
    private readonly double[] _cIm;
    private readonly double[] _dRe;
    private readonly double[] _dIm;
    private readonly double[] _aRe;
    private readonly double[] _aIm;
    private readonly double[] _samples;
    private readonly PowerSpectrum _psd;
    private readonly double _sxx;
    private double _sum;
    private double _sumIndexed;
    private double _reference = double.NaN;
    private long _count;

    public SlidingSpectrum(CoherenceOptions o)
    {
        _o = o;
        _window = (int)Math.Round(o.WindowS * o.ResampleHz);
        _n = o.FftLength;
        if (_n < _window || !RealFft.IsPowerOfTwo(_n))
        {
            throw new ArgumentException($"FFT length {_n} must be a power of two and at least the window ({_window} samples).", nameof(o));
        }
        var binHz = o.ResampleHz / _n;
        _bins = Math.Min(_n / 2, (int)Math.Ceiling(o.TotalPowerBandHz.High / binHz)) + 1;
        _cos = new double[_n];
        _sin = new double[_n];
        for (var j = 0; j < _n; j++)
        {
            _cos[j] = Math.Cos(2 * Math.PI * j / _n);
            _sin[j] = Math.Sin(2 * Math.PI * j / _n);
        }
        var centre = (_window - 1) / 2.0;
        _cRe = new double[_bins];
        _cIm = new double[_bins];
        _dRe = new double[_bins];
        _dIm = new double[_bins];
        for (var k = 0; k < _bins; k++)
        {
            for (var j = 0; j < _window; j++)
            {
                var idx = (int)((long)k * j % _n);
                _cRe[k] += _cos[idx];
                _cIm[k] -= _sin[idx];
                _dRe[k] += (j - centre) * _cos[idx];
                _dIm[k] -= (j - centre) * _sin[idx];
            }
        }
        _aRe = new double[_bins];
        _aIm = new double[_bins];
        _samples = new double[_window];
        var frequencies = new double[_bins];
        for (var k = 0; k < _bins; k++)
        {
            frequencies[k] = k * o.ResampleHz / _n;
        }
        _psd = new PowerSpectrum(frequencies, new double[_bins]);
        _sxx = _window * ((double)_window * _window - 1) / 12.0;
    }

    /// <summary>True once a whole window has been pushed.</summary>
    public bool Ready => _count >= _window;

    /// <summary>The coherence of the newest window (null until <see cref="Ready"/>); computed once per read after pushes.</summary>
    public CoherenceSample? Current
    {
        get
        {
            if (_current is null && Ready)
            {
                _current = Evaluate(_lastTimeS);
            }
            return _current;
        }
    }

    private CoherenceSample? _current;
    private double _lastTimeS;

    /// <summary>Adds the next sample (time <paramref name="timeS"/>).</summary>
    public void Push(double value, double timeS)
    {
        _current = null;
        _lastTimeS = timeS;
        if (double.IsNaN(_reference))
        {
            _reference = value;
        }
        var x = value - _reference;
        var m = _count;
        var slot = (int)(m % _window);
        if (m >= _window)
        {
            Replace(_samples[slot], m - _window, x, m);
        }
        else
        {
            Add(x, m);
        }
        _samples[slot] = x;
        _count++;
        if ((_count % _n) == 0)
        {
            Resync();
        }
    }

    private void Add(double x, long m)
    {
        _sum += x;
        _sumIndexed += m * x;
        var step = (int)(m % _n);
        var idx = 0;
        for (var k = 0; k < _bins; k++)
        {
            _aRe[k] += x * _cos[idx];
            _aIm[k] -= x * _sin[idx];
            idx += step;
            if (idx >= _n)
            {
                idx -= _n;
            }
        }
    }

    /// <summary>Removes sample <paramref name="old"/> at index <paramref name="oldM"/> and adds <paramref name="x"/> at
    /// <paramref name="m"/> in one pass over the bins.</summary>
    private void Replace(double old, long oldM, double x, long m)
    {
        _sum += x - old;
        _sumIndexed += m * x - oldM * old;
        var step = (int)(m % _n);
        var oldStep = (int)(oldM % _n);
        int idx = 0, oldIdx = 0;
        for (var k = 0; k < _bins; k++)
        {
            _aRe[k] += x * _cos[idx] - old * _cos[oldIdx];
            _aIm[k] -= x * _sin[idx] - old * _sin[oldIdx];
            idx += step;
            if (idx >= _n)
            {
                idx -= _n;
            }
            oldIdx += oldStep;
            if (oldIdx >= _n)
            {
                oldIdx -= _n;
            }
        }
    }

    private void Resync()
    {
        Array.Clear(_aRe);
        Array.Clear(_aIm);
        _sum = 0;
        _sumIndexed = 0;
        var start = Math.Max(0, _count - _window);
        for (var m = start; m < _count; m++)
        {
            Add(_samples[(int)(m % _window)], m);
        }
    }

    private CoherenceSample Evaluate(double timeS)
    {
        var start = _count - _window;
        var centre = (_window - 1) / 2.0;
        var mean = _sum / _window;
        var slope = (_sumIndexed - (start + centre) * _sum) / _sxx;
        var density = _psd.Density;
        var scale = 1.0 / (_o.ResampleHz * _window);
        var shift = (int)(start % _n);
        var idx = 0;
        for (var k = 0; k < _bins; k++)
        {
            // e^(+iθks) · A_k
            var c = _cos[idx];
            var s = _sin[idx];
            var re = c * _aRe[k] - s * _aIm[k];
            var im = c * _aIm[k] + s * _aRe[k];
            re -= mean * _cRe[k] + slope * _dRe[k];
            im -= mean * _cIm[k] + slope * _dIm[k];
            var oneSided = k == 0 || k == _n / 2 ? 1.0 : 2.0;
            density[k] = oneSided * scale * (re * re + im * im);
            idx += shift;
            if (idx >= _n)
            {
                idx -= _n;
            }
        }
        return CoherenceRatio.FromSpectrum(timeS, _psd, _o);
    }
}
