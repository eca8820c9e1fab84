using System.Diagnostics;

namespace Attune.Load;

internal static class Load
{
    // Bounds memory whatever the options: at most this many latencies are kept.
    private const int MaxSamples = 10_000_000;

    // An open-loop run that outpaces the server stops adding requests beyond this many in flight.
    private const int MaxInFlight = 10_000;

    public static HttpClient CreateClient(Options options) =>
        new(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = options.Connections,
            UseCookies = false,
            UseProxy = false,
            AllowAutoRedirect = false,
            ConnectTimeout = TimeSpan.FromSeconds(5),
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1),
        })
        {
            Timeout = TimeSpan.FromSeconds(30),
        };

    public static async Task<Result> ClosedLoopAsync(HttpClient client, Options options)
    {
        if (options.Warmup > TimeSpan.Zero)
        {
            await RunClosedAsync(client, options, options.Warmup);
        }

        return await RunClosedAsync(client, options, options.Duration);
    }

    public static async Task<Result> OpenLoopAsync(HttpClient client, Options options)
    {
        if (options.Warmup > TimeSpan.Zero)
        {
            await RunOpenAsync(client, options, options.Warmup);
        }

        return await RunOpenAsync(client, options, options.Duration);
    }

    private static async Task<Result> RunClosedAsync(HttpClient client, Options options, TimeSpan duration)
    {
        var perWorker = new List<double>[options.Connections];
        var capPerWorker = MaxSamples / options.Connections;
        long ok = 0, failed = 0;
        var start = Stopwatch.GetTimestamp();
        var end = start + (long)(duration.TotalSeconds * Stopwatch.Frequency);

        async Task WorkerAsync(int worker)
        {
            var latencies = perWorker[worker] = new List<double>(4096);
            while (Stopwatch.GetTimestamp() < end)
            {
                var sent = Stopwatch.GetTimestamp();
                if (await SendAsync(client, options))
                {
                    Interlocked.Increment(ref ok);
                    if (latencies.Count < capPerWorker)
                    {
                        latencies.Add(Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
                    }
                }
                else
                {
                    Interlocked.Increment(ref failed);
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, options.Connections).Select(w => Task.Run(() => WorkerAsync(w))));
        var elapsed = Stopwatch.GetElapsedTime(start);
        var all = perWorker.SelectMany(l => l).ToArray();
        Array.Sort(all);
        return new Result(ok, failed, Dropped: 0, elapsed, all, SendLagP99Ms: 0);
    }

    private static async Task<Result> RunOpenAsync(HttpClient client, Options options, TimeSpan duration)
    {
        var total = (int)Math.Min(MaxSamples, options.Rate * duration.TotalSeconds);
        var latencies = new double[total];
        var lags = new double[total];
        var requests = new Task[total];
        var interval = Stopwatch.Frequency / (double)options.Rate;
        long failed = 0, dropped = 0;
        var inFlight = 0;
        var start = Stopwatch.GetTimestamp() + (Stopwatch.Frequency / 100);

        async Task FireAsync(int i, long intended)
        {
            try
            {
                // Latency counts from the intended send time, so a stalled server or a late scheduler
                // shows up in the percentiles instead of silently lowering the offered load.
                latencies[i] = await SendAsync(client, options)
                    ? Stopwatch.GetElapsedTime(intended).TotalMilliseconds
                    : double.NaN;
            }
            finally
            {
                Interlocked.Decrement(ref inFlight);
            }
        }

        // A dedicated thread sleeps until just before each intended time and spins the rest, so send
        // times stay within tens of microseconds of the schedule without burning a core between sends.
        var scheduler = new Thread(() =>
        {
            for (var i = 0; i < total; i++)
            {
                var intended = start + (long)(i * interval);
                WaitUntil(intended);
                lags[i] = Stopwatch.GetElapsedTime(intended).TotalMilliseconds;
                if (Interlocked.Increment(ref inFlight) > MaxInFlight)
                {
                    Interlocked.Decrement(ref inFlight);
                    latencies[i] = double.NaN;
                    dropped++;
                    requests[i] = Task.CompletedTask;
                    continue;
                }

                requests[i] = FireAsync(i, intended);
            }
        })
        { IsBackground = true, Name = "open-loop scheduler", Priority = ThreadPriority.AboveNormal };
        scheduler.Start();
        await Task.Run(scheduler.Join);
        await Task.WhenAll(requests);
        var elapsed = Stopwatch.GetElapsedTime(start);

        var measured = latencies.Where(l => !double.IsNaN(l)).ToArray();
        failed = total - measured.Length - dropped;
        Array.Sort(measured);
        Array.Sort(lags);
        var lagP99 = lags.Length == 0 ? 0 : lags[Math.Clamp((int)Math.Ceiling(0.99 * lags.Length) - 1, 0, lags.Length - 1)];
        return new Result(measured.Length, failed, dropped, elapsed, measured, lagP99);
    }

    private static void WaitUntil(long timestamp)
    {
        while (true)
        {
            var remainingMs = (timestamp - Stopwatch.GetTimestamp()) * 1000.0 / Stopwatch.Frequency;
            if (remainingMs <= 0)
            {
                return;
            }

            if (remainingMs > 1.5)
            {
                Thread.Sleep(TimeSpan.FromMilliseconds(remainingMs - 1));
            }
            else
            {
                Thread.Yield();
            }
        }
    }

    /// <summary>One GET (or POST of the body); true when the answer is 2xx (or the 304 asked for) and its body has been read.</summary>
    private static async Task<bool> SendAsync(HttpClient client, Options options)
    {
        using var request = new HttpRequestMessage(options.Body is null ? HttpMethod.Get : HttpMethod.Post, options.Url);
        if (options.Body is { } body)
        {
            request.Content = new StringContent(body, System.Text.Encoding.UTF8, options.ContentType);
        }
        if (options.Cookie is not null)
        {
            request.Headers.TryAddWithoutValidation("Cookie", options.Cookie);
        }
        if (options.Bearer is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + options.Bearer);
        }
        if (options.AcceptEncoding is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept-Encoding", options.AcceptEncoding);
        }
        if (options.IfNoneMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-None-Match", options.IfNoneMatch);
        }

        try
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            await response.Content.CopyToAsync(Stream.Null);
            return response.IsSuccessStatusCode
                || (options.IfNoneMatch is not null && response.StatusCode == System.Net.HttpStatusCode.NotModified);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            return false;
        }
    }
}
