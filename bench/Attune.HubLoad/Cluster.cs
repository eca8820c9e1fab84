using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Attune.Web.Features.Together.Live;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.Logging;

namespace Attune.HubLoad;

/// <summary>
/// The live checks of bench/cluster.sh, through nginx in front of several nodes: two partners (signed-in cookies, the
/// browser's way: negotiate, then WebSockets on the node the negotiation chose) breathe together; one node is killed
/// with SIGKILL mid-session while check-ins are written; Redis is restarted mid-session. Prints one PASS or FAIL line
/// per check with its figures (bench/cluster.sh counts the FAIL lines) and writes the acknowledged idempotency keys to
/// a file for the script to compare with the database.
/// </summary>
internal static class Cluster
{
    private const double PhaseToleranceMs = 100;

    public static async Task<int> RunAsync(string[] args)
    {
        var o = ClusterOptions.Parse(args);
        var failures = 0;
        void Report(bool ok, string text)
        {
            Console.WriteLine((ok ? "PASS " : "FAIL ") + text);
            failures += ok ? 0 : 1;
        }

        await using var a = new Partner("A", o.Url, o.CookieA, o.NodeName);
        await using var b = new Partner("B", o.Url, o.CookieB, o.NodeName);
        await a.Connection.StartAsync();
        await b.Connection.StartAsync();
        Report(a.Node != b.Node, $"hub connections on different nodes: A on {a.Node}, B on {b.Node}");

        Guid? id = null;
        try
        {
            var started = await a.Connection.InvokeAsync<Guid>("Start", 6.0);
            var joinedA = await a.Connection.InvokeAsync<LiveJoinedDto>("Join", started, "connected");
            var joinedB = await b.Connection.InvokeAsync<LiveJoinedDto>("Join", started, "connected");
            id = a.Session = b.Session = started;
            Console.WriteLine($"SESSION {started}");

            // The pacer phase each would draw at one and the same instant, from its own node's clock and join answer.
            var offsetA = await a.ClockOffsetAsync();
            var offsetB = await b.ClockOffsetAsync();
            var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            var cycle = 60_000 / joinedA.BreathsPerMinute;
            double PhaseMs(LiveJoinedDto j, double offset) => ((now + offset - j.PacerStartMs) % cycle + cycle) % cycle;
            var gap = Math.Abs(PhaseMs(joinedA, offsetA) - PhaseMs(joinedB, offsetB));
            gap = Math.Min(gap, cycle - gap);
            Report(gap <= PhaseToleranceMs && joinedA.BreathsPerMinute == joinedB.BreathsPerMinute,
                $"same pacer phase on both nodes: {gap:F1} ms apart (tolerance {PhaseToleranceMs} ms; clock offsets {offsetA:F1} / {offsetB:F1} ms, {joinedA.BreathsPerMinute} breaths a minute)");

            await BothBeatAsync(a, b, o.Seconds);
            Report(a.SeenFromPartner > 0 && b.SeenFromPartner > 0 && a.SeenFromPartner >= b.Sent * 0.9 && b.SeenFromPartner >= a.Sent * 0.9,
                $"both see both heart rates: A sent {a.Sent}, B saw {b.SeenFromPartner} of them (last {b.LastPartnerBpm} bpm); B sent {b.Sent}, A saw {a.SeenFromPartner} (last {a.LastPartnerBpm} bpm)");
        }
        catch (Exception e)
        {
            // The kill and Redis checks still run (reconnection, writes); those about the session then fail.
            Report(false, $"live session across nodes: A started on {a.Node}, B could not join on {b.Node}: {Plain(e)}");
        }

        // kill -9 the node that holds A's connection while check-ins are written through nginx.
        var victim = a.Node;
        using var writers = new Writers(o.Url, o.Token, o.AckedFile);
        var writing = writers.RunAsync("kill");
        await Task.Delay(1000);
        if (!o.Nodes.TryGetValue(victim, out var node))
        {
            Report(false, $"kill -9: A's node {victim} is not one of {string.Join(", ", o.Nodes.Keys)}");
            return 1;
        }
        a.ResetCounts();
        b.ResetCounts();
        var killedAt = Stopwatch.GetTimestamp();
        var pid = node.Pid;
        using (var process = Process.GetProcessById(pid))
        {
            process.Kill();
        }
        Console.WriteLine($"INFO kill -9 {victim} (pid {pid})");
        var reconnected = await a.ReconnectedWithin(TimeSpan.FromSeconds(15));
        var reconnectMs = Stopwatch.GetElapsedTime(killedAt).TotalMilliseconds;
        var continued = false;
        string outcome;
        if (!reconnected)
        {
            outcome = "A did not reconnect within 15 s";
        }
        else if (id is null)
        {
            outcome = "no session to go on with";
        }
        else
        {
            try
            {
                await a.Connection.InvokeAsync<LiveJoinedDto>("Join", id, (string?)null);
                a.ResetCounts();
                b.ResetCounts();
                await BothBeatAsync(a, b, 3);
                continued = a.SeenFromPartner > 0 && b.SeenFromPartner > 0;
                outcome = $"rejoined on {a.Node}; afterwards A saw {a.SeenFromPartner} of B's {b.Sent} heart rates, B saw {b.SeenFromPartner} of A's {a.Sent}";
            }
            catch (Exception e)
            {
                outcome = $"rejoining on {a.Node} was refused: {Plain(e)}";
            }
        }
        Report(reconnected && reconnectMs <= 5000 && continued,
            $"kill -9 {victim} mid-session: A reconnected through nginx to {a.Node} after {reconnectMs:F0} ms (limit 5000); {outcome}");
        await Task.Delay(1500);
        await writers.StopAsync(writing);
        Console.WriteLine($"INFO check-ins during the kill: {writers.Acked} acknowledged, {writers.Retries} retried (answers other than 2xx or no answer)");

        // Redis restarted mid-session: the session goes on, or both are told it ended; never silence.
        a.ResetCounts();
        b.ResetCounts();
        var restartWriters = writers.RunAsync("redis");
        using (var restart = Process.Start(new ProcessStartInfo("/bin/bash", [o.RedisRestart]) { RedirectStandardOutput = false }))
        {
            await restart!.WaitForExitAsync();
        }
        Console.WriteLine("INFO Redis restarted");
        await BothBeatAsync(a, b, 4);
        a.ResetCounts();
        b.ResetCounts();
        await BothBeatAsync(a, b, 3);
        await writers.StopAsync(restartWriters);
        var flowing = id is not null && a.SeenFromPartner > 0 && b.SeenFromPartner > 0;
        var told = id is not null && a.Ended is not null && b.Ended is not null;
        Report(flowing || told, flowing
            ? $"Redis restarted mid-session: the session recovered (in the last 3 s A saw {a.SeenFromPartner} of B's {b.Sent} heart rates, B saw {b.SeenFromPartner} of A's {a.Sent})"
            : told ? $"Redis restarted mid-session: the session ended for both with \"{a.Ended}\""
            : id is null ? "Redis restarted mid-session: there was no session across nodes to watch"
            : $"Redis restarted mid-session: neither recovered nor ended (A saw {a.SeenFromPartner}, B saw {b.SeenFromPartner}; last refusals: A \"{a.LastError}\", B \"{b.LastError}\")");

        if (a.Ended is null && id is not null)
        {
            try
            {
                await a.Connection.InvokeAsync("End", id);
                // The summary (with its 100-surrogate chance check) is computed before "Ended" goes out: allow 10 s.
                for (var waited = 0; waited < 100 && (a.Ended is null || b.Ended is null); waited++)
                {
                    await Task.Delay(100);
                }
            }
            catch (Exception e)
            {
                Console.WriteLine($"INFO ending the session: {Plain(e)}");
            }
        }
        Report(id is not null && a.Ended is not null && b.Ended is not null, $"the session ended for both: A \"{a.Ended ?? "nothing"}\", B \"{b.Ended ?? "nothing"}\"");
        Console.WriteLine($"INFO check-ins acknowledged in all: {writers.Acked}");
        return failures == 0 ? 0 : 1;
    }

