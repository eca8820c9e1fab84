using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace Attune.Web.Features.Accounts;

/// <summary>
/// A refused API call says why in ProblemDetails: which scope the token lacks, or that tokens can't be
/// used there at all. Pages and allowed requests go through the framework's handler unchanged.
/// </summary>
public sealed class ApiForbiddenResults(IProblemDetailsService problems) : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext http, AuthorizationPolicy policy, PolicyAuthorizationResult result)
    {
        if (!result.Forbidden || !http.Request.Path.StartsWithSegments("/api"))
        {
            await _default.HandleAsync(next, http, policy, result);
            return;
        }
        var failed = result.AuthorizationFailure?.FailedRequirements.ToList() ?? [];
        var (title, detail) = failed.OfType<BrowserSessionRequirement>().Any()
            ? ("Not available to access tokens",
                "Access tokens reach your data only. Your account, its security, sharing and tokens are managed from a signed-in browser.")
            : failed.OfType<ScopeRequirement>().FirstOrDefault() is { } scope
                ? ("Missing permission", $"This access token does not have the {scope.Scope} permission. Create a token with it under Settings, Access tokens.")
                : failed.OfType<global::Attune.Web.Features.Admin.AdminRequirement>().Any()
                    ? ("Administrators only", "Only the people who look after this Attune can do this.")
                : ("Not allowed", "You are signed in, but this request is not allowed.");
        http.Response.StatusCode = StatusCodes.Status403Forbidden;
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = { Status = StatusCodes.Status403Forbidden, Title = title, Detail = detail },
        });
    }
}
