using Attune.Analysis.Synchrony;

namespace Attune.Analysis.Tests.Synchrony;

public class BiasedCrossCorrelationTests
{
    [Fact]
    public void Compute_SmallExample_MatchesHandComputedStatsCcf()
    {
        // x = [1 2 3 4], y = [2 1 4 3]: deviations dx = [−1.5 −0.5 0.5 1.5], dy = [−0.5 −1.5 1.5 0.5],
        // Σdx² = Σdy² = 5. Lag k sums dx[t+k]·dy[t] over the overlap and divides by 5:
        // k = 0: 3/5; k = ±1: 1.75/5; k = ±2: −2.5/5.
        var rho = BiasedCrossCorrelation.Compute([1, 2, 3, 4], [2, 1, 4, 3], maxLag: 2);

        Assert.Equal([-0.5, 0.35, 0.6, 0.35, -0.5], rho.Select(v => Math.Round(v, 12)).ToArray());
    }

    [Fact]
    public void Compute_XLeadsY_PeakAtNegativeLagAsInR()
    {
        // y[t] = x[t − 1]: cor(x[t + k], y[t]) peaks at k = −1 (R's convention).
        double[] x = [0, 1, 0, 0, 2, 0, 1, 3, 0, 0];
        double[] y = [0, 0, 1, 0, 0, 2, 0, 1, 3, 0];

        var rho = BiasedCrossCorrelation.Compute(x, y, maxLag: 2);

        Assert.Equal(1, Array.IndexOf(rho, rho.Max()));
    }
}
