using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Attune.Analysis.Flooding;
using Spectre.Console;

namespace Attune.Cli.Commands;

/// <summary><c>attune flood FILE</c>: periods of sustained high heart rate ("flooding").</summary>
internal static class FloodCommand
{
    public static Command Create(CliContext context)
    {
        var file = new Argument<string>("FILE") { Description = "Heart rate (t_s,hr or timestamp,hr) or RR intervals (rr_ms, t_s,rr_ms, timestamp,rr)." };
        var baseline = new Option<double?>("--baseline", "-b") { Description = "Your resting heart rate in bpm; a rise of 10 % above it also counts (default: only the 100 bpm threshold)." };
        baseline.Validators.Add(r =>
        {
            if (Validation.TryGet(r, out double? b0) && b0 is double b && (!double.IsFinite(b) || b <= 0))
            {
                r.AddError(string.Create(CultureInfo.InvariantCulture, $"--baseline must be a positive number of bpm; got {b}."));
            }
        });
        var format = Formats.Option(Formats.Table, Formats.Json);
        var command = new Command("flood", "Find periods when heart rate stayed well above resting (100 bpm, or 10 % over your baseline) for at least a minute.")
        {
            file, baseline, format,
        };
        command.SetAction(parse =>
        {
            var path = parse.GetRequiredValue(file);
            var size = Inputs.RequireFile(path);
            var baselineBpm = parse.GetValue(baseline);
            var options = FloodingOptions.Default;
            var (signal, kind, _) = ProgressDisplay.Run(context, size, progress => Inputs.ReadHeartSignal(path, progress));
            var duration = signal.Count == 0 ? 0 : signal.TimesS[^1] - signal.TimesS[0];
            if (duration < options.MinimumDurationS)
            {
                throw new CliException(ExitCodes.NotEnoughData, string.Create(CultureInfo.InvariantCulture,
                    $"{path}: the recording covers {duration:0.#} s; at least {options.MinimumDurationS:0} s are needed to tell a lasting rise from a brief one."));
            }
            var events = FloodingDetector.Detect(signal.TimesS, signal.Values, baselineBpm, options);
            var threshold = FloodingDetector.Threshold(baselineBpm, options);
            if (parse.GetRequiredValue(format) == Formats.Json)
            {
                var list = new JsonArray();
                foreach (var e in events)
                {
                    list.Add(new JsonObject
                    {
                        ["startS"] = Output.Json(e.StartS),
                        ["endS"] = Output.Json(e.EndS),
                        ["durationS"] = Output.Json(e.DurationS),
                        ["peakBpm"] = Output.Json(e.PeakBpm),
                        ["peakTimeS"] = Output.Json(e.PeakTimeS),
                        ["start"] = Output.WallClock(signal.Start, e.StartS),
                        ["end"] = Output.WallClock(signal.Start, e.EndS),
                        ["endedByData"] = e.EndedByData,
                    });
                }
                Output.WriteJson(context, new JsonObject
                {
                    ["file"] = path,
                    ["input"] = kind == HeartFileKind.HeartRate ? "heart rate" : "RR intervals",
                    ["thresholdBpm"] = Output.Json(threshold),
                    ["baselineBpm"] = Output.Json(baselineBpm),
                    ["events"] = list,
                });
                return ExitCodes.Ok;
            }
            var console = Output.Console(context);
            if (events.Count == 0)
            {
                console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"No flooding found in {Path.GetFileName(path)}: your smoothed heart rate did not stay above {threshold:0.#} bpm for a minute or more."));
                return ExitCodes.Ok;
            }
            var table = new Table().AddColumn("#").AddColumn("Start").AddColumn("End").AddColumn("Duration").AddColumn(new TableColumn("Peak bpm").RightAligned()).AddColumn("Peak at");
            for (var i = 0; i < events.Count; i++)
            {
                var e = events[i];
                table.AddRow((i + 1).ToString(CultureInfo.InvariantCulture), Output.Clock(e.StartS), Output.Clock(e.EndS) + (e.EndedByData ? " (data ended)" : ""),
                    Output.Clock(e.DurationS), Output.Number(e.PeakBpm, "0.#"), Output.Clock(e.PeakTimeS));
            }
            console.MarkupLine(string.Create(CultureInfo.InvariantCulture,
                $"[bold]{Markup.Escape(Path.GetFileName(path))}[/]: {events.Count} period(s) with heart rate above {threshold:0.#} bpm for a minute or more."));
            console.Write(table);
            console.WriteLine("When your heart races like this, it is hard for anyone to listen well. If this was during a difficult talk, " +
                "a break of about 20 minutes doing something soothing can help before coming back to it.");
            return ExitCodes.Ok;
        });
        return command;
    }
}
