using Microsoft.AspNetCore.Diagnostics;

namespace Attune.Web.Infrastructure;

/// <summary>
/// Every API error is ProblemDetails; every page error is a friendly page without internals.
/// Bad request bodies (unreadable JSON, too large) are 400/413 with a plain explanation, never 500.
/// </summary>
public static class Errors
{
    public static IServiceCollection AddAttuneErrors(this IServiceCollection services)
    {
        services.AddProblemDetails(o => o.CustomizeProblemDetails = ctx =>
        {
            ctx.ProblemDetails.Extensions.Remove("exception");
            ctx.ProblemDetails.Instance = null;
        });
        services.AddExceptionHandler<ApiExceptionHandler>();
        // Same behaviour in every environment: unreadable bodies become 400 ProblemDetails, not exceptions.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = false);
        return services;
    }

    public static WebApplication UseAttuneErrors(this WebApplication app)
    {
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandlingPath = "/errors/500",
            StatusCodeSelector = e => e is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError,
        });
        app.UseStatusCodePages(async context =>
        {
            var http = context.HttpContext;
            if (http.Request.Path.StartsWithSegments("/api"))
            {
                var problems = http.RequestServices.GetRequiredService<IProblemDetailsService>();
                await problems.WriteAsync(new ProblemDetailsContext { HttpContext = http });
                return;
            }
            // Form posts too: a refused antiforgery token (a stale tab, a cross-site post) would otherwise
            // leave the browser's own blank "page isn't working" instead of our explanation.
            var method = http.Request.Method;
            if (HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsPost(method))
            {
                var original = http.Request.Path;
                var endpoint = http.GetEndpoint();
                var routeValues = http.Request.RouteValues;
                http.Request.Path = $"/errors/{http.Response.StatusCode}";
                // Routing skips matching when an endpoint is already set: clear it so /errors is found.
                http.SetEndpoint(null);
                http.Request.RouteValues = new RouteValueDictionary();
                try
                {
                    await context.Next(http);
                }
                finally
                {
                    http.Request.Path = original;
                    http.SetEndpoint(endpoint);
                    http.Request.RouteValues = routeValues;
                }
            }
        });
        return app;
    }

    /// <summary>
    /// Unknown addresses are a plain 404 for everyone. Without this, the fallback authorization policy
    /// would send signed-out visitors of a mistyped link to the sign-in page instead of saying it doesn't exist.
    /// </summary>
    public static IEndpointConventionBuilder MapNotFound(this IEndpointRouteBuilder app) =>
        app.MapFallback("{*path}", () => TypedResults.NotFound()).AllowAnonymous().ExcludeFromDescription();

    /// <summary>
    /// API requests never get an HTML error page: malformed or oversized requests are 400/413, anything
    /// else a 500, always as ProblemDetails and without internals. Page requests fall through to /errors.
    /// </summary>
    private sealed class ApiExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
    {
        public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken cancel)
        {
            // The middleware has already switched the path to /errors/500; the feature keeps the original.
            var path = http.Features.Get<IExceptionHandlerPathFeature>()?.Path is { } original ? new PathString(original) : http.Request.Path;
            if (!path.StartsWithSegments("/api"))
            {
                return false;
            }
            var status = exception is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError;
            http.Response.StatusCode = status;
            var (title, detail) = status switch
            {
                StatusCodes.Status413PayloadTooLarge => ("Request too large", "The request is larger than this endpoint accepts."),
                StatusCodes.Status500InternalServerError => ("Something went wrong", "Something went wrong on our side. Nothing was saved; please try again."),
                _ => ("Bad request", "The request could not be read. Please check that it is valid JSON with the documented fields."),
            };
            return await problems.TryWriteAsync(new ProblemDetailsContext
            {
                HttpContext = http,
                ProblemDetails = { Status = status, Title = title, Detail = detail },
            });
        }
    }
}
