using System.Security.Claims;
using Attune.Web.Features.Accounts;
using Attune.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Attune.Web.Features.CheckIns.Reminders;

/// <summary>
/// Check-in settings, Web Push subscriptions and the calendar feed.
/// </summary>
/// <remarks>
/// Who may call what: settings are check-in data (a token needs <c>checkins:read</c> or <c>checkins:write</c>).
/// Subscribing a browser and making or revoking the calendar address need a signed-in browser: a push subscription
/// only exists in a browser, and a calendar address is a lasting credential, made where tokens are made.
/// The VAPID public key is public by nature; the calendar itself is reached by its secret alone.
/// </remarks>
public static class RemindersApi
{
    /// <summary>A subscription is well under a kilobyte; the endpoint is capped at 1000 characters.</summary>
    public const long MaxSubscriptionBytes = 8 * 1024;

    public static IEndpointRouteBuilder MapReminders(this IEndpointRouteBuilder app)
    {
        var settings = app.MapGroup("/api/v1/checkins/settings").WithTags("Check-ins")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        settings.MapGet("/", GetSettings).RequireScope(TokenScopes.CheckInsRead)
            .WithName("GetCheckInSettings").WithSummary("Your check-in settings: default visibility and reminders");
        settings.MapPut("/", PutSettings).RequireScope(TokenScopes.CheckInsWrite).WithMetadata(new RequestSizeLimitAttribute(MaxSubscriptionBytes))
            .WithName("UpdateCheckInSettings").WithSummary("Change the default visibility and the reminder times")
            .ProducesValidationProblem();

        var feed = app.MapGroup("/api/v1/checkins/calendar-feed").WithTags("Check-ins").RequireBrowserSession()
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        feed.MapPost("/", CreateFeed)
            .WithName("CreateCalendarFeed").WithSummary("Make a private calendar address for the reminders (shown once; replaces any earlier one)");
        feed.MapDelete("/", RevokeFeed)
            .WithName("RevokeCalendarFeed").WithSummary("Stop the calendar address; the old one no longer works")
            .ProducesProblem(StatusCodes.Status404NotFound);

        var push = app.MapGroup("/api/v1/push").WithTags("Check-ins");
        push.MapGet("/vapid-public-key", VapidPublicKey).AllowAnonymous()
            .WithName("GetVapidPublicKey").WithSummary("The server's public key for Web Push subscriptions")
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        push.MapPost("/subscriptions", Subscribe).RequireBrowserSession().WithMetadata(new RequestSizeLimitAttribute(MaxSubscriptionBytes))
            .WithName("SubscribeToReminders").WithSummary("Receive reminders on this browser by Web Push")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden).ProducesValidationProblem();
        push.MapDelete("/subscriptions", Unsubscribe).RequireBrowserSession()
            .WithName("UnsubscribeFromReminders").WithSummary("Stop reminders on one browser")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesValidationProblem();

        app.MapGet(CalendarFeed.PathPrefix + "{secret}.ics", Calendar).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    public static async Task<Ok<CheckInSettingsDto>> GetSettings(ClaimsPrincipal principal, ReminderSettings settings, CancellationToken cancel) =>
        TypedResults.Ok(await settings.GetAsync(principal.UserId(), cancel));

    /// <summary>Changes the fields given; 400 with every problem and nothing changed when any is wrong.</summary>
    public static async Task<Results<Ok<CheckInSettingsDto>, ValidationProblem>> PutSettings(
        CheckInSettingsRequest request, ClaimsPrincipal principal, ReminderSettings settings, CancellationToken cancel)
    {
        var me = principal.UserId();
        return await settings.SaveAsync(me, request, cancel) is { } errors
            ? TypedResults.ValidationProblem(errors)
            : TypedResults.Ok(await settings.GetAsync(me, cancel));
    }

    /// <summary>A new calendar address, shown this once; an earlier one stops working.</summary>
    public static async Task<Created<CalendarFeedDto>> CreateFeed(
        ClaimsPrincipal principal, ReminderSettings settings, HttpContext http, IOptions<AttuneOptions> options, CancellationToken cancel)
    {
        var secret = await settings.CreateCalendarFeedAsync(principal.UserId(), cancel);
        return TypedResults.Created((string?)null, new CalendarFeedDto(FeedUrl(http, options.Value, secret)));
    }

    public static async Task<Results<NoContent, NotFound>> RevokeFeed(ClaimsPrincipal principal, ReminderSettings settings, CancellationToken cancel) =>
        await settings.RevokeCalendarFeedAsync(principal.UserId(), cancel) ? TypedResults.NoContent() : TypedResults.NotFound();

    public static Ok<VapidPublicKeyDto> VapidPublicKey(VapidKeys keys) => TypedResults.Ok(new VapidPublicKeyDto(keys.PublicKey));

    /// <summary>
    /// Registers this browser for reminders with what <c>PushSubscription.toJSON()</c> gives; 201 when stored (again:
    /// the same endpoint updates its keys).
    /// </summary>
    public static async Task<Results<Created<PushDeviceDto>, ValidationProblem>> Subscribe(
        PushSubscriptionRequest request, ClaimsPrincipal principal, PushDevices devices, HttpContext http, CancellationToken cancel) =>
        await devices.AddAsync(principal.UserId(), request, http.Request.Headers.UserAgent.ToString(), cancel) switch
        {
            ({ } device, _) => TypedResults.Created((string?)null, device),
            (_, var errors) => TypedResults.ValidationProblem(errors!),
        };

    /// <summary>Stops reminders to the browser with this endpoint; 404 when the caller has none with it.</summary>
    public static async Task<Results<NoContent, NotFound, ValidationProblem>> Unsubscribe(
        string? endpoint, ClaimsPrincipal principal, PushDevices devices, CancellationToken cancel)
    {
        if (string.IsNullOrEmpty(endpoint) || endpoint.Length > PushSubscription.EndpointMaxLength)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["endpoint"] = ["Say which browser: its push endpoint."] });
        }
        return await devices.RemoveByEndpointAsync(principal.UserId(), endpoint, cancel) ? TypedResults.NoContent() : TypedResults.NotFound();
    }

    /// <summary>The calendar for the secret in the address; 404 when there is none (never made, or revoked).</summary>
    public static async Task<Results<ContentHttpResult, NotFound>> Calendar(
        string secret, CalendarFeed feed, HttpContext http, IOptions<AttuneOptions> options, CancellationToken cancel)
    {
        http.Response.Headers.CacheControl = "private, no-store";
        var text = await feed.FindAsync(secret, BaseUrl(http, options.Value) + "/checkin", cancel);
        return text is null ? TypedResults.NotFound() : TypedResults.Text(text, "text/calendar; charset=utf-8");
    }

    public static string FeedUrl(HttpContext http, AttuneOptions options, string secret) => BaseUrl(http, options) + CalendarFeed.Path(secret);

    private static string BaseUrl(HttpContext http, AttuneOptions options) =>
        string.IsNullOrWhiteSpace(options.PublicBaseUrl) ? $"{http.Request.Scheme}://{http.Request.Host}" : options.PublicBaseUrl.TrimEnd('/');
}
