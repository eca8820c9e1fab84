using System.Diagnostics;
using System.Net;
using Attune.Web.Data;
using Attune.Web.Features.Admin;
using Attune.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Attune.Web.Tests.Audit;

/// <summary>
/// <c>dotnet Attune.Web.dll admin …</c> (what <c>dotnet run --project src/Attune.Web -- admin …</c> runs), as its own
/// process against a test database.
/// </summary>
public sealed class AdminCommandsTests
{
    private static string AppBuild => Path.Combine(RepoPaths.Root, "src", "Attune.Web", "bin",
        new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name, new DirectoryInfo(AppContext.BaseDirectory).Name);

    [Theory, ClassData(typeof(Providers))]
    public async Task Verify_audit_says_intact_then_finds_the_row_someone_edited(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        await TestUsers.SignedInAsync(factory);
        await TestUsers.SignedInAsync(factory);

        var (intactCode, intact) = await RunAsync(factory.Database, "admin", "verify-audit");
        Assert.True(intactCode == AdminCommands.Ok, intact);
        Assert.Contains("The audit log is intact: ", intact, StringComparison.Ordinal);

        await using (var scope = factory.Services.CreateAsyncScope())
        {
            await AuditTampering.EditAsync(scope.ServiceProvider.GetRequiredService<AttuneDb>(), provider, sequence: 4);
        }
        var (brokenCode, broken) = await RunAsync(factory.Database, "admin", "verify-audit");

        Assert.True(brokenCode == AdminCommands.Broken, broken);
        Assert.Contains("The audit log has been tampered with: entry 4 does not match its hash", broken, StringComparison.Ordinal);
        Assert.Contains("The first 3 entries hold", broken, StringComparison.Ordinal);
    }

    [Theory, ClassData(typeof(Providers))]
    public async Task Admin_create_prints_a_one_time_link_that_signs_a_new_administrator_in_once(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider, claimed: false);
        _ = factory.Services; // migrates the database before the command runs against it

        var (code, output) = await RunAsync(factory.Database, "admin", "create", "keeper@example.org");

        Assert.True(code == AdminCommands.Ok, output);
        Assert.Contains("Made an administrator account for keeper@example.org.", output, StringComparison.Ordinal);
        var link = output.Split('\n').Select(l => l.Trim()).Single(l => l.StartsWith("http", StringComparison.Ordinal));
        Assert.StartsWith("http://localhost:5080/account/link?code=", link, StringComparison.Ordinal);
        var secret = link[(link.IndexOf('=', StringComparison.Ordinal) + 1)..];

        var browser = factory.NewBrowser();
        using (var signIn = await browser.SubmitAsync(new Uri(link).PathAndQuery, new Dictionary<string, string> { ["Code"] = secret }))
        {
            Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
            Assert.Equal("/settings/password", signIn.Headers.Location?.OriginalString);
        }
        using (var admin = await browser.Client.GetAsync("/admin"))
        {
            Assert.Equal(HttpStatusCode.OK, admin.StatusCode);
        }
        var again = factory.NewBrowser();
        var page = await again.GetPageAsync(new Uri(link).PathAndQuery);
        Assert.Contains("data-link-unusable", page, StringComparison.Ordinal);

        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AttuneDb>();
        var stored = await db.SignInLinks.AsNoTracking().SingleAsync();
        Assert.NotEqual(secret, stored.TokenHash);
        Assert.NotNull(stored.UsedAt);
        Assert.Equal(1, await Instance.AdminCountAsync(db));
    }

    [Fact]
    public async Task An_unknown_command_prints_the_usage()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);

        var (code, output) = await RunAsync(database, "admin", "frobnicate");

        Assert.Equal(AdminCommands.Usage, code);
        Assert.Contains("admin verify-audit", output, StringComparison.Ordinal);
    }

    [Theory, ClassData(typeof(Providers))]
    public async Task Admin_therapist_makes_an_existing_account_a_therapist_in_a_practice(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        var (someone, client) = await TestUsers.SignedInAsync(factory);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/v1/therapist/caseload")).StatusCode);

        var (missing, refused) = await RunAsync(factory.Database, "admin", "therapist", "nobody@example.org", "Riverside");
        Assert.True(missing == AdminCommands.Usage, refused);
        var (code, output) = await RunAsync(factory.Database, "admin", "therapist", someone.Email, "Riverside", "Practice");

        Assert.True(code == AdminCommands.Ok, output);
        Assert.Contains($"{someone.Email} is a therapist in Riverside Practice.", output, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/therapist/caseload")).StatusCode);
    }

    private static async Task<(int Code, string Output)> RunAsync(TestDatabase database, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = database.DataDirectory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppBuild, "Attune.Web.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("ASPNETCORE_", StringComparison.Ordinal) || k.StartsWith("Attune", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(key);
        }
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        foreach (var (key, value) in database.Settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output + await errors);
    }
}
