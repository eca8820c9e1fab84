using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Attune.Web.Data;
using Attune.Web.Features.Accounts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Attune.Web.Features.Sharing;

/// <summary>Invite someone to see some of your data. <c>consentVersion</c>, when sent, must be the version of the terms the person read.</summary>
public sealed record CreateGrantRequest(
    [property: Required, MaxLength(Grant.EmailMaxLength)] string GranteeEmail,
    [property: Required] string[] Streams,
    int? ConsentVersion);

public sealed record ChangeGrantRequest([property: Required] string[] Streams, int? ConsentVersion);

public sealed record SharingTermsDto(int Version, IReadOnlyList<string> Text, string[] Streams);

public sealed record AccessReaderDto(Guid? Id, string Name);

/// <summary>One read of the owner's data by someone else: who, what kind, which item (none for a list), when.</summary>
public sealed record AccessLogEntryDto(long Id, DateTime At, AccessReaderDto Reader, string Stream, Guid? ResourceId);

/// <summary>Newest first; pass <c>before</c> from one page to get the next.</summary>
public sealed record AccessLogPageDto(List<AccessLogEntryDto> Entries, long? Before);

public static class SharingApi
{
    public static RouteGroupBuilder MapSharingApi(this IEndpointRouteBuilder app)
    {
        // Sharing is a security decision: a signed-in browser only, never an access token.
        var grants = app.MapGroup("/api/v1/grants").WithTags("Sharing").RequireBrowserSession()
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        grants.MapGet("/terms", Terms).WithName("GetSharingTerms").WithSummary("What sharing means, in the version a person agrees to");
        grants.MapGet("/", List).WithName("ListGrants").WithSummary("Grants you gave and grants you received");
        grants.MapPost("/", Create).WithName("CreateGrant").WithSummary("Invite someone by email to see some of your data")
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status429TooManyRequests);
        grants.MapGet("/{id:guid}", Get).WithName("GetGrant").WithSummary("One grant you gave or received")
            .ProducesProblem(StatusCodes.Status404NotFound);
        grants.MapPut("/{id:guid}", Change).WithName("ChangeGrant").WithSummary("Change what a grant you gave covers")
            .ProducesProblem(StatusCodes.Status404NotFound);
        grants.MapPost("/{id:guid}/accept", Accept).WithName("AcceptGrant").WithSummary("Accept an invitation sent to your address")
            .ProducesProblem(StatusCodes.Status404NotFound);
        grants.MapDelete("/{id:guid}", End).WithName("EndGrant").WithSummary("Stop sharing, leave a grant, or decline an invitation")
            .ProducesProblem(StatusCodes.Status404NotFound);

