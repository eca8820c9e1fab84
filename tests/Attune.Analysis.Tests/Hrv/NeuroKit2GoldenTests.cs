using System.Text.Json;
using Attune.Analysis.Artifacts;
using Attune.Analysis.Ecg;
using Attune.Analysis.Hrv;
using Attune.Analysis.Parsing;
using Attune.Analysis.Series;

namespace Attune.Analysis.Tests.Hrv;

/// <summary>
/// The NeuroKit2-compatible preset against NeuroKit2's own output.
/// </summary>
/// <remarks>
/// Provenance: shared/reference-data/golden/neurokit2-0.2.12.json holds what NeuroKit2 0.2.12 (upstream commit
/// c6b8e938, unmodified, Debian 12 numpy/scipy/pandas) reports for three of the shared ECGs: its R-peaks before
/// and after its artifact correction (<c>ecg_process</c>), the RR intervals of the corrected peaks, and
/// <c>hrv_time</c>, <c>hrv_frequency</c> (default, i.e. normalised to the peak density, and with
/// <c>normalize=False, interpolation_rate=4</c>) and <c>hrv_nonlinear</c> on those intervals. The file is read in
/// place; a missing file fails these tests.
/// Tolerances (relative): time domain and Poincaré 1e-12 (same sums, different order); DFA 1e-10 (least squares in
/// log2 there, log10 here); SampEn and ApEn 1e-12; frequency domain 1e-8 (SciPy's banded LU and FFT against our
/// tridiagonal solve and FFT; measured agreement is below 1e-12). Peaks and intervals: exact.
/// </remarks>
public sealed class NeuroKit2GoldenTests
{
    public static TheoryData<string> Recordings => ["bio_resting_5min_100hz", "bio_eventrelated_100hz", "ecg_1000hz"];

    [Theory]
    [MemberData(nameof(Recordings))]
    public void Detect_NeuroKit2ExampleEcg_SamePeaksBeforeAndAfterIterativeCorrection(string name)
    {
        var golden = Golden(name);
        var ecg = ReadEcg(name, golden.GetProperty("ecg_sampling_rate_hz").GetDouble());

        var peaks = NeuroKitPeakDetector.Detect(ecg);
        Assert.Equal(Ints(golden.GetProperty("rpeaks").GetProperty("uncorrected")), peaks.Indices.ToArray());

        var corrected = NeuroKitPeakCorrection.Correct(peaks);
        Assert.Equal(Ints(golden.GetProperty("rpeaks").GetProperty("corrected")), corrected.Peaks.Indices.ToArray());
        Assert.Equal(Doubles(golden.GetProperty("rr_ms")), corrected.Correction.Corrected.IntervalsMs.ToArray());
    }

    [Theory]
    [MemberData(nameof(Recordings))]
    public void Analyze_NeuroKit2Preset_TimeDomainAndNonlinearAsNeuroKit2(string name)
    {
        var golden = Golden(name);
        var report = HrvAnalyzer.Analyze(RrSeries.FromIntervals(Doubles(golden.GetProperty("rr_ms"))), HrvOptions.NeuroKit2Compatible);
        var time = golden.GetProperty("hrv_time");
        var t = report.TimeDomain!;
        Close(time, "MeanNN", t.MeanNnMs, 1e-12);
        Close(time, "SDNN", t.SdnnMs, 1e-12);
        Close(time, "RMSSD", t.RmssdMs, 1e-12);
        Close(time, "SDSD", t.SdsdMs, 1e-12);
        Close(time, "pNN50", t.Pnn50Percent, 1e-12);
        Close(time, "pNN20", t.Pnn20Percent, 1e-12);
        Close(time, "CVNN", t.CvnnPercent / 100, 1e-12);
        Close(time, "MedianNN", t.MedianNnMs, 1e-12);
        Close(time, "IQRNN", t.IqrNnMs, 1e-12);

        var nonlinear = golden.GetProperty("hrv_nonlinear");
        Close(nonlinear, "SD1", report.Poincare!.Sd1Ms, 1e-12);
        Close(nonlinear, "SD2", report.Poincare.Sd2Ms, 1e-12);
        Close(nonlinear, "SD1SD2", report.Poincare.Sd1Sd2Ratio, 1e-12);
        Close(nonlinear, "DFA_alpha1", report.DfaAlpha1, 1e-10);
        Close(nonlinear, "DFA_alpha2", report.DfaAlpha2, 1e-10);
        Close(nonlinear, "SampEn", report.SampEn, 1e-12);
        Close(nonlinear, "ApEn", report.ApEn, 1e-12);
    }

