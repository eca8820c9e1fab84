using System.Collections.Concurrent;
using Attune.Web.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace Attune.Web.Tests.Infrastructure;

/// <summary>
/// A fresh database for one test: a temporary data directory (SQLite file inside) or a new
/// PostgreSQL database <c>attune_t_&lt;guid&gt;</c>, empty (<see cref="CreateAsync"/>) or already migrated
/// (<see cref="CreateMigratedAsync"/>). Disposing deletes it.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private TestDatabase(DatabaseProvider provider, string dataDirectory, string? connectionString, string? postgresDatabase)
    {
        Provider = provider;
        DataDirectory = dataDirectory;
        ConnectionString = connectionString;
        PostgresDatabase = postgresDatabase;
    }

    public DatabaseProvider Provider { get; }

    /// <summary>A temporary directory for <c>Attune:DataDirectory</c>, created for every provider (keys, uploads).</summary>
    public string DataDirectory { get; }

    /// <summary>The PostgreSQL connection string; null for SQLite, where the app uses <c>attune.db</c> in <see cref="DataDirectory"/>.</summary>
    public string? ConnectionString { get; }

    private string? PostgresDatabase { get; }

    /// <summary>Configuration keys that point the app at this database.</summary>
    public IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Attune:DataDirectory"] = DataDirectory,
        ["Database:Provider"] = Provider.ToString(),
        ["ConnectionStrings:Attune"] = ConnectionString,
    };

    public static Task<TestDatabase> CreateAsync(DatabaseProvider provider, CancellationToken cancellationToken = default) =>
        CreateFromAsync(provider, template: null, cancellationToken);

    /// <summary>
    /// A fresh database with every migration applied, copied from one template per test process and provider
    /// (a file copy on SQLite, <c>CREATE DATABASE … TEMPLATE</c> on PostgreSQL), so the app starts on an
    /// up-to-date database and skips its migrator; the tests of migrating itself use <see cref="CreateAsync"/>.
    /// </summary>
    public static async Task<TestDatabase> CreateMigratedAsync(DatabaseProvider provider, CancellationToken cancellationToken = default)
    {
        var template = await Templates.GetOrAdd(provider, p => new Lazy<Task<TestDatabase>>(() => CreateTemplateAsync(p))).Value;
        return await CreateFromAsync(provider, template, cancellationToken);
    }

    /// <summary>An empty database, or a copy of <paramref name="template"/>'s.</summary>
    private static async Task<TestDatabase> CreateFromAsync(DatabaseProvider provider, TestDatabase? template, CancellationToken cancellationToken)
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "attune-tests", Guid.NewGuid().ToString("n"));
        Directory.CreateDirectory(dataDirectory);
        if (provider == DatabaseProvider.Sqlite)
        {
            if (template is not null)
            {
                File.Copy(Path.Combine(template.DataDirectory, SqliteFileName), Path.Combine(dataDirectory, SqliteFileName));
            }
            return new TestDatabase(provider, dataDirectory, connectionString: null, postgresDatabase: null);
        }

        var admin = TestEnvironment.PostgresAdminConnectionString
            ?? throw new InvalidOperationException($"{TestEnvironment.PostgresVariable} is not set; run the tests through ./test.sh.");
        var name = "attune_t_" + Guid.NewGuid().ToString("n");
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync(cancellationToken);
            var copy = template is null ? "" : $" TEMPLATE \"{template.PostgresDatabase}\"";
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"{copy}", connection);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        var connectionString = new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
        return new TestDatabase(provider, dataDirectory, connectionString, name);
    }

    private const string SqliteFileName = "attune.db";

    private static readonly ConcurrentDictionary<DatabaseProvider, Lazy<Task<TestDatabase>>> Templates = new();

    private static async Task<TestDatabase> CreateTemplateAsync(DatabaseProvider provider)
    {
        var template = await CreateAsync(provider);
        // Dropped (and its folder deleted) when the test process ends; a killed process leaves it to the throw-away cluster.
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                template.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }
            catch (Exception e) when (e is IOException or NpgsqlException or InvalidOperationException)
            {
                // The cluster may already be gone; nothing to clean then.
            }
        };
        if (provider == DatabaseProvider.Sqlite)
        {
            var file = Path.Combine(template.DataDirectory, SqliteFileName);
            var options = new DbContextOptionsBuilder<SqliteAttuneDb>()
                .UseSqlite($"Data Source={file};Pooling=False").ConfigureWarnings(IgnorePendingModelChanges).Options;
            await using (var db = new SqliteAttuneDb(options))
            {
                await db.Database.MigrateAsync();
                // As the app leaves it: write-ahead logging is a property of the file, and everything is checkpointed into it.
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
                await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE);");
            }
        }
        else
        {
            var options = new DbContextOptionsBuilder<PostgresAttuneDb>()
                .UseNpgsql(template.ConnectionString).ConfigureWarnings(IgnorePendingModelChanges).Options;
            await using (var db = new PostgresAttuneDb(options))
            {
                await db.Database.MigrateAsync();
            }
            // A template must have no open connection while it is copied.
            await using var pooled = new NpgsqlConnection(template.ConnectionString);
            NpgsqlConnection.ClearPool(pooled);
        }

        return template;
    }

    private static void IgnorePendingModelChanges(WarningsConfigurationBuilder w) => w.Ignore(RelationalEventId.PendingModelChangesWarning);

    public async ValueTask DisposeAsync()
    {
        if (PostgresDatabase is not null && ConnectionString is not null)
        {
            await using (var pooled = new NpgsqlConnection(ConnectionString))
            {
                NpgsqlConnection.ClearPool(pooled);
            }

            await using var connection = new NpgsqlConnection(TestEnvironment.PostgresAdminConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{PostgresDatabase}\" WITH (FORCE)", connection);
            await command.ExecuteNonQueryAsync();
        }
        else
        {
            // Pooled connections keep the file open; release them before deleting the directory.
            SqliteConnection.ClearAllPools();
        }

        DeleteDirectory(DataDirectory);
    }

    private static void DeleteDirectory(string path)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                if (Directory.Exists(path))
                {
                    Directory.Delete(path, recursive: true);
                }

                return;
            }
            catch (IOException) when (attempt < 5)
            {
                Thread.Sleep(50 * attempt);
            }
        }
    }
}
