using Attune.Analysis.Dyadic;

namespace Attune.Analysis.Tests.Dyadic;

public class InertiaCoordinationTests
{
    [Fact]
    public void Fit_SimulatedVar1_RecoversInertiaAndCoordination()
    {
        var (a, b) = DyadSimulations.InertiaCoordination(inertA: 0.6, coordA: 0.25, inertB: 0.4, coordB: -0.2, n: 20000, seed: 21);

        var fit = InertiaCoordination.Fit(a, b);

        Assert.Equal(0.6, fit.PersonA.Inertia.Value, 0.03);
        Assert.Equal(0.25, fit.PersonA.Coordination.Value, 0.03);
        Assert.Equal(0.4, fit.PersonB.Inertia.Value, 0.03);
        Assert.Equal(-0.2, fit.PersonB.Coordination.Value, 0.03);
        Assert.Equal(0.0, fit.PersonA.Intercept.Value, 0.05);
        Assert.InRange(fit.PersonA.Inertia.StandardError, 0.003, 0.01);
        Assert.Equal(2 * (20000 - 1), fit.Observations);
        Assert.Contains("moved along with B", fit.Reading, StringComparison.Ordinal);
        Assert.Contains("counterweight", fit.Reading, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_LagAndRate_AreReportedInSeconds()
    {
        var (a, b) = DyadSimulations.InertiaCoordination(0.5, 0.1, 0.5, 0.1, n: 500, seed: 22);

        var fit = InertiaCoordination.Fit(a, b, lag: 2, rateHz: 4);

        Assert.Equal(2, fit.LagSamples);
        Assert.Equal(0.5, fit.LagS, 12);
    }

    [Fact]
    public void Fit_LengthsDiffer_Throws()
    {
        Assert.Throws<ArgumentException>(() => InertiaCoordination.Fit(new double[10], new double[11]));
    }

    [Fact]
    public void Fit_FlatSeries_ThrowsNoVariation()
    {
        var flat = new double[50];
        Array.Fill(flat, 70);

        var e = Assert.Throws<InsufficientDataException>(() => InertiaCoordination.Fit(flat, flat));

        Assert.Equal(InsufficientDataReason.NoVariation, e.Reason);
    }

    [Fact]
    public void Fit_FewerRowsThanParameters_ThrowsTooShort()
    {
        var e = Assert.Throws<InsufficientDataException>(() => InertiaCoordination.Fit([70, 71, 72], [60, 62, 61]));

        Assert.Equal(InsufficientDataReason.TooShort, e.Reason);
    }
}
