using Attune.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;

namespace Attune.Web.Features.Accounts;

/// <summary>
/// Creating an account, shared by the register page and <c>POST /api/v1/auth/register</c>. An address that already
/// has an account gets the same checks, the same answer and the same hashing work as a new one, and its owner an
/// email saying someone tried; so neither the answer nor its timing tells who uses Attune.
/// </summary>
public sealed class Registration(
    UserManager<AppUser> users, IEmailSender<AppUser> email, AccountEmails emails, PublicLinks links, DummyPassword dummy, TimeProvider clock)
{
    /// <summary>Returns the problems to show (field "email" or "password"), or none when the answer is "check your inbox".</summary>
    public async Task<IReadOnlyList<(string Field, string Message)>> RegisterAsync(
        HttpContext http, string address, string password, string displayName, string timeZone)
    {
        var user = AccountFlows.NewUser(address, displayName, timeZone, clock);
        var existing = await users.FindByEmailAsync(user.Email!);
        if (existing is null)
        {
            var result = await users.CreateAsync(user, password);
            if (!result.Succeeded)
            {
                return Problems(result.Errors);
            }
            await AccountFlows.SendConfirmationAsync(user, users, email, links, http);
            return [];
        }
        // The password rules of a new account, judged for the would-be account, so a weak password is refused either way.
        var errors = new List<IdentityError>();
        foreach (var validator in users.PasswordValidators)
        {
            errors.AddRange((await validator.ValidateAsync(users, user, password)).Errors);
        }
        if (errors.Count > 0)
        {
            return Problems(errors);
        }
        dummy.Hash(password);
        await emails.SendAlreadyRegisteredAsync(existing,
            links.ToPage(http, "/Accounts/SignIn/Login", new { }),
            links.ToPage(http, "/Accounts/SignIn/ForgotPassword", new { }));
        return [];
    }

    private static List<(string, string)> Problems(IEnumerable<IdentityError> errors) =>
        [.. errors.Select(e => (e.Code.Contains("Password", StringComparison.Ordinal) ? "password" : "email", e.Description))];
}
