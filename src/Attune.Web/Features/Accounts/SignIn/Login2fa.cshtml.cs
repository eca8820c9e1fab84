using System.ComponentModel.DataAnnotations;
using Attune.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using SignInResult = Microsoft.AspNetCore.Identity.SignInResult;

namespace Attune.Web.Features.Accounts.SignIn;

[EnableRateLimiting(RateLimits.Auth)]
public sealed class Login2faModel(SignInManager<AppUser> signIn, AccountRateLimiter limiter) : SecondFactorPage(signIn, limiter)
{
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
