using Microsoft.Data.Sqlite;
using Npgsql;

namespace Attune.Web.Tests.Infrastructure;

/// <summary>
/// A fresh, empty database for one test: a temporary data directory (SQLite file inside) or a new
/// PostgreSQL database <c>attune_t_&lt;guid&gt;</c>. Disposing deletes it.
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

    public static async Task<TestDatabase> CreateAsync(DatabaseProvider provider, CancellationToken cancellationToken = default)
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "attune-tests", Guid.NewGuid().ToString("n"));
        Directory.CreateDirectory(dataDirectory);
        if (provider == DatabaseProvider.Sqlite)
        {
            return new TestDatabase(provider, dataDirectory, connectionString: null, postgresDatabase: null);
        }

        var admin = TestEnvironment.PostgresAdminConnectionString
            ?? throw new InvalidOperationException($"{TestEnvironment.PostgresVariable} is not set; run the tests through ./test.sh.");
        var name = "attune_t_" + Guid.NewGuid().ToString("n");
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        var connectionString = new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
        return new TestDatabase(provider, dataDirectory, connectionString, name);
    }

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
