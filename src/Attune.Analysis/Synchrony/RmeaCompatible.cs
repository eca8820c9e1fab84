namespace Attune.Analysis.Synchrony;

/// <summary>
/// Reproduces rMEA's windowed cross-correlation, <c>MEAccf(mea, lagSec, winSec, incSec, r2Z, ABS)</c>
/// (Kleinbub &amp; Ramseyer 2020), so that results can be compared with published rMEA analyses.
/// </summary>
/// <remarks>
/// <para>Behaviour reproduced, read from rMEA's <c>R/rMEA_ccf.R</c> (<c>MEAccf.MEA</c>), with
/// win = winSec·sampRate, lagSamp = lagSec·sampRate, inc = incSec·sampRate (all must be whole
/// numbers of samples):</para>
/// <list type="bullet">
/// <item><b>Windows.</b> n_win = ⌈(N − win − lagSamp + 1) / inc⌉; window j (0-based) spans samples
/// j·inc … j·inc + win + lagSamp − 1, i.e. win + lagSamp samples, so no window is ever incomplete
/// and the trailing samples that cannot fill one are dropped. n_win ≤ 0 is an error, as in rMEA.</item>
/// <item><b>Too much missing data.</b> A window where either person has more than half of its
/// win + lagSamp samples missing gives NA at every lag.</item>
/// <item><b>Lags and sign.</b> Lags −lagSamp…+lagSamp in steps of one sample. For lag k ≥ 0 the
/// pairs are s1[t] with s2[t + k], t = the window's first win samples; for k &lt; 0 they are
/// s1[t + |k|] with s2[t]. Every lag therefore uses exactly win pairs. A high value at a positive
/// lag means s2 follows s1 (s1 leads), the same convention as <see cref="WindowedCrossCorrelation"/>.</item>
/// <item><b>Estimator.</b> Pearson's r of the win pairs (R's <c>cor(x, y, use = "complete.obs")</c>
/// via <c>C_cor</c>: pairs with a missing value dropped, each segment centred and scaled by its own
/// mean and SD). Not the biased <c>stats::ccf</c> estimator: rMEA calls <c>C_cor</c> per lag, so the
/// lagged segments are re-centred and divided by their own SDs (see <see cref="BiasedCrossCorrelation"/>
/// for the <c>stats::ccf</c> estimator). NA when fewer than 2 pairs differ (<c>sum(x != y) &lt; 2</c>)
/// or when a segment is constant (R returns NA with a warning).</item>
/// <item><b>r2Z</b> (default true): z = atanh(r), clamped to [−10, 10] (so r = ±1 gives ±10).
/// <b>ABS</b> (default true): absolute values, after r2Z.</item>
/// <item><b>Summaries</b>: lag_zero, all_lags, s1_lead (positive lags), s2_lead (negative lags),
/// bestLag (lag in seconds of R's <c>which.max</c>: the first maximum, NA ignored) and grandAver
/// (mean of the whole table, NA removed). Means of per-window vectors are added for convenience.</item>
/// </list>
/// <para>Not reproduced: rMEA's file reading, filtering, plotting and the s1_lead_0/s2_lead_0 variants.
/// One development snapshot of rMEA_ccf.R contains leftover debug assignments that override the
/// arguments; we follow the intended code path.</para>
/// <para>Reference: Kleinbub JR, Ramseyer FT (2020). rMEA: An R package to assess nonverbal
/// synchronization in motion energy analysis time-series. Psychotherapy Research 31(6):817–830.</para>
/// </remarks>
public static class RmeaCompatible
{
    /// <summary>
    /// rMEA's <c>MEAccf</c> on two evenly sampled series (NaN = NA) at <paramref name="sampRate"/>
    /// samples per second. Units: r, or Fisher z when <paramref name="r2Z"/> is true; lags in seconds.
    /// </summary>
    /// <exception cref="ArgumentException">Lengths differ; lagSec, winSec or incSec is not a whole
    /// number of samples or not positive (lagSec may be 0).</exception>
    /// <exception cref="InsufficientDataException">No full window fits (<see cref="InsufficientDataReason.TooShort"/>).</exception>
    public static RmeaCcfResult MeaCcf(
        ReadOnlySpan<double> s1, ReadOnlySpan<double> s2, int sampRate,
        double lagSec, double winSec, double incSec, bool r2Z = true, bool abs = true)
    {
        if (s1.Length != s2.Length)
        {
            throw new ArgumentException($"Series lengths differ: {s1.Length} and {s2.Length}.", nameof(s2));
        }
        ArgumentOutOfRangeException.ThrowIfLessThan(sampRate, 1);
        var win = ToSamples(winSec, sampRate, nameof(winSec), allowZero: false);
        var lagSamp = ToSamples(lagSec, sampRate, nameof(lagSec), allowZero: true);
        var inc = ToSamples(incSec, sampRate, nameof(incSec), allowZero: false);

        var nWin = (int)Math.Ceiling((s1.Length - win - lagSamp + 1) / (double)inc);
        if (nWin <= 0)
        {
            throw new InsufficientDataException(InsufficientDataReason.TooShort, "The series are too short for a single full window of winSec plus lagSec.");
        }
        var lagCount = 2 * lagSamp + 1;
        var values = new double[nWin * lagCount];
        var span = win + lagSamp;
        for (var j = 0; j < nWin; j++)
        {
            var x = s1.Slice(j * inc, span);
            var y = s2.Slice(j * inc, span);
            var row = values.AsSpan(j * lagCount, lagCount);
            if (Math.Max(CountNaN(x), CountNaN(y)) > span / 2.0)
            {
                row.Fill(double.NaN);
                continue;
            }
            for (var l = 0; l < lagCount; l++)
            {
                var k = l - lagSamp;
                var lag = Math.Abs(k);
                var xs = k < 0 ? x.Slice(lag, win) : x[..win];
                var ys = k < 0 ? y[..win] : y.Slice(lag, win);
                var r = Pearson(xs, ys);
                if (r2Z && !double.IsNaN(r))
                {
                    r = Math.Clamp(Math.Atanh(r), -10.0, 10.0);
                }
                row[l] = abs ? Math.Abs(r) : r;
            }
        }
        return Summarise(values, nWin, lagCount, lagSamp, sampRate, incSec);
    }

