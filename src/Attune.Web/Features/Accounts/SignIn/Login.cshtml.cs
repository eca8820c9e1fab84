using System.ComponentModel.DataAnnotations;
using Attune.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Attune.Web.Features.Accounts.SignIn;

[EnableRateLimiting(RateLimits.Auth)]
public sealed class LoginModel(PasswordSignIn passwordSignIn, Passkeys passkeys, Audit.AuditLog audit) : PageModel
{
    [BindProperty]
    public LoginInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    /// <summary>The password was right but the email is not confirmed yet.</summary>
    public bool NeedsConfirmation { get; private set; }

    public void OnGet()
    {
    }

    /// <summary>The options for the browser's passkey prompt (JSON), for any passkey this site knows.</summary>
    public async Task<IActionResult> OnPostPasskeyOptionsAsync() =>
        Content(await passkeys.SignInOptionsAsync(), "application/json");

    /// <summary>Signs in with the passkey the browser returned.</summary>
    public async Task<IActionResult> OnPostPasskeyAsync(string? credential)
    {
        // The email and password fields are not part of this form.
        ModelState.Clear();
        var returnUrl = AuthPages.SafeReturnUrl(this, ReturnUrl);
        if (await passkeys.SignInAsync(credential))
        {
            return LocalRedirect(returnUrl);
        }
        await audit.RecordAsync(Audit.AuditActions.SignInFailed, owner: null, result: Audit.AuditResults.Failed);
        ModelState.AddModelError(string.Empty, "That passkey didn't work here. It may have been removed from your account; please sign in with your password.");
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var returnUrl = AuthPages.SafeReturnUrl(this, ReturnUrl);
        var outcome = await passwordSignIn.SignInAsync(HttpContext, Input.Email, Input.Password, Input.RememberMe);
        switch (outcome.Status)
        {
            case PasswordSignInStatus.Succeeded:
                return LocalRedirect(returnUrl);
            case PasswordSignInStatus.RequiresTwoFactor:
                return RedirectToPage("/Accounts/SignIn/Login2fa", new { returnUrl, rememberMe = Input.RememberMe });
            case PasswordSignInStatus.Throttled:
                return AuthPages.TooManyAttempts(this, outcome.Wait);
            case PasswordSignInStatus.EmailNotConfirmed:
                NeedsConfirmation = true;
                ModelState.AddModelError(string.Empty, "Please confirm your email address first: open the link we sent you when you signed up.");
                return Page();
            default:
                ModelState.AddModelError(string.Empty, "That email and password don't match our records. Please check them and try again.");
                return Page();
        }
    }
}

public sealed class LoginInput
{
    [Required(ErrorMessage = "Please enter your email address.")]
    [MaxLength(254, ErrorMessage = "An email address can be at most 254 characters.")]
    [Display(Name = "Email")]
    public string Email { get; set; } = "";

    [Required(ErrorMessage = "Please enter your password.")]
    [MaxLength(128, ErrorMessage = "A password can be at most 128 characters.")]
    [DataType(DataType.Password)]
    [Display(Name = "Password")]
    public string Password { get; set; } = "";

    [Display(Name = "Keep me signed in on this device")]
    public bool RememberMe { get; set; }
}
