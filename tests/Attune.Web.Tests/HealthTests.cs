using System.Net;
using Attune.Web.Tests.Infrastructure;

namespace Attune.Web.Tests;

public sealed class HealthTests
{
    [Theory, ClassData(typeof(Providers))]
    public async Task Healthz_returns_ok(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        using var client = factory.CreateClient();

        using var response = await client.GetAsync("/healthz");

        response.EnsureSuccessStatusCode();
        Assert.Equal("ok", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Healthz_reports_a_missing_sqlite_file_without_creating_an_empty_one()
    {
        await using var factory = await AttuneWebFactory.CreateAsync(DatabaseProvider.Sqlite);
        using var client = factory.CreateClient();
        (await client.GetAsync("/healthz")).EnsureSuccessStatusCode();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var file = Path.Combine(factory.Database.DataDirectory, "attune.db");
        File.Delete(file);
        File.Delete(file + "-wal");
        File.Delete(file + "-shm");

        using var response = await client.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.False(File.Exists(file));
    }

    [Fact]
    public async Task Healthz_reports_a_database_with_corrupted_pages()
    {
        await using var factory = await AttuneWebFactory.CreateAsync(DatabaseProvider.Sqlite);
        using var client = factory.CreateClient();
        (await client.GetAsync("/healthz")).EnsureSuccessStatusCode();
        var file = Path.Combine(factory.Database.DataDirectory, "attune.db");
        long offset;
        await using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={file};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
            await command.ExecuteNonQueryAsync();
            command.CommandText = "SELECT (rootpage - 1) * (SELECT page_size FROM pragma_page_size()) FROM sqlite_master WHERE name = 'AspNetUsers'";
            offset = (long)(await command.ExecuteScalarAsync())!;
        }
        // Garbage over the users table's first page; the quick read /healthz always makes does not touch it.
        await using (var stream = new FileStream(file, FileMode.Open, FileAccess.Write, FileShare.ReadWrite))
        {
            stream.Seek(offset, SeekOrigin.Begin);
            await stream.WriteAsync(Enumerable.Repeat((byte)0x5A, 4096).ToArray());
        }
        factory.Clock.Advance(TimeSpan.FromMinutes(11));

        using var response = await client.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
    }

    [Fact]
    public async Task Healthz_reports_a_database_it_cannot_write_to()
    {
        await using var factory = await AttuneWebFactory.CreateAsync(DatabaseProvider.Sqlite, new Dictionary<string, string?> { ["Health:WriteCheckSeconds"] = "1" });
        using var client = factory.CreateClient();
        (await client.GetAsync("/healthz")).EnsureSuccessStatusCode();
        var file = Path.Combine(factory.Database.DataDirectory, "attune.db");
        // Another process holds the write lock for longer than the app waits (busy_timeout): nothing can be written.
        await using var blocker = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={file};Pooling=False;Default Timeout=1");
        await blocker.OpenAsync();
        await using var transaction = await blocker.BeginTransactionAsync();
        await using (var write = blocker.CreateCommand())
        {
            write.Transaction = (Microsoft.Data.Sqlite.SqliteTransaction)transaction;
            write.CommandText = "PRAGMA user_version = 7;";
            await write.ExecuteNonQueryAsync();
        }
        factory.Clock.Advance(TimeSpan.FromSeconds(2));

        using var response = await client.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
    }
}
