using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Attune.Cli.Tests;

public sealed class DynamicsAndFloodTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData("inertia-coordination", "inertia", "coordination")]
    [InlineData("coupled-oscillator", "frequency", "partnerDamping")]
    public async Task Dynamics_fits_both_models_with_standard_errors(string model, string first, string second)
    {
        var a = _dir.File("a.csv", Synthetic.HeartRate(600, 0, seed: 1));
        var b = _dir.File("b.csv", Synthetic.HeartRate(600, 2, seed: 2));

        var json = (await CliRun.Of("dynamics", a, b, "--model", model, "--format", "json")).Json();

        Assert.Equal(model, json.GetProperty("model").GetString());
        foreach (var person in (string[])["A", "B"])
        {
            foreach (var name in (string[])[first, second])
            {
                var p = json.GetProperty("parameters").GetProperty(person).GetProperty(name);
                Assert.Equal(JsonValueKind.Number, p.GetProperty("value").ValueKind);
                Assert.True(p.GetProperty("standardError").GetDouble() > 0);
            }
        }
        Assert.InRange(json.GetProperty("adjustedRSquared").GetDouble(), 0, 1);
        Assert.Contains("this recording", json.GetProperty("reading").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dynamics_table_shows_the_reading()
    {
        var a = _dir.File("a.csv", Synthetic.HeartRate(300, 0, seed: 1));
        var b = _dir.File("b.csv", Synthetic.HeartRate(300, 1, seed: 2));

        var run = await CliRun.Of("dynamics", a, b, "-m", "inertia-coordination", "--lag", "2");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("coordination", run.Out, StringComparison.Ordinal);
        Assert.Contains("Adjusted R²", run.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--model", "pendulum")]
    [InlineData("--model", "inertia-coordination", "--lag", "0")]
    [InlineData("--model", "inertia-coordination", "--rate", "0")]
    public async Task Dynamics_bad_options_exit_2(params string[] options)
    {
        var a = _dir.File("a.csv", Synthetic.HeartRate(60, 0, seed: 1));

        var run = await CliRun.Of(["dynamics", a, a, .. options]);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
    }

    [Fact]
    public async Task Dynamics_on_a_flat_recording_exits_5()
    {
        var flat = new StringBuilder("t_s,hr\n");
        for (var i = 0; i < 120; i++)
        {
            flat.Append(CultureInfo.InvariantCulture, $"{i},70\n");
        }
        var a = _dir.File("a.csv", flat.ToString());

        foreach (var model in (string[])["coupled-oscillator", "inertia-coordination"])
        {
            var run = await CliRun.Of("dynamics", a, a, "--model", model);

            Assert.Equal(ExitCodes.NotEnoughData, run.ExitCode);
            Assert.Contains("barely changes", run.Err, StringComparison.Ordinal);
        }
    }

    private static string RisingHeartRate()
    {
        // 75 bpm for 200 s, 115 bpm for 200 s, then 75 bpm again.
        var text = new StringBuilder("t_s,hr\n");
        for (var t = 0; t < 600; t++)
        {
            text.Append(CultureInfo.InvariantCulture, $"{t},{(t is >= 200 and < 400 ? 115 : 75)}\n");
        }
        return text.ToString();
    }

    [Fact]
    public async Task Flood_finds_the_period_above_100_bpm()
    {
        var path = _dir.File("hr.csv", RisingHeartRate());

        var json = (await CliRun.Of("flood", path, "--format", "json")).Json();

        var events = json.GetProperty("events").EnumerateArray().ToArray();
        var e = Assert.Single(events);
        Assert.InRange(e.GetProperty("startS").GetDouble(), 200, 210);
        Assert.InRange(e.GetProperty("endS").GetDouble(), 400, 410);
        Assert.Equal(115, e.GetProperty("peakBpm").GetDouble(), 6);
        Assert.Equal(100, json.GetProperty("thresholdBpm").GetDouble());
    }

    [Fact]
    public async Task Flood_reads_rr_files_too()
    {
        // 800 ms (75 bpm) beats, then 500 ms (120 bpm) beats for about 3 minutes, then 800 ms again.
        var text = new StringBuilder("rr_ms\n");
        for (var i = 0; i < 150; i++)
        {
            text.Append("800\n");
        }
        for (var i = 0; i < 360; i++)
        {
            text.Append("500\n");
        }
        for (var i = 0; i < 150; i++)
        {
            text.Append("800\n");
        }
        var path = _dir.File("rr.csv", text.ToString());

        var json = (await CliRun.Of("flood", path, "-f", "json")).Json();

        var e = Assert.Single(json.GetProperty("events").EnumerateArray());
        Assert.Equal(120, e.GetProperty("peakBpm").GetDouble(), 1);
    }

    [Fact]
    public async Task Flood_with_a_baseline_lowers_the_threshold()
    {
        var path = _dir.File("hr.csv", RisingHeartRate());

        var json = (await CliRun.Of("flood", path, "--baseline", "60", "-f", "json")).Json();

        Assert.Equal(66, json.GetProperty("thresholdBpm").GetDouble(), 9);
    }

    [Fact]
    public async Task Flood_table_says_when_nothing_was_found()
    {
        var path = _dir.File("calm.csv", Synthetic.HeartRate(300, 0, seed: 5));

        var run = await CliRun.Of("flood", path);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("No flooding", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Flood_on_less_than_a_minute_exits_5()
    {
        var path = _dir.File("short.csv", "t_s,hr\n0,110\n10,112\n20,115\n");

        var run = await CliRun.Of("flood", path);

        Assert.Equal(ExitCodes.NotEnoughData, run.ExitCode);
    }
}
