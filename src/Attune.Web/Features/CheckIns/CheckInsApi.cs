using System.Security.Claims;
using Attune.Web.Features.Accounts;
using Attune.Web.Features.Sharing;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Attune.Web.Features.CheckIns;

public static class CheckInsApi
{
    /// <summary>A check-in with a long note and every field is a few kilobytes; nothing legitimate comes near this.</summary>
    public const long MaxBodyBytes = 64 * 1024;

    public static RouteGroupBuilder MapCheckInsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/checkins").WithTags("Check-ins").RequireAuthorization()
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapPost("/", Create).RequireScope(TokenScopes.CheckInsWrite).WithMetadata(new RequestSizeLimitAttribute(MaxBodyBytes))
            .WithName("CreateCheckIn").WithSummary("Check in: state, words, body, context; a repeated idempotency key returns the first")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        group.MapGet("/", List).RequireScope(TokenScopes.CheckInsRead)
            .WithName("ListCheckIns").WithSummary("Your check-ins, those shared with you, or both, by local date")
            .ProducesValidationProblem();
        group.MapGet("/{id:guid}", Get).RequireScope(TokenScopes.CheckInsRead)
            .WithName("GetCheckIn").WithSummary("One check-in")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPut("/{id:guid}", Update).RequireScope(TokenScopes.CheckInsWrite).WithMetadata(new RequestSizeLimitAttribute(MaxBodyBytes))
            .WithName("UpdateCheckIn").WithSummary("Change every field of one of your check-ins")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesValidationProblem().ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        group.MapGet("/export", Export).RequireScope(TokenScopes.CheckInsRead)
            .WithName("ExportCheckIns").WithSummary("All your check-ins as CSV or JSON")
            .Produces(StatusCodes.Status200OK, contentType: "text/csv").ProducesValidationProblem();
        group.MapPost("/import", Import).RequireScope(TokenScopes.CheckInsWrite)
            .WithMetadata(new RequestSizeLimitAttribute(CheckInTransfer.MaxImportBytes))
            .WithName("ImportCheckIns").WithSummary("Add check-ins from a CSV in the export's format; one bad line stores nothing")
            .WithDescription("Body: the CSV as text/csv, or multipart/form-data with a \"file\" field (a browser session also sends its antiforgery token). "
                + "Columns as in the export; occurredAt, state and emotionIds are required. Content types are checked in the handler, so a wrong one is a 415 ProblemDetails.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        group.MapDelete("/{id:guid}", Delete).RequireScope(TokenScopes.CheckInsWrite)
            .WithName("DeleteCheckIn").WithSummary("Delete one of your check-ins")
            .ProducesProblem(StatusCodes.Status404NotFound);

        var emotions = app.MapGroup("/api/v1/emotions").WithTags("Check-ins").RequireAuthorization()
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        emotions.MapGet("/", Emotions).RequireScope(TokenScopes.CheckInsRead)
            .WithName("ListEmotions").WithSummary("Attune's emotion words with their meanings, and your own words");
        emotions.MapPost("/", CreateWord).RequireScope(TokenScopes.CheckInsWrite)
            .WithName("CreateOwnWord").WithSummary("Add a feeling word of your own")
            .ProducesValidationProblem();
        emotions.MapDelete("/{id}", DeleteWord).RequireScope(TokenScopes.CheckInsWrite)
            .WithName("DeleteOwnWord").WithSummary("Remove one of your own words")
            .ProducesProblem(StatusCodes.Status404NotFound);
        app.MapGet("/api/v1/vocabulary", Vocabulary).WithTags("Check-ins").RequireAuthorization().RequireScope(TokenScopes.CheckInsRead)
            .WithName("GetVocabulary").WithSummary("Body regions, sensations and the built-in context tags")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        return group;
    }

