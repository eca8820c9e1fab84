using System.Security.Claims;
using Attune.Web.Features.Accounts;
using Attune.Web.Features.CheckIns;
using Attune.Web.Features.Therapists.InSession;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Attune.Web.Features.Therapists;

/// <summary>
/// The therapist's endpoints under <c>/api/v1/therapist</c> (the therapist role, scopes <c>therapist:read</c> and
/// <c>therapist:write</c>), the client's under <c>/api/v1/me/therapists</c> and <c>/api/v1/me/homework</c> (consent is a
/// security decision: a browser session only), and the administrator's under <c>/api/v1/admin/therapists</c>.
/// A client who is not the caller's client right now is a 404, whatever the reason.
/// </summary>
public static class TherapistApi
{
    public static void MapTherapistApi(this IEndpointRouteBuilder app)
    {
        var read = app.MapGroup("/api/v1/therapist").WithTags("Therapists").RequireTherapist(TokenScopes.TherapistRead)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        read.MapGet("/caseload", Caseload).WithName("GetCaseload").WithSummary("Your clients and how many improved reliably, by measure");
        read.MapGet("/clients/{clientId:guid}", Dashboard).WithName("GetClientDashboard")
            .WithSummary("What one client shares with you, over the last days (90 unless said)").ProducesProblem(StatusCodes.Status404NotFound);
        read.MapGet("/clients/{clientId:guid}/couple", Couple).WithName("GetCoupleDashboard")
            .WithSummary("A client and their partner side by side, when both consented").ProducesProblem(StatusCodes.Status404NotFound);
        read.MapGet("/clients/{clientId:guid}/notes", Notes).WithName("ListTherapyNotes")
            .WithSummary("Your own notes about a client (never shared with anyone)").ProducesProblem(StatusCodes.Status404NotFound);
        read.MapGet("/clients/{clientId:guid}/report", Report).WithName("GetSessionReport")
            .WithSummary("A session report: what a client shared since the last session (7 days unless said), states before and since, measures")
            .ProducesProblem(StatusCodes.Status404NotFound);
        read.MapGet("/clients/{clientId:guid}/sessions", InSessions).WithName("ListInSessionViews")
            .WithSummary("Your live in-session views with a client that they still share (heart data consented, the session not withdrawn)")
            .ProducesProblem(StatusCodes.Status404NotFound);
        read.MapGet("/clients/{clientId:guid}/sessions/{id:guid}", InSessionView).WithName("GetInSessionView")
            .WithSummary("One live in-session view: both heart rates, synchrony, the client's state before and after")
            .ProducesProblem(StatusCodes.Status404NotFound);

        var write = app.MapGroup("/api/v1/therapist").WithTags("Therapists").RequireTherapist(TokenScopes.TherapistWrite)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        write.MapPost("/invites", Invite).WithName("InviteClient")
            .WithSummary("Make a code for a client (emailed too when you give an address); shown in this answer only").ProducesValidationProblem();
        write.MapPost("/clients/{clientId:guid}/live", StartInSession).WithName("StartInSessionView")
            .WithSummary("Start a live in-session view with a client who shares heart data; they join from their own device and agree for this session")
            .ProducesProblem(StatusCodes.Status404NotFound);
        write.MapPost("/clients/{clientId:guid}/homework", Assign).WithName("AssignHomework")
            .WithSummary("Ask a client to do a practice or a measure a number of times a week")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        write.MapDelete("/clients/{clientId:guid}/homework/{id:guid}", EndHomework).WithName("EndHomework")
            .WithSummary("End a piece of homework").ProducesProblem(StatusCodes.Status404NotFound);
        write.MapPost("/clients/{clientId:guid}/notes", WriteNote).WithName("WriteTherapyNote")
            .WithSummary("Write a note about a client, kept apart from their data").ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        write.MapPut("/clients/{clientId:guid}/notes/{id:guid}", ChangeNote).WithName("ChangeTherapyNote")
            .WithSummary("Rewrite one of your notes about a client").ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        write.MapDelete("/clients/{clientId:guid}/notes/{id:guid}", DeleteNote).WithName("DeleteTherapyNote")
            .WithSummary("Delete one of your notes about a client").ProducesProblem(StatusCodes.Status404NotFound);

        var me = app.MapGroup("/api/v1/me").WithTags("Therapists").RequireBrowserSession()
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        me.MapGet("/therapists/terms", Terms).WithName("GetTherapistTerms").WithSummary("What sharing with a therapist means, in the version you agree to");
        me.MapGet("/therapists", Ledger).WithName("GetTherapistConsents").WithSummary("Your consent ledger: who, what, which text, when");
        me.MapPost("/therapists", Accept).WithName("AcceptTherapist")
            .WithSummary("Enter a therapist's code and choose what to share").ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        me.MapPut("/therapists/{id:guid}", Change).WithName("ChangeTherapistConsent")
            .WithSummary("Change what a therapist sees (a new consent replaces the old)").ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        me.MapDelete("/therapists/{id:guid}", Revoke).WithName("RevokeTherapistConsent")
            .WithSummary("Stop sharing with a therapist, from their next request").ProducesProblem(StatusCodes.Status404NotFound);
        me.MapGet("/therapy-sessions/terms", InSessionTerms).WithName("GetInSessionTerms")
            .WithSummary("What you agree to before a live in-session view, in the version you would agree to");
        me.MapGet("/therapy-sessions", MyInSessions).WithName("ListMyInSessionViews")
            .WithSummary("Your live sessions with a therapist: each consent (which text, when, withdrawn when) and what was saved");
        me.MapDelete("/therapy-sessions/{id:guid}/consent", RevokeInSession).WithName("RevokeInSessionView")
            .WithSummary("Stop sharing a live session with your therapist: their view ends at once and they no longer see it")
            .ProducesProblem(StatusCodes.Status404NotFound);
        me.MapPut("/therapy-sessions/{id:guid}/after", InSessionAfter).WithName("SetInSessionAfter")
            .WithSummary("How you are after a live session that has ended").ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        me.MapGet("/homework", MyHomework).WithName("GetMyHomework").WithSummary("What your therapists asked you to do, and how it is going");

        var admin = app.MapGroup("/api/v1/admin/therapists").WithTags("Administration").RequireAdmin()
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        admin.MapGet("/", ListTherapists).WithName("ListTherapists").WithSummary("Therapists on this instance and their practices");
        admin.MapPost("/", GrantTherapist).WithName("GrantTherapist")
            .WithSummary("Make an account a therapist in a practice (made when new)").ProducesValidationProblem();
        admin.MapDelete("/{id:guid}", RemoveTherapist).WithName("RemoveTherapist")
            .WithSummary("Take the therapist role away; their clients' consents end").ProducesProblem(StatusCodes.Status404NotFound);
    }

