using System.Security.Claims;
using Attune.Web.Features.Accounts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Attune.Web.Features.Admin;

public static class AdminApi
{
    public static void MapAdminApi(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/api/v1/admin").WithTags("Administration").RequireAdmin()
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        admin.MapGet("/instance", Instance).WithName("GetInstanceStatus")
            .WithSummary("What this instance is set up with and what is missing, as in the start-up log");
        admin.MapGet("/people", People).WithName("ListPeople").WithSummary("Every account: address, confirmed, administrator, last sign-in (never anything in it)");
        admin.MapPost("/people/{id:guid}/confirm-email", ConfirmEmail).WithName("ConfirmPersonEmail")
            .WithSummary("Mark a person's email address as confirmed, for instances without mail")
            .ProducesProblem(StatusCodes.Status404NotFound);
        admin.MapGet("/invitations", Invitations).WithName("ListInvitations").WithSummary("Invitations, newest first");
        admin.MapPost("/invitations", Invite).WithName("CreateInvitation")
            .WithSummary("Invite someone: the link is in this answer only, and is emailed when mail is set up")
            .ProducesValidationProblem();
        admin.MapDelete("/invitations/{id:guid}", Revoke).WithName("RevokeInvitation")
            .WithSummary("Withdraw an invitation nobody has used yet")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    public static async Task<Ok<InstanceStatusDto>> Instance(Administration administration, CancellationToken cancel) =>
        TypedResults.Ok(await administration.StatusAsync(cancel));

    public static async Task<Ok<List<PersonDto>>> People(Administration administration, CancellationToken cancel) =>
        TypedResults.Ok(await administration.PeopleAsync(cancel));

    public static async Task<Results<NoContent, ProblemHttpResult>> ConfirmEmail(Guid id, Administration administration, CancellationToken cancel) =>
        await administration.ConfirmEmailAsync(id, cancel)
            ? TypedResults.NoContent()
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such account");

    public static async Task<Ok<List<InvitationDto>>> Invitations(Administration administration, CancellationToken cancel) =>
        TypedResults.Ok(await administration.InvitationsAsync(cancel));

    public static async Task<Results<Created<CreatedInvitationDto>, ValidationProblem>> Invite(
        CreateInvitationRequest request, ClaimsPrincipal principal, Administration administration, HttpContext http, CancellationToken cancel)
    {
        var created = await administration.InviteAsync(principal.UserId(), request.Email, request.ExpiresInDays, http, cancel);
        return TypedResults.Created($"/api/v1/admin/invitations/{created.Invitation.Id}", created);
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> Revoke(Guid id, Administration administration, CancellationToken cancel) =>
        await administration.RevokeInvitationAsync(id, cancel)
            ? TypedResults.NoContent()
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such invitation",
                detail: "There is no invitation with this id that is still waiting to be used.");
}
