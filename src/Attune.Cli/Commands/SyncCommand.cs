using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Attune.Analysis;
using Attune.Analysis.Synchrony;
using Spectre.Console;

namespace Attune.Cli.Commands;

/// <summary><c>attune sync A B</c>: windowed lagged cross-correlation of two people's heart rates.</summary>
internal static class SyncCommand
{
    public static Command Create(CliContext context)
    {
        var fileA = new Argument<string>("A") { Description = "Person A: RR intervals (with beat times) or heart rate (t_s,hr / timestamp,hr)." };
        var fileB = new Argument<string>("B") { Description = "Person B, in the same kind of layout." };
        var rate = new Option<double>("--rate") { Description = "Common grid rate in Hz.", DefaultValueFactory = _ => CommonGrid.DefaultRateHz }.Between(GridRates.MinimumHz, GridRates.MaximumHz, GridRates.Why);
        var window = new Option<double>("--window") { Description = "Window length in seconds.", DefaultValueFactory = _ => 30 }.Positive();
        var maxLag = new Option<double>("--max-lag") { Description = "Largest lag in seconds, both ways.", DefaultValueFactory = _ => 5 }.NotNegative();
        var step = new Option<double>("--step") { Description = "Window step in seconds.", DefaultValueFactory = _ => 0.5 }.Positive();
        var rmea = new Option<bool>("--rmea") { Description = "Reproduce rMEA's MEAccf windows and summaries (Fisher z and absolute values, as rMEA does by default)." };
        var noFisher = new Option<bool>("--no-fisher-z") { Description = "With --rmea: keep r instead of Fisher's z." };
        var signed = new Option<bool>("--signed") { Description = "With --rmea: keep the sign instead of absolute values." };
        var surrogates = new Option<int>("--surrogates") { Description = "Segment-shuffled surrogates for the significance test (0 skips it).", DefaultValueFactory = _ => SegmentShuffleSurrogates.DefaultCount }.AtLeast(0);
        var plot = new Option<string?>("--plot") { Description = "Write the lag × time heat map to this SVG file." };
        var matrix = new Option<bool>("--matrix") { Description = "Include the full lag × time matrix in the JSON output." };
        var format = Formats.Option(Formats.Table, Formats.Json);
        var ecgRate = DyadOptions.EcgRate();
        var noCorrection = DyadOptions.NoCorrection();
        var command = new Command("sync", "How two people's heart rates move together over time, and who tends to lead (windowed lagged cross-correlation, Boker et al. 2002).")
        {
            fileA, fileB, rate, window, maxLag, step, rmea, noFisher, signed, surrogates, plot, matrix, format, ecgRate, noCorrection,
        };
        command.SetAction(parse =>
        {
            var settings = new Settings(
                parse.GetValue(rate), parse.GetValue(window), parse.GetValue(maxLag), parse.GetValue(step),
                parse.GetValue(surrogates), parse.GetValue(plot), parse.GetValue(matrix), parse.GetRequiredValue(format));
            CheckWholeSamples(settings, parse.GetValue(rmea));
            var dyad = DyadInput.Read(context, parse.GetRequiredValue(fileA), parse.GetRequiredValue(fileB), settings.RateHz,
                correct: !parse.GetValue(noCorrection), ecgRateHz: parse.GetValue(ecgRate));
            return parse.GetValue(rmea)
                ? RunRmea(context, dyad, settings, !parse.GetValue(noFisher), !parse.GetValue(signed))
                : RunBoker(context, dyad, settings);
        });
        return command;
    }

    private sealed record Settings(double RateHz, double WindowS, double MaxLagS, double StepS, int Surrogates, string? Plot, bool Matrix, string Format);

