using Attune.Web.Features.Accounts;
using Attune.Web.Features.Export;
using Attune.Web.Infrastructure;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Attune.Web.Features.Together.Live;

public static class LiveSetup
{
    public static IServiceCollection AddAttuneLive(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<LiveOptions>().BindConfiguration(LiveOptions.Section);
        services.AddSingleton<LiveReplica>();
        services.AddSingleton<LiveRegistry>();
        services.AddScoped<BreathSessions>();
        services.AddSingleton<LiveHubGuard>();
        services.AddHostedService<LiveSweeper>();
        services.AddExportStream<BreathSessionsExport>();
        var signalR = services.AddSignalR(o =>
            {
                // A drop shows within seconds: the server pings every 5 s and gives up on a silent client after 10 s.
                o.KeepAliveInterval = TimeSpan.FromSeconds(5);
                o.ClientTimeoutInterval = TimeSpan.FromSeconds(10);
                o.EnableDetailedErrors = false;
            })
            .AddHubOptions<TogetherHub>(o => o.AddFilter<LiveHubGuard>());
        // Several nodes: messages to a session's group reach its members on every node through Redis (decision 0020).
        if (configuration.GetSection(RedisOptions.Section).Get<RedisOptions>() is { IsConfigured: true } redis)
        {
            signalR.AddStackExchangeRedis(o =>
            {
                o.Configuration = RedisConnection.Options(redis.Configuration!);
                o.Configuration.ChannelPrefix = RedisChannel.Literal("attune:signalr");
            });
        }
        services.AddOptions<HubOptions<TogetherHub>>()
            .Configure<IOptions<LiveOptions>>((hub, live) => hub.MaximumReceiveMessageSize = live.Value.MaxMessageBytes);
        return services;
    }

    /// <summary>
    /// Refuses any request to a hub whose Origin is another site's (cross-site WebSocket hijacking rides on the
    /// cookie): browsers always send Origin on WebSocket and cross-origin requests; clients without one (the .NET
    /// client, curl) carry a token or cookie of their own and no one else's.
    /// </summary>
    public static IApplicationBuilder UseSameOriginHubs(this IApplicationBuilder app) =>
        app.Use((http, next) =>
        {
            if (http.Request.Path.StartsWithSegments("/hubs") && http.Request.Headers.Origin.ToString() is { Length: > 0 } origin
                && !string.Equals(origin, $"{http.Request.Scheme}://{http.Request.Host}", StringComparison.OrdinalIgnoreCase))
            {
                http.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            }
            return next(http);
        });

    public static void MapTogetherHub(this IEndpointRouteBuilder app) =>
        app.MapHub<TogetherHub>(TogetherHub.Path, o =>
            {
                o.Transports = HttpTransportType.WebSockets | HttpTransportType.LongPolling;
                o.ApplicationMaxBufferSize = 8 * 1024;
                o.TransportMaxBufferSize = 8 * 1024;
            })
            .RequireScope(TokenScopes.TogetherWrite);
}

/// <summary>Once a second, ends sessions whose time is up and sends live synchrony; idle when none is under way.</summary>
internal sealed class LiveSweeper(IServiceScopeFactory scopes, LiveRegistry registry, ILogger<LiveSweeper> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        long tick = 0;
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            tick++;
            if (registry.Count == 0)
            {
                continue;
            }
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<BreathSessions>().SweepAsync(tick, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogWarning(e, "Sweeping live sessions failed; trying again in a second");
            }
        }
    }
}
