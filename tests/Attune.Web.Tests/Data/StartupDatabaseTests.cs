using System.Net.Http.Json;
using Attune.Web.Data;
using Attune.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using AppProvider = Attune.Web.Infrastructure.DatabaseProvider;

namespace Attune.Web.Tests.Data;

/// <summary>
/// Start-up decides through a plain connection whether EF Core's migrator must run; these prove that
/// decision is right, so keeping EF Core out of a restart can never skip a migration.
/// </summary>
public sealed class StartupDatabaseTests
{
    [Fact]
    public void The_start_up_check_knows_exactly_EF_Cores_migrations_for_each_provider()
    {
        using var sqlite = new SqliteAttuneDb(new DbContextOptionsBuilder<SqliteAttuneDb>().UseSqlite("Data Source=:memory:").Options);
        using var postgres = new PostgresAttuneDb(new DbContextOptionsBuilder<PostgresAttuneDb>().UseNpgsql("Host=localhost").Options);

        Assert.Equal(sqlite.Database.GetMigrations(), DatabaseConnection.KnownMigrations(AppProvider.Sqlite));
        Assert.Equal(postgres.Database.GetMigrations(), DatabaseConnection.KnownMigrations(AppProvider.Postgres));
        Assert.True(DatabaseConnection.KnownMigrations(AppProvider.Sqlite).Count >= 2);
    }

    [Theory, ClassData(typeof(Providers))]
    public async Task A_database_is_up_to_date_only_when_every_migration_is_applied(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var connection = Connect(database);

        Assert.False(await connection.IsUpToDateAsync());
        if (provider == DatabaseProvider.Sqlite)
        {
            Assert.False(File.Exists(connection.SqliteFile), "checking must not create the SQLite file");
        }

        await using var db = database.NewContext();
        var migrations = db.Database.GetMigrations().ToList();
        await db.GetService<IMigrator>().MigrateAsync(migrations[^2]);
        Assert.False(await connection.IsUpToDateAsync());

        await db.Database.MigrateAsync();
        Assert.True(await connection.IsUpToDateAsync());

        await db.GetService<IMigrator>().MigrateAsync(Migration.InitialDatabase);
        Assert.False(await connection.IsUpToDateAsync());
    }

    [Theory, ClassData(typeof(Providers))]
    public async Task The_app_migrates_an_empty_database_and_restarts_on_it(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider, emptyDatabase: true);
        using var client = factory.CreateClient();
        (await client.GetAsync("/healthz")).EnsureSuccessStatusCode();

        var connection = factory.Services.GetRequiredService<DatabaseConnection>();
        Assert.True(await connection.IsUpToDateAsync());

        // A second start on the now up-to-date database skips the migrator and still serves.
        await using var again = factory.WithWebHostBuilder(_ => { });
        using var second = again.CreateClient();
        (await second.GetAsync("/healthz")).EnsureSuccessStatusCode();
        using var register = await second.PostAsJsonAsync("/api/v1/auth/register", new { email = "restart@example.org", password = Browser.Password });
        Assert.True(register.IsSuccessStatusCode, await register.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_key_ring_is_not_warmed_at_start_up_and_the_removed_service_still_exists()
    {
        // If the framework renamed the service, removing it by name would silently do nothing.
        Assert.NotNull(typeof(Microsoft.AspNetCore.DataProtection.KeyManagement.KeyManagementOptions).Assembly.GetType(Attune.Web.Infrastructure.DataProtectionSetup.WarmUpService));

        await using var factory = await AttuneWebFactory.CreateAsync(DatabaseProvider.Sqlite);
        var hosted = factory.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>();
        Assert.DoesNotContain(hosted, s => s.GetType().FullName == Attune.Web.Infrastructure.DataProtectionSetup.WarmUpService);
    }

    private static DatabaseConnection Connect(TestDatabase database) => database.Provider == DatabaseProvider.Sqlite
        ? new DatabaseConnection(AppProvider.Sqlite, $"Data Source={Path.Combine(database.DataDirectory, "attune.db")}")
        : new DatabaseConnection(AppProvider.Postgres, database.ConnectionString!);
}
