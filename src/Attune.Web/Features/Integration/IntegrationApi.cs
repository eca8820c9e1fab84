using System.Security.Claims;
using Attune.Web.Features.Accounts;
using Attune.Web.Features.Sharing;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Attune.Web.Features.Integration;

public static class IntegrationApi
{
    public const long MaxBodyBytes = 8 * 1024;

    public static RouteGroupBuilder MapIntegrationApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/integration").WithTags("Integration").RequireAuthorization()
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapPost("/", Create).RequireScope(TokenScopes.MeasuresWrite).WithMetadata(new RequestSizeLimitAttribute(MaxBodyBytes))
            .WithName("CreateIntegrationReflection").WithSummary("Place yourself on the river between chaos and rigidity for each of the nine domains")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        group.MapGet("/", List).RequireScope(TokenScopes.MeasuresRead)
            .WithName("ListIntegrationReflections").WithSummary("Integration reflections, newest first, with the domains that could use care")
            .ProducesValidationProblem();
        return group;
    }

    /// <summary>201 with the reflection; 400 for a missing, unknown or out-of-range domain; 409 for a repeated idempotency key.</summary>
    public static async Task<Results<Created<IntegrationReflectionDto>, ValidationProblem, ProblemHttpResult>> Create(
        IntegrationRequest request, ClaimsPrincipal principal, IntegrationReflections integration, CancellationToken cancel) =>
        await integration.SaveAsync(principal.UserId(), request, cancel) switch
        {
            IntegrationOutcome.Saved s => TypedResults.Created("/api/v1/integration", s.Reflection),
            IntegrationOutcome.Repeated r => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Already stored",
                detail: "A reflection with this idempotency key was stored before; nothing new was stored.",
                extensions: new Dictionary<string, object?> { ["existing"] = r.ExistingId }),
            IntegrationOutcome.Invalid i => TypedResults.ValidationProblem(i.Errors),
            _ => throw new InvalidOperationException("Unknown outcome."),
        };

    /// <summary>The caller's reflections (<c>owner=me</c>), those shared with them (<c>shared</c>) or both (<c>all</c>), newest first, at most <c>limit</c> (default 100, up to 1000).</summary>
    public static async Task<Results<Ok<List<IntegrationReflectionDto>>, ValidationProblem>> List(
        ClaimsPrincipal principal, IntegrationReflections integration, string? owner, int? limit, CancellationToken cancel)
    {
        var errors = new Dictionary<string, string[]>();
        var whose = WhoseQuery.Parse(owner, errors);
        if (limit is < 1 or > IntegrationReflections.MaxRows)
        {
            errors["limit"] = [$"limit goes from 1 to {IntegrationReflections.MaxRows}."];
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        return TypedResults.Ok(await integration.ListAsync(principal.UserId(), whose, limit ?? 100, cancel));
    }
}