    [Theory]
    [MemberData(nameof(Recordings))]
    public void Compute_NeuroKit2Preset_FrequencyDomainAsNeuroKit2(string name)
    {
        var golden = Golden(name);
        var series = RrSeries.FromIntervals(Doubles(golden.GetProperty("rr_ms")));

        // NeuroKit2 called with its defaults: 100 Hz, PSD divided by its peak before integration.
        var normalised = FrequencyDomain.Compute(series, FrequencyOptions.NeuroKit2Compatible with { NormalizeToPeakDensity = true });
        Frequency(golden.GetProperty("hrv_frequency_default"), normalised);

        // normalize=False, interpolation_rate=4: absolute powers in ms².
        var absolute = FrequencyDomain.Compute(series, FrequencyOptions.NeuroKit2Compatible with { InterpolationRateHz = 4 });
        Frequency(golden.GetProperty("hrv_frequency_welch_ms2_4hz"), absolute);
    }

    [Fact]
    public void Analyze_FiveMinuteEcg_OnePassCorrectionExplainsRmssdDifference()
    {
        const string name = "bio_resting_5min_100hz";
        var golden = Golden(name);
        var peaks = NeuroKitPeakDetector.Detect(ReadEcg(name, 100));
        var goldenRmssd = golden.GetProperty("hrv_time").GetProperty("RMSSD").GetDouble();

        var onePass = HrvAnalyzer.Analyze(LipponenTarvainen.Correct(peaks.ToRrSeries()).Corrected, HrvOptions.NeuroKit2Compatible);
        var iterative = HrvAnalyzer.Analyze(NeuroKitPeakCorrection.Correct(peaks).Correction.Corrected, HrvOptions.NeuroKit2Compatible);

        Assert.True(Math.Abs(onePass.TimeDomain!.RmssdMs / goldenRmssd - 1) > 0.03, "Kubios-style one-pass correction differs from NeuroKit2 on this record.");
        Assert.Equal(goldenRmssd, iterative.TimeDomain!.RmssdMs, goldenRmssd * 1e-12);
    }

    private static void Frequency(JsonElement golden, FrequencyDomainResult ours)
    {
        Close(golden, "VLF", ours.VlfMs2, 1e-8);
        Close(golden, "LF", ours.LfMs2, 1e-8);
        Close(golden, "HF", ours.HfMs2, 1e-8);
        Close(golden, "TP", ours.TotalPowerMs2, 1e-8);
        Close(golden, "LFHF", ours.LfHfRatio, 1e-8);
        Close(golden, "LFn", ours.LfNu, 1e-8);
        Close(golden, "HFn", ours.HfNu, 1e-8);
    }

    private static void Close(JsonElement section, string key, double? actual, double relative)
    {
        // NeuroKit2 leaves out DFA_alpha2 when the series is too short for two scales.
        if (!section.TryGetProperty(key, out var expected) || expected.ValueKind == JsonValueKind.Null)
        {
            Assert.True(actual is null || double.IsNaN(actual.Value), $"{key}: NeuroKit2 reports none, we report {actual}.");
            return;
        }
        Assert.NotNull(actual);
        var e = expected.GetDouble();
        Assert.True(Math.Abs(actual.Value - e) <= relative * Math.Abs(e), $"{key}: expected {e:R}, got {actual.Value:R} (tolerance {relative:G2} relative).");
    }

    private static JsonElement Golden(string name)
    {
        var path = ReferenceData.Require("golden/neurokit2-0.2.12.json");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.GetProperty("recordings").GetProperty(name).Clone();
    }

    private static EcgSignal ReadEcg(string name, double rateHz)
    {
        using var reader = new StreamReader(ReferenceData.Require($"ecg/{name}.ecg.csv"));
        var parsed = EcgCsvParser.Parse(reader, rateHz);
        Assert.True(parsed.IsSuccess);
        return parsed.Value;
    }

    private static int[] Ints(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetInt32())];

    private static double[] Doubles(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetDouble())];
}
