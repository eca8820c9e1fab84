namespace Attune.Cli;

/// <summary>Process exit codes of <c>attune</c>; documented in docs/cli.md.</summary>
public static class ExitCodes
{
    /// <summary>The analysis ran and its result was printed.</summary>
    public const int Ok = 0;

    /// <summary>Something went wrong that attune did not expect (a bug).</summary>
    public const int Unexpected = 1;

    /// <summary>The command line could not be understood (unknown command or option, bad value).</summary>
    public const int Usage = 2;

    /// <summary>An input file does not exist or cannot be read.</summary>
    public const int FileUnreadable = 3;

    /// <summary>An input file was read but its content is not valid data (the message names the line).</summary>
    public const int BadData = 4;

    /// <summary>The data is valid but too short or too sparse for the analysis asked for.</summary>
    public const int NotEnoughData = 5;
}

/// <summary>An expected failure: its message is shown to the user as it is, and it ends with its exit code.</summary>
public sealed class CliException(int exitCode, string message) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}