    private static int RunBoker(CliContext context, DyadInput dyad, Settings s)
    {
        var options = new WindowedCrossCorrelationOptions(s.WindowS, s.MaxLagS, s.StepS);
        WindowedSynchronyResult result;
        try
        {
            result = ProgressDisplay.Run(context, dyad.InputBytes, progress =>
            {
                progress.Stage(s.Surrogates > 0 ? $"Cross-correlating, and {s.Surrogates} shuffled surrogates" : "Cross-correlating");
                return WindowedSynchrony.Analyze(dyad.Grid, options, s.Surrogates);
            });
        }
        catch (ArgumentException e)
        {
            throw new CliException(ExitCodes.Usage, "These settings do not work together: " + e.Message);
        }
        var m = result.Matrix;
        if (m.WindowCount == 0)
        {
            throw new CliException(ExitCodes.NotEnoughData, string.Create(CultureInfo.InvariantCulture,
                $"The two recordings overlap for {dyad.Grid.DurationS:0.#} s, too short for one {s.WindowS:0.#}-s window with lags of ±{s.MaxLagS:0.#} s. Please use longer recordings or a shorter --window."));
        }
        var test = result.Surrogates;
        var startS = dyad.Grid.FirstSampleS;
        if (s.Plot is { } plotPath)
        {
            WritePlot(plotPath, HeatMapSvg.Render($"Heart-rate synchrony: {Path.GetFileName(dyad.FileA)} (A) and {Path.GetFileName(dyad.FileB)} (B)",
                m.LagCount, m.WindowCount, (l, w) => m.Values[l * m.WindowCount + w], m.LagS, w => startS + m.WindowCentreS(w)));
        }
        var summary = result.Summary;
        var reading = Reading(summary, test);
        if (s.Format == Formats.Json)
        {
            var windows = new JsonArray();
            for (var j = 0; j < m.WindowCount; j++)
            {
                windows.Add(new JsonObject
                {
                    ["timeS"] = Output.Json(startS + m.WindowCentreS(j)),
                    ["peakLagS"] = Output.Json(result.Peaks.PeakLagS[j]),
                    ["peakR"] = Output.Json(result.Peaks.PeakR[j]),
                });
            }
            var json = dyad.ToJson();
            json["method"] = "windowed lagged cross-correlation (Boker et al. 2002)";
            json["options"] = new JsonObject { ["windowS"] = s.WindowS, ["maxLagS"] = s.MaxLagS, ["stepS"] = s.StepS, ["surrogates"] = s.Surrogates };
            json["summary"] = new JsonObject
            {
                ["meanAbsR"] = Output.Json(summary.MeanAbsR),
                ["meanPeakR"] = Output.Json(summary.MeanPeakR),
                ["meanPeakLagS"] = Output.Json(summary.MeanPeakLagS),
                ["shareALeads"] = Output.Json(summary.ShareALeads),
                ["shareBLeads"] = Output.Json(summary.ShareBLeads),
                ["shareInPhase"] = Output.Json(summary.ShareInPhase),
                ["windowsWithPeak"] = summary.WindowsWithPeak,
                ["windowsWithoutPeak"] = summary.WindowsWithoutPeak,
                ["windowsSkipped"] = summary.WindowsSkipped,
            };
            json["surrogateTest"] = test is null ? null : new JsonObject
            {
                ["observedMeanAbsR"] = Output.Json(test.ObservedMeanAbsR),
                ["surrogateMeanAbsR"] = Output.Json(test.SurrogateMeanAbsR),
                ["surrogateSdAbsR"] = Output.Json(test.SurrogateSdAbsR),
                ["pValue"] = Output.Json(test.PValue),
                ["effectSizeZ"] = Output.Json(test.EffectSizeZ),
                ["surrogateCount"] = test.SurrogateCount,
                ["seed"] = test.Seed,
                ["verdict"] = ChanceVerdict.From(test).Outcome switch
                {
                    ChanceOutcome.MoreThanChance => "more than chance",
                    ChanceOutcome.NoMoreThanChance => "no more than chance",
                    _ => "not tested",
                },
            };
            json["reading"] = reading;
            json["windows"] = windows;
            if (s.Matrix)
            {
                json["matrix"] = MatrixJson(m.LagCount, m.WindowCount, m.LagS, (l, w) => m.Values[l * m.WindowCount + w]);
            }
            Output.WriteJson(context, json);
            return ExitCodes.Ok;
        }
        var console = Output.Console(context);
        console.MarkupLine(string.Create(CultureInfo.InvariantCulture,
            $"[bold]Synchrony[/] of {Markup.Escape(Path.GetFileName(dyad.FileA))} (A) and {Markup.Escape(Path.GetFileName(dyad.FileB))} (B): {Output.Clock(dyad.Grid.DurationS)} together, {m.WindowCount:N0} windows of {s.WindowS:0.#} s, lags ±{s.MaxLagS:0.#} s."));
        console.WriteLine(dyad.AlignmentNote);
        var table = new Table().AddColumn("Measure").AddColumn(new TableColumn("Value").RightAligned());
        table.AddRow("Mean |r| (all lags and windows)", Output.Number(summary.MeanAbsR));
        table.AddRow("Mean r at peaks", Output.Number(summary.MeanPeakR));
        table.AddRow("Mean peak lag (s, + = A leads)", Output.Number(summary.MeanPeakLagS));
        table.AddRow("Windows where A leads", Percent(summary.ShareALeads));
        table.AddRow("Windows where B leads", Percent(summary.ShareBLeads));
        table.AddRow("Windows in phase", Percent(summary.ShareInPhase));
        table.AddRow("Windows with / without a peak, skipped", string.Create(CultureInfo.InvariantCulture, $"{summary.WindowsWithPeak} / {summary.WindowsWithoutPeak}, {summary.WindowsSkipped}"));
        if (test is not null)
        {
            table.AddRow(string.Create(CultureInfo.InvariantCulture, $"Surrogate mean |r| ({test.SurrogateCount} shuffles)"), Output.Number(test.SurrogateMeanAbsR));
            table.AddRow("p (observed vs shuffled)", Output.Number(test.PValue, "0.####"));
        }
        console.Write(table);
        console.WriteLine(reading);
        if (s.Plot is not null)
        {
            console.WriteLine($"Heat map written to {s.Plot}.");
        }
        return ExitCodes.Ok;
    }

