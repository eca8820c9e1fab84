using System.CommandLine;
using Attune.Analysis;
using Attune.Cli.Commands;

namespace Attune.Cli;

/// <summary>The <c>attune</c> command line: parses arguments, runs one command, maps outcomes to <see cref="ExitCodes"/>.</summary>
public static class Cli
{
    /// <summary>
    /// Runs attune with <paramref name="args"/>, writing results to <paramref name="output"/> and
    /// messages to <paramref name="error"/>. A progress bar is shown only when both are the process's
    /// own console streams and neither is redirected.
    /// </summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var context = new CliContext(output, error, Terminal.IsInteractive(output, error));
        var root = BuildRoot(context);
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var e in parsed.Errors)
            {
                await error.WriteLineAsync(e.Message);
            }
            await error.WriteLineAsync("Run 'attune --help' (or 'attune COMMAND --help') to see what is possible.");
            return ExitCodes.Usage;
        }
        try
        {
            return await parsed.InvokeAsync(new InvocationConfiguration
            {
                Output = output,
                Error = error,
                EnableDefaultExceptionHandler = false,
            });
        }
        catch (CliException e)
        {
            await error.WriteLineAsync(e.Message);
            return e.ExitCode;
        }
        catch (InsufficientDataException e)
        {
            // A command that does not word this outcome itself still ends as "not enough data", not as a bug.
            await error.WriteLineAsync(e.Message);
            return ExitCodes.NotEnoughData;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            await error.WriteLineAsync($"Something unexpected went wrong, and it is not your data's fault: {e.GetType().Name}: {e.Message}");
            await error.WriteLineAsync("Please report this together with the command you ran.");
            return ExitCodes.Unexpected;
        }
    }

    private static RootCommand BuildRoot(CliContext context)
    {
        var root = new RootCommand(
            "attune: heart-rate variability, flooding and two-person synchrony from your recordings. " +
            "Exit codes: 0 ok, 1 unexpected error, 2 usage error, 3 file not found or unreadable, 4 bad data, 5 not enough data.");
        root.Subcommands.Add(HrvCommand.Create(context));
        root.Subcommands.Add(EcgCommand.Create(context));
        root.Subcommands.Add(RrCommand.Create(context));
        root.Subcommands.Add(SyncCommand.Create(context));
        root.Subcommands.Add(DynamicsCommand.Create(context));
        root.Subcommands.Add(FloodCommand.Create(context));
        return root;
    }
}

/// <summary>Where a command writes, and whether a person is watching a terminal.</summary>
internal sealed record CliContext(TextWriter Out, TextWriter Err, bool Interactive);

internal static class Terminal
{
    public static bool IsInteractive(TextWriter output, TextWriter error) =>
        ReferenceEquals(output, Console.Out) && ReferenceEquals(error, Console.Error)
        && !Console.IsOutputRedirected && !Console.IsErrorRedirected;
}
