using System.CommandLine;
using System.Globalization;
using Attune.Analysis.Ecg;
using Spectre.Console;

namespace Attune.Cli.Commands;

/// <summary><c>attune ecg FILE --rate HZ</c>: R-peaks of a raw ECG, then the HRV of the beats found.</summary>
internal static class EcgCommand
{
    public static Command Create(CliContext context)
    {
        var file = new Argument<string>("FILE") { Description = "Raw ECG: a CSV with an ecg column, or timestamp_unix_s,ecg (gaps are kept apart), or an EDF/EDF+ file." };
        var rate = EcgOptions.Rate();
        var channel = EcgOptions.Channel();
        var format = Formats.Option(Formats.Table, Formats.Json, Formats.Csv);
        var settings = new HrvSettings();
        var command = new Command("ecg", "Find R-peaks in a raw ECG (NeuroKit2's method) and report the HRV of the beats.")
        {
            file, rate, channel, format,
        };
        settings.AddTo(command);
        command.SetAction(parse =>
        {
            var (options, correction, conventions) = settings.Read(parse);
            var path = parse.GetRequiredValue(file);
            var size = Inputs.RequireFile(path);
            var hz = 0.0;
            string? channelLabel = null;
            var (peaks, samples, hrv) = ProgressDisplay.Run(context, size, progress =>
            {
                var (ecg, label) = Inputs.ReadEcg(path, parse.GetValue(rate), parse.GetValue(channel), progress);
                hz = ecg.SampleRateHz;
                channelLabel = label;
                progress.Stage("Finding R-peaks");
                var found = NeuroKitPeakDetector.Detect(ecg);
                var (peaksUsed, corrected) = EcgBeats.Correct(found, correction, progress);
                var result = HrvResult.Analyze(path, found.ToRrSeries(), corrected, options, conventions, 0, progress);
                return (peaksUsed, ecg.Count, result);
            });
            if (peaks.Count == 0)
            {
                var notes = peaks.Notes.Count > 0 ? " (" + string.Join("; ", peaks.Notes) + ")" : "";
                throw new CliException(ExitCodes.NotEnoughData,
                    $"{path}: no heartbeats could be found in this ECG{notes}. Please check the sample rate and that the sensor had good skin contact.");
            }
            if (hrv.NothingComputable)
            {
                throw new CliException(ExitCodes.NotEnoughData, string.Create(CultureInfo.InvariantCulture,
                    $"{path}: found {peaks.Count} R-peaks, which is not enough for any HRV measure. A longer recording will give you a report."));
            }
            Write(context, parse.GetRequiredValue(format), path, hz, channelLabel, samples, peaks, hrv);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static void Write(CliContext context, string format, string path, double hz, string? channel, int samples, RPeaks peaks, HrvResult hrv)
    {
        switch (format)
        {
            case Formats.Json:
                var hrvJson = hrv.ToJson();
                Output.WriteJson(context, writer =>
                {
                    writer.WriteStartObject();
                    writer.WriteString("file", path);
                    writer.WriteNumber("sampleRateHz", hz);
                    writer.WriteString("channel", channel);
                    writer.WriteNumber("samples", samples);
                    writer.WriteNumber("rPeakCount", peaks.Count);
                    writer.WriteStartArray("rPeakIndices");
                    foreach (var i in peaks.Indices)
                    {
                        writer.WriteNumberValue(i);
                    }
                    writer.WriteEndArray();
                    writer.WriteStartArray("detectorNotes");
                    foreach (var n in peaks.Notes)
                    {
                        writer.WriteStringValue(n);
                    }
                    writer.WriteEndArray();
                    writer.WritePropertyName("hrv");
                    hrvJson.WriteTo(writer);
                    writer.WriteEndObject();
                });
                break;
            case Formats.Csv:
                var (header, values) = hrv.ToCsv();
                header.Insert(1, "rPeakCount");
                values.Insert(1, peaks.Count.ToString(CultureInfo.InvariantCulture));
                Output.WriteCsv(context, header, values);
                break;
            default:
                var console = Output.Console(context);
                console.MarkupLine(string.Create(CultureInfo.InvariantCulture,
                    $"[bold]{Markup.Escape(Path.GetFileName(path))}[/]{(channel is null ? "" : $" ({Markup.Escape(channel)})")}: {samples:N0} samples at {hz:0.###} Hz, [bold]{peaks.Count:N0}[/] R-peaks found."));
                foreach (var note in peaks.Notes)
                {
                    console.WriteLine("Note: " + note);
                }
                hrv.WriteTable(console);
                break;
        }
    }
}
