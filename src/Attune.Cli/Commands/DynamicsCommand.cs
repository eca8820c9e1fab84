using System.CommandLine;

namespace Attune.Cli.Commands;

internal static class DynamicsCommand
{
    public static Command Create(CliContext context) => new("dynamics", "Dyadic dynamics.");
}
