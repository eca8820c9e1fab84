using System.Data.Common;
using System.Runtime.CompilerServices;
using Attune.Web.Features.Accounts;
using Attune.Web.Features.Audit;
using Attune.Web.Features.Sharing;
using Attune.Web.Infrastructure;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Attune.Web.Data;

public static class DatabaseSetup
{
    public const string ConnectionStringName = "Attune";

    /// <summary>Registers the provider chosen by <c>Database:Provider</c> and exposes it as <see cref="AttuneDb"/>.</summary>
    public static IServiceCollection AddAttuneDatabase(this IServiceCollection services, IConfiguration configuration)
    {
        var provider = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>()?.Provider ?? DatabaseProvider.Sqlite;
        services.AddHttpContextAccessor();
        services.AddSingleton<AuditAddresses>();
        services.AddSingleton<AuditInterceptor>();
        services.AddScoped<AuditLog>();
        var configured = configuration.GetConnectionString(ConnectionStringName);

        if (provider == DatabaseProvider.Postgres)
        {
            if (string.IsNullOrWhiteSpace(configured))
            {
                throw new StartupFailure("Database:Provider is Postgres, so ConnectionStrings:Attune must be set (or the ConnectionStrings__Attune environment variable), "
                    + "e.g. Host=127.0.0.1;Database=attune;Username=attune;Password=….");
            }
            services.AddSingleton(new DatabaseConnection(provider, configured));
            services.AddDbContextPool<PostgresAttuneDb>((sp, o) => o
                .UseNpgsql(configured)
                .AddInterceptors(HealthDataGuard.Instance, sp.GetRequiredService<AuditInterceptor>())
                .ConfigureWarnings(IgnorePendingModelChanges));
            services.AddScoped<AttuneDb>(sp => sp.GetRequiredService<PostgresAttuneDb>());
        }
        else
        {
            services.AddSingleton(sp => new DatabaseConnection(provider,
                !string.IsNullOrWhiteSpace(configured) ? configured : DefaultSqliteConnectionString(sp.GetRequiredService<IOptions<AttuneOptions>>().Value)));
            services.AddDbContextPool<SqliteAttuneDb>((sp, o) => o
                .UseSqlite(sp.GetRequiredService<DatabaseConnection>().ConnectionString)
                .AddInterceptors(SqlitePragmas.Instance, HealthDataGuard.Instance, sp.GetRequiredService<AuditInterceptor>())
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
    /// does not build the EF Core model before the first request needs it. Anything that keeps the database from
    /// being used is a <see cref="StartupFailure"/> that says what to do.
    /// </summary>
    public static async Task InitializeDatabaseAsync(this WebApplication app)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Attune.Database");
        var database = app.Services.GetRequiredService<DatabaseConnection>();
        var options = app.Services.GetRequiredService<IOptions<AttuneOptions>>().Value;
        await CheckReachableAsync(database, options);
        try
        {
            if (!await database.IsUpToDateAsync())
            {
                await using var scope = app.Services.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<AttuneDb>();
                // EF Core's migrator (and its own existence check, on PostgreSQL) reads the history table and logs a
                // failure when it is not there yet, as on a fresh database: create it first with EF Core's own script,
                // so a first start logs nothing alarming.
                if (!await database.HasHistoryTableAsync())
                {
                    await db.Database.ExecuteSqlRawAsync(db.GetService<IHistoryRepository>().GetCreateIfNotExistsScript());
                }
                await db.Database.MigrateAsync();
                logger.LogInformation("Database migrated to {Migration}", DatabaseConnection.KnownMigrations(database.Provider)[^1]);
            }

            if (database.SqliteFile is not null)
            {
                var journal = await database.ScalarAsync("PRAGMA journal_mode=WAL;");
                // synchronous does not persist: every connection sets it (SqlitePragmas); check that setting takes.
                var synchronous = await database.ScalarAsync("PRAGMA synchronous;", setup: DatabaseConnection.SqlitePragmas);
                // 2 = FULL: every commit is fsynced, so a power cut cannot lose an acknowledged check-in.
                if (!string.Equals(journal, "wal", StringComparison.OrdinalIgnoreCase) || synchronous != "2")
                {
                    throw new StartupFailure($"SQLite must run with journal_mode=WAL and synchronous=FULL; got {journal} and {synchronous} for {database.SqliteFile}.");
                }
            }
            if (await StoredSecrets.UpgradeAsync(database, app.Services.GetRequiredService<IDataProtectionProvider>()) is > 0 and var upgraded)
            {
                logger.LogInformation("Protected {Count} two-factor secrets stored before they were hashed or encrypted", upgraded);
            }
        }
        catch (DbException e)
        {
            throw new StartupFailure($"The database ({Describe(database)}) could not be prepared: {FirstLine(e)} "
                + "Check that it is an Attune database this user may change, or restore it from a backup.", e);
        }
    }

    /// <summary>Where the database is, for people: never the password.</summary>
    public static string Describe(DatabaseConnection database)
    {
        if (database.SqliteFile is { } file)
        {
            return $"SQLite at {file}";
        }
        var pg = new NpgsqlConnectionStringBuilder(database.ConnectionString);
        return $"PostgreSQL database {pg.Database} on {pg.Host}:{pg.Port} as {pg.Username}";
    }

    /// <summary>
    /// Refuses a database that cannot be opened, and a missing or empty SQLite file beside existing Data Protection
    /// keys: that means the database was lost (or not restored), and starting afresh would hide it.
    /// </summary>
    private static async Task CheckReachableAsync(DatabaseConnection database, AttuneOptions options)
    {
        if (database.SqliteFile is { } file)
        {
            if (Directory.Exists(file))
            {
                throw new StartupFailure($"The SQLite database {file} is a folder, not a file. Move it away, or point Attune:DataDirectory "
                    + "(or ConnectionStrings:Attune) at the right place.");
            }
            var missing = !File.Exists(file) ? "is missing" : new FileInfo(file).Length == 0 ? "is empty (0 bytes)" : null;
            var keys = options.ResolveKeyDirectory();
            if (missing is not null && Directory.Exists(keys) && Directory.EnumerateFiles(keys, "*.xml").Any())
            {
                throw new StartupFailure($"The database {file} {missing}, but the data folder has Data Protection keys ({keys}): the database "
                    + "was lost or not restored. Restore it from a backup (docs/self-hosting.md), or, to start again with no accounts, "
                    + "move the keys folder away as well.");
            }
            if (missing is not null)
            {
                return;
            }
        }
        try
        {
            await database.ScalarAsync("SELECT 1");
        }
        catch (Exception e) when (e is DbException or InvalidOperationException or System.Net.Sockets.SocketException or TimeoutException)
        {
            var what = database.SqliteFile is null
                ? "Check ConnectionStrings:Attune, and that PostgreSQL is running and lets this user in."
                : "Check that the file is an Attune database that this user may read and write, or restore it from a backup.";
            throw new StartupFailure($"Could not open the database ({Describe(database)}): {FirstLine(e)} {what}", e);
        }
    }

    private static string FirstLine(Exception e)
    {
        var message = e.InnerException is { } inner && e is NpgsqlException ? $"{e.Message.TrimEnd('.')} ({inner.Message.TrimEnd('.')})" : e.Message;
        var line = message.Split('\n', 2)[0].Trim();
        return line.EndsWith('.') ? line : line + ".";
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
