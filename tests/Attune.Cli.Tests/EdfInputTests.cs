using System.Globalization;
using Attune.TestSupport;

namespace Attune.Cli.Tests;

public sealed class EdfInputTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    // The shared 5-minute ECG (100 Hz) quantised to 16 bits: ±5 mV over −32768…32767.
    private string FiveMinuteEdf(string label = "ECG II", string name = "rest.edf")
    {
        var lines = File.ReadAllLines(ReferenceDataFiles.Require("ecg/bio_resting_5min_100hz.ecg.csv"));
        var mv = lines.Skip(1).Select(l => double.Parse(l, CultureInfo.InvariantCulture)).ToArray();
        var resp = new EdfTestSignal("Resp", 25, -100, 100, -32768, 32767, i => (short)(i % 100));
        var ecg = new EdfTestSignal(label, 100, -5, 5, -32768, 32767, i => (short)Math.Round((mv[i] + 5) / 10 * 65535 - 32768));
        var path = _dir.Combine(name);
        File.WriteAllBytes(path, EdfFiles.Build([resp, ecg], records: mv.Length / 100, recordDurationS: 1, reserved: "EDF+C"));
        return path;
    }

    [Fact]
    public async Task Ecg_reads_an_edf_file_with_its_own_rate_and_ecg_channel()
    {
        var path = FiveMinuteEdf();

        var json = (await CliRun.Of("ecg", path, "-f", "json")).Json();

        Assert.Equal(100, json.GetProperty("sampleRateHz").GetDouble());
        Assert.Equal("ECG II", json.GetProperty("channel").GetString());
        // The same beats as the CSV (16-bit quantisation moves no R-peak).
        var csv = (await CliRun.Of("ecg", ReferenceDataFiles.Require("ecg/bio_resting_5min_100hz.ecg.csv"), "--rate", "100", "-f", "json")).Json();
        Assert.Equal(csv.GetProperty("rPeakIndices").GetRawText(), json.GetProperty("rPeakIndices").GetRawText());
    }

    [Fact]
    public async Task Ecg_channel_chooses_the_signal_by_label()
    {
        var path = FiveMinuteEdf(label: "Lead 2");

        var missing = await CliRun.Of("ecg", path);
        var chosen = (await CliRun.Of("ecg", path, "--channel", "lead 2", "-f", "json")).Json();

        Assert.Equal(ExitCodes.BadData, missing.ExitCode);
        Assert.Contains("'Lead 2'", missing.Err, StringComparison.Ordinal);
        Assert.Equal("Lead 2", chosen.GetProperty("channel").GetString());
    }

    [Fact]
    public async Task Ecg_rate_that_contradicts_the_edf_header_exits_2()
    {
        var path = FiveMinuteEdf();

        Assert.Equal(ExitCodes.Usage, (await CliRun.Of("ecg", path, "--rate", "250")).ExitCode);
        Assert.Equal(0, (await CliRun.Of("ecg", path, "--rate", "100")).ExitCode);
    }

    [Fact]
    public async Task Csv_ecg_still_needs_its_rate_and_takes_no_channel()
    {
        var csv = ReferenceDataFiles.Require("ecg/bio_resting_5min_100hz.ecg.csv");

        Assert.Equal(ExitCodes.Usage, (await CliRun.Of("ecg", csv)).ExitCode);
        Assert.Equal(ExitCodes.Usage, (await CliRun.Of("ecg", csv, "--rate", "100", "--channel", "ECG")).ExitCode);
    }

    [Fact]
    public async Task Malformed_edf_header_exits_4_naming_the_field()
    {
        var path = FiveMinuteEdf();
        File.WriteAllBytes(path, EdfFiles.Patch(File.ReadAllBytes(path), 244, 8, "-1"));

        var run = await CliRun.Of("ecg", path);

        Assert.Equal(ExitCodes.BadData, run.ExitCode);
        Assert.Contains("duration of a data record", run.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rr_and_sync_read_edf_too()
    {
        var a = FiveMinuteEdf(name: "a.edf");
        var b = FiveMinuteEdf(name: "b.edf");

        var rr = await CliRun.Of("rr", a);
        var sync = (await CliRun.Of("sync", a, b, "--surrogates", "0", "-f", "json")).Json();

        Assert.Equal(0, rr.ExitCode);
        Assert.StartsWith("timestamp,rr_ms\n", rr.Out, StringComparison.Ordinal);
        Assert.Equal("ECG", sync.GetProperty("inputA").GetString());
        Assert.True(sync.GetProperty("alignedOnWallClock").GetBoolean());
    }
}
