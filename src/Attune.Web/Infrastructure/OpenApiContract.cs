using Attune.Web.Features.Accounts;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;

namespace Attune.Web.Infrastructure;

/// <summary>
/// Makes <c>/openapi/v1.json</c> a contract a client can be generated from: what the API is, the two ways
/// to call it (an access token or the browser session), and for every operation which of them it accepts,
/// read from the same authorization metadata that the app enforces. Operation ids, summaries and error
/// responses are declared where each endpoint is mapped.
/// </summary>
public static class OpenApiContract
{
    public const string AccessTokenScheme = "accessToken";
    public const string BrowserSessionScheme = "browserSession";

    /// <summary>Who may call an operation, as its authorization metadata says.</summary>
    internal abstract record Callers
    {
        /// <summary>Anyone (<c>AllowAnonymous</c>).</summary>
        public sealed record Anyone : Callers;

        /// <summary>A signed-in browser only (<see cref="Policies.BrowserSession"/>).</summary>
        public sealed record BrowserSession : Callers;

        /// <summary>A signed-in browser, or an access token with every one of these scopes.</summary>
        public sealed record BrowserOrToken(IReadOnlyList<string> Scopes) : Callers;

        /// <summary>Authorization the contract cannot describe (e.g. a plain <c>RequireAuthorization()</c> on the API).</summary>
        public sealed record Undecided : Callers;
    }

    public static IServiceCollection AddAttuneOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(o =>
        {
            o.AddDocumentTransformer(DescribeDocument);
            o.AddOperationTransformer(ApplyEndpointMetadata);
        });

    internal static Callers WhoMayCall(IReadOnlyList<object> metadata)
    {
        if (metadata.OfType<IAllowAnonymous>().Any())
        {
            return new Callers.Anyone();
        }
        var policies = metadata.OfType<IAuthorizeData>().Select(a => a.Policy).ToList();
        if (policies.Contains(Policies.BrowserSession))
        {
            return new Callers.BrowserSession();
        }
        var scopes = policies.Where(p => p is not null && p.StartsWith(Policies.ScopePrefix, StringComparison.Ordinal))
            .Select(p => p![Policies.ScopePrefix.Length..]).Distinct().Order(StringComparer.Ordinal).ToList();
        return scopes.Count > 0 ? new Callers.BrowserOrToken(scopes) : new Callers.Undecided();
    }

    private static Task ApplyEndpointMetadata(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancel)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        // The framework's source generator puts a handler's XML doc summary over the one-line summary
        // declared with WithSummary; keep the declared one, and the comment as the description.
        if (metadata.OfType<IEndpointSummaryMetadata>().LastOrDefault()?.Summary is { } summary && operation.Summary != summary)
        {
            operation.Description ??= OneLine(operation.Summary);
            operation.Summary = summary;
        }
        DeclareSecurity(operation, WhoMayCall([.. metadata]), context.Document);
        if (operation.Responses is { Count: > 1 } responses)
        {
            var inOrder = responses.OrderBy(r => r.Key, StringComparer.Ordinal).ToList();
            responses.Clear();
            foreach (var (status, response) in inOrder)
            {
                responses[status] = response;
            }
        }
        return Task.CompletedTask;
    }

    private static void DeclareSecurity(OpenApiOperation operation, Callers callers, OpenApiDocument? document)
    {
        OpenApiSecurityRequirement Requirement(string scheme, List<string> scopes) =>
            new() { [new OpenApiSecuritySchemeReference(scheme, document)] = scopes };

        // Left unset when undecided, so the contract test names the endpoint instead of guessing.
        operation.Security = callers switch
        {
            Callers.Anyone => [],
            Callers.BrowserSession => [Requirement(BrowserSessionScheme, [])],
            Callers.BrowserOrToken t => [Requirement(AccessTokenScheme, [.. t.Scopes]), Requirement(BrowserSessionScheme, [])],
            _ => null,
        };
        // On an anonymous endpoint a 401 is its own answer (sign-in failed), not a missing session.
        if (operation.Responses is { } responses && callers is not Callers.Anyone)
        {
            if (responses.TryGetValue("401", out var unauthorized) && unauthorized is OpenApiResponse r401)
            {
                r401.Description = "Not signed in, or the session or access token has ended (expired, revoked or signed out).";
            }
            if (responses.TryGetValue("403", out var forbidden) && forbidden is OpenApiResponse r403)
            {
                r403.Description = callers switch
                {
                    Callers.BrowserSession => "Called with an access token: this is only available to a signed-in browser.",
                    Callers.BrowserOrToken t => $"The access token does not have the {string.Join(" and ", t.Scopes)} scope.",
                    _ => r403.Description,
                };
            }
        }
    }

    private static string? OneLine(string? text) =>
        text is null ? null : string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private static Task DescribeDocument(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancel)
    {
        document.Info = new OpenApiInfo
        {
            Title = "Attune API",
            Version = "v1",
            Description = "Heart recordings, their analysis, and sharing them with people you trust, for the person signed in. "
                + "Errors are ProblemDetails (RFC 9457); times are UTC.",
            License = new OpenApiLicense { Name = "MIT", Identifier = "MIT" },
        };
        // The document is served by the instance it describes, whatever its address: no absolute URL.
        document.Servers = [new OpenApiServer { Url = "/", Description = "The Attune server that serves this document" }];

        var cookie = context.ApplicationServices.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>()
            .Get(IdentityConstants.ApplicationScheme).Cookie.Name ?? "attune";
        var scopes = string.Join("; ", TokenScopes.All.Select(s => $"`{s}`: {TokenScopes.Describe(s).ToLowerInvariant()}"));
        document.AddComponent<IOpenApiSecurityScheme>(AccessTokenScheme, new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "atn_…",
            Description = "A personal access token, made under Settings, Access tokens and sent as `Authorization: Bearer atn_…`. "
                + $"Tokens reach only data endpoints, within their scopes ({scopes}); an operation's security requirement lists "
                + "the scopes it needs. Tokens expire (90 days by default, at most a year) and end with a password change, "
                + "a reset or signing out everywhere else.",
        });
        document.AddComponent<IOpenApiSecurityScheme>(BrowserSessionScheme, new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Cookie,
            Name = cookie,
            Description = "The session cookie set by signing in on the website or with `POST /api/v1/auth/login`. "
                + "The account, its tokens and sharing accept only this.",
        });

        document.Tags = new HashSet<OpenApiTag>(
            (document.Tags ?? new HashSet<OpenApiTag>()).Select(t => new OpenApiTag { Name = t.Name, Description = TagDescription(t.Name) ?? t.Description })
                .OrderBy(t => t.Name, StringComparer.Ordinal));
        return Task.CompletedTask;
    }

    private static string? TagDescription(string? tag) => tag switch
    {
        "Accounts" => "Registering, signing in and out, and the signed-in person's account and access tokens.",
        "Check-ins" => "Check-ins (nervous-system state, the words for the feeling, the body, context), the emotion vocabulary and one's own words.",
        "Recordings" => "Heart recordings (RR intervals, heart rate or ECG): upload, list, analysis, synchrony between two, delete.",
        "Sharing" => "Grants that let someone see some of your data, and the log of every time they looked.",
        _ => null,
    };
}
