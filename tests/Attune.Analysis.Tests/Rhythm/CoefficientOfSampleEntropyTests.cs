using Attune.Analysis.Rhythm;

namespace Attune.Analysis.Tests.Rhythm;

public sealed class CoefficientOfSampleEntropyTests
{
    [Fact]
    public void Compute_HandExample_GrowsToleranceToFiveMatches()
    {
        // Templates 800, 820, 900, 810, 805 with continuations 820, 900, 810, 805, 1000. Pairwise
        // length-2 distances, sorted: 15, 80, 90, 90, 95, 100, 100, 180, 190, 195, so r = 95 ms (above
        // 30 ms). At r = 95: B = 9 (all pairs but (0, 2), 100 apart), A = 5 ((0,1), (0,3), (1,2), (1,3), (2,3)).
        double[] rr = [800, 820, 900, 810, 805, 1000];

        var e = CoefficientOfSampleEntropy.Compute(rr);

        Assert.Equal(95, e.ToleranceMs);
        Assert.Equal(9, e.MatchesM);
        Assert.Equal(5, e.MatchesM1);
        Assert.Equal(-Math.Log(5.0 / 9), e.SampEn, 14);
        Assert.Equal(-Math.Log(5.0 / 9) + Math.Log(190) - Math.Log(5135.0 / 6), e.Cosen, 14);
    }

    [Fact]
    public void Compute_ConstantRhythm_KeepsThirtyMillisecondsAndIsLow()
    {
        var e = CoefficientOfSampleEntropy.Compute([800, 800, 800, 800, 800, 800, 800, 800, 800, 800, 800, 800]);

        Assert.Equal(30, e.ToleranceMs);
        Assert.Equal(0, e.SampEn);
        Assert.Equal(Math.Log(60.0 / 800), e.Cosen, 14);
    }

    [Fact]
    public void Compute_UnitsCancel_ScalingEverythingAboveTheFloorLeavesItUnchanged()
    {
        // With r above its 30-ms floor, r scales with the data and ln(2r/mean) does not change.
        double[] rr = [800, 820, 900, 810, 805, 1000];
        var scaled = rr.Select(v => v * 1.5).ToArray();

        Assert.Equal(CoefficientOfSampleEntropy.Compute(rr).Cosen, CoefficientOfSampleEntropy.Compute(scaled).Cosen, 12);
    }

    [Fact]
    public void Compute_TwelveBeatSegments_SeparateIrregularFromSinusRhythm()
    {
        var random = new Random(5);
        int irregularAbove = 0, sinusAbove = 0;
        const int trials = 500;
        var rr = new double[12];
        for (var trial = 0; trial < trials; trial++)
        {
            for (var i = 0; i < 12; i++)
            {
                rr[i] = 400 + 500 * random.NextDouble();
            }
            irregularAbove += CoefficientOfSampleEntropy.Compute(rr).Cosen > -1.4 ? 1 : 0;
            var phase = random.NextDouble() * 2 * Math.PI;
            for (var i = 0; i < 12; i++)
            {
                rr[i] = Math.Round(850 + 40 * Math.Sin(phase + 2 * Math.PI * i / 4.5) + 6 * (random.NextDouble() - 0.5));
            }
            sinusAbove += CoefficientOfSampleEntropy.Compute(rr).Cosen > -1.4 ? 1 : 0;
        }

        Assert.True(irregularAbove > 0.9 * trials, $"{irregularAbove} of {trials} irregular segments above −1.4");
        Assert.True(sinusAbove < 0.1 * trials, $"{sinusAbove} of {trials} sinus segments above −1.4");
    }

    [Fact]
    public void Compute_FewerThanFourIntervals_ThrowsNotEnoughBeats()
    {
        var e = Assert.Throws<InsufficientDataException>(() => CoefficientOfSampleEntropy.Compute([800, 810, 790]));

        Assert.Equal(InsufficientDataReason.NotEnoughBeats, e.Reason);
    }
}
