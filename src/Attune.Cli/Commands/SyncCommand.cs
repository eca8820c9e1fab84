using System.CommandLine;

namespace Attune.Cli.Commands;

internal static class SyncCommand
{
    public static Command Create(CliContext context) => new("sync", "Two-person heart-rate synchrony.");
}
