using System.Numerics;
using Attune.Analysis.Spectral;
using MathNet.Numerics.IntegralTransforms;

namespace Attune.Analysis.Tests.Spectral;

public sealed class RealFftTests
{
    [Theory]
    [InlineData(4)]
    [InlineData(8)]
    [InlineData(1024)]
    [InlineData(4096)]
    public void PowerSpectrum_RandomInput_MatchesMathNet(int n)
    {
        var rng = new Random(n);
        var x = new double[n];
        var reference = new Complex[n];
        for (var i = 0; i < n; i++)
        {
            x[i] = rng.NextDouble() - 0.5;
            reference[i] = new Complex(x[i], 0);
        }
        Fourier.Forward(reference, FourierOptions.Matlab);
        var power = new double[n / 2 + 1];
        new RealFft(n).PowerSpectrum(x, power);
        for (var k = 0; k <= n / 2; k++)
        {
            var expected = reference[k].Magnitude * reference[k].Magnitude;
            Assert.Equal(expected, power[k], 1e-9 * Math.Max(1, expected));
        }
    }
}
