using System.ComponentModel.DataAnnotations;
using Attune.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using SignInResult = Microsoft.AspNetCore.Identity.SignInResult;

namespace Attune.Web.Features.Accounts.SignIn;

[EnableRateLimiting(RateLimits.Auth)]
public sealed class LoginRecoveryModel(SignInManager<AppUser> signIn, AccountRateLimiter limiter) : SecondFactorPage(signIn, limiter)
{
    [BindProperty]
    public RecoveryInput Input { get; set; } = new();

    protected override string CodeField => "Input.RecoveryCode";

    protected override string RejectedMessage =>
        "That recovery code didn't work. Each code works only once; please check it or try another.";

    protected override Task<SignInResult> TrySignInAsync(SignInManager<AppUser> signIn) =>
        signIn.TwoFactorRecoveryCodeSignInAsync(AuthPages.CleanRecoveryCode(Input.RecoveryCode));

    protected override void OnSignedIn() =>
        TempData["StatusMessage"] = "You're signed in. That recovery code is now used up; you can make a fresh set under Settings, Two-factor.";
}

public sealed class RecoveryInput
{
    [Required(ErrorMessage = "Please enter one of your recovery codes.")]
    [MaxLength(40, ErrorMessage = "A recovery code is much shorter than that.")]
    [Display(Name = "Recovery code")]
    public string RecoveryCode { get; set; } = "";
}
