using Npgsql;

namespace Attune.Web.Tests.Infrastructure;

public sealed class TestDatabaseTests
{
    [Theory, ClassData(typeof(Providers))]
    public async Task DisposeAsync_CreatedDatabase_RemovesIt(DatabaseProvider provider)
    {
        var database = await TestDatabase.CreateAsync(provider);
        Assert.True(Directory.Exists(database.DataDirectory));
        var name = database.ConnectionString is null ? null : new NpgsqlConnectionStringBuilder(database.ConnectionString).Database;
        if (name is not null)
        {
            Assert.True(await PostgresDatabaseExistsAsync(name));
        }

        await database.DisposeAsync();

        Assert.False(Directory.Exists(database.DataDirectory));
        if (name is not null)
        {
            Assert.False(await PostgresDatabaseExistsAsync(name));
        }
    }

    private static async Task<bool> PostgresDatabaseExistsAsync(string name)
    {
        await using var connection = new NpgsqlConnection(TestEnvironment.PostgresAdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM pg_database WHERE datname = @name", connection);
        command.Parameters.AddWithValue("name", name);
        return (long)(await command.ExecuteScalarAsync() ?? 0L) == 1;
    }
}
