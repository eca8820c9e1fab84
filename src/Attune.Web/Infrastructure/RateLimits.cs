using System.Globalization;
using System.Threading.RateLimiting;

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
            o.AddPolicy(Auth, http => RateLimitPartition.GetFixedWindowLimiter(
                http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = perIpPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
            o.OnRejected = async (context, token) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
                await TooManyRequests.WriteAsync(context.HttpContext, retryAfter, token);
            };
        });
        return services;
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

    public AccountRateLimiter(IConfiguration configuration)
    {
        var perAccount = configuration.GetValue("RateLimits:AuthPerAccountPerFifteenMinutes", 10);
        _limiter = PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetFixedWindowLimiter(
            key, _ => new FixedWindowRateLimiterOptions { PermitLimit = perAccount, Window = TimeSpan.FromMinutes(15), QueueLimit = 0 }));
    }

    /// <summary>Null when allowed; otherwise how long to wait.</summary>
    public TimeSpan? TryAcquire(string action, string? account)
    {
        var key = $"{action}:{(account ?? "").Trim().ToUpperInvariant()}";
        using var lease = _limiter.AttemptAcquire(key);
        if (lease.IsAcquired)
        {
            return null;
        }
        return lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(15);
    }

    public void Dispose() => _limiter.Dispose();
}
