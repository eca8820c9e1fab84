using System.CommandLine;

namespace Attune.Cli.Commands;

/// <summary><c>attune hrv FILE</c>: the full HRV report of one RR recording.</summary>
internal static class HrvCommand
{
    public static Command Create(CliContext context)
    {
        var file = new Argument<string>("FILE") { Description = "RR intervals in ms: a CSV with rr_ms (or t_s,rr_ms or timestamp,rr), or one interval per line." };
        var format = Formats.Option(Formats.Table, Formats.Json, Formats.Csv);
        var settings = new HrvSettings();
        var command = new Command("hrv", "Heart-rate variability of one RR recording: time domain, frequency domain and nonlinear measures.")
        {
            file, format,
        };
        settings.AddTo(command);
        command.SetAction(parse =>
        {
            var (options, correction, conventions) = settings.Read(parse);
            var path = parse.GetRequiredValue(file);
            var size = Inputs.RequireFile(path);
            var result = ProgressDisplay.Run(context, size, progress =>
            {
                var rr = Inputs.ReadRr(path, progress);
                return HrvResult.Analyze(path, rr.Series, correction, options, conventions, rr.OutOfRangeCount, progress);
            });
            if (result.NothingComputable)
            {
                throw new CliException(ExitCodes.NotEnoughData, result.NothingComputableMessage);
            }
            Write(context, parse.GetRequiredValue(format), result);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static void Write(CliContext context, string format, HrvResult result)
    {
        switch (format)
        {
            case Formats.Json:
                Output.WriteJson(context, result.ToJson());
                break;
            case Formats.Csv:
                var (header, values) = result.ToCsv();
                Output.WriteCsv(context, header, values);
                break;
            default:
                result.WriteTable(Output.Console(context));
                break;
        }
    }
}
