using Attune.Analysis.Series;

namespace Attune.Analysis.Hrv;

/// <summary>
/// Poincaré-plot descriptors (Brennan, Palaniswami &amp; Kamen 2001).
/// </summary>
/// <param name="Sd1Ms">Dispersion across the identity line, ms: √0.5 · SDSD.</param>
/// <param name="Sd2Ms">Dispersion along the identity line, ms: √(2·SDNN² − 0.5·SDSD²); NaN when the radicand is negative.</param>
/// <param name="Sd1Sd2Ratio">SD1/SD2, dimensionless; NaN when SD2 is zero or NaN.</param>
public sealed record PoincareResult(double Sd1Ms, double Sd2Ms, double Sd1Sd2Ratio);

/// <summary>How SD2 is estimated.</summary>
public enum Sd2Estimator
{
    /// <summary>√(2·SDNN² − ½·SDSD²) (Brennan et al. 2001, eq. 9), Attune's default.</summary>
    FromSdnnAndSdsd,

    /// <summary>The sample SD (N − 1) of (RR[n] + RR[n+1])/√2 over adjacent pairs (Brennan et al. 2001, eq. 7's
    /// rotated axis, computed directly; NeuroKit2). Never negative; equals eq. 9 for population variances.</summary>
    SumOfSuccessive,
}

/// <summary>Computes <see cref="PoincareResult"/>.</summary>
public static class Poincare
{
    /// <summary>
    /// SD1 = √(½)·SD(ΔRR) and SD2 = √(2·SDNN² − ½·SD(ΔRR)²) (Brennan et al. 2001, eqs. 7 and 9), with
    /// SDNN and SD(ΔRR) = SDSD both sample standard deviations (N − 1), ΔRR over adjacent beats only, as
    /// in <see cref="TimeDomain.Compute(RrSeries)"/>. The identity behind SD2 holds for the population variances;
    /// with the N − 1 estimators on few intervals (SDSD has one value fewer than SDNN) the radicand can be
    /// negative, as for RR = 800, 810, 790 ms (2·100 − ½·450 = −25 ms²): SD2 is then NaN (not computable),
    /// not 0. SD1/SD2 is NaN when SD2 is 0 or NaN.
    /// </summary>
    /// <exception cref="InsufficientDataException">As <see cref="TimeDomain.Compute(RrSeries)"/>.</exception>
    public static PoincareResult Compute(RrSeries series) => FromTimeDomain(TimeDomain.Compute(series));

    /// <summary>
    /// As <see cref="FromTimeDomain"/>, with SD2 estimated as <paramref name="estimator"/> says. With
    /// <see cref="Sd2Estimator.SumOfSuccessive"/>, SD2 = SD (N − 1) of (RR[i−1] + RR[i])/√2 over the pairs of
    /// adjacent beats (those the successive differences use).
    /// </summary>
    public static PoincareResult Compute(RrSeries series, TimeDomainResult timeDomain, Sd2Estimator estimator)
    {
        ArgumentNullException.ThrowIfNull(series);
        var fromTime = FromTimeDomain(timeDomain);
        if (estimator == Sd2Estimator.FromSdnnAndSdsd)
        {
            return fromTime;
        }
        var rr = series.IntervalsMs;
        var t = series.BeatTimesS;
        double sum = 0, count = 0;
        for (var i = 1; i < rr.Length; i++)
        {
            if (SuccessiveDifferences.IsAdjacent(rr, t, i))
            {
                sum += (rr[i - 1] + rr[i]) / Math.Sqrt(2);
                count++;
            }
        }
        var mean = sum / count;
        double ss = 0;
        for (var i = 1; i < rr.Length; i++)
        {
            if (SuccessiveDifferences.IsAdjacent(rr, t, i))
            {
                var d = (rr[i - 1] + rr[i]) / Math.Sqrt(2) - mean;
                ss += d * d;
            }
        }
        var sd2 = Math.Sqrt(ss / (count - 1));
        return new PoincareResult(fromTime.Sd1Ms, sd2, sd2 > 0 ? fromTime.Sd1Ms / sd2 : double.NaN);
    }

    /// <summary>Same as <see cref="Compute(RrSeries)"/>, from an already computed time-domain result.</summary>
    public static PoincareResult FromTimeDomain(TimeDomainResult timeDomain)
    {
        ArgumentNullException.ThrowIfNull(timeDomain);
        var sdsd = timeDomain.SdsdMs;
        var sdnn = timeDomain.SdnnMs;
        var sd1 = Math.Sqrt(0.5) * sdsd;
        var radicand = 2 * sdnn * sdnn - 0.5 * sdsd * sdsd;
        var sd2 = radicand >= 0 ? Math.Sqrt(radicand) : double.NaN;
        return new PoincareResult(sd1, sd2, sd2 > 0 ? sd1 / sd2 : double.NaN);
    }
}
