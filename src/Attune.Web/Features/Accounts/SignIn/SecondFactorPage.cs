using Attune.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SignInResult = Microsoft.AspNetCore.Identity.SignInResult;

namespace Attune.Web.Features.Accounts.SignIn;

/// <summary>
/// The second sign-in step (authenticator code or recovery code): only reachable after the password
/// step, rate-limited per account, and sending a timed-out visitor back to the start.
/// </summary>
public abstract class SecondFactorPage(SignInManager<AppUser> signIn, AccountRateLimiter limiter) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    /// <summary>The form field that shows the "didn't work" message.</summary>
    protected abstract string CodeField { get; }

    /// <summary>What to say when the code was wrong or already used.</summary>
    protected abstract string RejectedMessage { get; }

    /// <summary>Tries the submitted code.</summary>
    protected abstract Task<SignInResult> TrySignInAsync(SignInManager<AppUser> signIn);

    /// <summary>Runs after a successful sign-in, before the redirect.</summary>
    protected virtual void OnSignedIn()
    {
    }

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
        if (await limiter.TryAcquireAsync("login-2fa", user.Id.ToString()) is { } wait)
        {
            return AuthPages.TooManyAttempts(this, wait);
        }
        var result = await TrySignInAsync(signIn);
        if (result.Succeeded)
        {
            OnSignedIn();
            return LocalRedirect(AuthPages.SafeReturnUrl(this, ReturnUrl));
        }
        ModelState.AddModelError(CodeField, RejectedMessage);
        return Page();
    }

    private RedirectToPageResult StartAgain()
    {
        TempData["StatusMessage"] = "That sign-in step timed out. Please enter your email and password again.";
        return RedirectToPage("/Accounts/SignIn/Login", new { returnUrl = ReturnUrl });
    }
}
