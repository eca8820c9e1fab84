namespace Attune.Analysis.Spectral;

/// <summary>
/// One-sided PSD of a single short window: least-squares line removed, optional taper, zero padding
/// to <c>fftLength</c>, density 2|X|²/(fs·Σw²) (DC and Nyquist not doubled), so it integrates to the
/// variance of the detrended window.
/// </summary>
internal static class ShortTimeSpectrum
{
    // padded: scratch array of the FFT's length (a power of two, at least samples.Length).
    public static PowerSpectrum Compute(ReadOnlySpan<double> samples, double sampleRateHz, Taper taper, RealFft fft, double[] padded)
    {
        var fftLength = fft.Length;
        var n = samples.Length;
        var centre = (n - 1) / 2.0;
        double mean = 0;
        for (var k = 0; k < n; k++)
        {
            mean += samples[k];
        }
        mean /= n;
        double sxy = 0;
        var sxx = n * ((double)n * n - 1) / 12.0;
        for (var k = 0; k < n; k++)
        {
            sxy += (k - centre) * (samples[k] - mean);
        }
        var slope = sxy / sxx;

        double windowPower = 0;
        for (var k = 0; k < n; k++)
        {
            var w = taper == Taper.Hann ? 0.5 - 0.5 * Math.Cos(2 * Math.PI * k / n) : 1.0;
            windowPower += w * w;
            padded[k] = (samples[k] - mean - slope * (k - centre)) * w;
        }
        Array.Clear(padded, n, fftLength - n);
        var bins = fftLength / 2 + 1;
        var power = new double[bins];
        fft.PowerSpectrum(padded, power);
        var frequencies = new double[bins];
        var density = new double[bins];
        var scale = 1.0 / (sampleRateHz * windowPower);
        for (var k = 0; k < bins; k++)
        {
            frequencies[k] = k * sampleRateHz / fftLength;
            var oneSided = k == 0 || (fftLength % 2 == 0 && k == bins - 1) ? 1.0 : 2.0;
            density[k] = oneSided * scale * power[k];
        }
        return new PowerSpectrum(frequencies, density);
    }
}
