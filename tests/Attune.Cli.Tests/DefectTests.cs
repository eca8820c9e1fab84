using System.Text;

namespace Attune.Cli.Tests;

/// <summary>The defects listed in issue 9, each reproduced as it was reported.</summary>
public sealed class DefectTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    // A reader that serves 'x' forever and fails once more than 2 MiB have been asked for.
    private sealed class EndlessLine : TextReader
    {
        private long _served;

        public override int Read(char[] buffer, int index, int count)
        {
            _served += count;
            if (_served > 2 << 20)
            {
                throw new InvalidOperationException("read past 2 MiB looking for a header");
            }
            buffer.AsSpan(index, count).Fill('x');
            return count;
        }
    }

    [Fact]
    public void Header_detection_reads_at_most_one_mebibyte_of_a_huge_first_line()
    {
        Assert.Equal(HeartFileKind.RrIntervals, Inputs.DetectKind(new EndlessLine()));
    }

    [Fact]
    public void Header_detection_still_finds_a_header_after_blank_lines()
    {
        Assert.Equal(HeartFileKind.HeartRate, Inputs.DetectKind(new StringReader("\n  \r\nt_s,hr\r\n0,70\n")));
    }

    [Theory]
    [InlineData("sync")]
    [InlineData("dynamics")]
    [InlineData("flood")]
    public async Task A_two_mebibyte_first_line_is_bad_data_not_a_crash(string command)
    {
        var huge = _dir.File("huge.csv", new string('x', 2 << 20) + "\n800\n");
        var other = _dir.File("b.csv", Synthetic.HeartRate(120, 0, seed: 1));
        string[] args = command switch
        {
            "sync" => ["sync", huge, other],
            "dynamics" => ["dynamics", huge, other, "--model", "inertia-coordination"],
            _ => ["flood", huge],
        };

        var run = await CliRun.Of(args);

        Assert.Equal(ExitCodes.BadData, run.ExitCode);
    }

    [Theory]
    [InlineData("sync")]
    [InlineData("dynamics")]
    public async Task A_grid_rate_of_a_megahertz_is_a_usage_error(string command)
    {
        var a = _dir.File("a.csv", Synthetic.HeartRate(120, 0, seed: 1));
        string[] args = command == "sync" ? ["sync", a, a, "--rate", "1e6"] : ["dynamics", a, a, "-m", "inertia-coordination", "--rate", "1e6"];

        var run = await CliRun.Of(args);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("100", run.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_rr_value_of_1e300_is_bad_data_naming_the_line()
    {
        var path = _dir.File("rr.csv", "rr_ms\n800\n810\n1e300\n790\n800\n805\n");

        var run = await CliRun.Of("hrv", path);

        Assert.Equal(ExitCodes.BadData, run.ExitCode);
        Assert.Contains("line 4", run.Err, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0.5")]
    [InlineData("1e12")]
    public async Task An_ecg_rate_outside_what_an_ecg_can_be_is_a_usage_error(string rate)
    {
        var ecg = new StringBuilder("ecg\n");
        for (var i = 0; i < 2000; i++)
        {
            ecg.Append(Math.Sin(i / 10.0).ToString(System.Globalization.CultureInfo.InvariantCulture)).Append('\n');
        }
        var path = _dir.File("ecg.csv", ecg.ToString());

        var run = await CliRun.Of("ecg", path, "--rate", rate);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
    }

    [Fact]
    public async Task A_step_between_grid_samples_is_refused_instead_of_rounded()
    {
        var a = _dir.File("a.csv", Synthetic.HeartRate(300, 0, seed: 1));
        var b = _dir.File("b.csv", Synthetic.HeartRate(300, 1, seed: 2));

        var run = await CliRun.Of("sync", a, b, "--step", "0.3", "-f", "json", "--surrogates", "0");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("0.25", run.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_step_on_the_grid_is_reported_as_used()
    {
        var a = _dir.File("a.csv", Synthetic.HeartRate(300, 0, seed: 1));
        var b = _dir.File("b.csv", Synthetic.HeartRate(300, 1, seed: 2));

        var json = (await CliRun.Of("sync", a, b, "--step", "0.25", "-f", "json", "--surrogates", "0")).Json();

        Assert.Equal(0.25, json.GetProperty("options").GetProperty("stepS").GetDouble());
    }

    [Fact]
    public async Task A_constant_rr_series_reports_no_lf_hf_ratio()
    {
        var path = _dir.File("const.csv", "rr_ms\n" + string.Concat(Enumerable.Repeat("800\n", 600)));

        var json = (await CliRun.Of("hrv", path, "-f", "json")).Json();

        foreach (var name in (string[])["LFHF", "LFnu", "HFnu"])
        {
            Assert.Equal(System.Text.Json.JsonValueKind.Null, json.GetProperty(name).ValueKind);
        }
        Assert.Equal(0, json.GetProperty("LF").GetDouble());
    }
}
