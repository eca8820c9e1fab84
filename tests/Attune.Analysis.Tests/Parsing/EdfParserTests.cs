using Attune.Analysis.Ecg;
using Attune.Analysis.Parsing;
using Attune.Analysis.Tests.Ecg;
using Attune.TestSupport;

namespace Attune.Analysis.Tests.Parsing;

public sealed class EdfParserTests
{
    // Digital −2048…2047 ↔ physical −5…5 mV (gain 10/4095 mV per count).
    private static EdfTestSignal Ecg(string label, Func<long, short> digital, int perRecord = 250) => new(label, perRecord, -5, 5, -2048, 2047, digital);

    private static EdfTestSignal Other(string label) => new(label, 100, -100, 100, -32768, 32767, i => (short)(i % 50), "uV");

    private static ParseResult<EdfEcg> Read(byte[] file, string? channel = null) => EdfParser.ReadEcg(new MemoryStream(file), channel);

    [Fact]
    public void ReadEcg_LabelledChannel_PhysicalValuesRateAndStart()
    {
        var file = EdfFiles.Build([Other("EEG Fpz-Cz"), Ecg("ECG II", i => (short)(i % 4096 - 2048)), Other("Resp")], records: 4, recordDurationS: 1, reserved: "EDF+C");

        var result = Read(file);

        Assert.True(result.IsSuccess, result.Error?.ToString());
        var ecg = result.Value;
        Assert.Equal("ECG II", ecg.Channel.Label);
        Assert.Equal("EDF+C", ecg.Header.Variant);
        Assert.Equal(250, ecg.Signal.SampleRateHz);
        Assert.Equal(1000, ecg.Signal.Count);
        Assert.Equal(new DateTimeOffset(2026, 12, 4, 22, 30, 0, TimeSpan.Zero), ecg.Signal.Start);
        Assert.Single(ecg.Signal.Segments);
        for (var i = 0; i < 1000; i++)
        {
            var digital = i % 4096 - 2048;
            var physical = -5 + (digital + 2048) * (10.0 / 4095);
            Assert.Equal((float)physical, ecg.Signal.Samples[i]);
        }
        Assert.Equal(-5f, ecg.Signal.Samples[0]);
    }

    [Theory]
    [InlineData("resp")]
    [InlineData(" EEG FPZ-CZ ")]
    public void ReadEcg_ExplicitLabel_CaseInsensitive(string channel)
    {
        var file = EdfFiles.Build([Other("EEG Fpz-Cz"), Ecg("EKG", _ => 0), Other("Resp")], records: 2, recordDurationS: 1);

        var result = Read(file, channel);

        Assert.True(result.IsSuccess, result.Error?.ToString());
        Assert.Equal(channel.Trim(), result.Value.Channel.Label, ignoreCase: true);
        Assert.Equal(100, result.Value.Signal.SampleRateHz);
    }

    [Fact]
    public void ReadEcg_Discontinuous_SegmentsAtGaps()
    {
        var file = EdfFiles.Build([Ecg("ECG", i => (short)i)], records: 5, recordDurationS: 2, reserved: "EDF+D", onsets: [0, 2, 4, 30, 32]);

        var ecg = Read(file).Value!.Signal;

        Assert.Equal(2, ecg.Segments.Count);
        // 250 samples per 2-s record: 125 Hz; records at 0, 2 and 4 s, then a gap, then 30 and 32 s.
        Assert.Equal(125, ecg.SampleRateHz);
        Assert.Equal(new Attune.Analysis.Series.EcgSegment(0, 750, 0), ecg.Segments[0]);
        Assert.Equal(new Attune.Analysis.Series.EcgSegment(750, 500, 30), ecg.Segments[1]);
        Assert.Equal(30.008, ecg.TimeOfSample(751), 9);
    }

    [Fact]
    public void ReadEcg_UnknownRecordCount_TakenFromFileLength()
    {
        var file = EdfFiles.Build([Ecg("ECG", _ => 1)], records: 3, recordDurationS: 1, recordCountText: "-1");

        var result = Read(file);

        Assert.Equal(3, result.Value!.Header.DataRecordCount);
        Assert.Equal(750, result.Value.Signal.Count);
    }

    [Fact]
    public void ReadEcg_SyntheticEcg_RPeaksAtTheBeats()
    {
        var (samples, truth) = SyntheticEcg.Make(250, 60);
        var file = EdfFiles.Build([Ecg("ECG", i => (short)Math.Round(samples[i] / 10 * 4095))], records: 60, recordDurationS: 1);

        var peaks = NeuroKitPeakDetector.Detect(Read(file).Value!.Signal).Indices.ToArray();

        Assert.Equal(truth.Length, peaks.Length);
        Assert.All(truth.Zip(peaks), p => Assert.InRange(p.Second - p.First, -2, 2));
    }

