using System.ComponentModel.DataAnnotations;
using Attune.Web.Features.Accounts;
using Attune.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Attune.Web.Features.Account;

[EnableRateLimiting(RateLimits.Auth)]
public sealed class Login2faModel(SignInManager<AppUser> signIn, AccountRateLimiter limiter) : PageModel
{
    [BindProperty]
    public TwoFactorInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool RememberMe { get; set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (await signIn.GetTwoFactorAuthenticationUserAsync() is null)
        {
            return StartAgain();
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null)
        {
            return StartAgain();
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        if (limiter.TryAcquire("login-2fa", user.Id.ToString()) is { } wait)
        {
            return AuthPages.TooManyAttempts(this, wait);
        }
        var result = await signIn.TwoFactorAuthenticatorSignInAsync(Input.Code, RememberMe, Input.RememberDevice);
        if (result.Succeeded)
        {
            return LocalRedirect(AuthPages.SafeReturnUrl(this, ReturnUrl));
        }
        if (result.IsLockedOut)
        {
            return RedirectToPage("/Account/Lockout");
        }
        ModelState.AddModelError("Input.Code", "That code didn't work. Codes change every 30 seconds and each one works only once, so please wait for the next code and try again.");
        return Page();
    }

    private RedirectToPageResult StartAgain()
    {
        TempData["StatusMessage"] = "That sign-in step timed out. Please enter your email and password again.";
        return RedirectToPage("/Account/Login", new { returnUrl = ReturnUrl });
    }
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
