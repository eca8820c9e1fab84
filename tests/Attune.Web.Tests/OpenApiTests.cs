using System.Text.Json;
using Attune.Web.Tests.Infrastructure;

namespace Attune.Web.Tests;

public sealed class OpenApiTests
{
    [Fact]
    public async Task OpenApi_document_describes_the_v1_api_without_signing_in()
    {
        await using var factory = await AttuneWebFactory.CreateAsync(DatabaseProvider.Sqlite);
        using var client = factory.CreateClient();

        using var response = await client.GetAsync("/openapi/v1.json");

        response.EnsureSuccessStatusCode();
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var paths = document.RootElement.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/v1/auth/register", out _));
        Assert.True(paths.TryGetProperty("/api/v1/auth/login", out _));
        Assert.True(paths.TryGetProperty("/api/v1/me", out _) || paths.TryGetProperty("/api/v1/me/", out _));
        Assert.False(paths.TryGetProperty("/healthz", out _));
    }

    [Fact]
    public async Task Healthz_reports_unavailable_when_the_database_is_gone()
    {
        await using var factory = await AttuneWebFactory.CreateAsync(DatabaseProvider.Sqlite);
        using var client = factory.CreateClient();
        (await client.GetAsync("/healthz")).EnsureSuccessStatusCode();

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        // A folder where the database file was: the file can no longer be opened as a database.
        var file = Path.Combine(factory.Database.DataDirectory, "attune.db");
        File.Delete(file);
        File.Delete(file + "-wal");
        File.Delete(file + "-shm");
        Directory.CreateDirectory(file);

        using var response = await client.GetAsync("/healthz");

        Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, response.StatusCode);
    }
}