    public static async Task<Ok<CaseloadDto>> Caseload(ClaimsPrincipal principal, ClientDashboards dashboards, CancellationToken cancel) =>
        TypedResults.Ok(await dashboards.CaseloadAsync(principal.UserId(), cancel));

    public static async Task<Results<Ok<ClientDashboardDto>, NotFound>> Dashboard(
        Guid clientId, int? days, ClaimsPrincipal principal, ClientDashboards dashboards, CancellationToken cancel) =>
        await dashboards.GetAsync(principal.UserId(), clientId, days ?? ClientDashboards.DefaultDays, cancel) is { } dto ? TypedResults.Ok(dto) : TypedResults.NotFound();

    public static async Task<Results<Ok<CoupleDashboardDto>, NotFound>> Couple(
        Guid clientId, int? days, ClaimsPrincipal principal, ClientDashboards dashboards, CancellationToken cancel) =>
        await dashboards.CoupleAsync(principal.UserId(), clientId, days ?? ClientDashboards.DefaultDays, cancel) is { } dto ? TypedResults.Ok(dto) : TypedResults.NotFound();

    public static async Task<Results<Ok<List<TherapyNoteDto>>, NotFound>> Notes(Guid clientId, ClaimsPrincipal principal, TherapyNotes notes, CancellationToken cancel) =>
        await notes.ListAsync(principal.UserId(), clientId, cancel) is { } list ? TypedResults.Ok(list) : TypedResults.NotFound();

