using Attune.Analysis.Spectral;

namespace Attune.Analysis.Tests.Spectral;

public sealed class WelchPsdTests
{
    [Theory]
    [InlineData(256, 256)]
    [InlineData(255, 255)]
    [InlineData(200, 400)]
    public void Estimate_ZeroMeanNoise_IntegralNearVariance(int segment, int fft)
    {
        // Parseval with a Hann window: the expected integral of the density equals the variance.
        var rng = new Random(9);
        var x = new double[segment * 40];
        for (var i = 0; i < x.Length; i++)
        {
            x[i] = 3 * (rng.NextDouble() - 0.5) * Math.Sqrt(12);
        }
        var psd = WelchPsd.Estimate(x, 4, segment, fft, segment / 2, detrendSegments: true);
        Assert.Equal(9, psd.BandPower(0, 2), 9 * 0.06);
    }

    [Fact]
    public void Estimate_EvenAndOddFftLengths_Agree()
    {
        // The real-FFT path (even) and complex path (odd) must scale identically: compare a 0.5-Hz sine's peak power.
        var x = new double[4000];
        for (var i = 0; i < x.Length; i++)
        {
            x[i] = 2 * Math.Sin(2 * Math.PI * 0.5 * i / 4.0);
        }
        var even = WelchPsd.Estimate(x, 4, 400, 400, 200, true).BandPower(0.3, 0.7);
        var odd = WelchPsd.Estimate(x, 4, 401, 401, 200, true).BandPower(0.3, 0.7);
        Assert.Equal(2.0, even, 0.05);
        Assert.Equal(even, odd, 0.05);
    }
}
