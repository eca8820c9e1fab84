using System.Security.Claims;
using Attune.Web.Features.Accounts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Attune.Web.Features.Export;

/// <summary>What an import added: in all and per stream, and which parts of the file are not imported (the profile, grants).</summary>
public sealed record ImportResultDto(int Added, int AlreadyThere, IReadOnlyList<ImportCount> Streams, IReadOnlyList<string> NotImported);

public static class ExportApi
{
    public static RouteGroupBuilder MapExportApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/me").WithTags("Your data").RequireAuthorization()
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapGet("/export", Export).RequireScope(TokenScopes.AccountExport)
            .WithName("ExportEverything").WithSummary("Everything in your account as JSON, a zip of CSV files, or a FHIR R4 Bundle")
            .WithDescription("format=json (the default; the file the import takes back), csv (a zip with one CSV per kind of data and the "
                + "recordings' original files) or fhir (a FHIR R4 Bundle: heart rate and HRV Observations, questionnaire responses). "
                + "Only your own data; what others share with you is theirs to export.")
            .Produces(StatusCodes.Status200OK, contentType: "application/json", additionalContentTypes: ["application/zip", "application/fhir+json"])
            .ProducesValidationProblem();
        group.MapPost("/import", Import).RequireBrowserSession()
            .WithMetadata(new RequestSizeLimitAttribute(PersonalImport.MaxBytes))
            .WithName("ImportExport").WithSummary("Bring a JSON export back into your account; the whole file is checked before anything is stored")
            .WithDescription("Body: the JSON export as application/json. Items already here (same id) are not added again, so importing twice "
                + "adds nothing the second time; items whose id belongs to someone else get new ids. Everything imported is yours. "
                + "The profile and grants are not imported. Any problem stores nothing and is listed in problems.")
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        return group;
    }

    /// <summary>Streams the export into the response as it is read; nothing is assembled in memory first (except the FHIR Bundle's small resources).</summary>
    public static async Task<IResult> Export(ClaimsPrincipal principal, PersonalExport export, HttpContext http, string? format, CancellationToken cancel)
    {
        var me = principal.UserId();
        var kind = format?.Trim().ToLowerInvariant();
        if (kind is not (null or "" or "json" or "csv" or "fhir"))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["format"] = ["Use format=json, csv or fhir."] });
        }
        var day = export.ContextFor(me).ExportedAt.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        http.Response.Headers.CacheControl = "no-store";
        switch (kind)
        {
            case "csv":
                http.Response.ContentType = "application/zip";
                http.Response.Headers.ContentDisposition = $"attachment; filename=\"attune-export-{day}-csv.zip\"";
                await export.WriteCsvZipAsync(me, http.Response.Body, cancel);
                break;
            case "fhir":
                // Built first (the analyses run through the queue), then written: a failure before writing is still a clean answer.
                var bundle = await export.FhirBundleAsync(me, cancel);
                http.Response.ContentType = "application/fhir+json; charset=utf-8";
                http.Response.Headers.ContentDisposition = $"attachment; filename=\"attune-export-{day}-fhir.json\"";
                await PersonalExport.WriteFhirAsync(bundle, http.Response.Body, cancel);
                break;
            default:
                http.Response.ContentType = "application/json; charset=utf-8";
                http.Response.Headers.ContentDisposition = $"attachment; filename=\"attune-export-{day}.json\"";
                await export.WriteJsonAsync(me, http.Response.Body, cancel);
                break;
        }
        return TypedResults.Empty;
    }

    public static async Task<Results<Ok<ImportResultDto>, ProblemHttpResult>> Import(
        ClaimsPrincipal principal, PersonalImport import, HttpContext http, CancellationToken cancel)
    {
        // JSON only: a page on another site cannot send it without asking first (CORS), so it cannot import into anyone's account.
        if (!http.Request.HasJsonContentType())
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Send the JSON export",
                detail: "Send the file the JSON export gave you as the body, with Content-Type: application/json.");
        }
        var outcome = await import.ImportAsync(principal.UserId(), http.Request.Body, cancel);
        return ToResult(outcome);
    }

    public static Results<Ok<ImportResultDto>, ProblemHttpResult> ToResult(ImportOutcome outcome) =>
        outcome.Succeeded
            ? TypedResults.Ok(new ImportResultDto(outcome.Added, outcome.AlreadyThere, outcome.Counts, outcome.NotImported))
            : TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "Nothing was imported",
                detail: outcome.Problems[0].ToString(),
                extensions: new Dictionary<string, object?> { ["problems"] = outcome.Problems.Select(p => p.ToString()).ToArray() });
}