    private static int RunRmea(CliContext context, DyadInput dyad, Settings s, bool fisherZ, bool abs)
    {
        RmeaCcfResult result;
        try
        {
            result = RmeaCompatible.MeaCcf(dyad.Grid.A, dyad.Grid.B, (int)Math.Round(s.RateHz), s.MaxLagS, s.WindowS, s.StepS, fisherZ, abs);
        }
        catch (InsufficientDataException)
        {
            throw new CliException(ExitCodes.NotEnoughData, string.Create(CultureInfo.InvariantCulture,
                $"The two recordings overlap for {dyad.Grid.DurationS:0.#} s, too short for one {s.WindowS:0.#}-s window plus {s.MaxLagS:0.#} s of lag. Please use longer recordings or a shorter --window."));
        }
        var startS = dyad.Grid.FirstSampleS;
        if (s.Plot is { } plotPath)
        {
            // Plotted as r whatever the table holds: Fisher z is turned back with tanh.
            WritePlot(plotPath, HeatMapSvg.Render($"rMEA-compatible synchrony: {Path.GetFileName(dyad.FileA)} (A) and {Path.GetFileName(dyad.FileB)} (B)",
                result.LagCount, result.WindowCount, (l, w) => ToR(result.Values[w * result.LagCount + l], fisherZ),
                l => (l - result.LagSamples) / (double)result.SampRate, w => startS + result.WindowStartS[w] + s.WindowS / 2));
        }
        if (s.Format == Formats.Json)
        {
            var windows = new JsonArray();
            for (var j = 0; j < result.WindowCount; j++)
            {
                windows.Add(new JsonObject
                {
                    ["startS"] = Output.Json(startS + result.WindowStartS[j]),
                    ["lag_zero"] = Output.Json(result.LagZero[j]),
                    ["all_lags"] = Output.Json(result.AllLags[j]),
                    ["s1_lead"] = Output.Json(result.S1Lead[j]),
                    ["s2_lead"] = Output.Json(result.S2Lead[j]),
                    ["bestLag"] = Output.Json(result.BestLagS[j]),
                    ["bestValue"] = Output.Json(result.BestValue[j]),
                });
            }
            var json = dyad.ToJson();
            json["method"] = "rMEA MEAccf-compatible";
            json["options"] = new JsonObject { ["winSec"] = s.WindowS, ["lagSec"] = s.MaxLagS, ["incSec"] = s.StepS, ["r2Z"] = fisherZ, ["ABS"] = abs };
            json["summary"] = new JsonObject
            {
                ["grandAver"] = Output.Json(result.GrandAver),
                ["meanLagZero"] = Output.Json(result.MeanLagZero),
                ["meanBestValue"] = Output.Json(result.MeanBestValue),
                ["windows"] = result.WindowCount,
            };
            json["windows"] = windows;
            if (s.Matrix)
            {
                json["matrix"] = MatrixJson(result.LagCount, result.WindowCount, l => (l - result.LagSamples) / (double)result.SampRate,
                    (l, w) => result.Values[w * result.LagCount + l]);
            }
            Output.WriteJson(context, json);
            return ExitCodes.Ok;
        }
        var console = Output.Console(context);
        console.MarkupLine(string.Create(CultureInfo.InvariantCulture,
            $"[bold]rMEA-compatible synchrony[/] of {Markup.Escape(Path.GetFileName(dyad.FileA))} (s1) and {Markup.Escape(Path.GetFileName(dyad.FileB))} (s2): {result.WindowCount:N0} windows."));
        console.WriteLine(dyad.AlignmentNote);
        var unit = (fisherZ ? "Fisher z" : "r") + (abs ? ", absolute" : "");
        var table = new Table().AddColumn("Summary").AddColumn(new TableColumn("Value").RightAligned());
        table.AddRow($"grandAver ({unit})", Output.Number(result.GrandAver));
        table.AddRow("mean lag_zero", Output.Number(result.MeanLagZero));
        table.AddRow("mean best value", Output.Number(result.MeanBestValue));
        console.Write(table);
        if (s.Plot is not null)
        {
            console.WriteLine($"Heat map written to {s.Plot}.");
        }
        return ExitCodes.Ok;
    }

