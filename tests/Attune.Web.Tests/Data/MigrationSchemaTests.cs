using Attune.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Attune.Web.Tests.Data;

/// <summary>
/// The migrations are hand-written SQL. These tests prove that migrating an empty database gives
/// exactly the schema the EF model expects (the model's own create script), on each provider.
/// </summary>
public sealed class MigrationSchemaTests
{
    [Theory]
    [ClassData(typeof(Providers))]
    public async Task Migrating_an_empty_database_gives_exactly_the_model_schema(DatabaseProvider provider)
    {
        await using var migrated = await TestDatabase.CreateAsync(provider);
        await using var created = await TestDatabase.CreateAsync(provider);

        await using (var db = migrated.NewContext())
        {
            await db.Database.MigrateAsync();
        }
        await using (var db = created.NewContext())
        {
            await db.Database.ExecuteSqlRawAsync(db.Database.GenerateCreateScript());
        }

        var fromMigrations = await SnapshotAsync(migrated);
        var fromModel = await SnapshotAsync(created);

        Assert.NotEmpty(fromModel);
        Assert.Equal(fromModel.Except(fromMigrations), []);
        Assert.Equal(fromMigrations.Except(fromModel), []);
        Assert.Equal(fromModel, fromMigrations);
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task Every_migration_can_be_reverted_to_an_empty_database(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.NewContext();
        await db.Database.MigrateAsync();

        await db.GetService<IMigrator>().MigrateAsync(Migration.InitialDatabase);

        await db.Database.OpenConnectionAsync();
        var left = await SchemaSnapshot.ReadAsync(db.Database.GetDbConnection());
        Assert.Empty(left);
    }

    [Fact]
    public void Both_providers_have_the_same_migrations_in_the_same_order()
    {
        using var sqlite = new Attune.Web.Data.SqliteAttuneDb(new DbContextOptionsBuilder<Attune.Web.Data.SqliteAttuneDb>().UseSqlite("Data Source=:memory:").Options);
        using var postgres = new Attune.Web.Data.PostgresAttuneDb(new DbContextOptionsBuilder<Attune.Web.Data.PostgresAttuneDb>().UseNpgsql("Host=localhost").Options);

        var sqliteIds = sqlite.Database.GetMigrations().ToList();
        var postgresIds = postgres.Database.GetMigrations().ToList();

        Assert.NotEmpty(sqliteIds);
        Assert.Equal(sqliteIds, postgresIds);
    }

    private static async Task<List<string>> SnapshotAsync(TestDatabase database)
    {
        await using var db = database.NewContext();
        await db.Database.OpenConnectionAsync();
        return await SchemaSnapshot.ReadAsync(db.Database.GetDbConnection());
    }
}
