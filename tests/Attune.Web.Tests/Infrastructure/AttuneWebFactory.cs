using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;

namespace Attune.Web.Tests.Infrastructure;

/// <summary>
/// The app in memory, in environment <c>Testing</c>, on its own fresh database.
/// Create with <see cref="CreateAsync"/> and dispose with <c>await using</c>; disposing also drops the database.
/// </summary>
public sealed class AttuneWebFactory : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings;

    private AttuneWebFactory(TestDatabase database, IReadOnlyDictionary<string, string?>? extraSettings)
    {
        Database = database;
        _settings = new Dictionary<string, string?>(database.Settings);
        foreach (var (key, value) in extraSettings ?? new Dictionary<string, string?>())
        {
            _settings[key] = value;
        }
    }

    public TestDatabase Database { get; }

    public DatabaseProvider Provider => Database.Provider;

    /// <param name="provider">The database engine to run against.</param>
    /// <param name="settings">Extra configuration (keys like <c>Section:Key</c>), overriding the defaults.</param>
    public static async Task<AttuneWebFactory> CreateAsync(
        DatabaseProvider provider,
        IReadOnlyDictionary<string, string?>? settings = null)
    {
        var database = await TestDatabase.CreateAsync(provider);
        return new AttuneWebFactory(database, settings);
    }

    /// <summary>A client that keeps cookies and does not follow redirects, so tests can assert on them.</summary>
    public HttpClient CreateClientWithCookies(bool followRedirects = false) =>
        CreateClient(new WebApplicationFactoryClientOptions
        {
            AllowAutoRedirect = followRedirects,
            HandleCookies = true,
        });

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");

        // UseSetting makes the values visible to code in Program.cs that reads configuration before
        // Build(); the in-memory source added last wins over appsettings.*.json and environment variables.
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureAppConfiguration((_, configuration) => configuration.AddInMemoryCollection(_settings));
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Database.DisposeAsync();
    }
}