    public static async Task<Results<Created<TherapyNoteDto>, ValidationProblem, NotFound>> WriteNote(
        Guid clientId, WriteNoteRequest request, ClaimsPrincipal principal, TherapyNotes notes, CancellationToken cancel) =>
        await notes.WriteAsync(principal.UserId(), clientId, request.Text, cancel) switch
        {
            ({ } note, _) => TypedResults.Created($"/api/v1/therapist/clients/{clientId}/notes", note),
            (null, { } error) => TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["text"] = [error] }),
            _ => TypedResults.NotFound(),
        };

    public static async Task<Results<Ok<SessionReportDto>, NotFound>> Report(
        Guid clientId, int? days, ClaimsPrincipal principal, SessionReports reports, CancellationToken cancel) =>
        await reports.GetAsync(principal.UserId(), clientId, days, cancel) is { } dto ? TypedResults.Ok(dto) : TypedResults.NotFound();

    public static async Task<Results<Created<InSessionStartedDto>, NotFound>> StartInSession(
        Guid clientId, ClaimsPrincipal principal, InSessionViews views, CancellationToken cancel) =>
        await views.StartAsync(principal.UserId(), clientId, cancel) is { } started ? TypedResults.Created(started.TherapistUrl, started) : TypedResults.NotFound();

    public static async Task<Results<Ok<List<InSessionDto>>, NotFound>> InSessions(
        Guid clientId, ClaimsPrincipal principal, InSessionConsents consents, CancellationToken cancel) =>
        await consents.ForTherapistAsync(principal.UserId(), clientId, null, null, cancel) is { } list ? TypedResults.Ok(list) : TypedResults.NotFound();

    public static async Task<Results<Ok<InSessionDto>, NotFound>> InSessionView(
        Guid clientId, Guid id, ClaimsPrincipal principal, InSessionConsents consents, CancellationToken cancel) =>
        await consents.ForTherapistAsync(principal.UserId(), clientId, id, null, cancel) is [var one] ? TypedResults.Ok(one) : TypedResults.NotFound();

    public static Ok<InSessionTermsDto> InSessionTerms() => TypedResults.Ok(new InSessionTermsDto(InSessionConsent.CurrentVersion, InSessionConsent.Text));

    public static async Task<Ok<List<InSessionDto>>> MyInSessions(ClaimsPrincipal principal, InSessionConsents consents, CancellationToken cancel) =>
        TypedResults.Ok(await consents.MineAsync(principal.UserId(), null, cancel));

    public static async Task<Results<NoContent, NotFound>> RevokeInSession(Guid id, ClaimsPrincipal principal, InSessionViews views, CancellationToken cancel) =>
        await views.RevokeAsync(principal.UserId(), id, cancel) ? TypedResults.NoContent() : TypedResults.NotFound();

    public static async Task<Results<NoContent, ValidationProblem, NotFound>> InSessionAfter(
        Guid id, InSessionAfterRequest request, ClaimsPrincipal principal, InSessionConsents consents, CancellationToken cancel) =>
        StateNames.Parse(request.State) is not { } state ? Invalid("state", "Please choose how you are: connected, activated or shut down.")
        : await consents.AfterAsync(principal.UserId(), id, state, cancel) ? TypedResults.NoContent() : TypedResults.NotFound();

    public static async Task<Results<Ok<TherapyNoteDto>, ValidationProblem, NotFound>> ChangeNote(
        Guid clientId, Guid id, WriteNoteRequest request, ClaimsPrincipal principal, TherapyNotes notes, CancellationToken cancel) =>
        await notes.ChangeAsync(principal.UserId(), clientId, id, request.Text, cancel) switch
        {
            (NoteOutcome.Done, { } note, _) => TypedResults.Ok(note),
            (NoteOutcome.Invalid, _, var error) => Invalid("text", error ?? "Please write something first."),
            _ => TypedResults.NotFound(),
        };

    public static async Task<Results<NoContent, NotFound>> DeleteNote(Guid clientId, Guid id, ClaimsPrincipal principal, TherapyNotes notes, CancellationToken cancel) =>
        await notes.DeleteAsync(principal.UserId(), clientId, id, cancel) ? TypedResults.NoContent() : TypedResults.NotFound();

    public static async Task<Results<Created<TherapistInviteDto>, ValidationProblem>> Invite(
        InviteClientRequest request, ClaimsPrincipal principal, TherapyLinks links, CancellationToken cancel) =>
        await links.InviteAsync(principal.UserId(), request.Email, cancel) switch
        {
            LinkOutcome.Invited i => TypedResults.Created("/api/v1/therapist/caseload", i.Invite),
            LinkOutcome.Invalid i => Invalid(i.Field, i.Message),
            _ => throw new InvalidOperationException("An invitation is made or refused."),
        };

    public static async Task<Results<Created<HomeworkDto>, ValidationProblem, NotFound>> Assign(
        Guid clientId, AssignHomeworkRequest request, ClaimsPrincipal principal, HomeworkPlans plans, CancellationToken cancel) =>
        await plans.AssignAsync(principal.UserId(), clientId, request, cancel) switch
        {
            HomeworkOutcome.Done d => TypedResults.Created($"/api/v1/therapist/clients/{clientId}", d.Homework),
            HomeworkOutcome.Invalid i => TypedResults.ValidationProblem(i.Errors),
            _ => TypedResults.NotFound(),
        };

    public static async Task<Results<NoContent, NotFound>> EndHomework(Guid clientId, Guid id, ClaimsPrincipal principal, HomeworkPlans plans, CancellationToken cancel) =>
        await plans.EndAsync(principal.UserId(), clientId, id, cancel) ? TypedResults.NoContent() : TypedResults.NotFound();

    public static Ok<TherapistTermsDto> Terms() =>
        TypedResults.Ok(new TherapistTermsDto(TherapistConsent.CurrentVersion, TherapistConsent.Text,
            [.. TherapistConsent.Streams.Select(Sharing.DataStreams.Name)]));

    public static async Task<Ok<List<ConsentDto>>> Ledger(ClaimsPrincipal principal, TherapyLinks links, CancellationToken cancel) =>
        TypedResults.Ok(await links.LedgerAsync(principal.UserId(), cancel));

    public static async Task<Results<Created<ConsentDto>, ValidationProblem, NotFound>> Accept(
        AcceptTherapistRequest request, ClaimsPrincipal principal, TherapyLinks links, CancellationToken cancel) =>
        await links.AcceptAsync(principal.UserId(), request.Code, request.Streams, request.ConsentVersion, cancel) switch
        {
            LinkOutcome.Consented c => TypedResults.Created($"/api/v1/me/therapists/{c.Consent.Id}", c.Consent),
            LinkOutcome.Invalid i => Invalid(i.Field, i.Message),
            _ => TypedResults.NotFound(),
        };

    public static async Task<Results<Ok<ConsentDto>, ValidationProblem, NotFound>> Change(
        Guid id, ChangeConsentRequest request, ClaimsPrincipal principal, TherapyLinks links, CancellationToken cancel) =>
        await links.ChangeAsync(principal.UserId(), id, request.Streams, request.ConsentVersion, cancel) switch
        {
            LinkOutcome.Consented c => TypedResults.Ok(c.Consent),
            LinkOutcome.Invalid i => Invalid(i.Field, i.Message),
            _ => TypedResults.NotFound(),
        };

    public static async Task<Results<NoContent, NotFound>> Revoke(Guid id, ClaimsPrincipal principal, TherapyLinks links, CancellationToken cancel) =>
        await links.RevokeAsync(principal.UserId(), id, cancel) ? TypedResults.NoContent() : TypedResults.NotFound();

    public static async Task<Ok<List<HomeworkDto>>> MyHomework(ClaimsPrincipal principal, HomeworkPlans plans, CancellationToken cancel) =>
        TypedResults.Ok(await plans.ListAsync(principal.UserId(), principal.UserId(), null, cancel));

    public static async Task<Ok<List<TherapistDto>>> ListTherapists(TherapistRoles roles, CancellationToken cancel) =>
        TypedResults.Ok(await roles.ListAsync(cancel));

    public static async Task<Results<Ok<TherapistDto>, ValidationProblem>> GrantTherapist(
        GrantTherapistRequest request, ClaimsPrincipal principal, TherapistRoles roles, CancellationToken cancel) =>
        await roles.GrantAsync(principal.UserId(), request.Email, request.Practice, cancel) switch
        {
            RoleOutcome.Done d => TypedResults.Ok(d.Therapist),
            RoleOutcome.Invalid i => Invalid(i.Field, i.Message),
            _ => throw new InvalidOperationException("A role is given or refused."),
        };

    public static async Task<Results<NoContent, NotFound>> RemoveTherapist(Guid id, ClaimsPrincipal principal, TherapistRoles roles, CancellationToken cancel) =>
        await roles.RemoveAsync(principal.UserId(), id, cancel) ? TypedResults.NoContent() : TypedResults.NotFound();

    private static ValidationProblem Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });
}
