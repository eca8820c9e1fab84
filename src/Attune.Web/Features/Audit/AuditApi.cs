using System.Security.Claims;
using Attune.Web.Data;
using Attune.Web.Features.Accounts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Attune.Web.Features.Audit;

public static class AuditApi
{
    public static void MapAuditApi(this IEndpointRouteBuilder app)
    {
        // The security log is about the account itself: a signed-in browser only, never an access token.
        var mine = app.MapGroup("/api/v1/audit").WithTags("Audit").RequireBrowserSession()
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        mine.MapGet("/", Mine).WithName("GetMyAuditLog")
            .WithSummary("Your security log: sign-ins, account changes, every change to your data and every look at it by someone else, newest first");

        var all = app.MapGroup("/api/v1/admin/audit").WithTags("Administration").RequireAdmin()
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        all.MapGet("/", All).WithName("GetAuditLog").WithSummary("The whole audit log, newest first (administrators)");
        all.MapGet("/verify", Verify).WithName("VerifyAuditLog").WithSummary("Walk the hash chain and say whether any entry was changed or removed (administrators)");
    }

    public static async Task<Ok<AuditPageDto>> Mine(ClaimsPrincipal principal, AttuneDb db, long? before, CancellationToken cancel)
    {
        var me = principal.UserId();
        return TypedResults.Ok(await AuditReads.PageAsync(db, me, me, before, AuditReads.PageSize, cancel));
    }

    public static async Task<Ok<AuditPageDto>> All(ClaimsPrincipal principal, AttuneDb db, long? before, Guid? person, CancellationToken cancel) =>
        TypedResults.Ok(await AuditReads.PageAsync(db, person, principal.UserId(), before, AuditReads.PageSize, cancel));

    public static async Task<Ok<AuditVerificationDto>> Verify(DatabaseConnection database, CancellationToken cancel) =>
        TypedResults.Ok(AuditReads.ToDto(await AuditChain.VerifyAsync(database, cancel)));
}
