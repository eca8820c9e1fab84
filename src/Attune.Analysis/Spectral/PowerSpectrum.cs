namespace Attune.Analysis.Spectral;

/// <summary>
/// A one-sided power spectral density on an increasing frequency grid.
/// </summary>
/// <param name="FrequenciesHz">Frequencies of the estimates, in hertz, strictly increasing.</param>
/// <param name="Density">Power spectral density in (signal unit)² per hertz (ms²/Hz for an RR
/// tachogram), one-sided: its integral over [0, Nyquist] equals the variance of the signal.</param>
public sealed record PowerSpectrum(double[] FrequenciesHz, double[] Density)
{
    /// <summary>
    /// Power in [<paramref name="lowHz"/>, <paramref name="highHz"/>]: trapezoid rule over the grid, with
    /// the density linearly interpolated at both band edges so that adjacent bands add up exactly.
    /// Returns 0 for an empty or inverted band; edges beyond the grid are clipped to it.
    /// </summary>
    public double BandPower(double lowHz, double highHz)
    {
        var f = FrequenciesHz;
        var p = Density;
        if (f.Length < 2)
        {
            return 0;
        }
        var lo = Math.Max(lowHz, f[0]);
        var hi = Math.Min(highHz, f[^1]);
        if (hi <= lo)
        {
            return 0;
        }
        double sum = 0;
        for (var i = 0; i < f.Length - 1; i++)
        {
            var a = Math.Max(f[i], lo);
            var b = Math.Min(f[i + 1], hi);
            if (b <= a)
            {
                continue;
            }
            var slope = (p[i + 1] - p[i]) / (f[i + 1] - f[i]);
            var pa = p[i] + slope * (a - f[i]);
            var pb = p[i] + slope * (b - f[i]);
            sum += 0.5 * (pa + pb) * (b - a);
        }
        return sum;
    }

    /// <summary>
    /// Power as NeuroKit2's <c>signal_power</c> computes it: trapezoid rule over only the grid points with
    /// <c>lowHz ≤ f &lt; highHz</c>, without edge interpolation (so adjacent bands do not add up to
    /// their union). Returns 0 when fewer than two points fall in the band.
    /// </summary>
    public double BandPowerHalfOpenBins(double lowHz, double highHz)
    {
        var f = FrequenciesHz;
        var p = Density;
        double sum = 0;
        var previous = -1;
        for (var i = 0; i < f.Length; i++)
        {
            if (f[i] < lowHz || f[i] >= highHz)
            {
                continue;
            }
            if (previous >= 0)
            {
                sum += 0.5 * (p[i] + p[previous]) * (f[i] - f[previous]);
            }
            previous = i;
        }
        return sum;
    }

    /// <summary>
    /// Frequency (Hz) of the largest density in [lowHz, highHz], or NaN when no grid point lies in the band.
    /// Ties go to the lowest frequency.
    /// </summary>
    public double PeakFrequencyHz(double lowHz, double highHz)
    {
        var best = double.NaN;
        var bestP = double.NegativeInfinity;
        for (var i = 0; i < FrequenciesHz.Length; i++)
        {
            var fi = FrequenciesHz[i];
            if (fi >= lowHz && fi <= highHz && Density[i] > bestP)
            {
                bestP = Density[i];
                best = fi;
            }
        }
        return best;
    }
}
