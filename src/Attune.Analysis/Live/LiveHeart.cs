using Attune.Analysis.Coherence;
using Attune.Analysis.Spectral;

namespace Attune.Analysis.Live;

/// <summary>The live numbers after one beat.</summary>
/// <param name="Beats">Beats in the heart-rate window (the last minute).</param>
/// <param name="HeartRateBpm">Mean of 60000/RR over the window, bpm (as <c>TimeDomain</c>'s MeanHrBpm).</param>
/// <param name="RmssdMs">Root mean square of successive differences over the window, ms; NaN below three beats.</param>
/// <param name="Coherence">Coherence of the 64-s tachogram window ending at the newest settled sample, or null
/// until 64 s of tachogram have settled.</param>
public readonly record struct LiveReading(int Beats, double HeartRateBpm, double RmssdMs, CoherenceSample? Coherence);

/// <summary>Options of <see cref="LiveHeart"/>.</summary>
public sealed record LiveHeartOptions
{
    /// <summary>Heart rate and RMSSD cover beats within this many seconds of the newest beat. Default 60.</summary>
    public double WindowS { get; init; } = 60;

    /// <summary>The coherence definition (window, resampling, FFT length, bands). Only the rectangular taper is supported.</summary>
    public CoherenceOptions Coherence { get; init; } = CoherenceOptions.Default;

    /// <summary>Tachogram samples settle this many beats behind the newest beat. Default 5.</summary>
    public int SettleBeats { get; init; } = 5;

    /// <summary>Knots of the local spline before the settled point. Default 12.</summary>
    public int SplineKnots { get; init; } = 12;

    /// <summary>Defaults.</summary>
    public static LiveHeartOptions Default { get; } = new();
}

/// <summary>
/// Heart rate, RMSSD and coherence over a sliding window, updated beat by beat in constant time (independent of the
/// length of the stream and of the window): running sums for heart rate and RMSSD, a local natural spline for the
/// tachogram and a sliding DFT of only the bins the coherence definition reads. See docs/numerics/live.md for the
/// method and the proof of equality with the batch <see cref="CoherenceRatio"/>.
/// </summary>
public sealed class LiveHeart
{
    private readonly LiveHeartOptions _o;
    private readonly Ring _rr = new(64);
    private readonly Ring _t = new(64);
    private double _sumHr;
    private double _sumD2;
    private int _beatsSinceResync;

    // Every beat (for the local spline): the last SplineKnots + SettleBeats + 1 of them.
    private readonly Ring _knotT;
    private readonly Ring _knotRr;
    private long _beatCount;
    private double _elapsedMs;
    private double _t0;
    private readonly double[] _h;
    private readonly double[] _m;
    private readonly double[] _c;
    private readonly double[] _d;

    private readonly SlidingSpectrum _spectrum;
    private long _nextSample;

    /// <summary>Starts an empty window.</summary>
    public LiveHeart(LiveHeartOptions? options = null)
    {
        _o = options ?? LiveHeartOptions.Default;
        if (_o.Coherence.Taper != Taper.Rectangular)
        {
            throw new ArgumentException("The live engine supports the rectangular taper only.", nameof(options));
        }
        if (_o.SettleBeats < 1 || _o.SplineKnots < 2)
        {
            throw new ArgumentException("SettleBeats must be at least 1 and SplineKnots at least 2.", nameof(options));
        }
        var knots = _o.SplineKnots + _o.SettleBeats + 1;
        _knotT = new Ring(knots);
        _knotRr = new Ring(knots);
        _h = new double[knots];
        _m = new double[knots];
        _c = new double[knots];
        _d = new double[knots];
        _spectrum = new SlidingSpectrum(_o.Coherence);
    }

    /// <summary>Beats seen so far.</summary>
    public long BeatCount => _beatCount;

    /// <summary>Adds one RR interval (ms, finite and positive) and returns the live numbers.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The interval is not finite or not positive.</exception>
    public LiveReading Add(double rrMs)
    {
        if (!double.IsFinite(rrMs) || rrMs <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(rrMs), rrMs, "An RR interval must be a positive number of milliseconds.");
        }
        _elapsedMs += rrMs;
        var t = _elapsedMs / 1000.0;
        if (_beatCount == 0)
        {
            _t0 = t;
        }
        _beatCount++;

        // Heart rate and RMSSD: running sums over the beats within WindowS of the newest.
        if (_rr.Count > 0)
        {
            var d = rrMs - _rr[_rr.Count - 1];
            _sumD2 += d * d;
        }
        _rr.Push(rrMs);
        _t.Push(t);
        _sumHr += 60000.0 / rrMs;
        while (_t.Count > 1 && _t[0] <= t - _o.WindowS)
        {
            var gone = _rr.PopFront();
            _t.PopFront();
            _sumHr -= 60000.0 / gone;
            var d = _rr[0] - gone;
            _sumD2 -= d * d;
        }
        if (++_beatsSinceResync >= 4096)
        {
            ResyncSums();
        }
        var n = _rr.Count;
        var rmssd = n >= 3 ? Math.Sqrt(Math.Max(0, _sumD2) / (n - 1)) : double.NaN;