    /// <summary>
    /// Opens <paramref name="count"/> idle hub connections (WebSockets, one cookie) to one node, prints CONNECTED, holds
    /// them <paramref name="holdSeconds"/> s while bench/cluster.sh reads the node's resident memory, then closes them.
    /// </summary>
    public static async Task<int> IdleAsync(Uri url, string cookie, int count, int holdSeconds)
    {
        if (!url.IsLoopback || count is < 1 or > 5000)
        {
            Console.Error.WriteLine("idle: a loopback URL and 1-5000 connections");
            return 2;
        }
        var connections = Enumerable.Range(0, count).Select(_ => new HubConnectionBuilder()
            .WithUrl(new Uri(url, TogetherHub.Path), o =>
            {
                o.Transports = HttpTransportType.WebSockets;
                o.SkipNegotiation = true;
                o.Headers["Cookie"] = cookie;
            })
            // The server drops a client silent for 10 s (decision 0016); the page's "Here" every 3 s is a ping here.
            .WithKeepAliveInterval(TimeSpan.FromSeconds(3))
            .ConfigureLogging(l => l.SetMinimumLevel(LogLevel.Critical))
            .Build()).ToList();
        foreach (var chunk in connections.Chunk(50))
        {
            await Task.WhenAll(chunk.Select(c => c.StartAsync()));
        }
        Console.WriteLine($"CONNECTED {connections.Count(c => c.State == HubConnectionState.Connected)}");
        await Task.Delay(TimeSpan.FromSeconds(holdSeconds));
        foreach (var c in connections)
        {
            await c.DisposeAsync();
        }
        return 0;
    }

