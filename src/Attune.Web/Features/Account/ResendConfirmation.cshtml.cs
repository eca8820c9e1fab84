using System.ComponentModel.DataAnnotations;
using Attune.Web.Features.Accounts;
using Attune.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Attune.Web.Features.Account;

[EnableRateLimiting(RateLimits.Auth)]
public sealed class ResendConfirmationModel(
    UserManager<AppUser> users, IEmailSender<AppUser> email, AccountRateLimiter limiter, LinkGenerator links) : PageModel
{
    [BindProperty]
    public EmailInput Input { get; set; } = new();

    public bool Sent { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }
        if (limiter.TryAcquire("resend-confirmation", Input.Email) is { } wait)
        {
            return AuthPages.TooManyAttempts(this, wait);
        }
        var user = await users.FindByEmailAsync(Input.Email);
        if (user is not null && !await users.IsEmailConfirmedAsync(user))
        {
            await AccountFlows.SendConfirmationAsync(user, users, email, links, HttpContext);
        }
        // The same answer whether or not the address has an account.
        Sent = true;
        return Page();
    }
}

public sealed class EmailInput
{
    [Required(ErrorMessage = "Please enter your email address.")]
    [EmailAddress(ErrorMessage = "That doesn't look like an email address. Please check it.")]
    [MaxLength(254, ErrorMessage = "An email address can be at most 254 characters.")]
    [Display(Name = "Email")]
    public string Email { get; set; } = "";
}
