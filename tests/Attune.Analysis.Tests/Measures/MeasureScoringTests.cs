using Attune.Analysis.Measures;

namespace Attune.Analysis.Tests.Measures;

/// <summary>
/// Golden tests at every band boundary, on both sides of it. The expected bands are the published tables:
/// WHO-5 — WHO Collaborating Centre scoring note ("a raw score below 13 indicates poor wellbeing") and Topp et al.
/// (2015, ≤ 28 % likely depression); PHQ-9 — Kroenke, Spitzer &amp; Williams (2001), 5/10/15/20; GAD-7 — Spitzer et al.
/// (2006), 5/10/15; CSI-4 — Funk &amp; Rogge (2007), cut-off 13.5.
/// </summary>
public sealed class MeasureScoringTests
{
    [Theory]
    [InlineData(0, "veryLow", 0)]
    [InlineData(7, "veryLow", 28)]
    [InlineData(8, "low", 32)]
    [InlineData(12, "low", 48)]
    [InlineData(13, "notLow", 52)]
    [InlineData(25, "notLow", 100)]
    public void Score_Who5AtEveryBoundary_GivesPublishedBandAndPercentage(int total, string band, int percentage)
    {
        var score = Scored(Instrument.Who5, total);
        Assert.Equal((total, 25, band, (int?)percentage, false), (score.Total, score.MaxTotal, score.Band.Id, score.Percentage, score.SafetyScreen));
    }

    [Theory]
    [InlineData(0, "minimal")]
    [InlineData(4, "minimal")]
    [InlineData(5, "mild")]
    [InlineData(9, "mild")]
    [InlineData(10, "moderate")]
    [InlineData(14, "moderate")]
    [InlineData(15, "moderatelySevere")]
    [InlineData(19, "moderatelySevere")]
    [InlineData(20, "severe")]
    [InlineData(27, "severe")]
    public void Score_Phq9AtEveryBoundary_GivesKroenkeBand(int total, string band)
    {
        var score = Scored(Instrument.Phq9, total);
        Assert.Equal((total, 27, band, (int?)null), (score.Total, score.MaxTotal, score.Band.Id, score.Percentage));
    }

    [Theory]
    [InlineData(0, "minimal")]
    [InlineData(4, "minimal")]
    [InlineData(5, "mild")]
    [InlineData(9, "mild")]
    [InlineData(10, "moderate")]
    [InlineData(14, "moderate")]
    [InlineData(15, "severe")]
    [InlineData(21, "severe")]
    public void Score_Gad7AtEveryBoundary_GivesSpitzerBand(int total, string band)
    {
        var score = Scored(Instrument.Gad7, total);
        Assert.Equal((total, 21, band, false), (score.Total, score.MaxTotal, score.Band.Id, score.SafetyScreen));
    }

    [Theory]
    [InlineData(0, "low")]
    [InlineData(13, "low")]
    [InlineData(14, "notLow")]
    [InlineData(21, "notLow")]
    public void Score_Csi4EitherSideOfThirteenAndAHalf_GivesFunkRoggeBand(int total, string band)
    {
        var score = Scored(Instrument.Csi4, total);
        Assert.Equal((total, 21, band), (score.Total, score.MaxTotal, score.Band.Id));
    }

    [Fact]
    public void Score_Phq9WithItemNineAboveZero_AsksForTheSafetyScreenWhateverTheTotal()
    {
        Assert.True(Scored(Instrument.Phq9, [0, 0, 0, 0, 0, 0, 0, 0, 1]).SafetyScreen);
        Assert.True(Scored(Instrument.Phq9, [3, 3, 3, 3, 3, 3, 3, 3, 3]).SafetyScreen);
        var highWithoutItemNine = Scored(Instrument.Phq9, [3, 3, 3, 3, 3, 3, 3, 3, 0]);
        Assert.False(highWithoutItemNine.SafetyScreen);
        Assert.Equal("severe", highWithoutItemNine.Band.Id);
    }

