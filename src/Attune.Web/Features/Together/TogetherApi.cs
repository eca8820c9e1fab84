using System.Security.Claims;
using Attune.Web.Features.Accounts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Attune.Web.Features.Together;

/// <summary>Ask for a partner code: <c>streams</c> I will share once linked besides time together (checkins, recordings; both left out: checkins).</summary>
public sealed record PartnerInviteRequest(string[]? Streams = null);

/// <summary>Accept a code: <c>streams</c> as for the invitation.</summary>
public sealed record PartnerAcceptRequest(string? Code, string[]? Streams = null);

/// <summary>What I share with my partner besides time together.</summary>
public sealed record PartnerSharingRequest(string[]? Streams);

public sealed record TogetherPreferencesDto(bool NotifyByPush);

public static class TogetherApi
{
    private const long MaxBodyBytes = 16 * 1024;

    public static RouteGroupBuilder MapTogetherApi(this IEndpointRouteBuilder app)
    {
        var partner = app.MapGroup("/api/v1/partner").WithTags("Together").RequireAuthorization()
            .WithMetadata(new RequestSizeLimitAttribute(MaxBodyBytes))
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        partner.MapGet("/", Current).RequireScope(TokenScopes.TogetherRead)
            .WithName("GetPartner").WithSummary("Your partner, and what each of you shares with the other; 404 when you have none")
            .ProducesProblem(StatusCodes.Status404NotFound);
        partner.MapPost("/invites", Invite).RequireScope(TokenScopes.TogetherWrite)
            .WithName("CreatePartnerInvite").WithSummary("A code for your partner to link with you; shown once, valid for three days, replacing any earlier code")
            .ProducesValidationProblem();
        partner.MapDelete("/invites", CancelInvite).RequireScope(TokenScopes.TogetherWrite)
            .WithName("CancelPartnerInvite").WithSummary("Withdraw your code that is waiting")
            .ProducesProblem(StatusCodes.Status404NotFound);
        partner.MapPost("/accept", Accept).RequireScope(TokenScopes.TogetherWrite)
            .WithName("AcceptPartnerInvite").WithSummary("Link with the person whose code this is (the code goes in the body, never in an address); a wrong, used or expired code is 404")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesValidationProblem();
        partner.MapPost("/invites/{code}/accept", AcceptByPath).RequireScope(TokenScopes.TogetherWrite)
            .WithName("AcceptPartnerInviteByPath").WithSummary("The same as POST /api/v1/partner/accept with the code in the address; prefer the body, which keeps the code out of logs and history")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesValidationProblem();
        partner.MapPut("/sharing", ChangeSharing).RequireScope(TokenScopes.TogetherWrite)
            .WithName("ChangePartnerSharing").WithSummary("Change what you share with your partner (time together always stays shared while linked)")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesValidationProblem();
        partner.MapDelete("/", Unlink).RequireScope(TokenScopes.TogetherWrite)
            .WithName("Unlink").WithSummary("Unlink: both of you stop seeing each other's data from the next request")
            .ProducesProblem(StatusCodes.Status404NotFound);
        partner.MapGet("/state", State).RequireScope(TokenScopes.TogetherRead)
            .WithName("GetPartnerState").WithSummary("Your partner's latest shared state with guidance fitted to it and to yours; 404 when you have no partner")
            .ProducesProblem(StatusCodes.Status404NotFound);

        var together = app.MapGroup("/api/v1").WithTags("Together").RequireAuthorization()
            .WithMetadata(new RequestSizeLimitAttribute(MaxBodyBytes))
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        together.MapPost("/breaks", StartBreak).RequireScope(TokenScopes.TogetherWrite)
            .WithName("StartBreak").WithSummary("I'm flooded: a break of at least 20 minutes; your partner is told kindly")
            .ProducesValidationProblem();
        together.MapGet("/breaks/{id:guid}", GetBreak).RequireScope(TokenScopes.TogetherRead)
            .WithName("GetBreak").WithSummary("One break, yours or your partner's")
            .ProducesProblem(StatusCodes.Status404NotFound);
        together.MapPost("/breaks/{id:guid}/end", EndBreak).RequireScope(TokenScopes.TogetherWrite)
            .WithName("EndBreak").WithSummary("I'm back: end your break")
            .ProducesProblem(StatusCodes.Status404NotFound);
        together.MapPost("/repairs", StartRepair).RequireScope(TokenScopes.TogetherWrite)
            .WithName("StartRepair").WithSummary("Start a repair with your partner (201), or get the one you already started (200)")
            .ProducesValidationProblem();
        together.MapGet("/repairs", ListRepairs).RequireScope(TokenScopes.TogetherRead)
            .WithName("ListRepairs").WithSummary("Repairs with both sides, newest first");
        together.MapGet("/repairs/{id:guid}", GetRepair).RequireScope(TokenScopes.TogetherRead)
            .WithName("GetRepair").WithSummary("One repair with both sides")
            .ProducesProblem(StatusCodes.Status404NotFound);
        together.MapPost("/repairs/{id:guid}/join", JoinRepair).RequireScope(TokenScopes.TogetherWrite)
            .WithName("JoinRepair").WithSummary("Join the repair your partner started with you")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesValidationProblem();
        together.MapPost("/repairs/{id:guid}/complete", CompleteRepair).RequireScope(TokenScopes.TogetherWrite)
            .WithName("CompleteRepair").WithSummary("Finish your side: how you are now, what you tended to do, and the agreement")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesValidationProblem();
        together.MapPost("/rituals", NoteRitual).RequireScope(TokenScopes.TogetherWrite)
            .WithName("NoteRitual").WithSummary("Note a ritual moment: a hug, a kiss, an appreciation, an answer to today's question")
            .ProducesValidationProblem();
        together.MapGet("/rituals", Week).RequireScope(TokenScopes.TogetherRead)
            .WithName("GetRituals").WithSummary("Today's question and the last seven days of both partners' moments");
        together.MapDelete("/rituals/{id:guid}", DeleteRitual).RequireScope(TokenScopes.TogetherWrite)
            .WithName("DeleteRitual").WithSummary("Remove one of your ritual moments")
            .ProducesProblem(StatusCodes.Status404NotFound);
        together.MapGet("/together/insights", Insights).RequireScope(TokenScopes.TogetherRead)
            .WithName("GetTogetherInsights").WithSummary("Repair history, the cycle map and the co-regulation index with its definition and uncertainty");
        together.MapGet("/together/settings", Settings).RequireScope(TokenScopes.TogetherRead)
            .WithName("GetTogetherSettings").WithSummary("Whether your partner's breaks and repairs reach your browsers by push");
        together.MapPut("/together/settings", ChangeSettings).RequireScope(TokenScopes.TogetherWrite)
            .WithName("ChangeTogetherSettings").WithSummary("Let your partner's breaks and repairs reach your browsers by push, or not");

        // The two-hearts comparison moved under Together; old bookmarks and links keep working. The redirect reveals
        // nothing (the target asks for sign-in and reads through the access layer), so it needs no sign-in itself.
        app.MapGet("/insights/recordings/together", (HttpRequest request) => TypedResults.Redirect("/together/hearts" + request.QueryString, permanent: true))
            .AllowAnonymous().ExcludeFromDescription().WithName("MovedTwoHearts");
        return together;
    }