    /// <summary>
    /// 201 with the new check-in; 200 with the first one when the same <c>idempotencyKey</c> was used before, so a
    /// client that retries after a lost answer stores it once.
    /// </summary>
    public static async Task<Results<Created<CheckInDto>, Ok<CheckInDto>, ValidationProblem>> Create(
        CheckInRequest request, ClaimsPrincipal principal, CheckIns checkIns, HttpContext http, CancellationToken cancel)
    {
        switch (await checkIns.CreateAsync(principal.UserId(), request, cancel))
        {
            case CheckInOutcome.Saved s:
                return TypedResults.Created($"/api/v1/checkins/{s.CheckIn.Id}", s.CheckIn);
            case CheckInOutcome.Replayed r:
                http.Response.Headers["Idempotent-Replayed"] = "true";
                return TypedResults.Ok(r.CheckIn);
            case CheckInOutcome.Invalid i:
                return TypedResults.ValidationProblem(i.Errors);
            default:
                throw new InvalidOperationException("Creating cannot be not found.");
        }
    }

    /// <summary>
    /// The caller's check-ins (<c>owner=me</c>, the default), those shared with them (<c>shared</c>) or both
    /// (<c>all</c>), on local dates from <c>from</c> to <c>to</c> (inclusive, yyyy-MM-dd), newest first, at most <c>limit</c> (default 500, up to 5000).
    /// </summary>
    public static async Task<Results<Ok<List<CheckInDto>>, ValidationProblem>> List(
        ClaimsPrincipal principal, CheckIns checkIns, string? owner, DateOnly? from, DateOnly? to, int? limit, CancellationToken cancel)
    {
        var errors = new Dictionary<string, string[]>();
        var whose = WhoseQuery.Parse(owner, errors);
        if (from > to)
        {
            errors["from"] = ["from must be on or before to."];
        }
        if (limit is < 1 or > 5000)
        {
            errors["limit"] = ["limit goes from 1 to 5000."];
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        return TypedResults.Ok(await checkIns.ListAsync(principal.UserId(), whose, from, to, limit ?? 500, cancel));
    }

    public static async Task<Results<Ok<CheckInDto>, NotFound>> Get(Guid id, ClaimsPrincipal principal, CheckIns checkIns, CancellationToken cancel) =>
        await checkIns.FindAsync(principal.UserId(), id, cancel) is { } dto ? TypedResults.Ok(dto) : TypedResults.NotFound();

    /// <summary>Replaces every field of the caller's own check-in.</summary>
    public static async Task<Results<Ok<CheckInDto>, NotFound, ValidationProblem>> Update(
        Guid id, CheckInRequest request, ClaimsPrincipal principal, CheckIns checkIns, CancellationToken cancel) =>
        await checkIns.UpdateAsync(principal.UserId(), id, request, cancel) switch
        {
            CheckInOutcome.Saved s => TypedResults.Ok(s.CheckIn),
            CheckInOutcome.Invalid i => TypedResults.ValidationProblem(i.Errors),
            _ => TypedResults.NotFound(),
        };

    public static async Task<Results<NoContent, NotFound>> Delete(Guid id, ClaimsPrincipal principal, CheckIns checkIns, CancellationToken cancel) =>
        await checkIns.DeleteAsync(principal.UserId(), id, cancel) ? TypedResults.NoContent() : TypedResults.NotFound();

    /// <summary>Every check-in of the caller, oldest first: <c>format=csv</c> (the default; opens in a spreadsheet, formulas defused) or <c>json</c>.</summary>
    public static async Task<IResult> Export(ClaimsPrincipal principal, CheckInTransfer transfer, HttpContext http, string? format, CancellationToken cancel)
    {
        var me = principal.UserId();
        switch (format?.Trim().ToLowerInvariant())
        {
            case null or "" or "csv":
                http.Response.ContentType = "text/csv; charset=utf-8";
                http.Response.Headers.ContentDisposition = "attachment; filename=\"attune-check-ins.csv\"";
                await using (var writer = new StreamWriter(http.Response.Body, CheckInTransfer.Utf8, leaveOpen: true))
                {
                    await transfer.WriteCsvAsync(me, writer, cancel);
                }
                return TypedResults.Empty;
            case "json":
                http.Response.Headers.ContentDisposition = "attachment; filename=\"attune-check-ins.json\"";
                return TypedResults.Ok(await transfer.AllAsync(me, cancel));
            default:
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["format"] = ["Use format=csv or format=json."] });
        }
    }

    /// <summary>
    /// Adds check-ins from a CSV sent as the body (text/csv) or as a multipart form's <c>file</c>. Every line is checked
    /// before anything is stored; a problem names its line and stores nothing. Rows that were imported before (same id) are skipped.
    /// </summary>
    public static async Task<Results<Ok<ImportResult>, ProblemHttpResult>> Import(
        HttpContext http, ClaimsPrincipal principal, CheckInTransfer transfer, IAntiforgery antiforgery, CancellationToken cancel)
    {
        string text;
        var request = http.Request;
        if (request.HasFormContentType)
        {
            // Any site can post a form; a browser session must prove the form is ours.
            if (!principal.IsToken() && !await antiforgery.IsRequestValidAsync(http))
            {
                return TypedResults.Problem(statusCode: 400, title: "Form expired",
                    detail: "A form sent with a browser session needs its antiforgery token. Reload the page and try again, or send the CSV as text/csv.");
            }
            var form = await request.ReadFormAsync(cancel);
            if (form.Files.GetFile("file") is not { } file)
            {
                return TypedResults.Problem(statusCode: 400, title: "No file", detail: "Attach the CSV as the form field \"file\".");
            }
            using var reader = new StreamReader(file.OpenReadStream(), CheckInTransfer.Utf8);
            text = await reader.ReadToEndAsync(cancel);
        }
        else if (request.ContentType?.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase) == true)
        {
            using var reader = new StreamReader(request.Body, CheckInTransfer.Utf8);
            text = await reader.ReadToEndAsync(cancel);
        }
        else
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported file type",
                detail: "Send the check-ins as text/csv, in the format of the export.");
        }
        var result = await transfer.ImportCsvAsync(principal.UserId(), text, cancel);
        return result.Succeeded
            ? TypedResults.Ok(result)
            : TypedResults.Problem(statusCode: 400, title: "The file could not be imported", detail: result.Problem,
                extensions: new Dictionary<string, object?> { ["line"] = result.Line });
    }

    /// <summary>Attune's emotion vocabulary and the caller's own words.</summary>
    public static async Task<Ok<List<EmotionDto>>> Emotions(ClaimsPrincipal principal, CheckIns checkIns, CancellationToken cancel) =>
        TypedResults.Ok((await checkIns.WordsAsync(principal.UserId(), cancel)).Select(ToDto).ToList());

    public static async Task<Results<Created<EmotionDto>, ValidationProblem>> CreateWord(
        CustomEmotionRequest request, ClaimsPrincipal principal, OwnWords words, CancellationToken cancel) =>
        await words.AddAsync(principal.UserId(), request, cancel) switch
        {
            (var word, null) => TypedResults.Created($"/api/v1/emotions/{word!.Id}", ToDto(word)),
            (_, var errors) => TypedResults.ValidationProblem(errors),
        };

    /// <summary>Removes one of the caller's own words; check-ins that used it keep it, shown as a word since removed.</summary>
    public static async Task<Results<NoContent, NotFound>> DeleteWord(string id, ClaimsPrincipal principal, OwnWords words, CancellationToken cancel) =>
        await words.RemoveAsync(principal.UserId(), id, cancel) ? TypedResults.NoContent() : TypedResults.NotFound();

    /// <summary>Body regions, sensations and the built-in context tags.</summary>
    public static Ok<VocabularyDto> Vocabulary()
    {
        var v = CheckInVocabulary.Instance;
        return TypedResults.Ok(new VocabularyDto(v.Regions, v.Sensations, v.Who, v.Where, v.Doing));
    }

    public static EmotionDto ToDto(EmotionWord w) =>
        new(w.Id, w.Name, w.Definition, w.Pleasantness, w.Energy, Quadrants.Slug(w.Quadrant), w.Related, w.Finer, w.States, w.IsOwn);
}
