using Attune.Web.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.StackExchangeRedis;
using StackExchange.Redis;

namespace Attune.Web.Infrastructure;

/// <summary>Redis, for what several nodes must share in real time (section <c>Redis</c>; docs/decisions/0020-several-nodes.md).</summary>
public sealed class RedisOptions
{
    public const string Section = "Redis";

    /// <summary>A StackExchange.Redis connection string, e.g. <c>127.0.0.1:6379</c>. Unset: one node, everything in memory.</summary>
    public string? Configuration { get; set; }

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Configuration);
}

/// <summary>Where the Data Protection key ring lives (<c>DataProtection:Store</c>).</summary>
public enum KeyStore
{
    /// <summary>Files in the data folder's <c>keys</c> (one node, or a shared folder).</summary>
    Files,

    /// <summary>The <c>DataProtectionKeys</c> table: one store to back up, shared by every node on PostgreSQL.</summary>
    Database,

    /// <summary>A Redis list; Redis must then be persisted and backed up, or a restart signs everyone out.</summary>
    Redis,
}

public sealed class KeyStoreOptions
{
    public const string Section = "DataProtection";

    public KeyStore Store { get; set; } = KeyStore.Files;
}

/// <summary>
/// The one Redis connection of this node, opened on first use. StackExchange.Redis reconnects on its own; while Redis is
/// away, commands throw <see cref="RedisException"/>, which each user of it turns into its single-node behaviour.
/// </summary>
public sealed class RedisConnection(string configuration) : IDisposable
{
    public const string DataProtectionKey = "attune:dataprotection-keys";

    private readonly Lazy<ConnectionMultiplexer> _multiplexer = new(() => ConnectionMultiplexer.Connect(Options(configuration)));

    public IConnectionMultiplexer Multiplexer => _multiplexer.Value;

    public IDatabase Database => Multiplexer.GetDatabase();

    /// <summary>Never fail at start or later because Redis is away: connect in the background and keep retrying.</summary>
    public static ConfigurationOptions Options(string configuration)
    {
        var options = ConfigurationOptions.Parse(configuration);
        options.AbortOnConnectFail = false;
        options.ConnectTimeout = Math.Min(options.ConnectTimeout, 2000);
        options.SyncTimeout = Math.Min(options.SyncTimeout, 2000);
        options.AsyncTimeout = Math.Min(options.AsyncTimeout, 2000);
        options.ClientName ??= "attune";
        // While disconnected, fail at once (each caller then falls back to this node alone) instead of queueing for the timeout.
        options.BacklogPolicy = BacklogPolicy.FailFast;
        return options;
    }

    /// <summary>Whether Redis answers a PING now; false instead of throwing.</summary>
    public async Task<bool> IsReachableAsync()
    {
        try
        {
            await Database.PingAsync();
            return true;
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            return false;
        }
    }

    public void Dispose()
    {
        if (_multiplexer.IsValueCreated)
        {
            _multiplexer.Value.Dispose();
        }
    }
}

/// <summary>This node's name, for the <c>X-Attune-Node</c> header and logs.</summary>
public sealed class NodeIdentity(string name)
{
    public const string Header = "X-Attune-Node";

    public string Name { get; } = name;
}

public static class ScaleOut
{
    /// <summary>
    /// Registers the Redis connection when <c>Redis:Configuration</c> is set, the node's name, and the Data Protection
    /// key store chosen by <c>DataProtection:Store</c> (the data folder's files by default).
    /// </summary>
    public static void AddAttuneScaleOut(this WebApplicationBuilder builder, string dataDirectory)
    {
        var configuration = builder.Configuration;
        var services = builder.Services;
        var redis = configuration.GetSection(RedisOptions.Section).Get<RedisOptions>() ?? new RedisOptions();
        services.AddOptions<RedisOptions>().BindConfiguration(RedisOptions.Section);
        if (redis.IsConfigured)
        {
            services.AddSingleton(new RedisConnection(redis.Configuration!));
        }
        services.AddSingleton<RedisBus>();
        services.AddSingleton<CacheEvictions>();
        var nodeName = configuration["Attune:NodeName"];
        services.AddSingleton(new NodeIdentity(string.IsNullOrWhiteSpace(nodeName) ? $"{Environment.MachineName}-{Environment.ProcessId}" : nodeName.Trim()));

        var store = KeyStoreFrom(configuration);
        var dataProtection = services.AddDataProtection().SetApplicationName("Attune");
        switch (store)
        {
            case KeyStore.Database:
                dataProtection.PersistKeysToDbContext<AttuneDb>();
                break;
            case KeyStore.Redis when redis.IsConfigured:
                // The node's one connection, not one per key-ring read.
                services.AddOptions<KeyManagementOptions>().Configure<RedisConnection>((o, connection) =>
                    o.XmlRepository = new RedisXmlRepository(() => connection.Database, RedisConnection.DataProtectionKey));
                break;
            case KeyStore.Redis:
                throw new StartupFailure("DataProtection:Store is redis, so Redis:Configuration must be set too (e.g. 127.0.0.1:6379).");
            default:
                dataProtection.PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(dataDirectory, "keys")));
                break;
        }
    }

    public static KeyStore KeyStoreFrom(IConfiguration configuration)
    {
        var value = configuration[$"{KeyStoreOptions.Section}:Store"];
        if (string.IsNullOrWhiteSpace(value))
        {
            return KeyStore.Files;
        }
        return Enum.TryParse<KeyStore>(value.Trim(), ignoreCase: true, out var store) && Enum.IsDefined(store)
            ? store
            : throw new StartupFailure($"DataProtection:Store is \"{value}\", which is not a key store. Use files (the data folder), database or redis.");
    }

    /// <summary>Adds <c>X-Attune-Node</c> to every response when <c>Attune:ExposeNodeHeader</c> is true (off by default: it names a machine).</summary>
    public static void UseNodeHeader(this WebApplication app)
    {
        if (!app.Configuration.GetValue("Attune:ExposeNodeHeader", false))
        {
            return;
        }
        var name = app.Services.GetRequiredService<NodeIdentity>().Name;
        app.Use((http, next) =>
        {
            http.Response.Headers[NodeIdentity.Header] = name;
            return next(http);
        });
    }
}
