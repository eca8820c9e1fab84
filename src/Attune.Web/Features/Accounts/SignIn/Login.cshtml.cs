using System.ComponentModel.DataAnnotations;
using Attune.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using SignInResult = Microsoft.AspNetCore.Identity.SignInResult;

namespace Attune.Web.Features.Accounts.SignIn;

[EnableRateLimiting(RateLimits.Auth)]
public sealed class LoginModel(SignInManager<AppUser> signIn, UserManager<AppUser> users, AccountRateLimiter limiter) : PageModel
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

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }
        if (limiter.TryAcquire("login", Input.Email) is { } wait)
        {
            return AuthPages.TooManyAttempts(this, wait);
        }
        var returnUrl = AuthPages.SafeReturnUrl(this, ReturnUrl);
        var user = await users.FindByEmailAsync(Input.Email);
        var result = user is null
            ? SignInResult.Failed
            : await signIn.PasswordSignInAsync(user, Input.Password, Input.RememberMe, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            return LocalRedirect(returnUrl);
        }
        if (result.RequiresTwoFactor)
        {
            return RedirectToPage("/Accounts/SignIn/Login2fa", new { returnUrl, rememberMe = Input.RememberMe });
        }
        if (result.IsLockedOut)
        {
            return RedirectToPage("/Accounts/SignIn/Lockout");
        }
        // Identity reports "not allowed" before it checks the password; only say why once the password is right,
        // so this form does not tell strangers which addresses have unconfirmed accounts.
        if (result.IsNotAllowed && user is not null && await users.CheckPasswordAsync(user, Input.Password))
        {
            NeedsConfirmation = true;
            ModelState.AddModelError(string.Empty, "Please confirm your email address first: open the link we sent you when you signed up.");
            return Page();
        }
        ModelState.AddModelError(string.Empty, "That email and password don't match our records. Please check them and try again.");
        return Page();
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
