using System.Numerics;
using MathNet.Numerics.IntegralTransforms;

namespace Attune.Analysis.Spectral;

/// <summary>
/// Welch's averaged, modified periodogram (Welch 1967) of an evenly sampled signal.
/// </summary>
/// <remarks>
/// Segments of <c>segmentLength</c> samples start every <c>segmentLength − overlap</c> samples from
/// the first sample; a tail shorter than a segment is dropped (as in scipy.signal.welch). Each
/// segment is optionally mean-subtracted, multiplied by a periodic Hann window
/// w[k] = 0.5 − 0.5·cos(2πk/L), zero-padded to <c>fftLength</c> and transformed. The one-sided
/// density is P[k] = c·|X[k]|² / (fs·Σw²) with c = 2 except at DC and Nyquist (c = 1), averaged
/// over segments, so Σ P·Δf equals the mean windowed power (the variance for a zero-mean signal).
/// </remarks>
internal static class WelchPsd
{
    public static PowerSpectrum Estimate(ReadOnlySpan<double> signal, double sampleRateHz, int segmentLength, int fftLength, int overlap, bool detrendSegments)
    {
        if (segmentLength < 2 || segmentLength > signal.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(segmentLength), $"Segment length {segmentLength} must be between 2 and the signal length {signal.Length}.");
        }
        if (fftLength < segmentLength)
        {
            throw new ArgumentOutOfRangeException(nameof(fftLength), "The FFT length must be at least the segment length.");
        }
        var step = segmentLength - overlap;
        if (step < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(overlap), "Overlap must be smaller than the segment length.");
        }

        var window = new double[segmentLength];
        double windowPower = 0;
        for (var k = 0; k < segmentLength; k++)
        {
            window[k] = 0.5 - 0.5 * Math.Cos(2 * Math.PI * k / segmentLength);
            windowPower += window[k] * window[k];
        }

        var bins = fftLength / 2 + 1;
        var accum = new double[bins];
        // Powers of two use our real FFT (several times faster than MathNet's managed complex FFT);
        // other lengths fall back to MathNet.
        var fft = RealFft.IsPowerOfTwo(fftLength) && fftLength >= 4 ? new RealFft(fftLength) : null;
        var padded = fft is null ? [] : new double[fftLength];
        var power = fft is null ? [] : new double[fftLength / 2 + 1];
        var buffer = fft is null ? new Complex[fftLength] : [];
        var segments = 0;
        for (var start = 0; start + segmentLength <= signal.Length; start += step)
        {
            var segment = signal.Slice(start, segmentLength);
            double mean = 0;
            if (detrendSegments)
            {
                for (var k = 0; k < segmentLength; k++)
                {
                    mean += segment[k];
                }
                mean /= segmentLength;
            }
            if (fft is not null)
            {
                for (var k = 0; k < segmentLength; k++)
                {
                    padded[k] = (segment[k] - mean) * window[k];
                }
                Array.Clear(padded, segmentLength, fftLength - segmentLength);
                fft.PowerSpectrum(padded, power);
                for (var k = 0; k < bins; k++)
                {
                    accum[k] += power[k];
                }
            }
            else
            {
                for (var k = 0; k < segmentLength; k++)
                {
                    buffer[k] = new Complex((segment[k] - mean) * window[k], 0);
                }
                Array.Clear(buffer, segmentLength, fftLength - segmentLength);
                Fourier.Forward(buffer, FourierOptions.Matlab);
                for (var k = 0; k < bins; k++)
                {
                    var re = buffer[k].Real;
                    var im = buffer[k].Imaginary;
                    accum[k] += re * re + im * im;
                }
            }
            segments++;
        }

        var frequencies = new double[bins];
        var scale = 1.0 / (sampleRateHz * windowPower * segments);
        for (var k = 0; k < bins; k++)
        {
            frequencies[k] = k * sampleRateHz / fftLength;
            var oneSided = k == 0 || (fftLength % 2 == 0 && k == bins - 1) ? 1.0 : 2.0;
            accum[k] *= oneSided * scale;
        }
        return new PowerSpectrum(frequencies, accum);
    }
}
