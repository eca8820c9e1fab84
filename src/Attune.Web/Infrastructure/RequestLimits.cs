using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Metadata;

namespace Attune.Web.Infrastructure;

public static class RequestLimits
{
    /// <summary>Every request body is capped at 1 MiB unless an endpoint says otherwise (uploads).</summary>
    public const long DefaultMaxBodyBytes = 1024 * 1024;

    /// <summary>
    /// Refuses a declared oversized body with 413 before anything reads it. Kestrel enforces the limit too;
    /// this also covers servers that don't (the test server, some reverse-proxy set-ups). Runs after routing
    /// so an endpoint's own <see cref="IRequestSizeLimitMetadata"/> wins.
    /// </summary>
    public static IApplicationBuilder UseDeclaredBodyLimit(this IApplicationBuilder app) => app.Use((http, next) =>
    {
        if (http.Features.Get<IExceptionHandlerFeature>() is not null)
        {
            // Already answering with an error page; the body is not read again.
            return next(http);
        }
        var limit = http.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>() is { } declared
            ? declared.MaxRequestBodySize
            : DefaultMaxBodyBytes;
        if (limit is { } max && http.Request.ContentLength > max)
        {
            // The exception handler answers: ProblemDetails for the API, the friendly page otherwise.
            throw new BadHttpRequestException("The request body is too large.", StatusCodes.Status413PayloadTooLarge);
        }
        return next(http);
    });
}
