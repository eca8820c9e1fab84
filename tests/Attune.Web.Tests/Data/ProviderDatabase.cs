using Attune.Web.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Attune.Web.Tests.Data;

/// <summary>
/// A fresh, empty database on one provider for one test: a temp SQLite file, or a new PostgreSQL
/// database on the server that ./test.sh started (ATTUNE_TEST_POSTGRES). Dropped on dispose.
/// </summary>
internal sealed class ProviderDatabase : IAsyncDisposable
{
    public const string PostgresVariable = "ATTUNE_TEST_POSTGRES";

    private readonly string? _directory;
    private readonly string? _adminConnection;
    private readonly string _name;

    private ProviderDatabase(string provider)
    {
        Provider = provider;
        _name = $"attune_m_{Guid.NewGuid():N}";
        if (provider == "Sqlite")
        {
            _directory = Directory.CreateTempSubdirectory("attune-migrations-").FullName;
            ConnectionString = $"Data Source={Path.Combine(_directory, "attune.db")};Pooling=False";
        }
        else
        {
            _adminConnection = Environment.GetEnvironmentVariable(PostgresVariable)
                ?? throw new InvalidOperationException($"{PostgresVariable} is not set.");
            ConnectionString = new NpgsqlConnectionStringBuilder(_adminConnection) { Database = _name, Pooling = false }.ToString();
        }
    }

    public string Provider { get; }

    public string ConnectionString { get; }

    /// <summary>Sqlite always; Postgres when the test script started a server.</summary>
    public static TheoryData<string> Providers() => new(Names());

    public static IEnumerable<string> Names() =>
        string.IsNullOrEmpty(Environment.GetEnvironmentVariable(PostgresVariable)) ? ["Sqlite"] : ["Sqlite", "Postgres"];

    public static async Task<ProviderDatabase> CreateAsync(string provider)
    {
        var db = new ProviderDatabase(provider);
        if (db._adminConnection is not null)
        {
            await using var admin = new NpgsqlConnection(db._adminConnection);
            await admin.OpenAsync();
            await using var create = admin.CreateCommand();
            create.CommandText = $"CREATE DATABASE \"{db._name}\"";
            await create.ExecuteNonQueryAsync();
        }
        return db;
    }

    public AttuneDb NewContext() => Provider == "Sqlite"
        ? new SqliteAttuneDb(new DbContextOptionsBuilder<SqliteAttuneDb>().UseSqlite(ConnectionString)
            .ConfigureWarnings(w => w.Ignore(Microsoft.EntityFrameworkCore.Diagnostics.RelationalEventId.PendingModelChangesWarning)).Options)
        : new PostgresAttuneDb(new DbContextOptionsBuilder<PostgresAttuneDb>().UseNpgsql(ConnectionString)
            .ConfigureWarnings(w => w.Ignore(Microsoft.EntityFrameworkCore.Diagnostics.RelationalEventId.PendingModelChangesWarning)).Options);

    public async ValueTask DisposeAsync()
    {
        if (_directory is not null)
        {
            Directory.Delete(_directory, recursive: true);
        }
        if (_adminConnection is not null)
        {
            await using var admin = new NpgsqlConnection(_adminConnection);
            await admin.OpenAsync();
            await using var drop = admin.CreateCommand();
            drop.CommandText = $"DROP DATABASE IF EXISTS \"{_name}\" WITH (FORCE)";
            await drop.ExecuteNonQueryAsync();
        }
    }
}
