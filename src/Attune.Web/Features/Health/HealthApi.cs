using System.Data.Common;
using Attune.Web.Data;
using Attune.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Attune.Web.Features.Health;

public static class HealthApi
{
    public static IEndpointConventionBuilder MapHealth(this IEndpointRouteBuilder app) =>
        app.MapGet("/healthz", Check).AllowAnonymous().ExcludeFromDescription();

    /// <summary>
    /// 200 "ok" when the database answers, holds the migrated schema and can be written (checked every few
    /// seconds, see <see cref="DatabaseHealth"/>), 503 otherwise (no details: they would help an attacker).
    /// With Redis configured and not answering, 200 "degraded": the node still serves (each shared limit, cache eviction
    /// and the live backplane falls back to this node alone), so a load balancer keeps it, and monitoring can tell.
    /// </summary>
    /// <remarks>
    /// One query on a pooled plain connection: no EF Core model is needed (so a load balancer's probes do
    /// not pull it into a freshly started process), and EF's <c>CanConnectAsync</c> would open a fresh,
    /// unpooled SQLite connection on every call (about 0.5 ms of CPU).
    /// </remarks>
    public static async Task<Results<ContentHttpResult, StatusCodeHttpResult>> Check(DatabaseConnection database, DatabaseHealth health, HttpContext http, CancellationToken cancel)
    {
        try
        {
            // Opening a missing SQLite file would create an empty one: report it instead.
            if (database.SqliteFile is { } file && !File.Exists(file))
            {
                return TypedResults.StatusCode(503);
            }
            await database.ScalarAsync("SELECT 1 FROM \"__EFMigrationsHistory\" LIMIT 1", cancel: cancel);
            if (!await health.IsWritableAndIntactAsync(cancel))
            {
                return TypedResults.StatusCode(503);
            }
            return http.RequestServices.GetService<RedisConnection>() is { } redis && !await redis.IsReachableAsync()
                ? TypedResults.Text("degraded: redis unreachable")
                : TypedResults.Text("ok");
        }
        catch (Exception e) when (e is InvalidOperationException or DbException)
        {
            return TypedResults.StatusCode(503);
        }
    }
}
