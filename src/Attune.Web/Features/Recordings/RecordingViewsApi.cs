using System.Security.Claims;
using Attune.Web.Data;
using Attune.Web.Features.Accounts;
using Attune.Web.Features.Sharing;
using Attune.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Attune.Web.Features.Recordings;

/// <summary>
/// The interactive views of a recording (beats over a range, HRV of a window or of segments, a stretch of ECG) and
/// the owner's beat edits, on the recordings route group. Each answers 202 with where the analysis stands while a
/// first one is still on its way, like <c>/analysis</c>.
/// </summary>
public static class RecordingViewsApi
{
    public static void MapRecordingViews(this RouteGroupBuilder group)
    {
        group.MapGet("/{id:guid}/series", Series).RequireScope(TokenScopes.RecordingsRead)
            .WithName("GetRecordingSeries").WithSummary("Beats (RR and heart rate) over a time range, for a zoomable chart")
            // Numbers only, none taken from the request's text and no token: safe to compress on the fly (decision 0008).
            .WithMetadata(new CompressibleResponseAttribute())
            .WithDescription("from and to are seconds from the recording's start (default: all of it); points caps how many come back (100 to 20000, "
                + "default 4000): past it, each bucket keeps its lowest and highest beat.")
            .Produces<AnalysisStatusDto>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        group.MapGet("/{id:guid}/window", Window).RequireScope(TokenScopes.RecordingsRead)
            .WithName("GetRecordingWindow").WithSummary("Heart rate variability of a chosen part of a recording, beside the whole recording's")
            .WithDescription("Either from and to (seconds from the start) or preset=first5|last5|night (night: 00:00 to 06:00 in the owner's time zone, "
                + "or the six hours with the lowest heart rate when the recording's clock time is unknown).")
            .Produces<AnalysisStatusDto>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        group.MapGet("/{id:guid}/segments", Segments).RequireScope(TokenScopes.RecordingsRead)
            .WithName("GetRecordingSegments").WithSummary("Heart rate, SDNN and RMSSD of each consecutive segment (5 minutes unless lengthS says otherwise)")
            .Produces<AnalysisStatusDto>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        group.MapGet("/{id:guid}/ecg", Ecg).RequireScope(TokenScopes.RecordingsRead)
            .WithName("GetRecordingEcg").WithSummary("A stretch of an ECG with the beats the analysis uses, for drawing and editing")
            .Produces<AnalysisStatusDto>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        group.MapPost("/{id:guid}/beat-edits", Edit).RequireScope(TokenScopes.RecordingsWrite)
            .WithName("EditRecordingBeat").WithSummary("Add a beat to, or remove one from, one of your ECG recordings")
            .WithDescription("An added beat moves to the signal's highest point within 50 ms; remove takes the beat nearest the time (within 150 ms). "
                + "The file is never changed: edits are kept beside it, and the analysis follows them.")
            .Produces<AnalysisStatusDto>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        group.MapDelete("/{id:guid}/beat-edits", UndoAll).RequireScope(TokenScopes.RecordingsWrite)
            .WithName("UndoRecordingBeatEdits").WithSummary("Undo every hand edit of one of your ECG recordings' beats")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    public static async Task<Results<Ok<SeriesDto>, Accepted<AnalysisStatusDto>, NotFound, ProblemHttpResult>> Series(
        Guid id, [FromQuery(Name = "from")] double? fromS, [FromQuery(Name = "to")] double? toS, int? points,
        ClaimsPrincipal principal, Access access, RecordingAnalyses analyses, HttpContext http, CancellationToken cancel) =>
        Answer(await RecordingViews.SeriesAsync(access, analyses, principal.UserId(), id, fromS, toS, points, cancel), http, $"/api/v1/recordings/{id}/series");

    public static async Task<Results<Ok<WindowDto>, Accepted<AnalysisStatusDto>, NotFound, ProblemHttpResult>> Window(
        Guid id, [FromQuery(Name = "from")] double? fromS, [FromQuery(Name = "to")] double? toS, string? preset,
        ClaimsPrincipal principal, AttuneDb db, Access access, RecordingAnalyses analyses, HttpContext http, CancellationToken cancel) =>
        Answer(await RecordingViews.WindowAsync(access, db, analyses, principal.UserId(), id, new WindowRequest(fromS, toS, preset), cancel),
            http, $"/api/v1/recordings/{id}/window");

    public static async Task<Results<Ok<SegmentsDto>, Accepted<AnalysisStatusDto>, NotFound, ProblemHttpResult>> Segments(
        Guid id, double? lengthS, ClaimsPrincipal principal, Access access, RecordingAnalyses analyses, HttpContext http, CancellationToken cancel) =>
        Answer(await RecordingViews.SegmentsAsync(access, analyses, principal.UserId(), id, lengthS, cancel), http, $"/api/v1/recordings/{id}/segments");

    public static async Task<Results<Ok<EcgWindowDto>, Accepted<AnalysisStatusDto>, NotFound, ProblemHttpResult>> Ecg(
        Guid id, [FromQuery(Name = "from")] double? fromS, [FromQuery(Name = "to")] double? toS, int? points,
        ClaimsPrincipal principal, Access access, RecordingAnalyses analyses, HttpContext http, CancellationToken cancel) =>
        Answer(await RecordingViews.EcgAsync(access, analyses, principal.UserId(), id, fromS, toS, points, cancel), http, $"/api/v1/recordings/{id}/ecg");

    public static async Task<Results<Ok<BeatEditResultDto>, Accepted<AnalysisStatusDto>, NotFound, ProblemHttpResult>> Edit(
        Guid id, BeatEditRequest request, ClaimsPrincipal principal, AttuneDb db, Access access, RecordingAnalyses analyses, TimeProvider clock,
        HttpContext http, CancellationToken cancel) =>
        Answer(await RecordingBeatEdits.EditAsync(db, access, analyses, clock, principal.UserId(), id, request, cancel), http, $"/api/v1/recordings/{id}/analysis");

    public static async Task<Results<NoContent, NotFound>> UndoAll(
        Guid id, ClaimsPrincipal principal, AttuneDb db, Access access, RecordingAnalyses analyses, TimeProvider clock, CancellationToken cancel) =>
        await RecordingBeatEdits.UndoAllAsync(db, access, analyses, clock, principal.UserId(), id, cancel) ? TypedResults.NoContent() : TypedResults.NotFound();

    private static Results<Ok<T>, Accepted<AnalysisStatusDto>, NotFound, ProblemHttpResult> Answer<T>(ViewOutcome<T> outcome, HttpContext http, string location)
    {
        switch (outcome)
        {
            case ViewOutcome<T>.Ok ok:
                return TypedResults.Ok(ok.Value);
            case ViewOutcome<T>.Pending pending:
                http.Response.Headers.RetryAfter = "2";
                return TypedResults.Accepted(location, AnalysisStatusDto.From(pending.Status));
            case ViewOutcome<T>.Problem problem:
                if (problem.Status == StatusCodes.Status503ServiceUnavailable)
                {
                    http.Response.Headers.RetryAfter = "30";
                }
                return TypedResults.Problem(statusCode: problem.Status, title: problem.Title, detail: problem.Detail);
            default:
                return TypedResults.NotFound();
        }
    }
}