    private static async Task BothBeatAsync(Partner a, Partner b, int seconds)
    {
        var end = Stopwatch.GetTimestamp() + (long)(seconds * Stopwatch.Frequency);
        await Task.WhenAll(a.BeatAsync(end, 62), b.BeatAsync(end, 74));
        await Task.Delay(500);
    }

    internal static string Plain(Exception e) =>
        e.Message.Contains("HubException: ", StringComparison.Ordinal) ? e.Message[(e.Message.IndexOf("HubException: ", StringComparison.Ordinal) + 14)..] : e.Message;

    /// <summary>One partner's hub connection (the signed-in cookie, negotiate then WebSockets), counting what arrives.</summary>
    private sealed class Partner : IAsyncDisposable
    {
        private readonly NodeSpy _spy;
        private TaskCompletionSource _reconnected = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Partner(string name, Uri url, string cookie, Func<string, string> nodeName)
        {
            Name = name;
            _spy = new NodeSpy(nodeName);
            Connection = new HubConnectionBuilder()
                .WithUrl(new Uri(url, TogetherHub.Path), o =>
                {
                    o.Transports = HttpTransportType.WebSockets;
                    o.Headers["Cookie"] = cookie;
                    o.HttpMessageHandlerFactory = inner => _spy.Wrap(inner);
                })
                .WithKeepAliveInterval(TimeSpan.FromSeconds(3))
                .WithAutomaticReconnect([TimeSpan.Zero, TimeSpan.FromMilliseconds(250), TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4)])
                .ConfigureLogging(l => l.SetMinimumLevel(LogLevel.Critical))
                .Build();
            Connection.On<LiveHeartDto>("Heart", h =>
            {
                SeenFromPartner++;
                LastPartnerBpm = h.Bpm;
            });
            Connection.On<LiveSummaryDto>("Ended", s => Ended = $"{s.Outcome}, {s.Seconds} s");
            Connection.Reconnected += _ =>
            {
                _reconnected.TrySetResult();
                return Task.CompletedTask;
            };
        }

        public string Name { get; }

        public HubConnection Connection { get; }

        /// <summary>The node that answered the last negotiation (X-Attune-Node, else nginx's X-Upstream).</summary>
        public string Node => _spy.Node;

        public Guid Session { get; set; }

        public int Sent { get; private set; }

        public int SeenFromPartner { get; private set; }

        public int LastPartnerBpm { get; private set; }

        public string? Ended { get; private set; }

        public string? LastError { get; private set; }

        public void ResetCounts()
        {
            Sent = SeenFromPartner = 0;
            _reconnected = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        public async Task<bool> ReconnectedWithin(TimeSpan limit) =>
            await Task.WhenAny(_reconnected.Task, Task.Delay(limit)) == _reconnected.Task;

        /// <summary>NTP-style, as the page does: eight round trips, the offset of the shortest.</summary>
        public async Task<double> ClockOffsetAsync()
        {
            var best = (Rtt: double.MaxValue, Offset: 0.0);
            for (var i = 0; i < 8; i++)
            {
                var sent = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
                var watch = Stopwatch.StartNew();
                var server = await Connection.InvokeAsync<double>("Clock");
                var rtt = watch.Elapsed.TotalMilliseconds;
                if (rtt < best.Rtt)
                {
                    best = (rtt, server - (sent + rtt / 2));
                }
            }
            return best.Offset;
        }

        /// <summary>A heart rate every 250 ms (4 a second, under the hub's 10 a second) until <paramref name="end"/>.</summary>
        public async Task BeatAsync(long end, int baseBpm)
        {
            while (Stopwatch.GetTimestamp() < end)
            {
                if (Connection.State == HubConnectionState.Connected && Ended is null)
                {
                    try
                    {
                        await Connection.InvokeAsync("Beat", Session, baseBpm + (Sent % 6), (long)Sent);
                        Sent++;
                    }
                    catch (Exception e)
                    {
                        LastError = Plain(e);
                    }
                }
                await Task.Delay(250);
            }
        }

        public ValueTask DisposeAsync() => Connection.DisposeAsync();
    }