    [Fact]
    public void Score_OtherMeasuresWithTopAnswerLast_NeverAskForTheSafetyScreen()
    {
        Assert.False(Scored(Instrument.Gad7, [0, 0, 0, 0, 0, 0, 3]).SafetyScreen);
        Assert.False(Scored(Instrument.Who5, [0, 0, 0, 0, 5]).SafetyScreen);
        Assert.False(Scored(Instrument.Csi4, [0, 0, 0, 5]).SafetyScreen);
    }

    [Fact]
    public void Score_Csi4FirstItem_GoesToSixAndTheOthersToFive()
    {
        Assert.Equal(21, Scored(Instrument.Csi4, [6, 5, 5, 5]).Total);
        Assert.Equal(new ScoringOutcome.Rejected(1, "Answer 2 must be a whole number from 0 to 5; it was 6."),
            MeasureScoring.Score(Instrument.Csi4, [6, 6, 5, 5]));
        Assert.IsType<ScoringOutcome.Rejected>(MeasureScoring.Score(Instrument.Csi4, [7, 5, 5, 5]));
    }

    public static TheoryData<MeasureKind, int[], int?> BadAnswers => new()
    {
        { MeasureKind.Phq9, [0, 0, 0, 0, 0, 0, 0, 0], null },
        { MeasureKind.Phq9, [0, 0, 0, 0, 0, 0, 0, 0, 0, 0], null },
        { MeasureKind.Phq9, [0, 0, 0, 4, 0, 0, 0, 0, 0], 3 },
        { MeasureKind.Phq9, [0, -1, 0, 0, 0, 0, 0, 0, 0], 1 },
        { MeasureKind.Gad7, [], null },
        { MeasureKind.Gad7, [0, 0, 0, 0, 0, 0, 9], 6 },
        { MeasureKind.Who5, [5, 5, 5, 5, 6], 4 },
        { MeasureKind.Who5, [5, 5, 5, 5], null },
    };

    [Theory]
    [MemberData(nameof(BadAnswers))]
    public void Score_WrongCountOrOutOfRange_IsRejectedNamingTheFirstBadItem(MeasureKind kind, int[] answers, int? item)
    {
        var rejected = Assert.IsType<ScoringOutcome.Rejected>(MeasureScoring.Score(Instrument.Of(kind), answers));
        Assert.Equal(item, rejected.Item);
        Assert.False(string.IsNullOrWhiteSpace(rejected.Problem));
    }

    [Fact]
    public void Bands_OfEveryInstrument_CoverZeroToMaxWithoutGapsOrOverlap()
    {
        foreach (var instrument in Instrument.All)
        {
            Assert.Equal(0, instrument.Bands[0].Min);
            Assert.Equal(instrument.MaxTotal, instrument.Bands[^1].Max);
            for (var i = 1; i < instrument.Bands.Count; i++)
            {
                Assert.Equal(instrument.Bands[i - 1].Max + 1, instrument.Bands[i].Min);
            }
        }
    }

    [Fact]
    public void Score_EveryPossibleTotal_IsTheSumOfAnswersAndMonotoneInBand()
    {
        foreach (var instrument in Instrument.All)
        {
            var previousBand = 0;
            for (var total = 0; total <= instrument.MaxTotal; total++)
            {
                var score = Scored(instrument, total);
                Assert.Equal(total, score.Total);
                var band = instrument.Bands.ToList().IndexOf(score.Band);
                Assert.True(band >= previousBand, $"{instrument.Kind} total {total} went back a band.");
                previousBand = band;
            }
        }
    }

    /// <summary>Answers adding up to <paramref name="total"/>: each item filled to its maximum in turn.</summary>
    private static MeasureScore Scored(Instrument instrument, int total)
    {
        var answers = new int[instrument.ItemCount];
        var left = total;
        for (var i = 0; i < answers.Length; i++)
        {
            answers[i] = Math.Min(left, instrument.ItemMax[i]);
            left -= answers[i];
        }
        Assert.Equal(0, left);
        return Scored(instrument, answers);
    }

    private static MeasureScore Scored(Instrument instrument, int[] answers) =>
        Assert.IsType<ScoringOutcome.Scored>(MeasureScoring.Score(instrument, answers)).Score;
}
