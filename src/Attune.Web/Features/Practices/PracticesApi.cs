using System.Security.Claims;
using Attune.Web.Features.Accounts;
using Attune.Web.Features.CheckIns;
using Attune.Web.Features.Export;
using Attune.Web.Features.Sharing;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Attune.Web.Features.Practices;

public static class PracticesApi
{
    /// <summary>An own practice with thirty long steps is about 20 KB; nothing legitimate comes near this.</summary>
    public const long MaxBodyBytes = 64 * 1024;

    public static void MapPracticesApi(this IEndpointRouteBuilder app)
    {
        var practices = app.MapGroup("/api/v1/practices").WithTags("Practices").RequireAuthorization()
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        practices.MapGet("/", List).RequireScope(TokenScopes.PracticesRead)
            .WithName("ListPractices").WithSummary("Attune's practice library and your own practices, each with its steps, evidence and references")
            .ProducesValidationProblem();
        practices.MapGet("/{id}", Get).RequireScope(TokenScopes.PracticesRead)
            .WithName("GetPractice").WithSummary("One practice, with its steps, evidence note, references and cautions")
            .ProducesProblem(StatusCodes.Status404NotFound);
        practices.MapPost("/", Create).RequireScope(TokenScopes.PracticesWrite).WithMetadata(new RequestSizeLimitAttribute(MaxBodyBytes))
            .WithName("CreateOwnPractice").WithSummary("Write a practice of your own")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        practices.MapPut("/{id:guid}", Update).RequireScope(TokenScopes.PracticesWrite).WithMetadata(new RequestSizeLimitAttribute(MaxBodyBytes))
            .WithName("UpdateOwnPractice").WithSummary("Change every field of one of your own practices")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesValidationProblem().ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        practices.MapDelete("/{id:guid}", Delete).RequireScope(TokenScopes.PracticesWrite)
            .WithName("DeleteOwnPractice").WithSummary("Delete one of your own practices; sessions done with it stay")
            .ProducesProblem(StatusCodes.Status404NotFound);

        var sessions = app.MapGroup("/api/v1/practice-sessions").WithTags("Practices").RequireAuthorization()
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        sessions.MapPost("/", Record).RequireScope(TokenScopes.PracticesWrite).WithMetadata(new RequestSizeLimitAttribute(MaxBodyBytes))
            .WithName("RecordPracticeSession").WithSummary("Record a practice done, with how you felt before and after; a repeated idempotency key is refused")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        sessions.MapGet("/", Sessions).RequireScope(TokenScopes.PracticesRead)
            .WithName("ListPracticeSessions").WithSummary("Your practice sessions, those shared with you, or both, newest first")
            .ProducesValidationProblem();
        sessions.MapGet("/{id:guid}", Session).RequireScope(TokenScopes.PracticesRead)
            .WithName("GetPracticeSession").WithSummary("One practice session")
            .ProducesProblem(StatusCodes.Status404NotFound);

        app.MapGet("/api/v1/recommendations", Recommend).WithTags("Practices").RequireAuthorization().RequireScope(TokenScopes.PracticesRead)
            .WithName("ListRecommendations").WithSummary("Practices for a state, ranked by what has helped you, with the reason for each")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
    }

