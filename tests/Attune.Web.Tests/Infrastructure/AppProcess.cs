using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Attune.Web.Tests.Infrastructure;

/// <summary>The app as its own process, the way a service manager starts it: <c>dotnet Attune.Web.dll --urls http://127.0.0.1:PORT</c> in a working directory, with its output kept.</summary>
public sealed class AppProcess : IAsyncDisposable
{
    /// <summary>The app's build output for this configuration (the tests and the app are built together).</summary>
    public static string Build => Path.Combine(RepoPaths.Root, "src", "Attune.Web", "bin",
        new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name, new DirectoryInfo(AppContext.BaseDirectory).Name);

    /// <summary>The built app, to start with <see cref="StartAsync"/>.</summary>
    public static string Dll => Path.Combine(Build, "Attune.Web.dll");

    /// <summary>A loopback port nobody listens on right now.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private readonly Process _process;
    private readonly System.Text.StringBuilder _output = new();
    private readonly System.Text.StringBuilder _errors = new();

    private AppProcess(Process process) => _process = process;

    /// <summary>The app's process id (the <c>dotnet</c> host runs the app in its own process).</summary>
    public int Id => _process.Id;

    public string Output { get { lock (_output) { return _output.ToString(); } } }

    public string Errors { get { lock (_errors) { return _errors.ToString(); } } }

    /// <summary>Starts the app and waits until it listens or exits (at most 90 seconds).</summary>
    public static async Task<AppProcess> StartAsync(string dll, string workingDirectory, int port, Dictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{port}");
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("ASPNETCORE_", StringComparison.Ordinal) || k.StartsWith("DOTNET_", StringComparison.Ordinal) || k.StartsWith("Attune", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(key);
        }
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }
        var run = new AppProcess(Process.Start(start)!);
        run._process.OutputDataReceived += (_, e) => { lock (run._output) { run._output.AppendLine(e.Data); } };
        run._process.ErrorDataReceived += (_, e) => { lock (run._errors) { run._errors.AppendLine(e.Data); } };
        run._process.BeginOutputReadLine();
        run._process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline && !run._process.HasExited && !run.Output.Contains("Now listening on", StringComparison.Ordinal))
        {
            await Task.Delay(100);
        }
        return run;
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cancel.Token);
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}
