using Attune.Analysis.Spectral;

namespace Attune.Analysis.Tests.Spectral;

public sealed class NaturalCubicSplineTests
{
    [Fact]
    public void EvaluateOnGrid_LinearData_ReproducedExactly()
    {
        double[] x = [0, 0.7, 1.5, 2.0, 3.1, 4.0];
        var y = new double[x.Length];
        for (var i = 0; i < x.Length; i++)
        {
            y[i] = 3 * x[i] - 2;
        }
        var output = new double[17];
        NaturalCubicSpline.EvaluateOnGrid(x, y, 0, 4, output);
        for (var j = 0; j < output.Length; j++)
        {
            Assert.Equal(3 * (j / 4.0) - 2, output[j], 1e-12);
        }
    }

    [Fact]
    public void EvaluateOnGrid_SmoothFunctionIrregularKnots_Accurate()
    {
        var rng = new Random(7);
        var x = new double[200];
        var y = new double[200];
        var t = 0.0;
        for (var i = 0; i < x.Length; i++)
        {
            t += 0.6 + 0.6 * rng.NextDouble();
            x[i] = t;
            y[i] = Math.Sin(2 * Math.PI * 0.1 * t);
        }
        var output = new double[(int)((x[^1] - x[0]) * 4)];
        NaturalCubicSpline.EvaluateOnGrid(x, y, x[0], 4, output);
        for (var j = 40; j < output.Length - 40; j++)
        {
            Assert.Equal(Math.Sin(2 * Math.PI * 0.1 * (x[0] + j / 4.0)), output[j], 2e-3);
        }
    }
}
