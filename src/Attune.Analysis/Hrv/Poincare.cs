using Attune.Analysis.Series;

namespace Attune.Analysis.Hrv;

/// <summary>
/// Poincaré-plot descriptors (Brennan, Palaniswami &amp; Kamen 2001).
/// </summary>
/// <param name="Sd1Ms">Dispersion across the identity line, ms: √0.5 · SDSD.</param>
/// <param name="Sd2Ms">Dispersion along the identity line, ms: √(2·SDNN² − 0.5·SDSD²); NaN when the radicand is negative.</param>
/// <param name="Sd1Sd2Ratio">SD1/SD2, dimensionless; NaN when SD2 is zero or NaN.</param>
public sealed record PoincareResult(double Sd1Ms, double Sd2Ms, double Sd1Sd2Ratio);

/// <summary>Computes <see cref="PoincareResult"/>.</summary>
public static class Poincare
{
    /// <summary>
    /// SD1 = √(½)·SD(ΔRR) and SD2 = √(2·SDNN² − ½·SD(ΔRR)²) (Brennan et al. 2001, eqs. 7 and 9), with
    /// SDNN and SD(ΔRR) = SDSD both sample standard deviations (N − 1), ΔRR over adjacent beats only, as
    /// in <see cref="TimeDomain.Compute"/>. The identity behind SD2 holds for the population variances;
    /// with the N − 1 estimators on few intervals (SDSD has one value fewer than SDNN) the radicand can be
    /// negative, as for RR = 800, 810, 790 ms (2·100 − ½·450 = −25 ms²): SD2 is then NaN (not computable),
    /// not 0. SD1/SD2 is NaN when SD2 is 0 or NaN.
    /// </summary>
    /// <exception cref="InsufficientDataException">As <see cref="TimeDomain.Compute"/>.</exception>
    public static PoincareResult Compute(RrSeries series) => FromTimeDomain(TimeDomain.Compute(series));

    /// <summary>Same as <see cref="Compute"/>, from an already computed time-domain result.</summary>
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
