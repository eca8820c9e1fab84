using System.Data.Common;
using System.Runtime.CompilerServices;
using Attune.Web.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Options;

namespace Attune.Web.Data;

public static class DatabaseSetup
{
    public const string ConnectionStringName = "Attune";

    /// <summary>Registers the provider chosen by <c>Database:Provider</c> and exposes it as <see cref="AttuneDb"/>.</summary>
    public static IServiceCollection AddAttuneDatabase(this IServiceCollection services, IConfiguration configuration)
    {
        var provider = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>()?.Provider ?? DatabaseProvider.Sqlite;
        var configured = configuration.GetConnectionString(ConnectionStringName);

        if (provider == DatabaseProvider.Postgres)
        {
            if (string.IsNullOrWhiteSpace(configured))
            {
                throw new InvalidOperationException("Database:Provider is Postgres, so ConnectionStrings:Attune must be set.");
            }
            services.AddDbContextPool<PostgresAttuneDb>(o => o
                .UseNpgsql(configured)
                .ConfigureWarnings(IgnorePendingModelChanges));
            services.AddScoped<AttuneDb>(sp => sp.GetRequiredService<PostgresAttuneDb>());
        }
        else
        {
            services.AddDbContextPool<SqliteAttuneDb>((sp, o) => o
                .UseSqlite(!string.IsNullOrWhiteSpace(configured) ? configured : DefaultSqliteConnectionString(sp.GetRequiredService<IOptions<AttuneOptions>>().Value))
                .AddInterceptors(SqlitePragmas.Instance)
                .ConfigureWarnings(IgnorePendingModelChanges));
            services.AddScoped<AttuneDb>(sp => sp.GetRequiredService<SqliteAttuneDb>());
        }
        return services;
    }

    // Migrations are hand-written SQL without an EF model snapshot; tests compare the migrated schema
    // with the model instead (docs/decisions/0002-hand-written-migrations.md).
    private static void IgnorePendingModelChanges(WarningsConfigurationBuilder w) =>
        w.Ignore(RelationalEventId.PendingModelChangesWarning);

    public static string DefaultSqliteConnectionString(AttuneOptions options) =>
        new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(options.ResolveDataDirectory(), "attune.db"),
            Pooling = true,
        }.ToString();

    /// <summary>Creates the data folder, applies migrations and, on SQLite, verifies WAL and synchronous=FULL.</summary>
    public static async Task InitializeDatabaseAsync(this WebApplication app)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Attune.Database");
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AttuneDb>();
        await db.Database.MigrateAsync();

        if (db.Database.IsSqlite())
        {
            var journal = await ScalarAsync(db, "PRAGMA journal_mode=WAL;");
            var synchronous = await ScalarAsync(db, "PRAGMA synchronous;");
            // 2 = FULL: every commit is fsynced, so a power cut cannot lose an acknowledged check-in.
            if (!string.Equals(journal, "wal", StringComparison.OrdinalIgnoreCase) || synchronous != "2")
            {
                throw new InvalidOperationException($"SQLite must run with journal_mode=WAL and synchronous=FULL; got {journal} and {synchronous}.");
            }
            logger.LogInformation("SQLite database at {Path}: journal_mode={Journal}, synchronous=FULL",
                db.Database.GetDbConnection().DataSource, journal);
        }
        else
        {
            logger.LogInformation("PostgreSQL database {Database} migrated", db.Database.GetDbConnection().Database);
        }
    }

    private static async Task<string?> ScalarAsync(AttuneDb db, string sql)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            return Convert.ToString(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>
    /// Per-connection SQLite settings: synchronous is not persistent, so each connection sets it. They
    /// last as long as the native connection, which the pool hands out again and again, so they run once
    /// per native connection rather than on every open (a third of the cost of a small query).
    /// </summary>
    private sealed class SqlitePragmas : DbConnectionInterceptor
    {
        public static readonly SqlitePragmas Instance = new();

        private const string Sql = "PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=5000;";

        // Keyed by the native handle object, which lives exactly as long as the native connection.
        private static readonly ConditionalWeakTable<object, object> Configured = new();

        public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
        {
            if (IsConfigured(connection))
            {
                return;
            }
            using var command = connection.CreateCommand();
            command.CommandText = Sql;
            command.ExecuteNonQuery();
            MarkConfigured(connection);
        }

        public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            if (IsConfigured(connection))
            {
                return;
            }
            await using var command = connection.CreateCommand();
            command.CommandText = Sql;
            await command.ExecuteNonQueryAsync(cancellationToken);
            MarkConfigured(connection);
        }

        private static bool IsConfigured(DbConnection connection) =>
            connection is SqliteConnection { Handle: { } handle } && Configured.TryGetValue(handle, out _);

        private static void MarkConfigured(DbConnection connection)
        {
            if (connection is SqliteConnection { Handle: { } handle })
            {
                Configured.AddOrUpdate(handle, Instance);
            }
        }
    }
}
