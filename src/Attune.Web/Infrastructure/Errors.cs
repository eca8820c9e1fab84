using System.Diagnostics;
using System.Text;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Data.Sqlite;
using Npgsql;

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
            StatusCodeSelector = ErrorStatus.Of,
            // ApiExceptionHandler logs every exception itself, without the message (it may quote what someone sent).
            SuppressDiagnosticsCallback = _ => true,
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
    /// <remarks>
    /// The fallback also catches a request whose path and method match an API endpoint but whose Content-Type it does not
    /// accept (routing prefers the fallback over its own 415 then): that is a 415, not a 404.
    /// </remarks>
    public static IEndpointConventionBuilder MapNotFound(this IEndpointRouteBuilder app)
    {
        var endpoints = app.ServiceProvider.GetRequiredService<EndpointDataSource>();
        // A RequestDelegate, not a Delegate: the request delegate generator replaces a Delegate fallback's pattern with
        // "{*path:nonfile}" (dotnet/aspnetcore#65992), and addresses that look like files (/x.ics, /a/b.png) would then
        // match nothing and meet the fallback authorization policy: a sign-in redirect instead of a 404.
        RequestDelegate notFound = http =>
        {
            http.Response.StatusCode =
                http.Request.Path.StartsWithSegments("/api") && http.Request.ContentType is { Length: > 0 } && MatchesApiEndpoint(endpoints, http.Request)
                    ? StatusCodes.Status415UnsupportedMediaType
                    : StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        };
        return app.MapFallback("{*path}", notFound).AllowAnonymous().ExcludeFromDescription();
    }

    private static bool MatchesApiEndpoint(EndpointDataSource endpoints, HttpRequest request) =>
        endpoints.Endpoints.OfType<RouteEndpoint>().Any(e =>
            e.Metadata.GetMetadata<Microsoft.AspNetCore.Http.Metadata.IAcceptsMetadata>() is not null
            && e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods.Contains(request.Method, StringComparer.OrdinalIgnoreCase) == true
            && e.RoutePattern.RawText is { } pattern
            && new Microsoft.AspNetCore.Routing.Template.TemplateMatcher(Microsoft.AspNetCore.Routing.Template.TemplateParser.Parse(pattern), new RouteValueDictionary())
                .TryMatch(request.Path, new RouteValueDictionary()));

    /// <summary>
    /// Logs every exception a request ends in (5xx as errors: type, route template, trace id and stack trace, never the
    /// message or the address, which may carry what someone sent), then answers API requests: malformed or oversized
    /// requests are 400/413, a full disk 503, anything else a 500, always as ProblemDetails and without internals.
    /// Page requests fall through to /errors.
    /// </summary>
    private sealed class ApiExceptionHandler(IProblemDetailsService problems, ILogger<ApiExceptionHandler> log) : IExceptionHandler
    {
        public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken cancel)
        {
            var feature = http.Features.Get<IExceptionHandlerFeature>();
            var status = ErrorStatus.Of(exception);
            var route = (feature?.Endpoint as RouteEndpoint)?.RoutePattern.RawText ?? feature?.Endpoint?.DisplayName ?? "(no endpoint)";
            var traceId = Activity.Current?.Id ?? http.TraceIdentifier;
            if (status >= 500)
            {
                log.LogError("{ExceptionType} answered with {Status} on {Method} {Route}, trace id {TraceId}\n{StackTrace}",
                    exception.GetType().FullName, status, http.Request.Method, route, traceId, ErrorStatus.StackTraces(exception));
            }
            else
            {
                log.LogInformation("{ExceptionType} answered with {Status} on {Method} {Route}, trace id {TraceId}",
                    exception.GetType().FullName, status, http.Request.Method, route, traceId);
            }
            // The middleware has already switched the path to /errors/500; the feature keeps the original.
            var path = feature?.Path is { } original ? new PathString(original) : http.Request.Path;
            if (!path.StartsWithSegments("/api"))
            {
                return false;
            }
            http.Response.StatusCode = status;
            if (status == StatusCodes.Status503ServiceUnavailable)
            {
                http.Response.Headers.RetryAfter = "5";
            }
            var (title, detail) = status switch
            {
                StatusCodes.Status413PayloadTooLarge => ("Request too large", "The request is larger than this endpoint accepts."),
                StatusCodes.Status503ServiceUnavailable when ErrorStatus.IsStorageFull(exception) => ("Storage is full", ErrorStatus.StorageFullDetail),
                StatusCodes.Status503ServiceUnavailable => ("Temporarily unavailable", ErrorStatus.UnavailableDetail),
                >= 500 => ("Something went wrong", "Something went wrong on our side. Nothing was saved; please try again."),
                _ when ErrorStatus.IsUnreadableForm(exception) => ("The form could not be read",
                    "The multipart form is malformed (its boundary, part headers or end are missing or broken). Nothing was stored."),
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

/// <summary>What an exception means for the answer.</summary>
public static class ErrorStatus
{
    public const string StorageFullDetail = "The server has run out of room to store things, so nothing was changed. Please try again later.";

    public const string UnavailableDetail = "The database can't be reached just now (it may be restarting), so nothing was saved. Please try again in a moment.";

    public static int Of(Exception exception) => exception switch
    {
        BadHttpRequestException bad => bad.StatusCode,
        _ when IsUnreadableForm(exception) => StatusCodes.Status400BadRequest,
        _ when IsStorageFull(exception) || IsDatabaseUnavailable(exception) => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status500InternalServerError,
    };

    /// <summary>A malformed form body: thrown by the framework's form and multipart readers, never by our own code.</summary>
    public static bool IsUnreadableForm(Exception exception) => Chain(exception).Any(e =>
        e is InvalidDataException or IOException
        && e.TargetSite?.DeclaringType?.Namespace is "Microsoft.AspNetCore.WebUtilities" or "Microsoft.AspNetCore.Http.Features" or "Microsoft.AspNetCore.Http");

    /// <summary>The disk (or the database's space) is full: SQLITE_FULL, PostgreSQL's disk_full, or the operating system's "no space".</summary>
    public static bool IsStorageFull(Exception exception) => Chain(exception).Any(e => e switch
    {
        SqliteException sqlite => sqlite.SqliteErrorCode == 13,
        PostgresException postgres => postgres.SqlState == PostgresErrorCodes.DiskFull,
        IOException io => io.Message.Contains("No space left on device", StringComparison.Ordinal),
        _ => false,
    });

    /// <summary>
    /// The database cannot be reached for now: PostgreSQL shutting down or restarting (SQLSTATE class 57P), a broken
    /// or refused connection (class 08, or Npgsql's own transient errors such as a socket error or a timeout), or
    /// SQLite still busy or locked after its busy timeout. A retry can succeed, so the answer is 503, not 500.
    /// </summary>
    public static bool IsDatabaseUnavailable(Exception exception) => Chain(exception).Any(e => e switch
    {
        PostgresException postgres => postgres.SqlState.StartsWith("57P", StringComparison.Ordinal) || postgres.SqlState.StartsWith("08", StringComparison.Ordinal),
        NpgsqlException npgsql => npgsql.IsTransient,
        SqliteException sqlite => sqlite.SqliteErrorCode is 5 or 6,
        _ => false,
    });

    /// <summary>Each exception's type and stack trace, inner ones too; never a message.</summary>
    public static string StackTraces(Exception exception)
    {
        var text = new StringBuilder();
        foreach (var e in Chain(exception))
        {
            text.Append(e.GetType().FullName).Append('\n').Append(e.StackTrace).Append('\n');
        }
        return text.ToString();
    }

    private static IEnumerable<Exception> Chain(Exception exception)
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            yield return e;
        }
    }
}
