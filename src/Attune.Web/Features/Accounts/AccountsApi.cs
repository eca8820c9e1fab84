using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Attune.Web.Data;
using Attune.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Attune.Web.Features.Accounts;

/// <summary>A new account. <c>invitation</c> is the secret from an invitation link (<c>?invitation=…</c>), needed unless registration is open.</summary>
public sealed record RegisterRequest(
    [property: Required, EmailAddress, MaxLength(254)] string Email,
    [property: Required, MinLength(10), MaxLength(128)] string Password,
    [property: MaxLength(AppUser.DisplayNameMaxLength)] string? DisplayName,
    [property: MaxLength(AppUser.TimeZoneMaxLength)] string? TimeZone,
    [property: MaxLength(100)] string? Invitation = null);

/// <summary><c>ready</c>: the account is confirmed and can sign in now (the instance's first, or invited to this address).</summary>
public sealed record RegisterResponse(string Message, bool Ready = false);

public sealed record LoginRequest(
    [property: Required, MaxLength(254)] string Email,
    [property: Required, MaxLength(128)] string Password,
    [property: MaxLength(12)] string? TwoFactorCode,
    [property: MaxLength(40)] string? RecoveryCode);

public sealed record MeResponse(Guid Id, string Email, string DisplayName, string TimeZone, bool EmailConfirmed, bool TwoFactorEnabled, DateTime CreatedAt);

public sealed record AccessTokenDto(Guid Id, string Name, string Prefix, string[] Scopes, DateTime CreatedAt, DateTime? LastUsedAt, DateTime? ExpiresAt);

/// <summary>A new token: <c>scopes</c> from <see cref="TokenScopes.All"/>, lifetime 1 to 365 days (90 when left out).</summary>
public sealed record CreateTokenRequest(
    [property: Required, MaxLength(PersonalAccessToken.NameMaxLength)] string Name,
    [property: Required, MinLength(1), MaxLength(20)] string[] Scopes,
    [property: Range(1, AccessTokens.MaxLifetimeDays)] int? ExpiresInDays);

/// <summary>The token's secret appears here once and never again.</summary>
public sealed record CreatedTokenDto(Guid Id, string Name, string Prefix, string[] Scopes, DateTime CreatedAt, DateTime ExpiresAt, string Secret);

public static class AccountsApi
{
    public static RouteGroupBuilder MapAccountsApi(this IEndpointRouteBuilder app)
    {
        var auth = app.MapGroup("/api/v1/auth").WithTags("Accounts").AllowAnonymous().RequireRateLimiting(RateLimits.Auth)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        auth.MapPost("/register", Register).WithName("Register").WithSummary("Create an account and send the email to confirm it")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .WithDescription("Always 202 for a valid request, whether or not the address already has an account, so the answer reveals nothing about who uses Attune. "
                + "403 when registration is by invitation (and no usable invitation came with it) or closed. The first account on a new instance is ready at once and becomes its administrator.");
        auth.MapPost("/login", Login).WithName("SignIn").WithSummary("Sign in and get the session cookie")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status401Unauthorized)
            .WithDescription("Accounts with two-factor sign-in also need twoFactorCode or recoveryCode; without one the 401 has requiresTwoFactor: true.");

