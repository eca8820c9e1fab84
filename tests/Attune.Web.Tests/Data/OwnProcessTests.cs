using System.Net;
using Attune.Web.Tests.Infrastructure;

namespace Attune.Web.Tests.Data;

/// <summary>The built app started as its own process, the way a service manager starts it.</summary>
public sealed class OwnProcessTests
{
    [Fact]
    public async Task A_published_app_started_from_another_folder_finds_its_stylesheets_and_settings()
    {
        var root = Directory.CreateTempSubdirectory("attune-own-").FullName;
        try
        {
            // A published app is the build output plus wwwroot beside Attune.Web.dll.
            var app = Path.Combine(root, "app");
            Copy(AppProcess.Build, app);
            Copy(Path.Combine(RepoPaths.Root, "src", "Attune.Web", "wwwroot"), Path.Combine(app, "wwwroot"));
            var cwd = Directory.CreateDirectory(Path.Combine(root, "var-lib-attune")).FullName;
            var port = AppProcess.FreePort();

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
                environment["ConnectionStrings__Attune"] = $"Host=127.0.0.1;Port={AppProcess.FreePort()};Database=attune;Username=attune;Password=secret-password;Timeout=3";
            }

            await using var run = await AppProcess.StartAsync(AppProcess.Dll, root, AppProcess.FreePort(), environment);
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
}