    public static async Task<Results<Ok<PartnerDto>, NotFound>> Current(ClaimsPrincipal principal, Partners partners, CancellationToken cancel) =>
        await partners.CurrentAsync(principal.UserId(), cancel) is { } p ? TypedResults.Ok(p) : TypedResults.NotFound();

    public static async Task<Results<Created<PartnerInviteDto>, ValidationProblem>> Invite(
        PartnerInviteRequest? request, ClaimsPrincipal principal, Partners partners, HttpContext http, CancellationToken cancel)
    {
        http.Response.Headers.CacheControl = "no-store";
        return await partners.InviteAsync(principal.UserId(), request?.Streams, cancel) switch
        {
            PartnerOutcome.Invited i => TypedResults.Created("/api/v1/partner/invites", i.Invite),
            PartnerOutcome.Invalid v => Problem(v.Field, v.Message),
            _ => throw new InvalidOperationException("Inviting has no other outcome."),
        };
    }

    public static async Task<Results<NoContent, NotFound>> CancelInvite(ClaimsPrincipal principal, Partners partners, CancellationToken cancel) =>
        await partners.CancelInviteAsync(principal.UserId(), cancel) ? TypedResults.NoContent() : TypedResults.NotFound();

    public static async Task<Results<Ok<PartnerDto>, NotFound, ValidationProblem>> Accept(
        PartnerAcceptRequest request, ClaimsPrincipal principal, Partners partners, CancellationToken cancel) =>
        await partners.AcceptAsync(principal.UserId(), request.Code, request.Streams, cancel) switch
        {
            PartnerOutcome.Linked l => TypedResults.Ok(l.Partner),
            PartnerOutcome.Invalid v => Problem(v.Field, v.Message),
            _ => TypedResults.NotFound(),
        };

