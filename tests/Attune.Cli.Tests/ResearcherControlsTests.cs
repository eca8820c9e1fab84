using System.Globalization;
using System.Text;
using System.Text.Json;
using Attune.TestSupport;

namespace Attune.Cli.Tests;

public sealed class ResearcherControlsTests : IDisposable
{
    private const string FiveMinutes = "bio_resting_5min_100hz";

    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private static JsonElement Golden(string name)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(ReferenceDataFiles.Require("golden/neurokit2-0.2.12.json")));
        return document.RootElement.GetProperty("recordings").GetProperty(name).Clone();
    }

    private string GoldenRrFile(string name)
    {
        var text = new StringBuilder("rr_ms\n");
        foreach (var v in Golden(name).GetProperty("rr_ms").EnumerateArray())
        {
            text.Append(v.GetDouble().ToString("R", CultureInfo.InvariantCulture)).Append('\n');
        }
        return _dir.File(name + ".rr.csv", text.ToString());
    }

    private static void Near(double expected, JsonElement actual, double relative = 1e-9) =>
        Assert.True(Math.Abs(actual.GetDouble() - expected) <= relative * Math.Abs(expected), $"expected {expected:R}, got {actual.GetDouble():R}");

    [Fact]
    public async Task Hrv_neurokit2_preset_on_NeuroKit2s_intervals_gives_NeuroKit2s_values()
    {
        var golden = Golden(FiveMinutes);
        var path = GoldenRrFile(FiveMinutes);

        var json = (await CliRun.Of("hrv", path, "--preset", "neurokit2", "--correction", "none", "-f", "json")).Json();

        Near(golden.GetProperty("hrv_time").GetProperty("pNN50").GetDouble(), json.GetProperty("pNN50"));
        Near(golden.GetProperty("hrv_time").GetProperty("RMSSD").GetDouble(), json.GetProperty("RMSSD"));
        Near(golden.GetProperty("hrv_nonlinear").GetProperty("SD2").GetDouble(), json.GetProperty("SD2"));
        Near(golden.GetProperty("hrv_nonlinear").GetProperty("DFA_alpha1").GetDouble(), json.GetProperty("DFA_alpha1"));
        Near(golden.GetProperty("hrv_nonlinear").GetProperty("DFA_alpha2").GetDouble(), json.GetProperty("DFA_alpha2"));
        Near(golden.GetProperty("hrv_frequency_default").GetProperty("LFHF").GetDouble(), json.GetProperty("LFHF"));
        Near(golden.GetProperty("hrv_frequency_default").GetProperty("LFn").GetDouble(), json.GetProperty("LFnu"));
        var conventions = json.GetProperty("conventions");
        Assert.Equal("neurokit2", conventions.GetProperty("preset").GetString());
        Assert.Equal("4,11:12,N/10", conventions.GetProperty("dfaScales").GetString());
        Assert.Equal("none", conventions.GetProperty("correction").GetString());
    }

    [Fact]
    public async Task Hrv_default_preset_is_kubios_and_differs_from_neurokit2()
    {
        var path = GoldenRrFile(FiveMinutes);

        var kubios = (await CliRun.Of("hrv", path, "--no-correction", "-f", "json")).Json();
        var named = (await CliRun.Of("hrv", path, "--preset", "kubios", "--no-correction", "-f", "json")).Json();
        var neurokit = (await CliRun.Of("hrv", path, "--preset", "neurokit2", "--no-correction", "-f", "json")).Json();

        Assert.Equal("kubios", kubios.GetProperty("conventions").GetProperty("preset").GetString());
        Assert.Equal(kubios.GetProperty("LF").GetDouble(), named.GetProperty("LF").GetDouble());
        Assert.NotEqual(kubios.GetProperty("LF").GetDouble(), neurokit.GetProperty("LF").GetDouble());
        Assert.Equal("4,16:16,64", kubios.GetProperty("conventions").GetProperty("dfaScales").GetString());
    }

    [Fact]
    public async Task Ecg_neurokit2_preset_reproduces_NeuroKit2_from_the_raw_signal()
    {
        var golden = Golden(FiveMinutes);
        var path = ReferenceDataFiles.Require($"ecg/{FiveMinutes}.ecg.csv");

        var json = (await CliRun.Of("ecg", path, "--rate", "100", "--preset", "neurokit2", "-f", "json")).Json();

        // The iterative correction (the preset's default) inserts one missed beat: NeuroKit2's 432 peaks.
        Assert.Equal(432, json.GetProperty("rPeakCount").GetInt32());
        var hrv = json.GetProperty("hrv");
        Near(golden.GetProperty("hrv_time").GetProperty("RMSSD").GetDouble(), hrv.GetProperty("RMSSD"), 1e-12);
        Near(golden.GetProperty("hrv_time").GetProperty("SDNN").GetDouble(), hrv.GetProperty("SDNN"), 1e-12);
        Assert.Equal("iterative", hrv.GetProperty("artifacts").GetProperty("method").GetString());
    }

    [Fact]
    public async Task Ecg_kubios_correction_keeps_the_detected_peaks()
    {
        var path = ReferenceDataFiles.Require($"ecg/{FiveMinutes}.ecg.csv");

        var json = (await CliRun.Of("ecg", path, "--rate", "100", "--correction", "kubios", "-f", "json")).Json();

        Assert.Equal(431, json.GetProperty("rPeakCount").GetInt32());
        Assert.Equal("kubios", json.GetProperty("hrv").GetProperty("artifacts").GetProperty("method").GetString());
    }

    [Fact]
    public async Task Spectrum_lomb_is_used_when_asked()
    {
        var path = GoldenRrFile(FiveMinutes);

        var welch = (await CliRun.Of("hrv", path, "--spectrum", "welch", "-f", "json")).Json();
        var lomb = (await CliRun.Of("hrv", path, "--spectrum", "lomb", "-f", "json")).Json();

        Assert.Equal("Welch", welch.GetProperty("conventions").GetProperty("spectrumUsed").GetString());
        Assert.Equal("LombScargle", lomb.GetProperty("conventions").GetProperty("spectrumUsed").GetString());
        Assert.NotEqual(welch.GetProperty("HF").GetDouble(), lomb.GetProperty("HF").GetDouble());
    }

    [Fact]
    public async Task Dfa_scales_change_alpha_and_are_reported()
    {
        var path = GoldenRrFile(FiveMinutes);

        var standard = (await CliRun.Of("hrv", path, "-f", "json")).Json();
        var custom = (await CliRun.Of("hrv", path, "--dfa-scales", "5,12:13,40", "-f", "json")).Json();

        Assert.Equal("5,12:13,40", custom.GetProperty("conventions").GetProperty("dfaScales").GetString());
        Assert.NotEqual(standard.GetProperty("DFA_alpha1").GetDouble(), custom.GetProperty("DFA_alpha1").GetDouble());
    }

    [Theory]
    [InlineData("--dfa-scales", "4,16")]
    [InlineData("--dfa-scales", "2,16:16,64")]
    [InlineData("--dfa-scales", "4,16:16,x")]
    [InlineData("--dfa-scales", "16,4:16,64")]
    [InlineData("--spectrum", "burg")]
    [InlineData("--preset", "hrvanalysis")]
    [InlineData("--correction", "twice")]
    [InlineData("--correction", "iterative", "--no-correction")]
    public async Task Bad_researcher_options_exit_2(params string[] options)
    {
        var path = GoldenRrFile(FiveMinutes);

        var run = await CliRun.Of(["hrv", path, .. options]);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
    }

    [Fact]
    public async Task Rr_writes_the_intervals_that_hrv_then_reads()
    {
        var ecg = ReferenceDataFiles.Require($"ecg/{FiveMinutes}.ecg.csv");

        var run = await CliRun.Of("rr", ecg, "--rate", "100");
        Assert.Equal(0, run.ExitCode);
        var lines = run.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("t_s,rr_ms", lines[0]);
        Assert.Equal(430, lines.Length - 1);
        Assert.Equal("1.07,580", lines[1]);
        var rrFile = _dir.File("from-ecg.csv", run.Out);

        var viaFile = (await CliRun.Of("hrv", rrFile, "--preset", "neurokit2", "-f", "json")).Json();
        var direct = (await CliRun.Of("ecg", ecg, "--rate", "100", "--preset", "neurokit2", "--correction", "iterative", "-f", "json")).Json();

        // The same iterative correction on beat times instead of sample indices: no truncation to whole samples.
        Assert.Equal(direct.GetProperty("hrv").GetProperty("MeanNN").GetDouble(), viaFile.GetProperty("MeanNN").GetDouble(), 0.5);
    }

    [Fact]
    public async Task Rr_with_iterative_correction_writes_NeuroKit2s_intervals_to_a_file()
    {
        var ecg = ReferenceDataFiles.Require($"ecg/{FiveMinutes}.ecg.csv");
        var target = _dir.Combine("rr.csv");

        var run = await CliRun.Of("rr", ecg, "--rate", "100", "--correction", "iterative", "-o", target);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Out);
        var written = File.ReadAllLines(target).Skip(1).Select(l => double.Parse(l.Split(',')[1], CultureInfo.InvariantCulture)).ToArray();
        var golden = Golden(FiveMinutes).GetProperty("rr_ms").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        Assert.Equal(golden, written);
    }

    [Fact]
    public async Task Sync_reads_raw_ecg_with_an_ecg_rate()
    {
        var a = ReferenceDataFiles.Require("dyad/dyad_movesense_A.ecg200hz.csv");
        var b = ReferenceDataFiles.Require("dyad/dyad_movesense_B.ecg200hz.csv");

        var json = (await CliRun.Of("sync", a, b, "--ecg-rate", "200", "--surrogates", "0", "-f", "json")).Json();

        Assert.Equal("ECG", json.GetProperty("inputA").GetString());
        Assert.Equal("ECG", json.GetProperty("inputB").GetString());
        Assert.True(json.GetProperty("alignedOnWallClock").GetBoolean());
        Assert.InRange(json.GetProperty("durationS").GetDouble(), 300, 1200);
    }

    [Fact]
    public async Task Sync_on_raw_ecg_without_its_rate_exits_2()
    {
        var a = ReferenceDataFiles.Require("dyad/dyad_movesense_A.ecg200hz.csv");

        var run = await CliRun.Of("sync", a, a);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("--ecg-rate", run.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sync_and_dynamics_no_correction_uses_intervals_as_recorded()
    {
        var a = _dir.File("a.csv", Synthetic.RrColumn(900, 1) + "2400\n" + Synthetic.RrColumn(300, 3)[6..]);
        var b = _dir.File("b.csv", Synthetic.RrColumn(1200, 2));

        var corrected = (await CliRun.Of("sync", a, b, "--surrogates", "0", "-f", "json")).Json();
        var raw = (await CliRun.Of("sync", a, b, "--surrogates", "0", "--no-correction", "-f", "json")).Json();
        var dynamics = (await CliRun.Of("dynamics", a, b, "-m", "inertia-coordination", "--no-correction", "-f", "json")).Json();

        Assert.True(corrected.GetProperty("artifactsCorrectedA").GetInt32() > 0);
        Assert.Equal("kubios", corrected.GetProperty("artifactCorrection").GetString());
        Assert.Equal(0, raw.GetProperty("artifactsCorrectedA").GetInt32());
        Assert.Equal("none", raw.GetProperty("artifactCorrection").GetString());
        Assert.Equal("none", dynamics.GetProperty("artifactCorrection").GetString());
    }

    [Fact]
    public async Task Dynamics_coupled_oscillator_searches_the_given_tau_and_embedding_grid()
    {
        var a = _dir.File("a.csv", Synthetic.HeartRate(600, 0, seed: 1));
        var b = _dir.File("b.csv", Synthetic.HeartRate(600, 2, seed: 2));

        var json = (await CliRun.Of("dynamics", a, b, "-m", "coupled-oscillator", "--taus", "5", "--embeds", "6", "-f", "json")).Json();

        Assert.Equal(5, json.GetProperty("tau").GetInt32());
        Assert.Equal(6, json.GetProperty("embed").GetInt32());
        Assert.Equal("[5]", json.GetProperty("tauGrid").GetRawText().Replace(" ", "", StringComparison.Ordinal).Replace("\n", "", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("-m", "coupled-oscillator", "--embeds", "2")]
    [InlineData("-m", "coupled-oscillator", "--taus", "0")]
    [InlineData("-m", "coupled-oscillator", "--taus", "a,b")]
    [InlineData("-m", "inertia-coordination", "--taus", "2")]
    public async Task Dynamics_bad_grids_exit_2(params string[] options)
    {
        var a = _dir.File("a.csv", Synthetic.HeartRate(120, 0, seed: 1));

        var run = await CliRun.Of(["dynamics", a, a, .. options]);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
    }

    [Fact]
    public async Task Large_input_shows_no_progress_when_output_is_captured()
    {
        var ecg = ReferenceDataFiles.Require($"ecg/{FiveMinutes}.ecg.csv");
        Assert.True(new FileInfo(ecg).Length >= 512 << 10);

        var run = await CliRun.Of("ecg", ecg, "--rate", "100", "-f", "json");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Err);
    }
}