        // Tachogram and coherence.
        _knotT.PushEvicting(t);
        _knotRr.PushEvicting(rrMs);
        SettleSamples();
        return new LiveReading(n, _sumHr / n, rmssd, _spectrum.Ready ? _spectrum.Current : null);
    }

    private void ResyncSums()
    {
        _beatsSinceResync = 0;
        double hr = 0, d2 = 0;
        for (var i = 0; i < _rr.Count; i++)
        {
            hr += 60000.0 / _rr[i];
            if (i > 0)
            {
                var d = _rr[i] - _rr[i - 1];
                d2 += d * d;
            }
        }
        _sumHr = hr;
        _sumD2 = d2;
    }

    /// <summary>Evaluates the grid samples up to the beat SettleBeats behind the newest with a natural spline over the
    /// knots held (its first knot is the stream's first beat until SplineKnots beats have passed).</summary>
    private void SettleSamples()
    {
        var knots = _knotT.Count;
        var settleIndex = knots - 1 - _o.SettleBeats;
        if (settleIndex < 0 || knots < 2)
        {
            return;
        }
        var fs = _o.Coherence.ResampleHz;
        var settleT = _knotT[settleIndex];
        var first = _nextSample;
        var last = (long)Math.Floor((settleT - _t0) * fs);
        if (last < first)
        {
            return;
        }
        SolveSpline(knots);
        var k = 0;
        for (var s = first; s <= last; s++)
        {
            var x = _t0 + s / fs;
            double y;
            if (x <= _knotT[0])
            {
                y = _knotRr[0];
            }
            else
            {
                while (_knotT[k + 1] < x)
                {
                    k++;
                }
                var h = _knotT[k + 1] - _knotT[k];
                var a = (_knotT[k + 1] - x) / h;
                var b = 1.0 - a;
                y = a * _knotRr[k] + b * _knotRr[k + 1] + ((a * a * a - a) * _m[k] + (b * b * b - b) * _m[k + 1]) * (h * h) / 6.0;
            }
            _spectrum.Push(y, _t0 + s / fs);
        }
        _nextSample = last + 1;
    }

    /// <summary>Second derivatives of the natural spline through the held knots (Thomas algorithm, as
    /// <c>NaturalCubicSpline</c>).</summary>
    private void SolveSpline(int n)
    {
        _m[0] = 0;
        _m[n - 1] = 0;
        if (n <= 2)
        {
            return;
        }
        _c[0] = 0;
        _d[0] = 0;
        for (var i = 1; i < n - 1; i++)
        {
            var hPrev = _knotT[i] - _knotT[i - 1];
            var h = _knotT[i + 1] - _knotT[i];
            var diag = 2.0 * (hPrev + h);
            var rhs = 6.0 * ((_knotRr[i + 1] - _knotRr[i]) / h - (_knotRr[i] - _knotRr[i - 1]) / hPrev);
            var sub = i > 1 ? hPrev : 0.0;
            var denom = diag - sub * _c[i - 1];
            _c[i] = h / denom;
            _d[i] = (rhs - sub * _d[i - 1]) / denom;
        }
        _m[n - 2] = _d[n - 2];
        for (var i = n - 3; i >= 1; i--)
        {
            _m[i] = _d[i] - _c[i] * _m[i + 1];
        }
    }

    /// <summary>A growable (or, with <see cref="PushEvicting"/>, fixed) ring of doubles.</summary>
    private sealed class Ring(int capacity)
    {
        private double[] _items = new double[capacity];
        private int _head;

        public int Count { get; private set; }

        public double this[int i] => _items[(_head + i) % _items.Length];

        public void Push(double value)
        {
            if (Count == _items.Length)
            {
                var grown = new double[_items.Length * 2];
                for (var i = 0; i < Count; i++)
                {
                    grown[i] = this[i];
                }
                _items = grown;
                _head = 0;
            }
            _items[(_head + Count) % _items.Length] = value;
            Count++;
        }

        public void PushEvicting(double value)
        {
            if (Count == _items.Length)
            {
                _items[_head] = value;
                _head = (_head + 1) % _items.Length;
                return;
            }
            Push(value);
        }

        public double PopFront()
        {
            var v = _items[_head];
            _head = (_head + 1) % _items.Length;
            Count--;
            return v;
        }
    }
}