    private static int ToSamples(double seconds, int sampRate, string name, bool allowZero)
    {
        var samples = seconds * sampRate;
        var rounded = Math.Round(samples);
        if (!double.IsFinite(samples) || Math.Abs(samples - rounded) > 1e-9 || rounded < (allowZero ? 0 : 1))
        {
            throw new ArgumentException($"{name} = {seconds} s must be a {(allowZero ? "non-negative" : "positive")} whole number of samples at {sampRate} Hz.", name);
        }
        return (int)rounded;
    }

    private static int CountNaN(ReadOnlySpan<double> v)
    {
        var n = 0;
        foreach (var x in v)
        {
            if (double.IsNaN(x))
            {
                n++;
            }
        }
        return n;
    }

    // R: if (sum(x != y, na.rm = TRUE) < 2) NA else cor(x, y, use = "complete.obs").
    private static double Pearson(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        var differing = 0;
        double sx = 0, sy = 0;
        var n = 0;
        for (var i = 0; i < x.Length; i++)
        {
            if (double.IsNaN(x[i]) || double.IsNaN(y[i]))
            {
                continue;
            }
            if (x[i] != y[i])
            {
                differing++;
            }
            sx += x[i];
            sy += y[i];
            n++;
        }
        if (differing < 2 || n < 2)
        {
            return double.NaN;
        }
        double mx = sx / n, my = sy / n, cxx = 0, cyy = 0, cxy = 0;
        for (var i = 0; i < x.Length; i++)
        {
            if (double.IsNaN(x[i]) || double.IsNaN(y[i]))
            {
                continue;
            }
            var dx = x[i] - mx;
            var dy = y[i] - my;
            cxx += dx * dx;
            cyy += dy * dy;
            cxy += dx * dy;
        }
        if (cxx == 0 || cyy == 0)
        {
            return double.NaN;
        }
        return Math.Clamp(cxy / Math.Sqrt(cxx * cyy), -1.0, 1.0);
    }

    private static RmeaCcfResult Summarise(double[] values, int nWin, int lagCount, int lagSamp, int sampRate, double incSec)
    {
        var lagZero = new double[nWin];
        var allLags = new double[nWin];
        var s1Lead = new double[nWin];
        var s2Lead = new double[nWin];
        var bestLag = new double[nWin];
        var bestValue = new double[nWin];
        var starts = new double[nWin];
        for (var j = 0; j < nWin; j++)
        {
            var row = values.AsSpan(j * lagCount, lagCount);
            lagZero[j] = row[lagSamp];
            allLags[j] = MeanIgnoringNaN(row);
            s1Lead[j] = lagSamp > 0 ? MeanIgnoringNaN(row[(lagSamp + 1)..]) : double.NaN;
            s2Lead[j] = lagSamp > 0 ? MeanIgnoringNaN(row[..lagSamp]) : double.NaN;
            var best = -1;
            for (var l = 0; l < lagCount; l++)
            {
                if (!double.IsNaN(row[l]) && (best < 0 || row[l] > row[best]))
                {
                    best = l;
                }
            }
            bestLag[j] = best < 0 ? double.NaN : (best - lagSamp) / (double)sampRate;
            bestValue[j] = best < 0 ? double.NaN : row[best];
            starts[j] = j * incSec;
        }
        return new RmeaCcfResult(
            values, nWin, lagCount, lagSamp, sampRate, lagZero, allLags, s1Lead, s2Lead, bestLag, bestValue,
            MeanIgnoringNaN(values), MeanIgnoringNaN(lagZero), MeanIgnoringNaN(bestValue), starts);
    }

    private static double MeanIgnoringNaN(ReadOnlySpan<double> v)
    {
        double sum = 0;
        var n = 0;
        foreach (var x in v)
        {
            if (!double.IsNaN(x))
            {
                sum += x;
                n++;
            }
        }
        return n == 0 ? double.NaN : sum / n;
    }
}
