using System.CommandLine;
using System.Globalization;
using System.Text;
using Attune.Analysis.Ecg;

namespace Attune.Cli.Commands;

/// <summary><c>attune rr ECG --rate HZ</c>: the RR intervals of a raw ECG, as a file the other commands read.</summary>
internal static class RrCommand
{
    public static Command Create(CliContext context)
    {
        var file = new Argument<string>("ECG") { Description = "Raw ECG: a CSV with an ecg column, or timestamp_unix_s,ecg (gaps are kept apart), or an EDF/EDF+ file." };
        var rate = EcgOptions.Rate();
        var channel = EcgOptions.Channel();
        var correction = new Option<string>("--correction")
        {
            Description = "Artifact correction before writing: none (the default: the intervals as detected), kubios (one pass) or iterative (NeuroKit2's).",
            DefaultValueFactory = _ => "none",
        };
        correction.AcceptOnlyFromAmong("none", "kubios", "iterative");
        var output = new Option<string?>("--output", "-o") { Description = "Write the RR file here instead of to standard output." };
        var command = new Command("rr", "Find R-peaks in a raw ECG and write the RR intervals as t_s,rr_ms (timestamp,rr_ms when the ECG has clock times).")
        {
            file, rate, channel, correction, output,
        };
        command.SetAction(parse =>
        {
            var path = parse.GetRequiredValue(file);
            var mode = parse.GetValue(correction) switch
            {
                "kubios" => CorrectionMode.Kubios,
                "iterative" => CorrectionMode.Iterative,
                _ => CorrectionMode.None,
            };
            var size = Inputs.RequireFile(path);
            var series = ProgressDisplay.Run(context, size, progress =>
            {
                var (ecg, _) = Inputs.ReadEcg(path, parse.GetValue(rate), parse.GetValue(channel), progress);
                progress.Stage("Finding R-peaks");
                var found = NeuroKitPeakDetector.Detect(ecg);
                var (_, corrected) = EcgBeats.Correct(found, mode, progress);
                return corrected?.Corrected ?? found.ToRrSeries();
            });
            if (series.Count == 0)
            {
                throw new CliException(ExitCodes.NotEnoughData,
                    $"{path}: no heartbeats could be found in this ECG. Please check the sample rate and that the sensor had good skin contact.");
            }
            var text = new StringBuilder(series.Count * 24);
            var start = series.Start;
            text.Append(start is null ? "t_s,rr_ms\n" : "timestamp,rr_ms\n");
            var rr = series.IntervalsMs;
            var t = series.BeatTimesS;
            var origin = start is { } s ? (s - DateTimeOffset.UnixEpoch).TotalSeconds : 0;
            for (var i = 0; i < rr.Length; i++)
            {
                var time = start is null ? t[i] : origin + t[i];
                text.Append(time.ToString("R", CultureInfo.InvariantCulture)).Append(',')
                    .Append(rr[i].ToString("R", CultureInfo.InvariantCulture)).Append('\n');
            }
            if (parse.GetValue(output) is { } target)
            {
                try
                {
                    File.WriteAllText(target, text.ToString());
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    throw new CliException(ExitCodes.FileUnreadable, $"{target}: cannot write the RR file ({e.Message}).");
                }
                context.Err.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{series.Count:N0} RR intervals written to {target}."));
            }
            else
            {
                context.Out.Write(text.ToString());
            }
            return ExitCodes.Ok;
        });
        return command;
    }
}
