using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Attune.Web.Features.Accounts.Settings;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace Attune.Web.Features.Accounts;

/// <summary>Erasing the account needs the password again, and the authenticator code when two-factor sign-in is on.</summary>
public sealed record EraseAccountRequest(
    [property: Required, MaxLength(128)] string Password,
    [property: MaxLength(12)] string? TwoFactorCode);

public static class ErasureApi
{
    public static RouteHandlerBuilder MapErasure(this RouteGroupBuilder me) =>
        me.MapDelete("/", Erase).WithName("EraseAccount").WithSummary("Erase your account and everything in it, for good")
            .WithDescription("Needs the password (and twoFactorCode when two-factor sign-in is on). Removes every recording, check-in, word, "
                + "setting, device, session, token and grant in both directions, and signs this browser out. Nothing can be brought back "
                + "afterwards except from your own export. A wrong password or code is a 403 and slows further attempts.")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status429TooManyRequests);

    public static async Task<Results<NoContent, NotFound, ProblemHttpResult>> Erase(
        [FromBody] EraseAccountRequest request, ClaimsPrincipal principal, UserManager<AppUser> users, SignInManager<AppUser> signIn,
        AccountErasure erasure, HttpContext http, CancellationToken cancel)
    {
        if (await users.GetUserAsync(principal) is not { } user)
        {
            return TypedResults.NotFound();
        }
        if (await SettingsPages.PasswordProblemAsync(http, signIn, user, request.Password) is { } problem)
        {
            return problem == SettingsPages.WrongPassword
                ? TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Password needed", detail: problem)
                : TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many attempts", detail: problem);
        }
        if (user.TwoFactorEnabled && (string.IsNullOrWhiteSpace(request.TwoFactorCode)
            || !await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, request.TwoFactorCode)))
        {
            SettingsPages.Failed(http, user);
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Authenticator code needed",
                detail: "This account uses two-factor sign-in: send a fresh code from the authenticator app as twoFactorCode.");
        }
        if (!await erasure.EraseAsync(user, cancel))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Not erased",
                detail: "We couldn't erase the account just now. Nothing was erased; please try again in a moment.");
        }
        await signIn.SignOutAsync();
        return TypedResults.NoContent();
    }
}
