using System.ComponentModel.DataAnnotations;
using Attune.Web.Data;
using Attune.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Attune.Web.Features.Accounts.SignIn;

[EnableRateLimiting(RateLimits.Auth)]
public sealed class ResetPasswordModel(
    UserManager<AppUser> users, AccountRateLimiter limiter, SignInThrottle throttle, AttuneDb db, SessionCache sessions, TimeProvider clock) : PageModel
{
    [BindProperty]
    public ResetPasswordInput Input { get; set; } = new();

    /// <summary>The link is unusable: show the explanation and a way to ask for a new one instead of the form.</summary>
    public bool LinkInvalid { get; private set; }

    public IActionResult OnGet(string? email, string? code)
    {
        if (string.IsNullOrEmpty(email) || AccountFlows.Decode(code) is null)
        {
            LinkInvalid = true;
            return Page();
        }
        Input = new ResetPasswordInput { Email = email, Code = code! };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var token = AccountFlows.Decode(Input.Code);
        if (token is null || string.IsNullOrEmpty(Input.Email))
        {
            LinkInvalid = true;
            return Page();
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        if (await limiter.TryAcquireAsync("reset-password", Input.Email) is { } wait)
        {
            return AuthPages.TooManyAttempts(this, wait);
        }
        var user = await users.FindByEmailAsync(Input.Email);
        if (user is null)
        {
            LinkInvalid = true;
            return Page();
        }
        var result = await users.ResetPasswordAsync(user, token, Input.Password);
        if (!result.Succeeded)
        {
            if (result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.InvalidToken)))
            {
                LinkInvalid = true;
                return Page();
            }
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError("Input.Password", error.Description);
            }
            return Page();
        }
        // Whoever knew the old password may be signed in somewhere: end every session.
        await Sessions.RevokeAllAccessExceptAsync(db, sessions, user.Id, keep: null, clock.GetUtcNow().UtcDateTime);
        // Whoever holds the inbox owns the account: guesses by others no longer slow its sign-in down.
        throttle.Succeeded(Input.Email);
        TempData["StatusMessage"] = "Your new password is saved, and any other devices were signed out. You can sign in now.";
        return RedirectToPage("/Accounts/SignIn/Login");
    }
}

public sealed class ResetPasswordInput
{
    public string Email { get; set; } = "";

    public string Code { get; set; } = "";

    [Required(ErrorMessage = "Please choose a new password.")]
    [StringLength(128, MinimumLength = 10, ErrorMessage = "Please use at least 10 characters (and at most 128). A few words strung together work well.")]
    [DataType(DataType.Password)]
    [Display(Name = "New password")]
    public string Password { get; set; } = "";

    [Required(ErrorMessage = "Please type the new password again.")]
    [Compare(nameof(Password), ErrorMessage = "The two passwords don't match.")]
    [DataType(DataType.Password)]
    [Display(Name = "Type it again")]
    public string? ConfirmPassword { get; set; }
}
