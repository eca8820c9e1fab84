using System.Data.Common;
using System.Runtime.CompilerServices;
using Attune.Web.Features.Sharing;
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
            services.AddSingleton(new DatabaseConnection(provider, configured));
            services.AddDbContextPool<PostgresAttuneDb>(o => o
                .UseNpgsql(configured)
                .AddInterceptors(HealthDataGuard.Instance)
                .ConfigureWarnings(IgnorePendingModelChanges));
            services.AddScoped<AttuneDb>(sp => sp.GetRequiredService<PostgresAttuneDb>());
        }
        else
        {
            services.AddSingleton(sp => new DatabaseConnection(provider,
                !string.IsNullOrWhiteSpace(configured) ? configured : DefaultSqliteConnectionString(sp.GetRequiredService<IOptions<AttuneOptions>>().Value)));
            services.AddDbContextPool<SqliteAttuneDb>((sp, o) => o
                .UseSqlite(sp.GetRequiredService<DatabaseConnection>().ConnectionString)
                .AddInterceptors(SqlitePragmas.Instance, HealthDataGuard.Instance)
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

    /// <summary>
    /// Applies migrations when the database is empty or older than this build and, on SQLite, verifies WAL
    /// and synchronous=FULL. An up-to-date database is checked through a plain connection, so a restart
    /// does not build the EF Core model before the first request needs it.
    /// </summary>
    public static async Task InitializeDatabaseAsync(this WebApplication app)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Attune.Database");
        var database = app.Services.GetRequiredService<DatabaseConnection>();
        if (!await database.IsUpToDateAsync())
        {
            await using var scope = app.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<AttuneDb>().Database.MigrateAsync();
            logger.LogInformation("Database migrated to {Migration}", DatabaseConnection.KnownMigrations(database.Provider)[^1]);
        }

        if (database.SqliteFile is { } file)
        {
            var journal = await database.ScalarAsync("PRAGMA journal_mode=WAL;");
            // synchronous does not persist: every connection sets it (SqlitePragmas); check that setting takes.
            var synchronous = await database.ScalarAsync("PRAGMA synchronous;", setup: DatabaseConnection.SqlitePragmas);
            // 2 = FULL: every commit is fsynced, so a power cut cannot lose an acknowledged check-in.
            if (!string.Equals(journal, "wal", StringComparison.OrdinalIgnoreCase) || synchronous != "2")
            {
                throw new InvalidOperationException($"SQLite must run with journal_mode=WAL and synchronous=FULL; got {journal} and {synchronous}.");
            }
            logger.LogInformation("SQLite database at {Path}: journal_mode={Journal}, synchronous=FULL", file, journal);
        }
        else
        {
            logger.LogInformation("PostgreSQL database ready");
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

        private const string Sql = DatabaseConnection.SqlitePragmas;

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
