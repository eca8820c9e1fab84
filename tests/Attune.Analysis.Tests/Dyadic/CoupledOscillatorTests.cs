using Attune.Analysis.Dyadic;

namespace Attune.Analysis.Tests.Dyadic;

public class CoupledOscillatorTests
{
    [Fact]
    public void Fit_SimulatedCoupledOscillator_RecoversParameters()
    {
        // Simulated with RK4 at dt = 1 ms, sampled at 10 Hz for 60 s.
        var (x, y) = DyadSimulations.CoupledOscillator(
            etaX: -0.5, zetaX: -0.1, cX: 0.1, dX: -0.1,
            etaY: -0.8, zetaY: -0.05, cY: 0.1, dY: -0.1,
            dt: 0.001, sampleEvery: 100, samples: 600);

        var fit = CoupledOscillator.Fit(x, y, new CoupledOscillatorOptions(Taus: [1, 2], Embeds: [3, 4, 5], RateHz: 10, Detrend: false));

        Assert.Equal(-0.5, fit.PersonA.Frequency.Value, 0.02);
        Assert.Equal(-0.1, fit.PersonA.Damping.Value, 0.02);
        Assert.Equal(0.1, fit.PersonA.PartnerFrequency.Value, 0.02);
        Assert.Equal(-0.1, fit.PersonA.PartnerDamping.Value, 0.02);
        Assert.Equal(-0.8, fit.PersonB.Frequency.Value, 0.02);
        Assert.Equal(-0.05, fit.PersonB.Damping.Value, 0.02);
        Assert.Equal(0.1, fit.PersonB.PartnerFrequency.Value, 0.02);
        Assert.Equal(-0.1, fit.PersonB.PartnerDamping.Value, 0.02);
        Assert.Equal(2 * Math.PI / Math.Sqrt(0.5), fit.PersonA.PeriodS, 0.2);
        Assert.True(fit.AdjustedRSquared > 0.99);
        Assert.Contains("steady each other", fit.Reading, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_AmplifyingCoupling_ReadsAsFeedingEachOther()
    {
        var (x, y) = DyadSimulations.CoupledOscillator(
            etaX: -0.5, zetaX: -0.1, cX: 0.0, dX: 0.08,
            etaY: -0.6, zetaY: -0.1, cY: 0.0, dY: 0.08,
            dt: 0.001, sampleEvery: 100, samples: 600);

        var fit = CoupledOscillator.Fit(x, y, new CoupledOscillatorOptions(Taus: [1, 2], Embeds: [3, 4, 5], RateHz: 10));

        Assert.True(fit.PersonA.PartnerDamping.Value > 0);
        Assert.True(fit.PersonB.PartnerDamping.Value > 0);
        Assert.Contains("feed each other", fit.Reading, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_TooShort_ThrowsTooShort()
    {
        var e = Assert.Throws<InsufficientDataException>(() => CoupledOscillator.Fit(new double[5], new double[5]));
        Assert.Equal(InsufficientDataReason.TooShort, e.Reason);
    }
}
