using System.Net;
using Attune.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Attune.Browser.Tests.Infrastructure;

/// <summary>
/// The real app on Kestrel, listening on a free 127.0.0.1 port, in environment <c>Testing</c> (or the one
/// given), on its own fresh database. A browser reaches it at <see cref="BaseAddress"/>. Dispose to stop it
/// and drop the database.
/// </summary>
public sealed class AppServer : WebApplicationFactory<Program>
{
    /// <summary>
    /// Browser tests sign in and out many times a minute from one address; the limits themselves are
    /// covered by the HTTP tests, so servers for browser journeys raise them with these settings.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string?> RelaxedRateLimits = new Dictionary<string, string?>
    {
        ["RateLimits:AuthPerIpPerMinute"] = "10000",
        ["RateLimits:AuthPerAccountPerFifteenMinutes"] = "10000",
    };

    private readonly Dictionary<string, string?> _settings;
    private readonly string _environment;
    private readonly Action<IServiceCollection>? _services;

    private AppServer(TestDatabase database, IReadOnlyDictionary<string, string?>? extraSettings, string environment, Action<IServiceCollection>? services)
    {
        Database = database;
        _environment = environment;
        _services = services;
        _settings = new Dictionary<string, string?>(database.Settings);
        foreach (var (key, value) in extraSettings ?? new Dictionary<string, string?>())
        {
            _settings[key] = value;
        }
    }

    public TestDatabase Database { get; }

    /// <summary>Where the server listens, e.g. <c>http://127.0.0.1:40123/</c>.</summary>
    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    /// <param name="provider">The database the app runs on.</param>
    /// <param name="settings">Configuration keys added or overridden.</param>
    /// <param name="environment"><c>Testing</c>, or <c>Development</c> for the pages that only exist there (the outbox, the style guide).</param>
    /// <param name="services">Replaces app services after the app registered its own, e.g. a <see cref="TestClock"/>.</param>
    /// <param name="claimed">True: the instance already has its administrator (<see cref="TestInstance"/>); false: a fresh one.</param>
    public static async Task<AppServer> StartAsync(
        DatabaseProvider provider = DatabaseProvider.Sqlite,
        IReadOnlyDictionary<string, string?>? settings = null,
        string environment = "Testing",
        Action<IServiceCollection>? services = null,
        bool claimed = true)
    {
        var database = await TestDatabase.CreateMigratedAsync(provider);
        var server = new AppServer(database, settings, environment, services);
        try
        {
            server.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
            server.StartServer();
            var addresses = server.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>();
            server.BaseAddress = new Uri(addresses.Addresses.Single().TrimEnd('/') + "/");
            if (claimed)
            {
                await TestInstance.ClaimAsync(server.Services);
            }
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(_environment);
        // As a published app serves them: the build's compressed copies (app.css.gz, found under obj/ through the runtime
        // manifest) and the manifest's own cache headers rather than Development's no-cache.
        builder.UseStaticWebAssets();
        builder.UseSetting("EnableStaticAssetsDevelopmentCaching", "true");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureAppConfiguration((_, configuration) => configuration.AddInMemoryCollection(_settings));
        builder.ConfigureTestServices(services =>
        {
            TestEnvironment.UseTestPasswordCost(services);
            _services?.Invoke(services);
        });
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Database.DisposeAsync();
    }
}
