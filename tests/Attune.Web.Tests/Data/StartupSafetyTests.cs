using Attune.Web.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using StartupFailure = Attune.Web.Infrastructure.StartupFailure;

namespace Attune.Web.Tests.Data;

/// <summary>Start-up says what it runs with, refuses a data folder that lost its database, and logs no secrets.</summary>
public sealed class StartupSafetyTests
{
    [Theory]
    [InlineData("missing")]
    [InlineData("empty")]
    public async Task A_lost_database_beside_existing_keys_refuses_to_start_and_says_why(string how)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(DatabaseProvider.Sqlite);
        using (var browser = factory.NewBrowser())
        {
            await browser.RegisterConfirmedAsync();
        }
        SqliteConnection.ClearAllPools();
        var file = Path.Combine(factory.Database.DataDirectory, "attune.db");
        foreach (var path in new[] { file, file + "-wal", file + "-shm" })
        {
            File.Delete(path);
        }
        if (how == "empty")
        {
            await File.WriteAllBytesAsync(file, []);
        }

        await using var restarted = factory.WithWebHostBuilder(_ => { });
        var failure = Assert.ThrowsAny<Exception>(() => restarted.CreateClient());

        while (failure is not StartupFailure && failure.InnerException is { } inner)
        {
            failure = inner;
        }
        Assert.IsType<StartupFailure>(failure);
        Assert.Contains("Data Protection keys", failure.Message, StringComparison.Ordinal);
        Assert.Contains("Restore it from a backup", failure.Message, StringComparison.Ordinal);
    }

    [Theory, ClassData(typeof(Providers))]
    public async Task The_start_up_log_says_what_is_configured_and_logs_no_failure_on_a_fresh_database(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        using var client = factory.CreateClient();

        var report = Assert.Single(factory.Logs.Entries, e => e.Category == "Attune.Startup").Message;
        Assert.Contains("mail:", report, StringComparison.Ordinal);
        Assert.Contains("public address: not set: links use the request's address", report, StringComparison.Ordinal);
        Assert.Contains($"data folder:    {factory.Database.DataDirectory}", report, StringComparison.Ordinal);
        Assert.Contains($"key folder:     {Path.Combine(factory.Database.DataDirectory, "keys")}", report, StringComparison.Ordinal);
        Assert.Contains("content root:", report, StringComparison.Ordinal);
        Assert.Contains(provider == DatabaseProvider.Sqlite ? "database:       SQLite at" : "database:       PostgreSQL database attune_t_", report, StringComparison.Ordinal);
        Assert.DoesNotContain("attune_test", report.Replace("as attune_test", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain("Password", report, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(factory.Logs.Entries.Where(e => e.Level >= LogLevel.Error).Select(e => $"{e.Category}: {e.Message}"));
    }

    [Theory, ClassData(typeof(Providers))]
    public async Task Confirmation_and_reset_codes_never_reach_the_log_even_at_information_level(DatabaseProvider provider)
    {
        // As if appsettings.json (which quiets Microsoft.AspNetCore) were not loaded.
        await using var factory = await AttuneWebFactory.CreateAsync(provider, new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Default"] = "Information",
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Information",
        });
        using var browser = factory.NewBrowser();
        var email = await browser.RegisterConfirmedAsync();
        var confirmCode = System.Web.HttpUtility.ParseQueryString(new Uri(factory.Services.GetOutboxLink(email, 0)).Query)["code"]!;
        (await browser.SubmitAsync("/account/forgot-password", new Dictionary<string, string> { ["Input.Email"] = email })).Dispose();
        var reset = browser.LinkInLatestEmailTo(email);
        var resetCode = System.Web.HttpUtility.ParseQueryString(new Uri("http://x" + reset).Query)["code"]!;
        (await browser.Client.GetAsync(reset)).Dispose();

        var logs = factory.Logs.AllText;
        Assert.Contains("Microsoft.AspNetCore", logs, StringComparison.Ordinal);
        Assert.DoesNotContain(confirmCode, logs, StringComparison.Ordinal);
        Assert.DoesNotContain(resetCode, logs, StringComparison.Ordinal);
    }
}
