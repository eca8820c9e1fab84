using System.ComponentModel.DataAnnotations;
using Attune.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Attune.Web.Features.Accounts.SignIn;

/// <summary>
/// A page that asks for an email address and, when the address has an account in the right state,
/// sends it a link. It answers the same way whether or not the account exists, so it reveals nothing.
/// </summary>
public abstract class EmailRequestPage(UserManager<AppUser> users, AccountRateLimiter limiter) : PageModel
{
    /// <summary>The account store.</summary>
    protected UserManager<AppUser> Users { get; } = users;

    [BindProperty]
    public EmailInput Input { get; set; } = new();

    public bool Sent { get; private set; }

    /// <summary>The per-account rate-limit bucket for this kind of request.</summary>
    protected abstract string LimiterKey { get; }

    /// <summary>Sends the email when the account is in the state this page serves.</summary>
    protected abstract Task SendIfEligibleAsync(AppUser user);

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }
        if (await limiter.TryAcquireAsync(LimiterKey, Input.Email) is { } wait)
        {
            return AuthPages.TooManyAttempts(this, wait);
        }
        if (await Users.FindByEmailAsync(Input.Email) is { } user)
        {
            await SendIfEligibleAsync(user);
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
