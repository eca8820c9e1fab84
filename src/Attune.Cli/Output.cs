using System.Buffers;
using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Spectre.Console;

namespace Attune.Cli;

/// <summary>Output formats a command may offer.</summary>
internal static class Formats
{
    public const string Table = "table";
    public const string Json = "json";
    public const string Csv = "csv";

    public static Option<string> Option(params string[] allowed)
    {
        var option = new Option<string>("--format", "-f")
        {
            Description = $"Output format: {string.Join(", ", allowed)}.",
            DefaultValueFactory = _ => allowed[0],
        };
        option.AcceptOnlyFromAmong(allowed);
        return option;
    }
}

/// <summary>Number formatting and writers shared by the commands; numbers are always culture-invariant.</summary>
internal static class Output
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>A Spectre console on the context's output: colours only on an interactive terminal.</summary>
    public static IAnsiConsole Console(CliContext context)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(context.Out),
            Ansi = context.Interactive ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = context.Interactive ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = context.Interactive ? InteractionSupport.Detect : InteractionSupport.No,
        });
        if (!context.Interactive)
        {
            console.Profile.Width = 120;
        }
        return console;
    }

    /// <summary>Human-readable number: a dash when missing, otherwise up to three decimals.</summary>
    public static string Number(double? value, string format = "0.###") =>
        value is double v && double.IsFinite(v) ? v.ToString(format, CultureInfo.InvariantCulture) : "–";

    /// <summary>A JSON number, or null for a missing or non-finite value (JSON has no NaN).</summary>
    public static JsonNode? Json(double? value) =>
        value is double v && double.IsFinite(v) ? JsonValue.Create(v) : null;

    /// <summary>A CSV field: shortest round-trip form, empty when missing.</summary>
    public static string Csv(double? value) =>
        value is double v && double.IsFinite(v) ? v.ToString("R", CultureInfo.InvariantCulture) : "";

    /// <summary>A CSV field for text, quoted when needed.</summary>
    public static string CsvText(string text) =>
        text.AsSpan().IndexOfAny(",\"\n\r") >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;

    public static void WriteJson(CliContext context, JsonNode node) => WriteJson(context, writer => node.WriteTo(writer, Indented));

    /// <summary>
    /// Writes what <paramref name="write"/> puts through an indented JSON writer: a node's document, or one written
    /// directly when it has long arrays (a day's R-peaks), which as nodes cost a node per number.
    /// </summary>
    public static void WriteJson(CliContext context, Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = Indented.Encoder }))
        {
            write(writer);
        }
        context.Out.WriteLine(Encoding.UTF8.GetString(buffer.WrittenSpan));
    }

    public static void WriteCsv(CliContext context, IReadOnlyList<string> header, IReadOnlyList<string> values)
    {
        context.Out.WriteLine(string.Join(',', header.Select(CsvText)));
        context.Out.WriteLine(string.Join(',', values));
    }

    /// <summary>Seconds as h:mm:ss (or m:ss under an hour) for people.</summary>
    public static string Clock(double seconds)
    {
        if (!double.IsFinite(seconds))
        {
            return "–";
        }
        var t = TimeSpan.FromSeconds(Math.Round(seconds));
        return t.TotalHours >= 1
            ? string.Create(CultureInfo.InvariantCulture, $"{(int)t.TotalHours}:{t.Minutes:00}:{t.Seconds:00}")
            : string.Create(CultureInfo.InvariantCulture, $"{t.Minutes}:{t.Seconds:00}");
    }

    /// <summary>Wall-clock time of a moment on a series' time axis, when the series has a start.</summary>
    public static string? WallClock(DateTimeOffset? start, double seconds) =>
        start is { } s && double.IsFinite(seconds) ? s.AddSeconds(seconds).ToString("O", CultureInfo.InvariantCulture) : null;
}
