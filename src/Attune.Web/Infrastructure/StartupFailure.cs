using System.Reflection;
using Microsoft.Extensions.Options;

namespace Attune.Web.Infrastructure;

/// <summary>
/// Something that keeps Attune from starting, said in one line: what failed, where, and what to do. When Attune
/// is its own process, the line is printed instead of a stack trace and the process exits with code 1.
/// </summary>
public sealed class StartupFailure(string message, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>
    /// True when Attune is the process's own program (<c>dotnet Attune.Web.dll</c>, <c>dotnet run</c>); false when a
    /// test host runs it in memory, where the failure must reach the test as an exception instead.
    /// </summary>
    public static bool IsOwnProcess => Assembly.GetEntryAssembly() == typeof(StartupFailure).Assembly;

    /// <summary>Call first thing: an unhandled <see cref="StartupFailure"/> then ends the process with its one line.</summary>
    public static void PrintInsteadOfStackTrace()
    {
        if (!IsOwnProcess)
        {
            return;
        }
        AppDomain.CurrentDomain.UnhandledException += (_, e) =>
        {
            if (e.ExceptionObject is StartupFailure failure)
            {
                Console.Error.WriteLine($"Attune did not start: {failure.Message}");
                Console.Error.Flush();
                // Exiting here, before the runtime reports the exception, leaves out the stack trace.
                Environment.Exit(1);
            }
        };
    }

    public static void CreateDataDirectory(string path)
    {
        try
        {
            Directory.CreateDirectory(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StartupFailure($"Could not create the data folder {path}: {e.Message} Create it and let the service's user write to it, "
                + "or set Attune:DataDirectory.", e);
        }
    }
}

public static class StartupChecks
{
    /// <summary>Validates the options now, so a bad setting is one line rather than a failed host start with a stack trace.</summary>
    public static void CheckOptions(this WebApplication app)
    {
        try
        {
            var attune = app.Services.GetRequiredService<IOptions<AttuneOptions>>().Value;
            if (Features.Admin.Instance.Resolve(attune.Registration, app.Environment) is null)
            {
                throw new StartupFailure($"Attune:Registration is \"{attune.Registration}\", which is not a registration mode. "
                    + "Use open (anyone may register), invite (only people with an invitation link) or closed (nobody), or leave it unset.");
            }
            _ = app.Services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
            _ = app.Services.GetRequiredService<IOptions<SmtpOptions>>().Value;
        }
        catch (OptionsValidationException e)
        {
            throw new StartupFailure($"A setting is not valid: {string.Join(" ", e.Failures)} Fix it in appsettings.json or the environment.", e);
        }
    }
}
