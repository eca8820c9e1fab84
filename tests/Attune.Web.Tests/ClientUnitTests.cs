using System.Diagnostics;

namespace Attune.Web.Tests;

/// <summary>Runs the browser client's unit tests (src/Attune.Web/client/test, `npm run test:unit`): its GATT parser
/// against tests/Shared/gatt-cases.json and its live engine against tests/Shared/live-cases.json, the same files the
/// engine's own tests read, so both sides must agree.</summary>
public class ClientUnitTests
{
    private static string ClientDirectory()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "src", "Attune.Web", "client");
            if (File.Exists(Path.Combine(candidate, "package.json")))
            {
                return candidate;
            }
        }
        throw new DirectoryNotFoundException("src/Attune.Web/client not found above the test assembly.");
    }

    [Fact]
    public async Task ClientUnitTests_Pass()
    {
        var start = new ProcessStartInfo("npm", "run --silent test:unit")
        {
            WorkingDirectory = ClientDirectory(),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var text = await output + await errors;
        Assert.True(process.ExitCode == 0, text);
        Assert.Contains("# fail 0", text, StringComparison.Ordinal);
        Assert.Matches(@"# pass (\d{2,})", text);
    }
}
