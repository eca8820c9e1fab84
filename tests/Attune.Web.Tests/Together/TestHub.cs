using System.Collections.Concurrent;
using System.Threading.Channels;
using Attune.Web.Features.Together.Live;
using Attune.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace Attune.Web.Tests.Together;

/// <summary>A .NET SignalR client on the test server's hub, with every event it receives queued by name.</summary>
public sealed class TestHub : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, Channel<object>> _events = new();

    private TestHub(HubConnection connection)
    {
        Connection = connection;
        On<LivePresenceDto>("Presence");
        On<LiveHeartDto>("Heart");
        On<LiveSynchronyDto>("Synchrony");
        On<LiveSummaryDto>("Ended");
        On<string>("ClientState");
    }

    public HubConnection Connection { get; }

    /// <summary>A connection authenticated with an access token (all scopes unless told), or anonymous when token is null.</summary>
    public static async Task<TestHub> ConnectAsync(AttuneWebFactory factory, string? token, string? origin = null)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(factory.Server.BaseAddress, TogetherHub.Path), o =>
            {
                o.Transports = HttpTransportType.LongPolling;
                o.HttpMessageHandlerFactory = _ => factory.Server.CreateHandler();
                if (token is not null)
                {
                    o.Headers["Authorization"] = "Bearer " + token;
                }
                if (origin is not null)
                {
                    o.Headers["Origin"] = origin;
                }
            })
            .Build();
        var hub = new TestHub(connection);
        await connection.StartAsync();
        return hub;
    }

    public static async Task<string> TokenAsync(AttuneWebFactory factory, TestUser user, params string[] scopes)
    {
        using var client = await TestUsers.WithAccessTokenAsync(factory, user, scopes);
        return client.DefaultRequestHeaders.Authorization!.Parameter!;
    }

    private void On<T>(string name) =>
        Connection.On<T>(name, value => Queue(name).Writer.TryWrite(value!));

    private Channel<object> Queue(string name) => _events.GetOrAdd(name, _ => Channel.CreateUnbounded<object>());

    /// <summary>The next event of that name that satisfies <paramref name="match"/>, within a few seconds.</summary>
    public async Task<T> NextAsync<T>(string name, Func<T, bool>? match = null, int seconds = 10)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        while (true)
        {
            var value = (T)await Queue(name).Reader.ReadAsync(timeout.Token);
            if (match is null || match(value))
            {
                return value;
            }
        }
    }

    public bool Has(string name) => Queue(name).Reader.TryPeek(out _);

    public ValueTask DisposeAsync() => Connection.DisposeAsync();
}