    /// <summary>Reads which node answered a negotiation from the response headers.</summary>
    private sealed class NodeSpy(Func<string, string> nodeName)
    {
        private readonly Func<string, string> _nodeName = nodeName;

        public string Node { get; private set; } = "unknown";

        public HttpMessageHandler Wrap(HttpMessageHandler inner) => new Handler(this) { InnerHandler = inner };

        private sealed class Handler(NodeSpy spy) : DelegatingHandler
        {
            protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            {
                var response = await base.SendAsync(request, cancellationToken);
                if (response.Headers.TryGetValues("X-Attune-Node", out var node) || response.Headers.TryGetValues("X-Upstream", out node))
                {
                    spy.Node = spy._nodeName(node.First());
                }
                return response;
            }
        }
    }

    /// <summary>Check-in writers through nginx: each idempotency key retried until acknowledged (the offline outbox's way).</summary>
    private sealed class Writers(Uri url, string token, string ackedFile) : IDisposable
    {
        private readonly HttpClient _http = new() { BaseAddress = url, Timeout = TimeSpan.FromSeconds(10) };
        private readonly Lock _gate = new();
        private CancellationTokenSource _stop = new();

        public int Acked { get; private set; }

        public int Retries { get; private set; }

        public Task RunAsync(string prefix)
        {
            _stop = new CancellationTokenSource();
            var stop = _stop.Token;
            return Task.WhenAll(Enumerable.Range(1, 2).Select(w => Task.Run(() => WriteAsync($"{prefix}-w{w}-{Guid.NewGuid():N}"[..24], stop))));
        }

        public async Task StopAsync(Task running)
        {
            await _stop.CancelAsync();
            await running;
        }

        private async Task WriteAsync(string prefix, CancellationToken stop)
        {
            for (var n = 1; !stop.IsCancellationRequested; n++)
            {
                var key = $"{prefix}-{n}";
                var body = $$"""{"state":"connected","intensity":3,"emotionIds":["calm"],"note":"cluster check","idempotencyKey":"{{key}}"}""";
                // Once sent, a key is retried until acknowledged even after stop: an unacknowledged write may be stored.
                while (true)
                {
                    try
                    {
                        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/checkins") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
                        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                        using var response = await _http.SendAsync(request, CancellationToken.None);
                        if (response.IsSuccessStatusCode)
                        {
                            lock (_gate)
                            {
                                Acked++;
                                File.AppendAllText(ackedFile, key + "\n");
                            }
                            break;
                        }
                    }
                    catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                    {
                    }
                    lock (_gate)
                    {
                        Retries++;
                    }
                    await Task.Delay(100, CancellationToken.None);
                }
                await Task.Delay(50, CancellationToken.None);
            }
        }

        public void Dispose() => _http.Dispose();
    }

    private sealed record ClusterOptions(Uri Url, string CookieA, string CookieB, string Token, Dictionary<string, (int Pid, int Port)> Nodes, string RedisRestart, string AckedFile, int Seconds)
    {
        /// <summary>A node's name from X-Attune-Node (already one) or nginx's upstream address (host:port).</summary>
        public string NodeName(string header) =>
            Nodes.FirstOrDefault(n => header.EndsWith($":{n.Value.Port}", StringComparison.Ordinal)).Key ?? header;

        public static ClusterOptions Parse(string[] args)
        {
            var values = new Dictionary<string, List<string>>(StringComparer.Ordinal);
            for (var i = 0; i + 1 < args.Length; i += 2)
            {
                (values.TryGetValue(args[i], out var list) ? list : values[args[i]] = []).Add(args[i + 1]);
            }
            string One(string name) => values.TryGetValue(name, out var v) ? v[^1] : throw new ArgumentException($"{name} is required");
            var url = new Uri(One("--url"));
            if (!url.IsLoopback)
            {
                throw new ArgumentException("--url must be a loopback address");
            }
            // --node name=pid:port
            var nodes = values.GetValueOrDefault("--node", []).Select(n => n.Split('=', ':')).ToDictionary(
                p => p[0], p => (int.Parse(p[1], CultureInfo.InvariantCulture), int.Parse(p[2], CultureInfo.InvariantCulture)));
            return new(url, One("--cookie-a"), One("--cookie-b"), One("--token"), nodes, One("--redis-restart"), One("--acked"),
                int.Parse(values.TryGetValue("--seconds", out var s) ? s[^1] : "3", CultureInfo.InvariantCulture));
        }
    }
}
