using System.Globalization;
using System.Threading.RateLimiting;
using RedisRateLimiting;
using StackExchange.Redis;

namespace Attune.Web.Infrastructure;

public static class RateLimits
{
    /// <summary>Policy for sign-in, registration, password reset and two-factor endpoints, per client IP.</summary>
    public const string Auth = "auth";

    public static IServiceCollection AddAttuneRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var perIpPerMinute = configuration.GetValue("RateLimits:AuthPerIpPerMinute", 20);
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(Auth, http => FixedWindow(http.RequestServices.GetService<RedisConnection>(),
                "ip:" + (http.Connection.RemoteIpAddress?.ToString() ?? "unknown"), perIpPerMinute, TimeSpan.FromMinutes(1)));
            o.OnRejected = async (context, token) =>
            {
                await TooManyRequests.WriteAsync(context.HttpContext, RetryAfter(context.Lease) ?? TimeSpan.FromMinutes(1), token);
            };
        });
        return services;
    }

    /// <summary>
    /// A fixed window per key: in this process alone, or, with Redis, counted in Redis by every node (the RedisRateLimiting
    /// package), falling back to this process's own count while Redis cannot be reached (decision 0020).
    /// </summary>
    public static RateLimitPartition<string> FixedWindow(RedisConnection? redis, string key, int permits, TimeSpan window)
    {
        var local = new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = window, QueueLimit = 0 };
        if (redis is null)
        {
            return RateLimitPartition.GetFixedWindowLimiter(key, _ => local);
        }
        return RateLimitPartition.Get(key, k => new RedisOrLocalLimiter(
            new RedisFixedWindowRateLimiter<string>("attune:" + k, new RedisFixedWindowRateLimiterOptions
            {
                PermitLimit = permits,
                Window = window,
                ConnectionMultiplexerFactory = () => redis.Multiplexer,
            }),
            new FixedWindowRateLimiter(local)));
    }

    /// <summary>How long the lease says to wait: a <see cref="TimeSpan"/> from the framework's limiters, whole seconds from RedisRateLimiting's.</summary>
    public static TimeSpan? RetryAfter(RateLimitLease lease)
    {
        if (lease.TryGetMetadata(MetadataName.RetryAfter.Name, out var value))
        {
            return value switch
            {
                TimeSpan wait => wait,
                int seconds => TimeSpan.FromSeconds(Math.Max(1, seconds)),
                _ => null,
            };
        }
        return null;
    }

    /// <summary>Asks Redis; while Redis cannot be reached, counts in this process instead of failing the request.</summary>
    private sealed class RedisOrLocalLimiter(RateLimiter redis, RateLimiter local) : RateLimiter
    {
        private static readonly RateLimitLease Refused = new Failed();

        public override TimeSpan? IdleDuration => redis.IdleDuration is { } a && local.IdleDuration is { } b ? (a < b ? a : b) : null;

        public override RateLimiterStatistics? GetStatistics() => local.GetStatistics();

        // Redis is asked asynchronously only: answering "not now" here sends the middleware to AcquireAsync.
        protected override RateLimitLease AttemptAcquireCore(int permitCount) => Refused;

        protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
        {
            try
            {
                return await redis.AcquireAsync(permitCount, cancellationToken);
            }
            catch (Exception e) when (e is RedisException or TimeoutException)
            {
                return local.AttemptAcquire(permitCount);
            }
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                redis.Dispose();
                local.Dispose();
            }
            base.Dispose(disposing);
        }

        private sealed class Failed : RateLimitLease
        {
            public override bool IsAcquired => false;

            public override IEnumerable<string> MetadataNames => [];

            public override bool TryGetMetadata(string metadataName, out object? metadata)
            {
                metadata = null;
                return false;
            }
        }
    }
}

/// <summary>Writes the 429 answer: ProblemDetails for the API, a friendly page otherwise; always with Retry-After.</summary>
public static class TooManyRequests
{
    public static async Task WriteAsync(HttpContext http, TimeSpan retryAfter, CancellationToken token)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        var detail = $"Too many attempts. Please wait {seconds} seconds and try again.";
        if (http.Request.Path.StartsWithSegments("/api"))
        {
            await Results.Problem(statusCode: 429, title: "Too many requests", detail: detail).ExecuteAsync(http);
            return;
        }
        http.Response.ContentType = "text/html; charset=utf-8";
        await http.Response.WriteAsync(
            $"<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>Please wait · Attune</title><link rel=\"stylesheet\" href=\"/dist/app.css\"></head><body><main class=\"auth-main\" id=\"main\"><div class=\"auth-card\"><h1>Let's pause for a moment</h1><p>{detail}</p><p><a href=\"/\">Back to Attune</a></p></div></main></body></html>",
            token);
    }
}

/// <summary>
/// A second limit keyed by the account (normalised email), so that spreading guesses over many IPs
/// does not help either. Handlers call it after reading the email from the request.
/// </summary>
public sealed class AccountRateLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter;

    public AccountRateLimiter(IConfiguration configuration, RedisConnection? redis = null)
    {
        var perAccount = configuration.GetValue("RateLimits:AuthPerAccountPerFifteenMinutes", 10);
        _limiter = PartitionedRateLimiter.Create<string, string>(key => RateLimits.FixedWindow(redis, key, perAccount, TimeSpan.FromMinutes(15)));
    }

    /// <summary>Null when allowed; otherwise how long to wait.</summary>
    public async Task<TimeSpan?> TryAcquireAsync(string action, string? account)
    {
        var key = $"account:{action}:{(account ?? "").Trim().ToUpperInvariant()}";
        using var lease = await _limiter.AcquireAsync(key);
        return lease.IsAcquired ? null : RateLimits.RetryAfter(lease) ?? TimeSpan.FromMinutes(15);
    }

    public void Dispose() => _limiter.Dispose();
}