    private static double ToR(double v, bool fisherZ) => fisherZ ? Math.Tanh(v) : v;

    // The analysis works in whole grid samples; a value between samples would be rounded while the
    // output still named the value asked for, so it is refused instead.
    private static void CheckWholeSamples(Settings s, bool rmea)
    {
        static bool Whole(double x) => Math.Abs(x - Math.Round(x)) < 1e-9;
        if (rmea && !Whole(s.RateHz))
        {
            throw new CliException(ExitCodes.Usage, string.Create(CultureInfo.InvariantCulture,
                $"With --rmea the rate must be a whole number of Hz (got {s.RateHz})."));
        }
        if (!Whole(s.WindowS * s.RateHz) || !Whole(s.MaxLagS * s.RateHz) || !Whole(s.StepS * s.RateHz))
        {
            throw new CliException(ExitCodes.Usage, string.Create(CultureInfo.InvariantCulture,
                $"--window, --max-lag and --step must be whole numbers of grid samples of {1 / s.RateHz:0.####} s at --rate {s.RateHz} Hz (got window {s.WindowS}, max-lag {s.MaxLagS}, step {s.StepS}). For example use --step {Math.Max(1, Math.Round(s.StepS * s.RateHz)) / s.RateHz:0.####}."));
        }
    }

    private static JsonObject MatrixJson(int lagCount, int windowCount, Func<int, double> lagS, Func<int, int, double> value)
    {
        var lags = new JsonArray();
        var rows = new JsonArray();
        for (var l = 0; l < lagCount; l++)
        {
            lags.Add(lagS(l));
            var row = new JsonArray();
            for (var w = 0; w < windowCount; w++)
            {
                row.Add(Output.Json(value(l, w)));
            }
            rows.Add(row);
        }
        return new JsonObject { ["lagsS"] = lags, ["values"] = rows };
    }

    private static void WritePlot(string path, string svg)
    {
        try
        {
            File.WriteAllText(path, svg);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new CliException(ExitCodes.FileUnreadable, $"{path}: cannot write the plot here ({e.Message}).");
        }
    }

    private static string Percent(double share) => double.IsFinite(share) ? (share * 100).ToString("0", CultureInfo.InvariantCulture) + " %" : "–";

    private static string Reading(SynchronySummary summary, SurrogateTestResult? test)
    {
        var parts = new List<string>();
        var chance = ChanceVerdict.From(test);
        if (chance.Outcome != ChanceOutcome.NotTested)
        {
            parts.Add(chance.Sentence);
        }
        if (summary.WindowsWithPeak > 0)
        {
            var lead = summary.ShareALeads - summary.ShareBLeads;
            parts.Add(Math.Abs(lead) < 0.1
                ? "Neither of you clearly led: changes came from both sides about equally."
                : lead > 0
                    ? "A's changes more often came first, with B's following a moment later."
                    : "B's changes more often came first, with A's following a moment later.");
        }
        else
        {
            parts.Add("No window showed a clear peak of shared movement.");
        }
        return string.Join(" ", parts);
    }
}
