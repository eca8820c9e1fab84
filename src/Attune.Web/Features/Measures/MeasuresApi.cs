using System.Security.Claims;
using Attune.Web.Features.Accounts;
using Attune.Web.Features.Sharing;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Attune.Web.Features.Measures;

public static class MeasuresApi
{
    /// <summary>A measure is a handful of small numbers; nothing legitimate comes near this.</summary>
    public const long MaxBodyBytes = 8 * 1024;

    public static RouteGroupBuilder MapMeasuresApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/measures").WithTags("Measures").RequireAuthorization()
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapPost("/{kind}", Submit).RequireScope(TokenScopes.MeasuresWrite).WithMetadata(new RequestSizeLimitAttribute(MaxBodyBytes))
            .WithName("SubmitMeasure").WithSummary("Fill in WHO-5, PHQ-9, GAD-7 or CSI-4; the server scores it and says whether to show the safety screen")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        group.MapGet("/", List).RequireScope(TokenScopes.MeasuresRead)
            .WithName("ListMeasures").WithSummary("Filled-in measures, newest first, each with its reliable change since the one before")
            .ProducesValidationProblem();
        return group;
    }

    /// <summary>
    /// Scores and stores one response to <c>kind</c> (who5, phq9, gad7 or csi4). 201 with the result; 400 when the answers do not
    /// fit the measure; 409 when the <c>idempotencyKey</c> was used before (nothing new is stored; <c>existing</c> names the first).
    /// </summary>
    public static async Task<Results<Created<MeasureResultDto>, ValidationProblem, ProblemHttpResult>> Submit(
        string kind, MeasureRequest request, ClaimsPrincipal principal, Measures measures, CancellationToken cancel) =>
        await measures.SubmitAsync(principal.UserId(), kind, request, cancel) switch
        {
            MeasureOutcome.Saved s => TypedResults.Created($"/api/v1/measures?kind={s.Result.Kind}", s.Result),
            MeasureOutcome.Repeated r => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Already stored",
                detail: "A response with this idempotency key was stored before; nothing new was stored.",
                extensions: new Dictionary<string, object?> { ["existing"] = r.ExistingId }),
            MeasureOutcome.Invalid i => TypedResults.ValidationProblem(i.Errors),
            _ => throw new InvalidOperationException("Unknown outcome."),
        };

    /// <summary>
    /// The caller's responses (<c>owner=me</c>, the default), those shared with them (<c>shared</c>) or both (<c>all</c>), of one
    /// <c>kind</c> or all, newest first, at most <c>limit</c> (default 200, up to 2000).
    /// </summary>
    public static async Task<Results<Ok<List<MeasureResultDto>>, ValidationProblem>> List(
        ClaimsPrincipal principal, Measures measures, string? owner, string? kind, int? limit, CancellationToken cancel)
    {
        var errors = new Dictionary<string, string[]>();
        var whose = WhoseQuery.Parse(owner, errors);
        var form = MeasureCatalog.Find(kind);
        if (!string.IsNullOrWhiteSpace(kind) && form is null)
        {
            errors["kind"] = [$"Use one of: {MeasureCatalog.Slugs}."];
        }
        if (limit is < 1 or > Measures.MaxRows)
        {
            errors["limit"] = [$"limit goes from 1 to {Measures.MaxRows}."];
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        return TypedResults.Ok(await measures.HistoryAsync(principal.UserId(), whose, form?.Kind, limit ?? 200, cancel));
    }
}
