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
}