    /// <summary>
    /// Every practice of the library and the caller's own, in library order. <c>group</c> narrows to one section
    /// (activated | shutDown | connected | any); <c>q</c> searches titles, descriptions and steps.
    /// </summary>
    public static async Task<Results<Ok<List<PracticeDto>>, ValidationProblem>> List(
        ClaimsPrincipal principal, Practices practices, string? group, string? q, CancellationToken cancel)
    {
        PracticeGroup? g = null;
        if (!string.IsNullOrWhiteSpace(group))
        {
            g = PracticeGroups.Parse(group);
            if (g is null)
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["group"] = ["Use group=activated, shutDown, connected or any."] });
            }
        }
        if (q is { Length: > 100 })
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["q"] = ["A search can be at most 100 characters."] });
        }
        return TypedResults.Ok((await practices.ListAsync(principal.UserId(), g, q, cancel)).Select(Practices.ToDto).ToList());
    }

    public static async Task<Results<Ok<PracticeDto>, NotFound>> Get(string id, ClaimsPrincipal principal, Practices practices, CancellationToken cancel) =>
        await practices.FindAsync(principal.UserId(), id, cancel) is { } p ? TypedResults.Ok(Practices.ToDto(p)) : TypedResults.NotFound();

    public static async Task<Results<Created<PracticeDto>, ValidationProblem>> Create(
        OwnPracticeRequest request, ClaimsPrincipal principal, Practices practices, CancellationToken cancel) =>
        await practices.CreateAsync(principal.UserId(), request, cancel) switch
        {
            OwnPracticeOutcome.Saved s => TypedResults.Created($"/api/v1/practices/{s.Practice.Id}", Practices.ToDto(s.Practice)),
            OwnPracticeOutcome.Invalid i => TypedResults.ValidationProblem(i.Errors),
            _ => throw new InvalidOperationException("Creating cannot be not found."),
        };

    public static async Task<Results<Ok<PracticeDto>, NotFound, ValidationProblem>> Update(
        Guid id, OwnPracticeRequest request, ClaimsPrincipal principal, Practices practices, CancellationToken cancel) =>
        await practices.UpdateAsync(principal.UserId(), id, request, cancel) switch
        {
            OwnPracticeOutcome.Saved s => TypedResults.Ok(Practices.ToDto(s.Practice)),
            OwnPracticeOutcome.Invalid i => TypedResults.ValidationProblem(i.Errors),
            _ => TypedResults.NotFound(),
        };

    public static async Task<Results<NoContent, NotFound>> Delete(Guid id, ClaimsPrincipal principal, Practices practices, CancellationToken cancel) =>
        await practices.DeleteAsync(principal.UserId(), id, cancel) ? TypedResults.NoContent() : TypedResults.NotFound();

    /// <summary>
    /// 201 with the stored session. A session whose <c>idempotencyKey</c> was used before is not stored again: 409 with the
    /// first one's id in <c>sessionId</c>, so a client that retries after a lost answer knows it is already there.
    /// </summary>
    public static async Task<Results<Created<PracticeSessionDto>, ProblemHttpResult, ValidationProblem>> Record(
        PracticeSessionRequest request, ClaimsPrincipal principal, PracticeSessions sessions, CancellationToken cancel) =>
        await sessions.RecordAsync(principal.UserId(), request, cancel) switch
        {
            SessionOutcome.Saved s => TypedResults.Created($"/api/v1/practice-sessions/{s.Session.Id}", s.Session),
            SessionOutcome.Duplicate d => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Already recorded",
                detail: "A practice session with this idempotency key is already stored, so this one was not stored again.",
                extensions: new Dictionary<string, object?> { ["sessionId"] = d.Existing }),
            SessionOutcome.Invalid i => TypedResults.ValidationProblem(i.Errors),
            _ => throw new InvalidOperationException("Unknown outcome."),
        };

    /// <summary>
    /// The caller's sessions (<c>owner=me</c>, the default), those shared with them (<c>shared</c>) or both (<c>all</c>), newest
    /// first, optionally of one practice (<c>practiceId</c>), at most <c>limit</c> (default 200, up to 2000).
    /// </summary>
    public static async Task<Results<Ok<List<PracticeSessionDto>>, ValidationProblem>> Sessions(
        ClaimsPrincipal principal, PracticeSessions sessions, string? owner, string? practiceId, int? limit, CancellationToken cancel)
    {
        var errors = new Dictionary<string, string[]>();
        var whose = WhoseQuery.Parse(owner, errors);
        if (limit is < 1 or > 2000)
        {
            errors["limit"] = ["limit goes from 1 to 2000."];
        }
        if (practiceId is { Length: > PracticeSession.PracticeIdMaxLength })
        {
            errors["practiceId"] = ["There is no such practice."];
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        return TypedResults.Ok(await sessions.ListAsync(principal.UserId(), whose, practiceId, limit ?? 200, cancel));
    }

    public static async Task<Results<Ok<PracticeSessionDto>, NotFound>> Session(Guid id, ClaimsPrincipal principal, PracticeSessions sessions, CancellationToken cancel) =>
        await sessions.FindAsync(principal.UserId(), id, cancel) is { } dto ? TypedResults.Ok(dto) : TypedResults.NotFound();

    /// <summary>
    /// Practices suited to <c>state</c> (connected | activated | shutDown), best first for the caller, at most <c>limit</c>
    /// (default 5, up to 30), each with the estimate that ranked it and the reason in a sentence.
    /// </summary>
    public static async Task<Results<Ok<List<RecommendationDto>>, ValidationProblem>> Recommend(
        ClaimsPrincipal principal, Recommendations recommendations, string? state, int? limit, CancellationToken cancel)
    {
        var errors = new Dictionary<string, string[]>();
        var parsed = StateNames.Parse(state);
        if (parsed is null)
        {
            errors["state"] = ["Use state=connected, activated or shutDown."];
        }
        if (limit is < 1 or > 30)
        {
            errors["limit"] = ["limit goes from 1 to 30."];
        }
        if (errors.Count > 0 || parsed is null)
        {
            return TypedResults.ValidationProblem(errors);
        }
        var list = await recommendations.ForAsync(principal.UserId(), parsed.Value, limit ?? 5, cancel);
        return TypedResults.Ok(list.Select(Recommendations.ToDto).ToList());
    }
}

public static class PracticesSetup
{
    public static IServiceCollection AddAttunePractices(this IServiceCollection services) => services
        .AddScoped<Practices>()
        .AddScoped<PracticeSessions>()
        .AddScoped<Recommendations>()
        .AddExportStream<PracticesExport>()
        .AddSingleton<PracticePopulation>();
}