    public static TheoryData<int, int, string, EdfField> MalformedHeaders => new()
    {
        { 0, 8, "1", EdfField.Version },
        { 168, 8, "32.13.26", EdfField.StartDate },
        { 168, 8, "4 Dec 26", EdfField.StartDate },
        { 176, 8, "25.00.00", EdfField.StartTime },
        { 184, 8, "512", EdfField.HeaderBytes },
        { 236, 8, "many", EdfField.DataRecordCount },
        { 236, 8, "-2", EdfField.DataRecordCount },
        { 236, 8, "9", EdfField.DataRecords },
        { 244, 8, "0", EdfField.DataRecordDuration },
        { 252, 4, "0", EdfField.SignalCount },
        { 252, 4, "x", EdfField.SignalCount },
        // Signal fields of the two-signal file below (ECG, then the annotations signal).
        { 256 + 2 * 16 + 2 * 80 + 2 * 8, 8, "low", EdfField.PhysicalMinimum },
        { 256 + 2 * 16 + 2 * 80 + 2 * 8 + 2 * 8, 8, "-5", EdfField.PhysicalMaximum },
        { 256 + 2 * 16 + 2 * 80 + 2 * 8 + 4 * 8, 8, "-40000", EdfField.DigitalMinimum },
        { 256 + 2 * 16 + 2 * 80 + 2 * 8 + 6 * 8, 8, "-2048", EdfField.DigitalMaximum },
        { 256 + 2 * 16 + 2 * 80 + 2 * 8 + 8 * 8 + 2 * 80, 8, "0", EdfField.SamplesPerRecord },
        { 256, 16, "Résumé", EdfField.Label },
    };

    [Theory]
    [MemberData(nameof(MalformedHeaders))]
    public void ReadEcg_MalformedHeader_TypedErrorNamingTheField(int offset, int width, string text, EdfField field)
    {
        var file = EdfFiles.Build([Ecg("ECG", _ => 0)], records: 3, recordDurationS: 1, reserved: "EDF+C");
        var broken = text == "Résumé" ? WithByte(file, offset, 0xE9) : EdfFiles.Patch(file, offset, width, text);

        var result = Read(broken);

        Assert.False(result.IsSuccess);
        var error = Assert.IsType<EdfFieldError>(result.Error);
        Assert.Equal(field, error.Field);
        Assert.Null(error.Line);
    }

    [Fact]
    public void ReadEcg_NoEcgLabel_ErrorListsTheSignals()
    {
        var file = EdfFiles.Build([Other("EEG Fpz-Cz"), Other("Resp")], records: 1, recordDurationS: 1);

        var error = Assert.IsType<EdfFieldError>(Read(file).Error);

        Assert.Equal(EdfField.Label, error.Field);
        Assert.Contains("'EEG Fpz-Cz', 'Resp'", error.Message, StringComparison.Ordinal);
        Assert.Equal(EdfField.Label, Assert.IsType<EdfFieldError>(Read(file, "ECG").Error).Field);
    }

    [Fact]
    public void ReadEcg_DiscontinuousWithoutAnnotations_AnnotationsError()
    {
        var file = EdfFiles.Build([Ecg("ECG", _ => 0)], records: 2, recordDurationS: 1);
        var discontinuous = EdfFiles.Patch(file, 192, 44, "EDF+D");

        Assert.Equal(EdfField.Annotations, Assert.IsType<EdfFieldError>(Read(discontinuous).Error).Field);
    }

    [Fact]
    public void ReadEcg_TruncatedInput_DataRecordsError()
    {
        var file = EdfFiles.Build([Ecg("ECG", _ => 0)], records: 3, recordDurationS: 1);
        var cut = file[..^100];

        Assert.Equal(EdfField.DataRecords, Assert.IsType<EdfFieldError>(Read(cut).Error).Field);
        Assert.Equal(EdfField.Version, Assert.IsType<EdfFieldError>(Read(file[..100]).Error).Field);
    }

    [Fact]
    public void LooksLikeEdf_HeaderAndCsv()
    {
        Assert.True(EdfParser.LooksLikeEdf(EdfFiles.Build([Ecg("ECG", _ => 0)], 1, 1)));
        Assert.False(EdfParser.LooksLikeEdf("ecg\n0.1\n"u8));
        Assert.False(EdfParser.LooksLikeEdf("0.125\n0.5\n"u8));
    }

    private static byte[] WithByte(byte[] file, int offset, byte value)
    {
        var copy = (byte[])file.Clone();
        copy[offset] = value;
        return copy;
    }
}
