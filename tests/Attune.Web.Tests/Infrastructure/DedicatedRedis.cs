using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Attune.Web.Tests.Infrastructure;

/// <summary>
/// A Redis of one test's own (Debian's redis-server, in memory only, on a free loopback port), for a test that restarts
/// it: the Redis that test.sh started is shared by every test running in parallel and must stay up.
/// </summary>
public sealed class DedicatedRedis : IAsyncDisposable
{
    private readonly int _port;
    private Process? _process;

    private DedicatedRedis(int port) => _port = port;

    public string Configuration => $"127.0.0.1:{_port}";

    public static async Task<DedicatedRedis> StartAsync()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        var redis = new DedicatedRedis(port);
        await redis.LaunchAsync();
        return redis;
    }

    /// <summary>Stops it as a crash would (nothing saved) and starts it again, empty, on the same port.</summary>
    public async Task RestartAsync()
    {
        Kill();
        await Task.Delay(TimeSpan.FromSeconds(1));
        await LaunchAsync();
    }

    public Task StartAgainAsync() => LaunchAsync();

    private async Task LaunchAsync()
    {
        var start = new ProcessStartInfo("redis-server")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "--bind", "127.0.0.1", "--port", _port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--save", "", "--appendonly", "no" })
        {
            start.ArgumentList.Add(argument);
        }
        _process = Process.Start(start) ?? throw new InvalidOperationException("redis-server did not start (apt-get install redis-server)");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        for (var attempt = 0; attempt < 100; attempt++)
        {
            if (await PingAsync())
            {
                return;
            }
            await Task.Delay(100);
        }
        throw new InvalidOperationException($"redis-server did not answer on port {_port}");
    }

    private async Task<bool> PingAsync()
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, _port);
            var stream = client.GetStream();
            await stream.WriteAsync("PING\r\n"u8.ToArray());
            var buffer = new byte[16];
            var read = await stream.ReadAsync(buffer);
            return Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>Stops it as a crash would; <see cref="StartAgainAsync"/> brings it back, empty, on the same port.</summary>
    public void Kill()
    {
        if (_process is null)
        {
            return;
        }
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit();
        }
        _process.Dispose();
        _process = null;
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        return ValueTask.CompletedTask;
    }
}
