using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Attune.Web.Data;
using Attune.Web.Features.Audit;
using Attune.Web.Tests.Export;
using Attune.Web.Tests.Infrastructure;
using Attune.Web.Tests.Sharing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Attune.Web.Tests.Data;

/// <summary>
/// The backup and restore of docs/self-hosting.md, step by step: back up while the app runs (SQLite's VACUUM INTO,
/// pg_dump), restore into a fresh folder and database with the keys, start the app there, and find every row and
/// every sign-in as they were.
/// </summary>
public sealed class BackupRestoreTests
{
    [Theory, ClassData(typeof(Providers))]
    public async Task A_backup_taken_while_the_app_runs_restores_every_row_and_people_can_sign_in_again(DatabaseProvider provider)
    {
        await using var original = await AttuneWebFactory.CreateAsync(provider);
        var me = await TestPeople.FilledAsync(original);
        var friend = await TestPeople.FilledAsync(original);
        await TestSharing.ShareAsync(me.Client, friend.User, friend.Client, "recordings", "checkins");
        Assert.Equal(HttpStatusCode.OK, (await friend.Client.GetAsync($"/api/v1/recordings/{me.Recording}")).StatusCode);
        // The uploads' analyses finish and store their results in the background (decision 0022): count once they have,
        // so the rows compared are the ones the backup holds, not one written between the count and the backup.
        await AnalysesSettledAsync(original);
        var before = await RowCountsAsync(original);
        var chainBefore = await VerifyAuditAsync(original);
        Assert.True(chainBefore.Intact, chainBefore.Problem);

        await using var restoredDatabase = await TestDatabase.CreateAsync(provider);
        CopyKeys(original.Database.DataDirectory, restoredDatabase.DataDirectory);
        if (provider == DatabaseProvider.Sqlite)
        {
            // While the app is running: a consistent copy, written under a temporary name and renamed when complete.
            var target = Path.Combine(restoredDatabase.DataDirectory, "attune.db");
            await using (var connection = new SqliteConnection($"Data Source={Path.Combine(original.Database.DataDirectory, "attune.db")}"))
            {
                await connection.OpenAsync();
                await using var vacuum = connection.CreateCommand();
                vacuum.CommandText = "VACUUM INTO $target";
                vacuum.Parameters.AddWithValue("$target", target + ".partial");
                await vacuum.ExecuteNonQueryAsync();
            }
            File.Move(target + ".partial", target);
        }
        else
        {
            var dump = Path.Combine(restoredDatabase.DataDirectory, "attune.dump");
            await RunAsync("pg_dump", original.Database.ConnectionString!, $"--format=custom --file={dump}");
            await RunAsync("pg_restore", restoredDatabase.ConnectionString!, $"--no-owner --exit-on-error {dump}");
            File.Delete(dump);
        }
        await using var restored = await AttuneWebFactory.CreateAsync(provider, restoredDatabase.Settings);

        Assert.Equal(before, await RowCountsAsync(restored));
        Assert.True(before.Values.Sum() > 20, "The backup should hold real data.");
        var (_, client) = await SignInAsync(restored, me.User.Email);
        var export = await client.GetStringAsync("/api/v1/me/export");
        Assert.Contains(me.RecordingFile, System.Text.Json.JsonDocument.Parse(export).RootElement.GetProperty("streams").GetProperty("recordings")[0].GetProperty("content").GetString(), StringComparison.Ordinal);
        Assert.Contains(TestPeople.Note, export, StringComparison.Ordinal);
        var (_, friendClient) = await SignInAsync(restored, friend.User.Email);
        Assert.Equal(HttpStatusCode.OK, (await friendClient.GetAsync($"/api/v1/recordings/{me.Recording}")).StatusCode);
        // The audit chain came across whole, and what the restored app appends (sign-ins, the shared read) extends it.
        var chainAfter = await VerifyAuditAsync(restored);
        Assert.True(chainAfter.Intact, chainAfter.Problem);
        Assert.True(chainAfter.Verified > chainBefore.Verified, "The restored app should append to the restored chain.");
        Assert.Equal(before["AuditEntries"], chainBefore.Verified);
    }

    private static async Task AnalysesSettledAsync(AttuneWebFactory factory)
    {
        for (var i = 0; i < 300; i++)
        {
            await using var scope = factory.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AttuneDb>();
            if (!await db.Set<Attune.Web.Features.Recordings.AnalysisJob>().AnyAsync(j =>
                    j.State == Attune.Web.Features.Recordings.AnalysisJobState.Queued || j.State == Attune.Web.Features.Recordings.AnalysisJobState.Running))
            {
                return;
            }
            await Task.Delay(100);
        }
        throw new TimeoutException("The uploads' analyses did not finish within 30 s.");
    }

    private static async Task<AuditVerification> VerifyAuditAsync(AttuneWebFactory factory)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await AuditChain.VerifyAsync(scope.ServiceProvider.GetRequiredService<DatabaseConnection>());
    }

    private static async Task<(HttpResponseMessage, HttpClient)> SignInAsync(AttuneWebFactory factory, string email)
    {
        var client = factory.CreateClientWithCookies();
        var login = await client.PostAsJsonAsync("/api/v1/auth/login", new { email, password = TestUsers.Password });
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        return (login, client);
    }

    /// <summary>Rows in every table of the model and the migrations history.</summary>
    private static async Task<SortedDictionary<string, long>> RowCountsAsync(AttuneWebFactory factory)
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AttuneDb>();
        var tables = db.Model.GetEntityTypes().Select(e => e.GetTableName()).OfType<string>().Append("__EFMigrationsHistory").Distinct();
        var counts = new SortedDictionary<string, long>(StringComparer.Ordinal);
        await db.Database.OpenConnectionAsync();
        foreach (var table in tables)
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = $"SELECT COUNT(*) FROM \"{table}\"";
            counts[table] = Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
        }
        return counts;
    }

    private static void CopyKeys(string from, string to)
    {
        var keys = Path.Combine(to, "keys");
        Directory.CreateDirectory(keys);
        foreach (var file in Directory.GetFiles(Path.Combine(from, "keys")))
        {
            File.Copy(file, Path.Combine(keys, Path.GetFileName(file)));
        }
    }

    /// <summary>Runs a PostgreSQL client tool against the database of <paramref name="connectionString"/>; the password goes in the environment.</summary>
    private static async Task RunAsync(string tool, string connectionString, string arguments)
    {
        var c = new NpgsqlConnectionStringBuilder(connectionString);
        var start = new ProcessStartInfo(tool, $"--host={c.Host} --port={c.Port} --username={c.Username} --dbname={c.Database} {arguments}")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        start.Environment["PGPASSWORD"] = c.Password ?? "";
        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"{tool} failed: {await errors}");
    }
}
