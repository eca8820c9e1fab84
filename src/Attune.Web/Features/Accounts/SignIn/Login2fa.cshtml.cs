using System.ComponentModel.DataAnnotations;
using Attune.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using SignInResult = Microsoft.AspNetCore.Identity.SignInResult;

namespace Attune.Web.Features.Accounts.SignIn;

[EnableRateLimiting(RateLimits.Auth)]
public sealed class Login2faModel(SignInManager<AppUser> signIn, AccountRateLimiter limiter, Passkeys passkeys) : SecondFactorPage(signIn, limiter)
{
    /// <summary>The options for the browser's passkey prompt, bound to whoever passed the password step (JSON).</summary>
    public async Task<IActionResult> OnPostPasskeyOptionsAsync() =>
        await passkeys.SecondStepOptionsAsync(HttpContext) is { } options
            ? Content(options, "application/json")
            : new JsonResult(new { error = "That sign-in step timed out. Please enter your email and password again." }) { StatusCode = StatusCodes.Status400BadRequest };

    /// <summary>Completes sign-in with a passkey as the second step.</summary>
    public async Task<IActionResult> OnPostPasskeyAsync(string? credential, bool rememberDevice)
    {
        ModelState.Clear();
        if (await passkeys.CompleteSecondStepAsync(HttpContext, credential, RememberMe, rememberDevice) is null)
        {
            TempData["StatusMessage"] = "That passkey didn't work for this account. Please sign in again.";
            return RedirectToPage("/Accounts/SignIn/Login", new { returnUrl = ReturnUrl });
        }
        return LocalRedirect(AuthPages.SafeReturnUrl(this, ReturnUrl));
    }

    [BindProperty]
    public TwoFactorInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public bool RememberMe { get; set; }

    protected override string CodeField => "Input.Code";

    protected override string RejectedMessage =>
        "That code didn't work. Codes change every 30 seconds and each one works only once, so please wait for the next code and try again.";

    protected override Task<SignInResult> TrySignInAsync(SignInManager<AppUser> signIn) =>
        signIn.TwoFactorAuthenticatorSignInAsync(Input.Code, RememberMe, Input.RememberDevice);
}

public sealed class TwoFactorInput
{
    [Required(ErrorMessage = "Please enter the 6-digit code from your authenticator app.")]
    [StringLength(9, MinimumLength = 6, ErrorMessage = "The code has 6 digits.")]
    [Display(Name = "Code from your authenticator app")]
    public string Code { get; set; } = "";

    [Display(Name = "Don't ask for a code again on this device")]
    public bool RememberDevice { get; set; }
}
