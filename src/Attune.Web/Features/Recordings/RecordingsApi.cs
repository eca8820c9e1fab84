using System.Globalization;
using System.Security.Claims;
using Attune.Web.Data;
using Attune.Web.Features.Accounts;
using Attune.Web.Features.Sharing;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Attune.Web.Features.Recordings;

public static class RecordingsApi
{
    /// <summary>Declared body limit of the upload: the file plus room for multipart headers.</summary>
    public const long MaxUploadBodyBytes = RecordingFiles.MaxBytes + 64 * 1024;

    public static RouteGroupBuilder MapRecordingsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/recordings").WithTags("Recordings").RequireAuthorization()
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapPost("/", Upload).RequireScope(TokenScopes.RecordingsWrite)
            .WithName("UploadRecording").WithSummary("Upload a recording; it is parsed whole before anything is stored")
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .AddOpenApiOperationTransformer(RecordingUploadContract.DescribeAsync)
            .WithMetadata(new RequestSizeLimitAttribute(MaxUploadBodyBytes))
            .WithDescription("Body: the file as text/csv or text/plain, or an EDF/EDF+ file as application/octet-stream (read as ECG from the signal "
                + "labelled channel=…, or the only one whose label says ECG or EKG; a 422 lists the channels to choose from), "
                + "with kind=rr|heart-rate|ecg and sampleRateHz in the query or the headers "
                + "X-Recording-Kind and X-Sample-Rate-Hz; the name and file name only in the headers X-Recording-Name and X-File-Name "
                + "(percent-encoded UTF-8), never in the address, so they stay out of proxy logs. Or multipart/form-data with a \"file\" field "
                + "and optional name, kind, sampleRateHz and channel fields. "
                + "Content types are checked in the handler so that a wrong one is a 415 ProblemDetails rather than no route.");
        group.MapGet("/", List).RequireScope(TokenScopes.RecordingsRead)
            .WithName("ListRecordings").WithSummary("List your recordings, those shared with you, or both");
        group.MapGet("/{id:guid}", Get).RequireScope(TokenScopes.RecordingsRead)
            .WithName("GetRecording").WithSummary("One recording's details")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/{id:guid}/analysis", Analysis).RequireScope(TokenScopes.RecordingsRead)
            .WithName("GetRecordingAnalysis").WithSummary("One recording's analysis: heart rate variability, artifacts, spectrum and more")
            .Produces<AnalysisStatusDto>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        group.MapGet("/{id:guid}/synchrony", Synchrony).RequireScope(TokenScopes.RecordingsRead)
            .WithName("GetRecordingSynchrony").WithSummary("How closely two people's heartbeats moved together")
            .Produces(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapDelete("/{id:guid}", Delete).RequireScope(TokenScopes.RecordingsWrite)
            .WithName("DeleteRecording").WithSummary("Delete one of your recordings")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapRecordingViews();
        return group;
    }

