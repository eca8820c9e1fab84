using System.Globalization;
using System.Text;
using Attune.TestSupport;

namespace Attune.Cli.Tests;

public sealed class EcgCommandTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData("ecg/bio_resting_5min_100hz.ecg.csv", 100, 300, 500)]
    [InlineData("ecg/ecg_1000hz.ecg.csv", 1000, 40, 70)]
    public async Task Real_reference_ecg_gives_peaks_and_hrv(string file, int rate, int minPeaks, int maxPeaks)
    {
        var path = ReferenceDataFiles.Require(file);

        var json = (await CliRun.Of("ecg", path, "--rate", rate.ToString(CultureInfo.InvariantCulture), "--format", "json")).Json();

        var count = json.GetProperty("rPeakCount").GetInt32();
        Assert.InRange(count, minPeaks, maxPeaks);
        var indices = json.GetProperty("rPeakIndices").EnumerateArray().Select(e => e.GetInt32()).ToArray();
        Assert.Equal(count, indices.Length);
        Assert.True(indices.Zip(indices.Skip(1)).All(p => p.First < p.Second), "peak indices must increase");
        var hrv = json.GetProperty("hrv");
        Assert.InRange(hrv.GetProperty("MeanNN").GetDouble(), 400, 1500);
        Assert.InRange(hrv.GetProperty("RMSSD").GetDouble(), 1, 300);
        Assert.True(hrv.GetProperty("artifacts").TryGetProperty("Total", out _));
    }

    [Fact]
    public async Task Real_two_person_ecg_with_bluetooth_gaps_gives_peaks_within_segments()
    {
        const string file = "dyad/dyad_movesense_A.ecg200hz.csv";
        var path = ReferenceDataFiles.Require(file);

        var json = (await CliRun.Of("ecg", path, "--rate", "200", "-f", "json")).Json();

        // About 12 minutes of recording at 60–100 bpm, with drop-outs where no beat can be found.
        Assert.InRange(json.GetProperty("rPeakCount").GetInt32(), 500, 1500);
        Assert.InRange(json.GetProperty("hrv").GetProperty("MeanNN").GetDouble(), 400, 1200);
    }

    [Fact]
    public async Task Flat_ecg_exits_5_without_crashing()
    {
        var text = new StringBuilder("ecg\n");
        for (var i = 0; i < 2500; i++)
        {
            text.Append("0.1\n");
        }
        var path = _dir.File("flat.csv", text.ToString());

        var run = await CliRun.Of("ecg", path, "--rate", "250");

        Assert.Equal(ExitCodes.NotEnoughData, run.ExitCode);
        Assert.Contains(path, run.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Csv_output_has_peak_count_and_hrv_in_one_row()
    {
        var path = ReferenceDataFiles.Require("ecg/bio_resting_5min_100hz.ecg.csv");

        var run = await CliRun.Of("ecg", path, "--rate", "100", "--format", "csv");

        Assert.Equal(0, run.ExitCode);
        var lines = run.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("file,rPeakCount,", lines[0], StringComparison.Ordinal);
    }
}