    public static Task<Results<Ok<PartnerDto>, NotFound, ValidationProblem>> AcceptByPath(
        string code, PartnerSharingRequest? request, ClaimsPrincipal principal, Partners partners, CancellationToken cancel) =>
        Accept(new PartnerAcceptRequest(code, request?.Streams), principal, partners, cancel);

    public static async Task<Results<Ok<PartnerDto>, NotFound, ValidationProblem>> ChangeSharing(
        PartnerSharingRequest request, ClaimsPrincipal principal, Partners partners, CancellationToken cancel) =>
        await partners.ChangeSharingAsync(principal.UserId(), request.Streams ?? [], cancel) switch
        {
            PartnerOutcome.Linked l => TypedResults.Ok(l.Partner),
            PartnerOutcome.Invalid v => Problem(v.Field, v.Message),
            _ => TypedResults.NotFound(),
        };

    public static async Task<Results<NoContent, NotFound>> Unlink(ClaimsPrincipal principal, Partners partners, CancellationToken cancel) =>
        await partners.UnlinkAsync(principal.UserId(), cancel) ? TypedResults.NoContent() : TypedResults.NotFound();

    public static async Task<Results<Ok<PartnerStateDto>, NotFound>> State(ClaimsPrincipal principal, PartnerStates states, HttpContext http, CancellationToken cancel)
    {
        http.Response.Headers.CacheControl = "no-store";
        return await states.ForAsync(principal.UserId(), cancel) is { } s ? TypedResults.Ok(s) : TypedResults.NotFound();
    }

    public static async Task<Results<Created<BreakDto>, ValidationProblem>> StartBreak(
        BreakRequest? request, ClaimsPrincipal principal, Breaks breaks, HttpContext http, CancellationToken cancel)
    {
        switch (await breaks.StartAsync(principal.UserId(), request ?? new BreakRequest(), cancel))
        {
            case BreakOutcome.Started s:
                http.Response.Headers["Partner-Notified"] = s.PartnerTold ? "true" : "false";
                return TypedResults.Created($"/api/v1/breaks/{s.Break.Id}", s.Break);
            case BreakOutcome.Invalid i:
                return TypedResults.ValidationProblem(i.Errors);
            default:
                throw new InvalidOperationException("A break has no other outcome.");
        }
    }

    public static async Task<Results<Ok<BreakDto>, NotFound>> GetBreak(Guid id, ClaimsPrincipal principal, Breaks breaks, CancellationToken cancel) =>
        await breaks.FindAsync(principal.UserId(), id, cancel) is { } b ? TypedResults.Ok(b) : TypedResults.NotFound();

    public static async Task<Results<NoContent, NotFound>> EndBreak(Guid id, ClaimsPrincipal principal, Breaks breaks, CancellationToken cancel) =>
        await breaks.EndAsync(principal.UserId(), id, cancel) ? TypedResults.NoContent() : TypedResults.NotFound();

