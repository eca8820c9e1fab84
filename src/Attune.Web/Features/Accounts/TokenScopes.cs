using Microsoft.AspNetCore.Authorization;

namespace Attune.Web.Features.Accounts;

/// <summary>
/// What a personal access token may do: read or write one stream of the person's data. A token never
/// reaches pages, the account, its security settings, sessions, sharing or other tokens: those need a
/// signed-in browser (<see cref="Policies.BrowserSession"/>).
/// </summary>
public static class TokenScopes
{
    public const string ClaimType = "attune:scope";

    public const string RecordingsRead = "recordings:read";
    public const string RecordingsWrite = "recordings:write";
    public const string CheckInsRead = "checkins:read";
    public const string CheckInsWrite = "checkins:write";
    public const string TogetherRead = "together:read";
    public const string TogetherWrite = "together:write";
    public const string MeasuresRead = "measures:read";
    public const string MeasuresWrite = "measures:write";

    public const string PracticesRead = "practices:read";
    public const string PracticesWrite = "practices:write";

    /// <summary>A therapist reading their caseload and clients' dashboards (only what each client consented to).</summary>
    public const string TherapistRead = "therapist:read";

    /// <summary>A therapist inviting clients, setting homework and writing their own notes.</summary>
    public const string TherapistWrite = "therapist:write";

    /// <summary>Download a copy of everything in the account (GET /api/v1/me/export), e.g. for a scheduled personal backup.</summary>
    public const string AccountExport = "account:export";

    /// <summary>Every scope a token can be given today, in the order the settings page lists them.</summary>
    public static IReadOnlyList<string> All { get; } = [CheckInsRead, CheckInsWrite, PracticesRead, PracticesWrite, RecordingsRead, RecordingsWrite, MeasuresRead, MeasuresWrite, TogetherRead, TogetherWrite, TherapistRead, TherapistWrite, AccountExport];

    public static string Describe(string scope) => scope switch
    {
        CheckInsRead => "Read your check-ins, your words and your insights",
        CheckInsWrite => "Add, change, import and delete check-ins and your own words",
        PracticesRead => "Read practices, your practice sessions and suggestions",
        PracticesWrite => "Record practice sessions and write your own practices",
        RecordingsRead => "Read your heart recordings and their analysis",
        RecordingsWrite => "Upload and delete heart recordings",
        TogetherRead => "See your partner link, your partner's shared state, breaks, repairs and rituals",
        TogetherWrite => "Link and unlink with a partner, take breaks, record repairs and rituals",
        MeasuresRead => "Read your well-being measures and integration reflections",
        MeasuresWrite => "Fill in well-being measures and integration reflections",
        AccountExport => "Download a copy of everything in your account",
        TherapistRead => "As a therapist: read your caseload and what your clients share with you",
        TherapistWrite => "As a therapist: invite clients, set homework and write your own notes",
        _ => scope,
    };

    /// <summary>True for a principal signed in with an access token rather than a browser session.</summary>
    public static bool IsToken(this System.Security.Claims.ClaimsPrincipal principal) =>
        principal.HasClaim(c => c.Type == AccessTokens.TokenIdClaim);
}

public static class Policies
{
    /// <summary>Signed in through a browser session: never an access token.</summary>
    public const string BrowserSession = "browser-session";

    /// <summary>An administrator of this instance, in a signed-in browser; asked of the database on every request.</summary>
    public const string Admin = "admin";

    /// <summary>A therapist of this instance now (asked of the database on every request).</summary>
    public const string Therapist = "therapist";

    /// <summary>Every scope policy's name starts with this; the OpenAPI contract reads the scope back from it.</summary>
    public const string ScopePrefix = "scope:";

    public static string Scope(string scope) => ScopePrefix + scope;

    public static AuthorizationBuilder AddAttunePolicies(this AuthorizationBuilder builder)
    {
        builder.AddPolicy(BrowserSession, p => p.RequireAuthenticatedUser().AddRequirements(new BrowserSessionRequirement()));
        builder.AddPolicy(Admin, p => p.RequireAuthenticatedUser().AddRequirements(new BrowserSessionRequirement(), new global::Attune.Web.Features.Admin.AdminRequirement()));
        builder.AddPolicy(Therapist, p => p.RequireAuthenticatedUser().AddRequirements(new global::Attune.Web.Features.Therapists.TherapistRequirement()));
        foreach (var scope in TokenScopes.All)
        {
            builder.AddPolicy(Scope(scope), p => p.RequireAuthenticatedUser().AddRequirements(new ScopeRequirement(scope)));
        }
        return builder;
    }

    /// <summary>A data endpoint: browser sessions pass; tokens only with <paramref name="scope"/>.</summary>
    public static TBuilder RequireScope<TBuilder>(this TBuilder builder, string scope) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(Scope(scope));

    /// <summary>An account, security or sharing endpoint: a signed-in browser only.</summary>
    public static TBuilder RequireBrowserSession<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(BrowserSession);

    /// <summary>A therapist endpoint: a therapist now, in a browser or with a token holding <paramref name="scope"/>.</summary>
    public static TBuilder RequireTherapist<TBuilder>(this TBuilder builder, string scope) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(Scope(scope), Therapist);

    /// <summary>An administration endpoint: an administrator in a signed-in browser.</summary>
    public static TBuilder RequireAdmin<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(BrowserSession, Admin);
}

public sealed record ScopeRequirement(string Scope) : IAuthorizationRequirement;

public sealed record BrowserSessionRequirement : IAuthorizationRequirement;

public sealed class TokenScopeHandler : IAuthorizationHandler
{
    public Task HandleAsync(AuthorizationHandlerContext context)
    {
        var user = context.User;
        foreach (var requirement in context.PendingRequirements.ToList())
        {
            var met = requirement switch
            {
                ScopeRequirement s => !user.IsToken() || user.HasClaim(TokenScopes.ClaimType, s.Scope),
                BrowserSessionRequirement => user.Identity?.IsAuthenticated == true && !user.IsToken(),
                _ => (bool?)null,
            };
            if (met == true)
            {
                context.Succeed(requirement);
            }
        }
        return Task.CompletedTask;
    }
}
