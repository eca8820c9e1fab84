using System.Text.Json;
using System.Xml.Linq;

namespace Attune.Cli.Tests;

public sealed class SyncCommandTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private (string A, string B) Pair(int seconds = 600)
    {
        // B follows A by 2 s; B is sampled 0.3 s out of step so the grid has to interpolate.
        var a = _dir.File("a.csv", Synthetic.HeartRate(seconds, delayS: 0, seed: 1));
        var b = _dir.File("b.csv", Synthetic.HeartRate(seconds, delayS: 2, seed: 2, offsetS: 0.3));
        return (a, b);
    }

    [Fact]
    public async Task A_leading_by_two_seconds_shows_positive_peak_lags()
    {
        var (a, b) = Pair();

        var json = (await CliRun.Of("sync", a, b, "--format", "json", "--surrogates", "20")).Json();

        var summary = json.GetProperty("summary");
        Assert.InRange(summary.GetProperty("meanPeakLagS").GetDouble(), 1.5, 2.5);
        Assert.True(summary.GetProperty("shareALeads").GetDouble() > 0.9);
        Assert.True(summary.GetProperty("meanPeakR").GetDouble() > 0.9);
        Assert.True(json.GetProperty("surrogateTest").GetProperty("pValue").GetDouble() < 0.1);
        Assert.False(string.IsNullOrWhiteSpace(json.GetProperty("reading").GetString()));
    }

    [Fact]
    public async Task Swapping_partners_mirrors_the_lags()
    {
        var (a, b) = Pair();

        var ab = (await CliRun.Of("sync", a, b, "--format", "json", "--surrogates", "0", "--matrix")).Json();
        var ba = (await CliRun.Of("sync", b, a, "--format", "json", "--surrogates", "0", "--matrix")).Json();

        var wab = ab.GetProperty("windows").EnumerateArray().ToArray();
        var wba = ba.GetProperty("windows").EnumerateArray().ToArray();
        Assert.Equal(wab.Length, wba.Length);
        Assert.NotEmpty(wab);
        for (var j = 0; j < wab.Length; j++)
        {
            Assert.Equal(wab[j].GetProperty("timeS").GetDouble(), wba[j].GetProperty("timeS").GetDouble(), 9);
            Assert.Equal(-wab[j].GetProperty("peakLagS").GetDouble(), wba[j].GetProperty("peakLagS").GetDouble(), 9);
            Assert.Equal(wab[j].GetProperty("peakR").GetDouble(), wba[j].GetProperty("peakR").GetDouble(), 9);
        }
        Assert.Equal(ab.GetProperty("summary").GetProperty("shareALeads").GetDouble(), ba.GetProperty("summary").GetProperty("shareBLeads").GetDouble(), 12);

        var mab = ab.GetProperty("matrix").GetProperty("values").EnumerateArray().ToArray();
        var mba = ba.GetProperty("matrix").GetProperty("values").EnumerateArray().ToArray();
        var lags = mab.Length;
        for (var l = 0; l < lags; l++)
        {
            var rowAb = mab[l].EnumerateArray().Select(Value).ToArray();
            var rowBa = mba[lags - 1 - l].EnumerateArray().Select(Value).ToArray();
            Assert.Equal(rowAb.Length, rowBa.Length);
            for (var w = 0; w < rowAb.Length; w++)
            {
                Assert.Equal(rowAb[w], rowBa[w], 9);
            }
        }
    }

    private static double Value(JsonElement e) => e.ValueKind == JsonValueKind.Null ? double.NaN : e.GetDouble();

    [Fact]
    public async Task Plot_writes_a_valid_svg_heat_map()
    {
        var (a, b) = Pair();
        var svg = _dir.Combine("sync.svg");

        var run = await CliRun.Of("sync", a, b, "--plot", svg, "--surrogates", "0");

        Assert.Equal(0, run.ExitCode);
        var doc = XDocument.Load(svg);
        XNamespace ns = "http://www.w3.org/2000/svg";
        Assert.Equal(ns + "svg", doc.Root!.Name);
        var cells = doc.Descendants(ns + "rect").Count();
        Assert.True(cells > 41 * 100, $"only {cells} rectangles");
        Assert.Contains("lag", doc.Root.Value, StringComparison.Ordinal);
        Assert.Contains("Heat map written", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rmea_mode_gives_rmea_summaries_and_a_plot()
    {
        var (a, b) = Pair();
        var svg = _dir.Combine("rmea.svg");

        var json = (await CliRun.Of("sync", a, b, "--rmea", "--rate", "4", "--window", "30", "--max-lag", "5", "--step", "1", "--plot", svg, "-f", "json")).Json();

        Assert.Equal("rMEA MEAccf-compatible", json.GetProperty("method").GetString());
        var grand = json.GetProperty("summary").GetProperty("grandAver").GetDouble();
        Assert.True(grand > 0, "with ABS the grand average is positive");
        var windows = json.GetProperty("windows").EnumerateArray().ToArray();
        Assert.NotEmpty(windows);
        // A leads by 2 s, so rMEA's bestLag (positive = s1 leads) sits near +2 s in most windows.
        var nearTwo = windows.Count(w => Math.Abs(w.GetProperty("bestLag").GetDouble() - 2) <= 0.5);
        Assert.True(nearTwo > windows.Length * 0.8, $"{nearTwo} of {windows.Length}");
        Assert.Equal("svg", XDocument.Load(svg).Root!.Name.LocalName);
    }

    [Fact]
    public async Task Rmea_with_a_fractional_step_is_a_usage_error()
    {
        var (a, b) = Pair(120);

        var run = await CliRun.Of("sync", a, b, "--rmea", "--step", "0.3");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
    }

    [Fact]
    public async Task Recordings_too_short_for_one_window_exit_5()
    {
        var (a, b) = Pair(20);

        var run = await CliRun.Of("sync", a, b);

        Assert.Equal(ExitCodes.NotEnoughData, run.ExitCode);
        Assert.Contains("--window", run.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rr_files_are_read_as_instantaneous_heart_rate()
    {
        var a = _dir.File("a.rr.csv", Synthetic.RrColumn(400, seed: 3));
        var b = _dir.File("b.rr.csv", Synthetic.RrColumn(400, seed: 4));

        var json = (await CliRun.Of("sync", a, b, "-f", "json", "--surrogates", "0")).Json();

        Assert.Equal("RR intervals", json.GetProperty("inputA").GetString());
        Assert.False(json.GetProperty("alignedOnWallClock").GetBoolean());
        Assert.True(json.GetProperty("windows").GetArrayLength() > 0);
    }

    [Fact]
    public async Task Files_with_clock_times_are_lined_up_on_the_clock()
    {
        // B's recording starts 100 s after A's; only the overlap is compared.
        static string Timed(int startUnix, int seconds, double delayS)
        {
            var text = new System.Text.StringBuilder("timestamp,hr\n");
            for (var i = 0; i < seconds; i++)
            {
                var t = startUnix + i;
                text.Append(System.Globalization.CultureInfo.InvariantCulture, $"{t},{Synthetic.Wave(t - delayS):0.###}\n");
            }
            return text.ToString();
        }
        var a = _dir.File("a.csv", Timed(1_700_000_000, 400, 0));
        var b = _dir.File("b.csv", Timed(1_700_000_100, 400, 2));

        var json = (await CliRun.Of("sync", a, b, "-f", "json", "--surrogates", "0")).Json();

        Assert.True(json.GetProperty("alignedOnWallClock").GetBoolean());
        Assert.InRange(json.GetProperty("durationS").GetDouble(), 290, 301);
        Assert.InRange(json.GetProperty("summary").GetProperty("meanPeakLagS").GetDouble(), 1.5, 2.5);
    }

    [Fact]
    public async Task One_file_with_clock_times_and_one_without_exits_4()
    {
        var a = _dir.File("a.csv", "timestamp,hr\n1700000000,70\n1700000001,71\n1700000002,72\n");
        var b = _dir.File("b.csv", "t_s,hr\n0,70\n1,71\n2,72\n");

        var run = await CliRun.Of("sync", a, b);

        Assert.Equal(ExitCodes.BadData, run.ExitCode);
    }

    [Fact]
    public async Task Recordings_that_do_not_overlap_in_time_exit_5_and_say_so()
    {
        var a = _dir.File("a.csv", "timestamp,hr\n1700000000,70\n1700000001,71\n1700000002,72\n");
        var b = _dir.File("b.csv", "timestamp,hr\n1700009000,70\n1700009001,71\n1700009002,72\n");

        var run = await CliRun.Of("sync", a, b);

        Assert.Equal(ExitCodes.NotEnoughData, run.ExitCode);
        Assert.Contains("do not overlap in time", run.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rmea_on_recordings_too_short_for_one_window_exits_5()
    {
        var (a, b) = Pair(20);

        var run = await CliRun.Of("sync", a, b, "--rmea", "--rate", "4", "--window", "30", "--step", "1");

        Assert.Equal(ExitCodes.NotEnoughData, run.ExitCode);
        Assert.Contains("--window", run.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_reading_words_chance_from_the_surrogate_test_with_p_and_count()
    {
        var (a, b) = Pair(300);

        var json = (await CliRun.Of("sync", a, b, "-f", "json", "--surrogates", "39")).Json();

        var test = json.GetProperty("surrogateTest");
        var verdict = test.GetProperty("verdict").GetString();
        Assert.True(verdict is "more than chance" or "no more than chance", verdict);
        Assert.Contains("39 shuffled pairings", json.GetProperty("reading").GetString(), StringComparison.Ordinal);
        Assert.Equal(test.GetProperty("pValue").GetDouble() < 0.05, verdict == "more than chance");
    }
}
