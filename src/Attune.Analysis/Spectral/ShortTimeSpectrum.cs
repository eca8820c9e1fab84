using System.Numerics;
using MathNet.Numerics.IntegralTransforms;

namespace Attune.Analysis.Spectral;

/// <summary>Taper applied to a short analysis window before its FFT.</summary>
public enum Taper
{
    /// <summary>No taper (rectangular window): narrowest main lobe (±1/T), highest side lobes.</summary>
    Rectangular,

    /// <summary>Periodic Hann window: main lobe ±2/T, side lobes −31 dB.</summary>
    Hann,
}

/// <summary>
/// One-sided PSD of a single short window: least-squares line removed, optional taper, zero padding
/// to <c>fftLength</c>, density 2|X|²/(fs·Σw²) (DC and Nyquist not doubled), so it integrates to the
/// variance of the detrended window.
/// </summary>
internal static class ShortTimeSpectrum
{
    // buffer: scratch array whose length is the FFT length (at least samples.Length).
    public static PowerSpectrum Compute(ReadOnlySpan<double> samples, double sampleRateHz, Taper taper, Complex[] buffer, RealFft? fft = null)
    {
        var fftLength = buffer.Length;
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
            buffer[k] = new Complex((samples[k] - mean - slope * (k - centre)) * w, 0);
        }
        var bins = fftLength / 2 + 1;
        var power = new double[bins];
        if (fft is not null && fft.Length == fftLength)
        {
            var padded = new double[fftLength];
            for (var k = 0; k < n; k++)
            {
                padded[k] = buffer[k].Real;
            }
            fft.PowerSpectrum(padded, power);
        }
        else
        {
            Array.Clear(buffer, n, fftLength - n);
            Fourier.Forward(buffer, FourierOptions.Matlab);
            for (var k = 0; k < bins; k++)
            {
                power[k] = buffer[k].Real * buffer[k].Real + buffer[k].Imaginary * buffer[k].Imaginary;
            }
        }
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
