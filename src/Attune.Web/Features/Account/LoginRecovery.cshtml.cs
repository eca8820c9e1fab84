using System.ComponentModel.DataAnnotations;
using Attune.Web.Features.Accounts;
using Attune.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Attune.Web.Features.Account;

[EnableRateLimiting(RateLimits.Auth)]
public sealed class LoginRecoveryModel(SignInManager<AppUser> signIn, AccountRateLimiter limiter) : PageModel
{
    [BindProperty]
    public RecoveryInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

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
        var result = await signIn.TwoFactorRecoveryCodeSignInAsync(AuthPages.CleanRecoveryCode(Input.RecoveryCode));
        if (result.Succeeded)
        {
            TempData["StatusMessage"] = "You're signed in. That recovery code is now used up; you can make a fresh set under Settings, Two-factor.";
            return LocalRedirect(AuthPages.SafeReturnUrl(this, ReturnUrl));
        }
        if (result.IsLockedOut)
        {
            return RedirectToPage("/Account/Lockout");
        }
        ModelState.AddModelError("Input.RecoveryCode", "That recovery code didn't work. Each code works only once; please check it or try another.");
        return Page();
    }

    private RedirectToPageResult StartAgain()
    {
        TempData["StatusMessage"] = "That sign-in step timed out. Please enter your email and password again.";
        return RedirectToPage("/Account/Login", new { returnUrl = ReturnUrl });
    }
}

public sealed class RecoveryInput
{
    [Required(ErrorMessage = "Please enter one of your recovery codes.")]
    [MaxLength(40, ErrorMessage = "A recovery code is much shorter than that.")]
    [Display(Name = "Recovery code")]
    public string RecoveryCode { get; set; } = "";
}
