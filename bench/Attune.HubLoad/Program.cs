using System.Diagnostics;
using System.Globalization;
using System.Net;
using Attune.Web.Data;
using Attune.Web.Features.Accounts;
using Attune.Web.Features.Sharing;
using Attune.Web.Features.Together.Live;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Attune.HubLoad;

/// <summary>
/// Load on the breathe-together hub, loopback only: the whole app on Kestrel (SQLite in a temporary folder) and, in the
/// same process, N linked pairs of .NET SignalR clients over WebSockets with access tokens. Each pair starts and joins
/// a session; then every client sends its heart rate R times a second for D seconds, and each message is timed from
/// send to arrival at the partner (relay latency: authorization per message, the database query, the relay).
/// Prints memory per idle session, sent, delivered, reordered and p50/p95/p99/max.
/// </summary>
internal static class Entry
{
    public static async Task<int> Main(string[] args)
    {
        if (args is ["cluster", .. var rest])
        {
            return await Cluster.RunAsync(rest);
        }
        if (args is ["idle", var url, var cookie, var count, var hold])
        {
            return await Cluster.IdleAsync(new Uri(url), cookie, int.Parse(count, CultureInfo.InvariantCulture), int.Parse(hold, CultureInfo.InvariantCulture));
        }
        var pairs = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 200;
        var seconds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 60;
        var rate = args.Length > 2 ? double.Parse(args[2], CultureInfo.InvariantCulture) : 4;
        if (pairs is < 1 or > 1000 || seconds is < 1 or > 600 || rate is <= 0 or > 9)
        {
            Console.Error.WriteLine("Usage: Attune.HubLoad [pairs 1-1000, default 200] [seconds 1-600, default 60] [messages a second per client, default 4]");
            return 2;
        }
        Console.WriteLine($"load average {File.ReadAllText("/proc/loadavg").Trim()}, {Environment.ProcessorCount} cores");
        var data = Directory.CreateTempSubdirectory("attune-hub-bench").FullName;
        try
        {
            await using var app = new App(new()
            {
                ["Attune:DataDirectory"] = data,
                ["Database:Provider"] = "Sqlite",
                ["Logging:LogLevel:Default"] = "Warning",
            });
            app.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
            app.StartServer();
            var address = new Uri(app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single());
            var tokens = await SeedAsync(app, pairs);
            return await RunAsync(app, new Uri(address, TogetherHub.Path), tokens, seconds, rate);
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    private static async Task<int> RunAsync(App app, Uri hub, List<(string A, string B)> tokens, int seconds, double rate)
    {
        var clients = new List<Client>();
        foreach (var (a, b) in tokens)
        {
            clients.Add(new Client(hub, a));
            clients.Add(new Client(hub, b));
        }
        var watch = Stopwatch.StartNew();
        foreach (var chunk in clients.Chunk(50))
        {
            await Task.WhenAll(chunk.Select(c => c.Connection.StartAsync()));
        }
        Console.WriteLine($"{clients.Count} connections (WebSockets) in {watch.Elapsed.TotalSeconds:F1} s");

        var registry = app.Services.GetRequiredService<LiveRegistry>();
        var before = Heap();
        for (var i = 0; i < clients.Count; i += 2)
        {
            var id = await clients[i].Connection.InvokeAsync<Guid>("Start", 6.0);
            await clients[i].Connection.InvokeAsync<LiveJoinedDto>("Join", id, "connected");
            await clients[i + 1].Connection.InvokeAsync<LiveJoinedDto>("Join", id, "connected");
            clients[i].Session = clients[i + 1].Session = id;
            clients[i].Partner = clients[i + 1];
            clients[i + 1].Partner = clients[i];
        }
        var after = Heap();
        Console.WriteLine($"{registry.Count} sessions joined by both; heap +{(after - before) / 1024.0 / registry.Count:F1} KB per idle session "
            + "(server state, groups and the two clients' bookkeeping, measured in one process after a full collection)");

        Console.WriteLine($"load: {clients.Count} clients x {rate} messages/s for {seconds} s");
        var end = Stopwatch.GetTimestamp() + (long)(seconds * Stopwatch.Frequency);
        var period = TimeSpan.FromSeconds(1 / rate);
        var random = new Random(1);
        await Task.WhenAll(clients.Select(c => c.SendLoopAsync(end, period, TimeSpan.FromMilliseconds(random.NextDouble() * period.TotalMilliseconds))));
        await Task.Delay(2000);

        var sent = clients.Sum(c => c.Sent);
        var delivered = clients.Sum(c => c.Received);
        var reordered = clients.Sum(c => c.Reordered);
        var latencies = clients.SelectMany(c => c.Latencies).Order().ToArray();
        double P(double q) => latencies.Length == 0 ? double.NaN : latencies[Math.Min(latencies.Length - 1, (int)Math.Ceiling(q * latencies.Length) - 1)];
        Console.WriteLine($"sent {sent:N0}, delivered {delivered:N0}, reordered {reordered:N0}, failed sends {clients.Sum(c => c.Failed):N0}");
        Console.WriteLine($"relay latency ms: p50 {P(0.50):F2}, p95 {P(0.95):F2}, p99 {P(0.99):F2}, max {(latencies.Length == 0 ? double.NaN : latencies[^1]):F2}");
        Console.WriteLine($"load average {File.ReadAllText("/proc/loadavg").Trim()}");
        var ok = sent == delivered && reordered == 0 && P(0.99) < 20;
        Console.WriteLine(ok ? "PASS: p99 < 20 ms, delivered = sent, none reordered" : "FAIL: see the figures above");
        foreach (var c in clients)
        {
            await c.Connection.DisposeAsync();
        }
        return ok ? 0 : 1;
    }

    private static long Heap()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    /// <summary>Pairs of confirmed users (no password: nobody signs in), linked by the two partner grants, each with a together:write token.</summary>
    private static async Task<List<(string, string)>> SeedAsync(App app, int pairs)
    {
        using var scope = app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var db = scope.ServiceProvider.GetRequiredService<AttuneDb>();
        var now = DateTime.UtcNow;
        var result = new List<(string, string)>();
        var watch = Stopwatch.StartNew();
        for (var p = 0; p < pairs; p++)
        {
            var two = new AppUser[2];
            for (var i = 0; i < 2; i++)
            {
                two[i] = AccountFlows.NewUser($"bench-{Guid.NewGuid():N}@example.org", i == 0 ? "Ari" : "Noa", "UTC", TimeProvider.System);
                two[i].EmailConfirmed = true;
                var created = await users.CreateAsync(two[i]);
                if (!created.Succeeded)
                {
                    throw new InvalidOperationException(string.Join("; ", created.Errors.Select(e => e.Description)));
                }
            }
            Grant Half(AppUser owner, AppUser grantee) => new()
            {
                Id = Guid.CreateVersion7(),
                OwnerId = owner.Id,
                GranteeId = grantee.Id,
                GranteeEmail = grantee.Email!,
                NormalizedGranteeEmail = grantee.NormalizedEmail!,
                Kind = GrantKind.Partner,
                Streams = DataStream.Together,
                Status = GrantStatus.Active,
                ConsentVersion = SharingConsent.CurrentVersion,
                CreatedAt = now,
                AcceptedAt = now,
            };
            db.Grants.AddRange(Half(two[0], two[1]), Half(two[1], two[0]));
            await db.SaveChangesAsync();
            var (_, a) = await AccessTokens.CreateAsync(db, two[0].Id, "Bench", [TokenScopes.TogetherWrite], now, now.AddDays(1));
            var (_, b) = await AccessTokens.CreateAsync(db, two[1].Id, "Bench", [TokenScopes.TogetherWrite], now, now.AddDays(1));
            result.Add((a, b));
        }
        Console.WriteLine($"seeded {pairs} linked pairs in {watch.Elapsed.TotalSeconds:F1} s");
        return result;
    }

    private sealed class Client
    {
        private readonly Lock _gate = new();
        private long _lastSeq = -1;

        public Client(Uri hub, string token)
        {
            Connection = new HubConnectionBuilder()
                .WithUrl(hub, o =>
                {
                    o.Transports = HttpTransportType.WebSockets;
                    o.SkipNegotiation = true;
                    o.Headers["Authorization"] = "Bearer " + token;
                })
                .ConfigureLogging(l => l.SetMinimumLevel(LogLevel.Warning))
                .Build();
            Connection.On<LiveHeartDto>("Heart", OnHeart);
        }

        public HubConnection Connection { get; }

        public Guid Session { get; set; }

        public Client? Partner { get; set; }

        /// <summary>Send instants (stopwatch ticks) by sequence number, read by the partner on arrival.</summary>
        public long[] SentAt { get; private set; } = new long[4096];

        public int Sent { get; private set; }

        public int Failed { get; private set; }

        public int Received { get; private set; }

        public int Reordered { get; private set; }

        public List<double> Latencies { get; } = new(1024);

        public async Task SendLoopAsync(long end, TimeSpan period, TimeSpan phase)
        {
            await Task.Delay(phase);
            var next = Stopwatch.GetTimestamp();
            while (Stopwatch.GetTimestamp() < end)
            {
                var seq = Sent;
                if (seq >= SentAt.Length)
                {
                    var bigger = new long[SentAt.Length * 2];
                    SentAt.CopyTo(bigger, 0);
                    SentAt = bigger;
                }
                SentAt[seq] = Stopwatch.GetTimestamp();
                Sent++;
                try
                {
                    await Connection.SendAsync("Beat", Session, 60 + (seq % 20), (long)seq);
                }
                catch (Exception)
                {
                    Failed++;
                }
                next += (long)(period.TotalSeconds * Stopwatch.Frequency);
                var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), next);
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait);
                }
            }
        }

        private void OnHeart(LiveHeartDto heart)
        {
            var now = Stopwatch.GetTimestamp();
            lock (_gate)
            {
                if (heart.Seq != _lastSeq + 1)
                {
                    Reordered++;
                }
                _lastSeq = Math.Max(_lastSeq, heart.Seq);
                Received++;
                Latencies.Add(Stopwatch.GetElapsedTime(Partner!.SentAt[heart.Seq], now).TotalMilliseconds);
            }
        }
    }

    private sealed class App(Dictionary<string, string?> settings) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            // Testing: plain HTTP on loopback (no HTTPS redirection), otherwise as in production.
            builder.UseEnvironment("Testing");
            builder.UseContentRoot(Attune.BenchShared.InProcessApp.WebProjectFolder());
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }
        }
    }
}