    /// <summary>
    /// Stores a recording sent as the raw body (text/csv or text/plain; details in the query string or
    /// X-Recording-* headers) or as a multipart form with a <c>file</c> field. The whole file is parsed
    /// before anything is stored.
    /// </summary>
    public static async Task<Results<Created<RecordingDto>, ValidationProblem, ProblemHttpResult>> Upload(
        HttpContext http, ClaimsPrincipal principal, AttuneDb db, Access access, TimeProvider clock, IAntiforgery antiforgery,
        Microsoft.Extensions.Options.IOptions<RecordingLimits> limits, RecordingAnalyses analyses, string? kind, string? sampleRateHz, string? channel)
    {
        // A recording's name can say a lot ("after the fight"); addresses end up in proxy and browser logs.
        if (http.Request.Query.ContainsKey("name") || http.Request.Query.ContainsKey("fileName"))
        {
            return TypedResults.Problem(statusCode: 400, title: "Keep names out of the address",
                detail: "Send the recording's name in the X-Recording-Name header and its file name in X-File-Name (percent-encoded UTF-8), not in the query string, so they stay out of server and proxy logs.");
        }
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = MaxUploadBodyBytes;
        }
        byte[]? bytes;
        var request = http.Request;
        string? Header(string key) => request.Headers[key].FirstOrDefault() is { } value ? Uri.UnescapeDataString(value) : null;
        UploadDetails details;
        if (request.HasFormContentType)
        {
            if (!principal.IsToken() && !await antiforgery.IsRequestValidAsync(http))
            {
                return TypedResults.Problem(statusCode: 400, title: "Form expired",
                    detail: "A form sent with a browser session needs its antiforgery token. Reload the page and try again, or send the file as the raw body with an access token.");
            }
            var form = await request.ReadFormAsync(http.RequestAborted);
            if (form.Files.GetFile("file") is not { } file)
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["file"] = ["Please attach the recording as the form field \"file\"."] });
            }
            if (file.Length > RecordingFiles.MaxBytes)
            {
                return TooLarge();
            }
            await using var stream = file.OpenReadStream();
            bytes = await RecordingFiles.ReadLimitedAsync(stream, RecordingFiles.MaxBytes, http.RequestAborted);
            details = new UploadDetails(form["name"].FirstOrDefault(), form["kind"].FirstOrDefault() ?? kind,
                ParseRate(form["sampleRateHz"].FirstOrDefault() ?? sampleRateHz, out var rateError), file.FileName, form["channel"].FirstOrDefault() ?? channel);
            if (rateError)
            {
                return RateProblem();
            }
        }
        else
        {
            var type = request.ContentType ?? "";
            // EDF is binary: application/octet-stream or application/edf. A page cannot send either cross-site
            // without a CORS preflight, so they need no antiforgery token.
            var binary = type.StartsWith("application/octet-stream", StringComparison.OrdinalIgnoreCase) || type.StartsWith("application/edf", StringComparison.OrdinalIgnoreCase);
            if (!binary && !type.StartsWith("text/", StringComparison.OrdinalIgnoreCase) && !type.StartsWith("application/csv", StringComparison.OrdinalIgnoreCase))
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported file type",
                    detail: "Send the recording as text/csv or text/plain (the file's content as the body), an EDF file as application/octet-stream, or a multipart form with a \"file\" field.");
            }
            // A cross-site page can send text/plain (but not text/csv) without a CORS preflight, so a
            // browser session sending text/plain must prove it came from our own page.
            if (type.StartsWith("text/plain", StringComparison.OrdinalIgnoreCase)
                && !principal.IsToken() && !await antiforgery.IsRequestValidAsync(http))
            {
                return TypedResults.Problem(statusCode: 400, title: "Form expired",
                    detail: "A text/plain upload sent with a browser session needs its antiforgery token. Send it as text/csv, or use an access token.");
            }
            bytes = await RecordingFiles.ReadLimitedAsync(request.Body, RecordingFiles.MaxBytes, http.RequestAborted);
            details = new UploadDetails(Header("X-Recording-Name"), kind ?? Header("X-Recording-Kind"),
                ParseRate(sampleRateHz ?? Header("X-Sample-Rate-Hz"), out var rateError), Header("X-File-Name"), channel);
            if (rateError)
            {
                return RateProblem();
            }
        }
        if (bytes is null)
        {
            return TooLarge();
        }
        var (recording, problem) = await RecordingUploads.CreateAsync(db, principal.UserId(), bytes, details, clock, http.RequestAborted, limits.Value, analyses);
        if (problem is not null)
        {
            if (problem.Channels is { } channels)
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "The EDF file could not be used", detail: problem.Message,
                    extensions: new Dictionary<string, object?> { ["channels"] = channels });
            }
            if (problem.Field != "file")
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { [problem.Field] = [problem.Message] });
            }
            return problem.Status switch
            {
                StatusCodes.Status413PayloadTooLarge => TypedResults.Problem(statusCode: 413, title: "No room for this recording", detail: problem.Message),
                StatusCodes.Status422UnprocessableEntity => TypedResults.Problem(statusCode: 422,
                    title: problem.Edf ? "The EDF file could not be read" : "The recording is too long", detail: problem.Message),
                _ => TypedResults.Problem(statusCode: 400, title: "The file could not be read", detail: problem.Message,
                    extensions: new Dictionary<string, object?> { ["line"] = problem.Line }),
            };
        }
        var dto = (await RecordingReads.FindAsync(access, db, principal.UserId(), recording!.Id, http.RequestAborted))!;
        return TypedResults.Created($"/api/v1/recordings/{dto.Id}", dto);
    }

    /// <summary>The caller's recordings (<c>owner=me</c>, the default), those shared with them (<c>shared</c>), or both (<c>all</c>).</summary>
    public static async Task<Results<Ok<List<RecordingDto>>, ValidationProblem>> List(
        ClaimsPrincipal principal, AttuneDb db, Access access, string? owner, CancellationToken cancel)
    {
        var errors = new Dictionary<string, string[]>();
        var whose = WhoseQuery.Parse(owner, errors);
        return errors.Count > 0
            ? TypedResults.ValidationProblem(errors)
            : TypedResults.Ok(await RecordingReads.ListAsync(access, db, principal.UserId(), whose, cancel));
    }

    public static async Task<Results<Ok<RecordingDto>, NotFound>> Get(Guid id, ClaimsPrincipal principal, AttuneDb db, Access access, CancellationToken cancel) =>
        await RecordingReads.FindAsync(access, db, principal.UserId(), id, cancel) is { } dto
            ? TypedResults.Ok(dto)
            : TypedResults.NotFound();

    /// <summary>
    /// The analysis, as bytes serialized and compressed when it was computed, with a strong ETag (304 for a matching
    /// If-None-Match, checked only after access); 202 with where it stands (and Retry-After) while a first analysis is
    /// still queued or running, 503 when too many are waiting or it could not finish.
    /// </summary>
    public static async Task<Results<PrecompressedJson<RecordingAnalysisDto>, Accepted<AnalysisStatusDto>, NotFound, ProblemHttpResult>> Analysis(
        Guid id, ClaimsPrincipal principal, Access access, RecordingAnalyses analyses, HttpContext http, CancellationToken cancel)
    {
        switch (await analyses.LookupAsync(access, principal.UserId(), id, analyses.RequestWait, cancel))
        {
            case AnalysisLookup.Ready ready:
                return new PrecompressedJson<RecordingAnalysisDto>(ready.Result.Json ?? analyses.Encode(ready.Result.Analysis));
            case AnalysisLookup.Pending pending:
                http.Response.Headers.RetryAfter = "2";
                return TypedResults.Accepted($"/api/v1/recordings/{id}/analysis", AnalysisStatusDto.From(pending));
            case AnalysisLookup.Busy:
                http.Response.Headers.RetryAfter = "30";
                return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Busy",
                    detail: "Many analyses are waiting on this server. Please try again in a minute.");
            case AnalysisLookup.Failed { GaveUp: true } gaveUp:
                return TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "The analysis could not be done",
                    detail: $"We tried {AnalysisLookup.Tries(gaveUp.Attempts)} to analyse this recording and it stopped each time, so we have stopped trying. "
                        + "Your file is kept as it was uploaded; uploading it again in shorter parts may work.");
            case AnalysisLookup.Failed:
                return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "The analysis did not finish",
                    detail: "The analysis stopped before it finished (it ran too long, or nobody was waiting for it). Ask again to start it afresh.");
            default:
                return TypedResults.NotFound();
        }
    }

    /// <summary>Synchrony between two recordings the caller may see: their own, or shared with them.</summary>
    public static async Task<Results<Ok<SynchronyDto>, Accepted, NotFound, ValidationProblem, ProblemHttpResult>> Synchrony(
        Guid id, [FromQuery(Name = "with")] Guid? with, ClaimsPrincipal principal, AttuneDb db, Access access, RecordingAnalyses analyses,
        CancellationToken cancel)
    {
        if (with is not { } otherId)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["with"] = ["Say which recording to compare with: ?with={id}."] });
        }
        return await RecordingSynchrony.CompareAsync(access, db, analyses, principal.UserId(), id, otherId, cancel) switch
        {
            RecordingSynchrony.Outcome.Compared c => TypedResults.Ok(c.Result),
            RecordingSynchrony.Outcome.CannotCompare c => TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity,
                title: "These recordings can't be compared", detail: c.Reason),
            RecordingSynchrony.Outcome.Pending => TypedResults.Accepted($"/api/v1/recordings/{id}/synchrony?with={otherId}"),
            _ => TypedResults.NotFound(),
        };
    }

    public static async Task<Results<NoContent, NotFound>> Delete(
        Guid id, ClaimsPrincipal principal, Access access, RecordingAnalyses analyses, CancellationToken cancel) =>
        await analyses.DeleteAsync(access, principal.UserId(), id, cancel)
            ? TypedResults.NoContent()
            : TypedResults.NotFound();

    private static double? ParseRate(string? text, out bool error)
    {
        error = false;
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        if (double.TryParse(text.Trim().Replace(',', '.'), NumberStyles.Float, CultureInfo.InvariantCulture, out var rate) && double.IsFinite(rate))
        {
            return rate;
        }
        error = true;
        return null;
    }

    private static ProblemHttpResult TooLarge() =>
        TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Request too large",
            detail: $"Recordings can be at most {RecordingFiles.MaxBytes / (1024 * 1024)} MB. Please split a longer recording into parts.");

    private static ValidationProblem RateProblem() =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["sampleRateHz"] = ["The sample rate must be a number of samples per second, like 250."] });
}