    public static async Task<Results<Created<RepairDto>, Ok<RepairDto>, ValidationProblem>> StartRepair(
        RepairStartRequest request, ClaimsPrincipal principal, Repairs repairs, CancellationToken cancel) =>
        await repairs.StartAsync(principal.UserId(), request, cancel) switch
        {
            RepairOutcome.Done { Created: true } d => TypedResults.Created($"/api/v1/repairs/{d.Repair.Id}", d.Repair),
            RepairOutcome.Done d => TypedResults.Ok(d.Repair),
            RepairOutcome.Invalid i => TypedResults.ValidationProblem(i.Errors),
            _ => throw new InvalidOperationException("Starting a repair cannot be not found."),
        };

    public static async Task<Ok<List<RepairDto>>> ListRepairs(ClaimsPrincipal principal, Repairs repairs, CancellationToken cancel) =>
        TypedResults.Ok(await repairs.ListAsync(principal.UserId(), q => q, cancel));

    public static async Task<Results<Ok<RepairDto>, NotFound>> GetRepair(Guid id, ClaimsPrincipal principal, Repairs repairs, CancellationToken cancel) =>
        await repairs.FindAsync(principal.UserId(), id, cancel) is { } r ? TypedResults.Ok(r) : TypedResults.NotFound();

    public static async Task<Results<Ok<RepairDto>, NotFound, ValidationProblem>> JoinRepair(
        Guid id, RepairStartRequest request, ClaimsPrincipal principal, Repairs repairs, CancellationToken cancel) =>
        Answer(await repairs.JoinAsync(principal.UserId(), id, request, cancel));

    public static async Task<Results<Ok<RepairDto>, NotFound, ValidationProblem>> CompleteRepair(
        Guid id, RepairCompleteRequest request, ClaimsPrincipal principal, Repairs repairs, CancellationToken cancel) =>
        Answer(await repairs.CompleteAsync(principal.UserId(), id, request, cancel));

    public static async Task<Results<Created<RitualMomentDto>, ValidationProblem>> NoteRitual(
        RitualRequest request, ClaimsPrincipal principal, Rituals rituals, CancellationToken cancel) =>
        await rituals.NoteAsync(principal.UserId(), request, cancel) switch
        {
            RitualOutcome.Noted n => TypedResults.Created($"/api/v1/rituals/{n.Moment.Id}", n.Moment),
            RitualOutcome.Invalid i => TypedResults.ValidationProblem(i.Errors),
            _ => throw new InvalidOperationException("A ritual has no other outcome."),
        };

    public static async Task<Ok<RitualsDto>> Week(ClaimsPrincipal principal, Rituals rituals, Partners partners, CancellationToken cancel)
    {
        var me = principal.UserId();
        return TypedResults.Ok(await rituals.WeekAsync(me, (await partners.CurrentAsync(me, cancel))?.Id, cancel));
    }

    public static async Task<Results<NoContent, NotFound>> DeleteRitual(Guid id, ClaimsPrincipal principal, Rituals rituals, CancellationToken cancel) =>
        await rituals.DeleteAsync(principal.UserId(), id, cancel) ? TypedResults.NoContent() : TypedResults.NotFound();

    public static async Task<Ok<TogetherInsightsDto>> Insights(ClaimsPrincipal principal, TogetherInsights insights, CancellationToken cancel) =>
        TypedResults.Ok(await insights.ForAsync(principal.UserId(), cancel));

    public static async Task<Ok<TogetherPreferencesDto>> Settings(ClaimsPrincipal principal, TogetherSettings settings, CancellationToken cancel) =>
        TypedResults.Ok(await settings.GetAsync(principal.UserId(), cancel));

    public static async Task<Ok<TogetherPreferencesDto>> ChangeSettings(
        TogetherPreferencesDto request, ClaimsPrincipal principal, TogetherSettings settings, CancellationToken cancel) =>
        TypedResults.Ok(await settings.SetAsync(principal.UserId(), request.NotifyByPush, cancel));

    private static Results<Ok<RepairDto>, NotFound, ValidationProblem> Answer(RepairOutcome outcome) => outcome switch
    {
        RepairOutcome.Done d => TypedResults.Ok(d.Repair),
        RepairOutcome.Invalid i => TypedResults.ValidationProblem(i.Errors),
        _ => TypedResults.NotFound(),
    };

    private static ValidationProblem Problem(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });
}
