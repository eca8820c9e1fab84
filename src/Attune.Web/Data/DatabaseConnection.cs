using System.Data.Common;
using Attune.Web.Infrastructure;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Attune.Web.Data;

/// <summary>
/// The configured database as a plain ADO.NET connection, for the few jobs that need no EF Core model:
/// the health check and the start-up check that every migration is applied. Keeping EF Core out of those
/// keeps it out of start-up, which is about 20 MB of resident memory (docs/performance.md, Web app).
/// Connections come from the same pools EF Core uses (same connection string).
/// </summary>
public sealed class DatabaseConnection(DatabaseProvider provider, string connectionString)
{
    /// <summary>
    /// SQLite settings that do not persist in the file: set on every native connection. secure_delete overwrites
    /// deleted rows with zeros, so an erased account or a deleted check-in does not linger in free pages of the file.
    /// </summary>
    public const string SqlitePragmas = "PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=5000; PRAGMA secure_delete=ON;";

    public DatabaseProvider Provider { get; } = provider;

    public string ConnectionString { get; } = connectionString;

    /// <summary>The SQLite file, or null on PostgreSQL (read once: the health check asks on every call).</summary>
    public string? SqliteFile { get; } = provider == DatabaseProvider.Sqlite ? new SqliteConnectionStringBuilder(connectionString).DataSource : null;

    public DbConnection Create() => Provider == DatabaseProvider.Postgres
        ? new NpgsqlConnection(ConnectionString)
        : new SqliteConnection(ConnectionString);

    /// <summary>
    /// True when the schema is there and every migration this build knows of is recorded as applied. False
    /// on an empty or older database (then EF Core's migrator runs) or when the database cannot be read.
    /// </summary>
    public async Task<bool> IsUpToDateAsync(CancellationToken cancel = default)
    {
        if (SqliteFile is { } file && !File.Exists(file))
        {
            return false;
        }
        try
        {
            await using var connection = Create();
            await connection.OpenAsync(cancel);
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT \"MigrationId\" FROM \"__EFMigrationsHistory\"";
            var applied = new HashSet<string>(StringComparer.Ordinal);
            await using (var reader = await command.ExecuteReaderAsync(cancel))
            {
                while (await reader.ReadAsync(cancel))
                {
                    applied.Add(reader.GetString(0));
                }
            }
            return KnownMigrations(Provider).All(applied.Contains);
        }
        catch (DbException)
        {
            return false;
        }
    }

    /// <summary>Whether EF Core's migrations history table exists, asked of the catalogue so nothing fails (or logs) when it does not.</summary>
    public async Task<bool> HasHistoryTableAsync(CancellationToken cancel = default) =>
        await ScalarAsync(Provider == DatabaseProvider.Postgres
            ? "SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = '__EFMigrationsHistory'"
            : "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '__EFMigrationsHistory'", cancel: cancel) != "0";

    /// <summary>
    /// The migrations of this build for <paramref name="provider"/>, from the embedded scripts
    /// (<c>Data/Migrations/{Provider}/{Id}.sql</c>); a test checks they are exactly EF Core's list.
    /// </summary>
    public static IReadOnlyList<string> KnownMigrations(DatabaseProvider provider)
    {
        var prefix = $"Attune.Web.Data.Migrations.{provider}.";
        return typeof(DatabaseConnection).Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal)
                && !n.EndsWith(".down.sql", StringComparison.Ordinal))
            .Select(n => n[prefix.Length..^".sql".Length])
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>
    /// Runs <paramref name="setup"/> (if any), then <paramref name="sql"/>, on one fresh connection and returns
    /// the first column of the first row of <paramref name="sql"/>.
    /// </summary>
    public async Task<string?> ScalarAsync(string sql, string? setup = null, CancellationToken cancel = default)
    {
        await using var connection = Create();
        await connection.OpenAsync(cancel);
        await using var command = connection.CreateCommand();
        if (setup is not null)
        {
            command.CommandText = setup;
            await command.ExecuteNonQueryAsync(cancel);
        }
        command.CommandText = sql;
        return Convert.ToString(await command.ExecuteScalarAsync(cancel), System.Globalization.CultureInfo.InvariantCulture);
    }
}
