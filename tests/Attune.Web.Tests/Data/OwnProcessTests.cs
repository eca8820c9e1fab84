using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Attune.Web.Tests.Infrastructure;

namespace Attune.Web.Tests.Data;

/// <summary>The built app started as its own process, the way a service manager starts it.</summary>
public sealed class OwnProcessTests
{
    /// <summary>The app's build output for this configuration (the tests and the app are built together).</summary>
    private static string AppBuild => Path.Combine(RepoPaths.Root, "src", "Attune.Web", "bin",
        new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name, new DirectoryInfo(AppContext.BaseDirectory).Name);

    [Fact]
    public async Task A_published_app_started_from_another_folder_finds_its_stylesheets_and_settings()
    {
        var root = Directory.CreateTempSubdirectory("attune-own-").FullName;
        try
        {
            // A published app is the build output plus wwwroot beside Attune.Web.dll.
            var app = Path.Combine(root, "app");
            Copy(AppBuild, app);
            Copy(Path.Combine(RepoPaths.Root, "src", "Attune.Web", "wwwroot"), Path.Combine(app, "wwwroot"));
            var cwd = Directory.CreateDirectory(Path.Combine(root, "var-lib-attune")).FullName;
            var port = FreePort();

            await using var run = await AppProcess.StartAsync(Path.Combine(app, "Attune.Web.dll"), cwd, port, new()
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
                ["Attune__DataDirectory"] = Path.Combine(root, "data"),
            });
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
            using var css = await client.GetAsync("/dist/app.css");

            Assert.True(css.StatusCode == HttpStatusCode.OK, $"{(int)css.StatusCode}\n{run.Output}");
            Assert.Contains($"content root:   {app}", run.Output, StringComparison.Ordinal);
            // appsettings.json was read: Microsoft.AspNetCore logs only warnings, so no request lines.
            Assert.DoesNotContain("Request starting", run.Output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Theory, ClassData(typeof(Providers))]
    public async Task A_database_that_cannot_be_opened_stops_start_up_with_one_clear_line(DatabaseProvider provider)
    {
        var root = Directory.CreateTempSubdirectory("attune-own-").FullName;
        try
        {
            var environment = new Dictionary<string, string>
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
                ["Attune__DataDirectory"] = Path.Combine(root, "data"),
            };
            if (provider == DatabaseProvider.Sqlite)
            {
                // A folder where the database file should be.
                Directory.CreateDirectory(Path.Combine(root, "data", "attune.db"));
            }
            else
            {
                environment["Database__Provider"] = "Postgres";
                environment["ConnectionStrings__Attune"] = $"Host=127.0.0.1;Port={FreePort()};Database=attune;Username=attune;Password=secret-password;Timeout=3";
            }

            await using var run = await AppProcess.StartAsync(Path.Combine(AppBuild, "Attune.Web.dll"), root, FreePort(), environment);
            var exitCode = await run.WaitForExitAsync(TimeSpan.FromSeconds(90));

            Assert.Equal(1, exitCode);
            var line = Assert.Single(run.Errors.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.StartsWith("Attune did not start: ", line, StringComparison.Ordinal);
            Assert.Contains(provider == DatabaseProvider.Sqlite ? Path.Combine(root, "data", "attune.db") : "127.0.0.1", line, StringComparison.Ordinal);
            Assert.DoesNotContain("secret-password", run.Output + run.Errors, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", run.Output + run.Errors, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void Copy(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    /// <summary><c>dotnet Attune.Web.dll --urls http://127.0.0.1:PORT</c> in a working directory, with its output kept.</summary>
    private sealed class AppProcess : IAsyncDisposable
    {
        private readonly Process _process;
        private readonly System.Text.StringBuilder _output = new();
        private readonly System.Text.StringBuilder _errors = new();

        private AppProcess(Process process) => _process = process;

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
}
