using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Attune.Web.Tests.Infrastructure;

/// <summary>
/// The app in memory, in environment <c>Testing</c> (or the one asked for), on its own fresh database, with a
/// <see cref="TestClock"/> as its <see cref="TimeProvider"/>.
/// Create with <see cref="CreateAsync"/> and dispose with <c>await using</c>; disposing also drops the database.
/// </summary>
public sealed class AttuneWebFactory : WebApplicationFactory<Program>
{
    /// <summary>
    /// Every test client comes from one address, so the per-IP limit on sign-in pages and endpoints is
    /// raised unless a test asks for a small one to exercise it.
    /// </summary>
    public const int DefaultAuthPerIpPerMinute = 1000;

    /// <summary>A request with this header comes from that client address; without it, from 127.0.0.1 (as behind a local proxy).</summary>
    public const string RemoteIpHeader = "X-Test-Remote-Ip";

    private readonly Dictionary<string, string?> _settings;
    private readonly string _environment;
    private readonly Action<IServiceCollection>? _services;
    private readonly bool _claimed;
    private readonly string? _ownDataDirectory;
    private readonly bool _productPasswordCost;

    private AttuneWebFactory(
        TestDatabase database,
        IReadOnlyDictionary<string, string?>? extraSettings,
        string environment,
        int authPerIpPerMinute,
        Action<IServiceCollection>? services,
        bool claimed,
        bool productPasswordCost,
        string? ownDataDirectory = null)
    {
        Database = database;
        _productPasswordCost = productPasswordCost;
        _claimed = claimed;
        _ownDataDirectory = ownDataDirectory;
        _environment = environment;
        _services = services;
        _settings = new Dictionary<string, string?>(database.Settings)
        {
            ["RateLimits:AuthPerIpPerMinute"] = authPerIpPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture),
            // Hundreds of short-lived hosts: compiling the analysis ahead in each would only cost the suite time.
            ["Analysis:WarmUp"] = "false",
        };
        if (ownDataDirectory is not null)
        {
            _settings["Attune:DataDirectory"] = ownDataDirectory;
            // SQLite's file is in the first node's data folder: name it, so this node opens the same database.
            _settings["ConnectionStrings:Attune"] = database.ConnectionString
                ?? new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder { DataSource = Path.Combine(database.DataDirectory, "attune.db"), Pooling = true }.ToString();
        }
        foreach (var (key, value) in extraSettings ?? new Dictionary<string, string?>())
        {
            _settings[key] = value;
        }
    }

    public TestDatabase Database { get; }

    public DatabaseProvider Provider => Database.Provider;

    /// <summary>The app's clock: real time until a test moves it with <see cref="TestClock.Advance"/>.</summary>
    public TestClock Clock { get; } = new();

    /// <summary>Every log entry the app wrote, at the levels its configuration lets through.</summary>
    public CapturedLogs Logs { get; } = new();

    /// <param name="provider">The database engine to run against.</param>
    /// <param name="settings">Extra configuration (keys like <c>Section:Key</c>), overriding the defaults.</param>
    /// <param name="environment">The host environment, e.g. <c>Development</c> to reach the development outbox.</param>
    /// <param name="authPerIpPerMinute">The per-IP limit on sign-in, registration, reset and two-factor requests.</param>
    /// <param name="services">Changes to the app's services after its own, e.g. an interceptor that simulates a full disk.</param>
    /// <param name="claimed">
    /// True (the default): the instance already has its administrator (<see cref="TestInstance.OwnerEmail"/>, no password), so the
    /// people tests register are ordinary accounts. False: a fresh instance, whose first account becomes its administrator.
    /// </param>
    /// <param name="emptyDatabase">True: the app starts on an empty database and migrates it; false (the default): on a migrated copy.</param>
    /// <param name="productPasswordCost">True: hash passwords at the product's cost instead of <see cref="TestEnvironment.PasswordIterations"/>.</param>
    public static async Task<AttuneWebFactory> CreateAsync(
        DatabaseProvider provider,
        IReadOnlyDictionary<string, string?>? settings = null,
        string environment = "Testing",
        int authPerIpPerMinute = DefaultAuthPerIpPerMinute,
        Action<IServiceCollection>? services = null,
        bool claimed = true,
        bool emptyDatabase = false,
        bool productPasswordCost = false)
    {
        var database = emptyDatabase ? await TestDatabase.CreateAsync(provider) : await TestDatabase.CreateMigratedAsync(provider);
        return new AttuneWebFactory(database, settings, environment, authPerIpPerMinute, services, claimed, productPasswordCost);
    }

    /// <summary>
    /// Another node of the same installation: the same database as <paramref name="first"/> (which keeps owning it) but
    /// its own data folder, so nothing is shared through files; configured with <paramref name="settings"/> only.
    /// </summary>
    public static AttuneWebFactory AnotherNode(AttuneWebFactory first, IReadOnlyDictionary<string, string?>? settings = null, int authPerIpPerMinute = DefaultAuthPerIpPerMinute)
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "attune-tests", Guid.NewGuid().ToString("n"));
        Directory.CreateDirectory(dataDirectory);
        return new AttuneWebFactory(first.Database, settings, first._environment, authPerIpPerMinute, services: null, claimed: false, first._productPasswordCost, dataDirectory);
    }

    protected override IHost CreateHost(IHostBuilder builder)
    {
        var host = base.CreateHost(builder);
        if (_claimed)
        {
            TestInstance.ClaimAsync(host.Services).GetAwaiter().GetResult();
        }
        return host;
    }

    /// <summary>A client that keeps cookies and does not follow redirects, so tests can assert on them.</summary>
    public HttpClient CreateClientWithCookies(bool followRedirects = false) =>
        CreateClient(new WebApplicationFactoryClientOptions
        {
            AllowAutoRedirect = followRedirects,
            HandleCookies = true,
        });

    /// <summary>A <see cref="Browser"/> with its own cookie jar, not following redirects.</summary>
    public Browser NewBrowser() => new(this, CreateClientWithCookies());

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(_environment);
        // As in Development: a build keeps the files it compressed (app.css.gz) under obj/, and the runtime manifest
        // finds them there; a published app has them beside the originals in wwwroot.
        // A build's manifest is served with no-cache everywhere unless told otherwise; published, the app sends the manifest's
        // own Cache-Control (a year and immutable for fingerprinted names), which is what the tests check.
        builder.UseStaticWebAssets();
        builder.UseSetting("EnableStaticAssetsDevelopmentCaching", "true");

        // UseSetting makes the values visible to code in Program.cs that reads configuration before
        // Build(); the in-memory source added last wins over appsettings.*.json and environment variables.
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureAppConfiguration((_, configuration) => configuration.AddInMemoryCollection(_settings));
        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
            services.AddSingleton<IStartupFilter>(new RemoteIpFilter());
            if (!_productPasswordCost)
            {
                TestEnvironment.UseTestPasswordCost(services);
            }
            _services?.Invoke(services);
        });
    }

    /// <summary>The test server leaves the client address empty; Kestrel behind a local proxy would see 127.0.0.1.</summary>
    private sealed class RemoteIpFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((http, nextMiddleware) =>
            {
                http.Connection.RemoteIpAddress = http.Request.Headers.TryGetValue(RemoteIpHeader, out var ip) ? IPAddress.Parse(ip.ToString()) : IPAddress.Loopback;
                return nextMiddleware(http);
            });
            next(app);
        };
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_ownDataDirectory is null)
        {
            await Database.DisposeAsync();
        }
        else if (Directory.Exists(_ownDataDirectory))
        {
            Directory.Delete(_ownDataDirectory, recursive: true);
        }
    }
}
