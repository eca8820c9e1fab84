using System.IO.Compression;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.Extensions.Options;

namespace Attune.Web.Infrastructure;

/// <summary>
/// Marks a page or endpoint whose responses may be compressed on the fly: reviewed to hold no text taken from the
/// request and no other person's text beside the reader's own data, and no form that posts (so no antiforgery token).
/// Everything unmarked goes out uncompressed (docs/decisions/0008-precompressed-analysis-and-breach.md).
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class CompressibleResponseAttribute : Attribute;

/// <summary>
/// Response compression that cannot help a BREACH attack: a response is compressed only when its endpoint is marked
/// <see cref="CompressibleResponseAttribute"/> and no antiforgery token was issued while it was made, whatever the mark
/// says. Static files are compressed at build time instead (MapStaticAssets) and the analysis JSON when it is computed.
/// </summary>
public static class ResponseCompressionRules
{
    private static readonly object TokenIssued = new();

    /// <summary>Whether an antiforgery token was issued for this response (a form that posts was rendered into it).</summary>
    public static bool AntiforgeryTokenIssued(HttpContext http) => http.Items.ContainsKey(TokenIssued);

    public static IServiceCollection AddAttuneResponseCompression(this IServiceCollection services)
    {
        services.AddResponseCompression(o =>
        {
            // Safe over TLS because of the rule above; off by default in ASP.NET Core for exactly this attack.
            o.EnableForHttps = true;
            o.Providers.Add<BrotliCompressionProvider>();
            o.Providers.Add<GzipCompressionProvider>();
            o.MimeTypes = ["text/html", "application/json"];
        });
        services.Configure<BrotliCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        services.Configure<GzipCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        services.AddSingleton<IResponseCompressionProvider, MarkedResponsesOnly>();
        return services;
    }

    /// <summary>Marks <paramref name="pages"/> (page names under the pages root) <see cref="CompressibleResponseAttribute"/>.</summary>
    public static PageConventionCollection CompressResponses(this PageConventionCollection conventions, params string[] pages)
    {
        foreach (var page in pages)
        {
            conventions.AddPageApplicationModelConvention(page, model => model.EndpointMetadata.Add(new CompressibleResponseAttribute()));
        }
        return conventions;
    }

    /// <summary>
    /// Wraps the registered <see cref="IAntiforgery"/> so that issuing a token is remembered on the request. Call after
    /// everything that registers antiforgery (Razor Pages, Identity).
    /// </summary>
    public static IServiceCollection TrackAntiforgeryTokens(this IServiceCollection services)
    {
        var inner = services.LastOrDefault(s => s.ServiceType == typeof(IAntiforgery))
            ?? throw new InvalidOperationException("Antiforgery must be registered before its tokens can be tracked.");
        if (inner.ImplementationType is not { } type)
        {
            throw new InvalidOperationException("Antiforgery is registered in an unexpected way; its tokens cannot be tracked.");
        }
        services.Remove(inner);
        services.AddSingleton<IAntiforgery>(sp => new TrackingAntiforgery((IAntiforgery)ActivatorUtilities.CreateInstance(sp, type)));
        return services;
    }

    private sealed class MarkedResponsesOnly(IServiceProvider services, IOptions<ResponseCompressionOptions> options)
        : ResponseCompressionProvider(services, options)
    {
        public override bool ShouldCompressResponse(HttpContext context) =>
            context.GetEndpoint()?.Metadata.GetMetadata<CompressibleResponseAttribute>() is not null
            && !AntiforgeryTokenIssued(context)
            && base.ShouldCompressResponse(context);
    }

    /// <summary>Records every token handed out for a response body; validation passes straight through.</summary>
    private sealed class TrackingAntiforgery(IAntiforgery inner) : IAntiforgery
    {
        public AntiforgeryTokenSet GetAndStoreTokens(HttpContext httpContext)
        {
            httpContext.Items[TokenIssued] = true;
            return inner.GetAndStoreTokens(httpContext);
        }

        public AntiforgeryTokenSet GetTokens(HttpContext httpContext)
        {
            httpContext.Items[TokenIssued] = true;
            return inner.GetTokens(httpContext);
        }

        public Task<bool> IsRequestValidAsync(HttpContext httpContext) => inner.IsRequestValidAsync(httpContext);

        public Task ValidateRequestAsync(HttpContext httpContext) => inner.ValidateRequestAsync(httpContext);

        public void SetCookieTokenAndHeader(HttpContext httpContext) => inner.SetCookieTokenAndHeader(httpContext);
    }
}
