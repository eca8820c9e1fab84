using Attune.Web.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Attune.Web.Features.Health;

public static class HealthApi
{
    public static IEndpointConventionBuilder MapHealth(this IEndpointRouteBuilder app) =>
        app.MapGet("/healthz", Check).AllowAnonymous().ExcludeFromDescription();

    /// <summary>200 "ok" when the database answers, 503 otherwise (no details: they would help an attacker).</summary>
    public static async Task<Results<ContentHttpResult, StatusCodeHttpResult>> Check(AttuneDb db, CancellationToken cancel)
    {
        try
        {
            return await db.Database.CanConnectAsync(cancel) ? TypedResults.Text("ok") : TypedResults.StatusCode(503);
        }
        catch (Exception e) when (e is InvalidOperationException or System.Data.Common.DbException)
        {
            return TypedResults.StatusCode(503);
        }
    }
}
