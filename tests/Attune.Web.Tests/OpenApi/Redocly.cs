using System.Diagnostics;
using System.Text.Json;
using Attune.Web.Tests.Infrastructure;

namespace Attune.Web.Tests.OpenApi;

/// <summary>
/// Runs the Redocly CLI installed in the client's <c>node_modules</c> (a devDependency, so it is there after
/// <c>npm ci</c>, which <c>dotnet build</c> and <c>./test.sh</c> run) with the rules in <c>client/redocly.yaml</c>.
/// </summary>
internal static class Redocly
{
    public static string Executable =>
        Path.Combine(RepoPaths.Client, "node_modules", ".bin", OperatingSystem.IsWindows() ? "redocly.cmd" : "redocly");

    public static string Config => Path.Combine(RepoPaths.Client, "redocly.yaml");

    public sealed record Problem(string RuleId, string Severity, string Message, string Where)
    {
        public override string ToString() => $"{Severity} {RuleId} at {Where}: {Message}";
    }

    public sealed record Result(int Errors, int Warnings, IReadOnlyList<Problem> Problems);

    public static async Task<Result> LintAsync(string file)
    {
        if (!File.Exists(Executable))
        {
            throw new InvalidOperationException(
                $"Redocly CLI not found at {Executable}. It is a devDependency of src/Attune.Web/client: run `npm ci` there " +
                "(`dotnet build` and ./test.sh do it) so that the API contract can be linted.");
        }
        var start = new ProcessStartInfo(Executable)
        {
            WorkingDirectory = RepoPaths.Client,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "lint", "--config", Config, "--format=json", file })
        {
            start.ArgumentList.Add(argument);
        }
        // No usage reports or update checks from a test run.
        start.Environment["REDOCLY_TELEMETRY"] = "off";
        start.Environment["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true";
        start.Environment["NO_COLOR"] = "1";

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {Executable}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("redocly lint did not finish within 2 minutes.");
        }
        var stdout = await output;
        var stderr = await errors;
        try
        {
            using var report = JsonDocument.Parse(stdout);
            var totals = report.RootElement.GetProperty("totals");
            var problems = report.RootElement.GetProperty("problems").EnumerateArray().Select(p => new Problem(
                p.GetProperty("ruleId").GetString() ?? "",
                p.GetProperty("severity").GetString() ?? "",
                p.GetProperty("message").GetString() ?? "",
                p.TryGetProperty("location", out var locations) && locations.GetArrayLength() > 0
                    && locations[0].TryGetProperty("pointer", out var pointer) ? pointer.GetString() ?? "" : "")).ToList();
            return new Result(totals.GetProperty("errors").GetInt32(), totals.GetProperty("warnings").GetInt32(), problems);
        }
        catch (JsonException)
        {
            throw new InvalidOperationException($"redocly lint exited with {process.ExitCode} without a JSON report.\nstdout:\n{stdout}\nstderr:\n{stderr}");
        }
    }
}