        // The account itself: a signed-in browser only, never an access token (a token cannot mint, list or revoke tokens).
        var me = app.MapGroup("/api/v1/me").WithTags("Accounts").RequireBrowserSession()
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        me.MapGet("/", GetMe).WithName("GetAccount").WithSummary("The signed-in person's account")
            .ProducesProblem(StatusCodes.Status404NotFound);
        me.MapGet("/tokens", ListTokens).WithName("ListAccessTokens").WithSummary("List access tokens, leaving out revoked ones");
        me.MapPost("/tokens", CreateToken).WithName("CreateAccessToken").WithSummary("Make an access token; its secret is shown only in this answer");
        me.MapDelete("/tokens/{id:guid}", RevokeToken).WithName("RevokeAccessToken").WithSummary("Revoke an access token")
            .ProducesProblem(StatusCodes.Status404NotFound);
        me.MapPost("/logout", Logout).WithName("SignOut").WithSummary("Sign out this browser session")
            .WithDescription("Send it with Content-Type: application/json (the body may be empty): a page on another site cannot, so it cannot sign anyone out.")
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        me.MapErasure().ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return me;
    }

    public static async Task<Results<Accepted<RegisterResponse>, ValidationProblem, ProblemHttpResult>> Register(
        RegisterRequest request, Registration registration, AccountRateLimiter limiter, HttpContext http)
    {
        if (await limiter.TryAcquireAsync("register", request.Email) is { } wait)
        {
            return TooMany(http, wait);
        }
        var errors = new Dictionary<string, string[]>();
        var (name, nameError) = TextRules.SingleLine(request.DisplayName, AppUser.DisplayNameMaxLength, "display name", required: false);
        if (nameError is not null)
        {
            errors["displayName"] = [nameError];
        }
        var zone = string.IsNullOrWhiteSpace(request.TimeZone) ? "UTC" : request.TimeZone.Trim();
        if (!TextRules.IsKnownTimeZone(zone))
        {
            errors["timeZone"] = ["Please choose a time zone from the list, like Europe/Berlin or America/New_York."];
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        return await registration.RegisterAsync(http, request.Email, request.Password, name ?? "", zone, request.Invitation) switch
        {
            RegistrationOutcome.Problems p =>
                TypedResults.ValidationProblem(p.List.GroupBy(x => x.Field).ToDictionary(g => g.Key, g => g.Select(x => x.Message).ToArray())),
            RegistrationOutcome.Ready ready => TypedResults.Accepted((string?)null, new RegisterResponse(ready.Admin
                ? "Your account is ready, and you are this instance's administrator. You can sign in now."
                : "Your account is ready. You can sign in now.", Ready: true)),
            RegistrationOutcome.Refused refused => TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden,
                title: refused.Mode == Admin.RegistrationMode.Closed ? "Registration is closed" : "Registration is by invitation",
                detail: SignIn.RegisterModel.UnavailableText(refused.Mode)),
            RegistrationOutcome.InvitationNotUsable => TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Invitation not usable",
                detail: "This invitation has been used already, has expired, or was withdrawn. Please ask for a new one."),
            // The same answer whether or not the address already had an account.
            _ => TypedResults.Accepted((string?)null, new RegisterResponse("Check your inbox: we sent a link to confirm your email.")),
        };
    }

    public static async Task<Results<Ok<MeResponse>, ProblemHttpResult>> Login(
        LoginRequest request, PasswordSignIn passwordSignIn, SignInManager<AppUser> signIn, SignInThrottle throttle, HttpContext http)
    {
        var outcome = await passwordSignIn.SignInAsync(http, request.Email, request.Password, persistent: false);
        switch (outcome.Status)
        {
            case PasswordSignInStatus.Throttled:
                return TooMany(http, outcome.Wait);
            case PasswordSignInStatus.EmailNotConfirmed:
                return TypedResults.Problem(statusCode: 401, title: "Email not confirmed", detail: "Please confirm your email first; we sent you a link.");
            case PasswordSignInStatus.Failed:
                return Failed();
        }
        if (outcome.Status == PasswordSignInStatus.RequiresTwoFactor)
        {
            Microsoft.AspNetCore.Identity.SignInResult result;
            if (!string.IsNullOrWhiteSpace(request.RecoveryCode))
            {
                result = await signIn.TwoFactorRecoveryCodeSignInAsync(request.RecoveryCode.Replace(" ", "", StringComparison.Ordinal));
            }
            else if (!string.IsNullOrWhiteSpace(request.TwoFactorCode))
            {
                result = await signIn.TwoFactorAuthenticatorSignInAsync(request.TwoFactorCode, isPersistent: false, rememberClient: false);
            }
            else
            {
                return TypedResults.Problem(statusCode: 401, title: "Two-factor code needed",
                    detail: "This account uses an authenticator app. Send twoFactorCode (or recoveryCode) with the email and password.",
                    extensions: new Dictionary<string, object?> { ["requiresTwoFactor"] = true });
            }
            if (!result.Succeeded)
            {
                // Wrong codes slow down like wrong passwords (Identity's own lockout is off: decision 0007).
                throttle.Failed(request.Email, http.Connection.RemoteIpAddress?.ToString());
                return Failed();
            }
        }
        return TypedResults.Ok(ToMe(outcome.User!));

        static ProblemHttpResult Failed() =>
            TypedResults.Problem(statusCode: 401, title: "Sign-in failed", detail: "That email and password (or code) don't match our records.");
    }

    public static async Task<Results<Ok<MeResponse>, NotFound>> GetMe(ClaimsPrincipal principal, AttuneDb db)
    {
        var id = principal.UserId();
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == id);
        return user is null ? TypedResults.NotFound() : TypedResults.Ok(ToMe(user));
    }

    public static async Task<Ok<List<AccessTokenDto>>> ListTokens(ClaimsPrincipal principal, AttuneDb db)
    {
        var id = principal.UserId();
        var tokens = await db.PersonalAccessTokens.AsNoTracking()
            .Where(t => t.UserId == id && t.RevokedAt == null)
            .OrderByDescending(t => t.CreatedAt)
            .Select(t => new { t.Id, t.Name, t.Prefix, t.Scopes, t.CreatedAt, t.LastUsedAt, t.ExpiresAt })
            .ToListAsync();
        return TypedResults.Ok(tokens.Select(t => new AccessTokenDto(t.Id, t.Name, t.Prefix, t.Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries),
            t.CreatedAt, t.LastUsedAt, t.ExpiresAt)).ToList());
    }

    public static async Task<Results<Created<CreatedTokenDto>, ValidationProblem>> CreateToken(
        CreateTokenRequest request, ClaimsPrincipal principal, AttuneDb db, TimeProvider clock)
    {
        var (name, nameError) = TextRules.SingleLine(request.Name, PersonalAccessToken.NameMaxLength, "name", required: true);
        var errors = new Dictionary<string, string[]>();
        if (nameError is not null)
        {
            errors["name"] = [nameError];
        }
        var scopes = request.Scopes.Select(s => s?.Trim() ?? "").Distinct().ToList();
        if (scopes.Count == 0 || scopes.Any(s => !TokenScopes.All.Contains(s)))
        {
            errors["scopes"] = [$"Choose one or more of: {string.Join(", ", TokenScopes.All)}."];
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var expires = now.AddDays(request.ExpiresInDays ?? AccessTokens.DefaultLifetimeDays);
        var (token, secret) = await AccessTokens.CreateAsync(db, principal.UserId(), name!, scopes, now, expires);
        return TypedResults.Created($"/api/v1/me/tokens/{token.Id}", new CreatedTokenDto(token.Id, token.Name, token.Prefix,
            token.Scopes.Split(' '), token.CreatedAt, expires, secret));
    }

    public static async Task<Results<NoContent, NotFound>> RevokeToken(Guid id, ClaimsPrincipal principal, AttuneDb db, TimeProvider clock)
    {
        var me = principal.UserId();
        var now = clock.GetUtcNow().UtcDateTime;
        var changed = await db.PersonalAccessTokens.Where(t => t.Id == id && t.UserId == me && t.RevokedAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(t => t.RevokedAt, now));
        return changed == 0 ? TypedResults.NotFound() : TypedResults.NoContent();
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> Logout(SignInManager<AppUser> signIn, HttpContext http, AttuneDb db, TimeProvider clock)
    {
        // A cross-site form or a no-cors fetch cannot send a JSON content type, so another site cannot sign someone out.
        if (!http.Request.HasJsonContentType())
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Send JSON",
                detail: "Sign out with Content-Type: application/json (an empty body or {} is fine).");
        }
        await AccountFlows.SignOutAsync(signIn, http, db, clock);
        return TypedResults.NoContent();
    }

    private static MeResponse ToMe(AppUser u) =>
        new(u.Id, u.Email ?? "", u.DisplayName, u.TimeZone, u.EmailConfirmed, u.TwoFactorEnabled, u.CreatedAt);

    private static ProblemHttpResult TooMany(HttpContext http, TimeSpan wait)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        http.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return TypedResults.Problem(statusCode: 429, title: "Too many requests", detail: $"Too many attempts. Please wait {seconds} seconds and try again.");
    }
}

public static class PrincipalExtensions
{
    /// <summary>The signed-in user's id. Only call behind an authorization policy.</summary>
    public static Guid UserId(this ClaimsPrincipal principal) =>
        Guid.Parse(principal.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("No user id on an authorized request."));
}