        var log = app.MapGroup("/api/v1/access-log").WithTags("Sharing").RequireBrowserSession()
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        log.MapGet("/", AccessLog).WithName("GetAccessLog").WithSummary("Who looked at your data, newest first, a page at a time");
        return grants;
    }

    public static Ok<SharingTermsDto> Terms() =>
        TypedResults.Ok(new SharingTermsDto(SharingConsent.CurrentVersion, SharingConsent.Text, [.. DataStreams.Available.Select(DataStreams.Name)]));

    public static async Task<Ok<GrantListDto>> List(ClaimsPrincipal principal, Grants grants, CancellationToken cancel) =>
        TypedResults.Ok(await grants.ListAsync(principal.UserId(), cancel));

    /// <summary>
    /// Always 201 with a pending invitation for a valid address, whether or not it belongs to an account,
    /// so the call reveals nothing about who uses Attune.
    /// </summary>
    public static async Task<Results<Created<GrantDto>, ValidationProblem, ProblemHttpResult>> Create(
        CreateGrantRequest request, ClaimsPrincipal principal, Grants grants, CancellationToken cancel) =>
        await grants.InviteAsync(principal.UserId(), request.GranteeEmail, request.Streams, request.ConsentVersion, cancel) switch
        {
            GrantOutcome.Done d => TypedResults.Created($"/api/v1/grants/{d.Grant.Id}", d.Grant),
            GrantOutcome.Invalid i => Invalid(i),
            var other => Problem(other),
        };

    public static async Task<Results<Ok<GrantDto>, NotFound>> Get(Guid id, ClaimsPrincipal principal, Grants grants, CancellationToken cancel) =>
        await grants.FindDtoAsync(principal.UserId(), id, cancel) is { } dto ? TypedResults.Ok(dto) : TypedResults.NotFound();

    public static async Task<Results<Ok<GrantDto>, NotFound, ValidationProblem, ProblemHttpResult>> Change(
        Guid id, ChangeGrantRequest request, ClaimsPrincipal principal, Grants grants, CancellationToken cancel) =>
        await grants.ChangeStreamsAsync(principal.UserId(), id, request.Streams, request.ConsentVersion, cancel) switch
        {
            GrantOutcome.Done d => TypedResults.Ok(d.Grant),
            GrantOutcome.NotFound => TypedResults.NotFound(),
            GrantOutcome.Invalid i => Invalid(i),
            var other => Problem(other),
        };

    public static async Task<Results<Ok<GrantDto>, NotFound>> Accept(Guid id, ClaimsPrincipal principal, Grants grants, CancellationToken cancel) =>
        await grants.AcceptAsync(principal.UserId(), id, cancel) is GrantOutcome.Done d ? TypedResults.Ok(d.Grant) : TypedResults.NotFound();

    /// <summary>Revoke (owner), leave (grantee) or decline (invitee); takes effect on the very next request.</summary>
    public static async Task<Results<NoContent, NotFound>> End(Guid id, ClaimsPrincipal principal, Grants grants, CancellationToken cancel) =>
        await grants.EndAsync(principal.UserId(), id, cancel) is GrantOutcome.Ended ? TypedResults.NoContent() : TypedResults.NotFound();

    public static async Task<Results<Ok<AccessLogPageDto>, ValidationProblem>> AccessLog(
        ClaimsPrincipal principal, AttuneDb db, long? before, int? limit, CancellationToken cancel)
    {
        if (limit is < 1 or > 200 || before is < 1)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["limit"] = ["Use limit between 1 and 200, and before from a previous page."] });
        }
        return TypedResults.Ok(await AccessLogReads.PageAsync(db, principal.UserId(), before, limit ?? 50, cancel));
    }

    private static ValidationProblem Invalid(GrantOutcome.Invalid i) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [i.Field] = [i.Message] });

    private static ProblemHttpResult Problem(GrantOutcome outcome) => outcome switch
    {
        GrantOutcome.AlreadySharing a => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Already sharing",
            detail: "You already share with this address (or have invited it). Change what that grant covers instead.",
            extensions: new Dictionary<string, object?> { ["existingId"] = a.ExistingId }),
        GrantOutcome.TooMany t => TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many invitations",
            detail: $"You can send {t.Limit} invitations a day. Please try again tomorrow."),
        _ => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound),
    };
}

/// <summary>The owner's view of their access log.</summary>
public static class AccessLogReads
{
    public static async Task<AccessLogPageDto> PageAsync(AttuneDb db, Guid owner, long? before, int limit, CancellationToken cancel)
    {
        var rows = await (
                from e in db.AccessLog.AsNoTracking()
                where e.OwnerId == owner && (before == null || e.Id < before)
                join u in db.Users on e.ReaderId equals u.Id into readers
                from u in readers.DefaultIfEmpty()
                orderby e.Id descending
                select new { e.Id, e.At, e.ReaderId, e.Stream, e.ResourceId, Name = u == null ? null : u.DisplayName, u.Email })
            .Take(limit + 1)
            .ToListAsync(cancel);
        var entries = rows.Take(limit).Select(r => new AccessLogEntryDto(r.Id, r.At,
            new AccessReaderDto(r.ReaderId, r.ReaderId is null ? "An account that has since been deleted" : string.IsNullOrWhiteSpace(r.Name) ? r.Email ?? "someone" : r.Name),
            DataStreams.Name(r.Stream), r.ResourceId)).ToList();
        return new AccessLogPageDto(entries, rows.Count > limit ? entries[^1].Id : null);
    }
}
