using System.ComponentModel.DataAnnotations;
using Attune.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Attune.Web.Features.Accounts.SignIn;

[EnableRateLimiting(RateLimits.Auth)]
public sealed class RegisterModel(
    Registration registration, AccountRateLimiter limiter) : PageModel
{
    [BindProperty]
    public RegisterInput Input { get; set; } = new();

    public IReadOnlyList<string> TimeZoneChoices => TimeZones.ChoicesIncluding(Input.TimeZone);

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var (name, nameError) = TextRules.SingleLine(Input.DisplayName, AppUser.DisplayNameMaxLength, "name", required: false);
        if (nameError is not null)
        {
            ModelState.AddModelError("Input.DisplayName", nameError);
        }
        if (!TextRules.IsKnownTimeZone(Input.TimeZone))
        {
            ModelState.AddModelError("Input.TimeZone", "Please choose a time zone from the list.");
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        if (limiter.TryAcquire("register", Input.Email) is { } wait)
        {
            return AuthPages.TooManyAttempts(this, wait);
        }
        var problems = await registration.RegisterAsync(HttpContext, Input.Email, Input.Password, name ?? "", Input.TimeZone?.Trim() ?? TimeZones.Default);
        if (problems.Count > 0)
        {
            foreach (var (field, message) in problems)
            {
                ModelState.AddModelError(field == "password" ? "Input.Password" : "Input.Email", message);
            }
            return Page();
        }
        // An existing address gets the same answer as a new one, so this form does not reveal who uses Attune.
        return RedirectToPage("/Accounts/SignIn/RegisterConfirmation");
    }
}

public sealed class RegisterInput
{
    [Required(ErrorMessage = "Please enter your email address.")]
    [EmailAddress(ErrorMessage = "That doesn't look like an email address. Please check it.")]
    [MaxLength(254, ErrorMessage = "An email address can be at most 254 characters.")]
    [Display(Name = "Email")]
    public string Email { get; set; } = "";

    // Checked by TextRules, which explains problems better than attributes can.
    [Display(Name = "What should we call you? (optional)")]
    public string? DisplayName { get; set; }

    [Display(Name = "Time zone")]
    public string? TimeZone { get; set; } = TimeZones.Default;

    [Required(ErrorMessage = "Please choose a password.")]
    [StringLength(128, MinimumLength = 10, ErrorMessage = "Please use at least 10 characters (and at most 128). A few words strung together work well.")]
    [DataType(DataType.Password)]
    [Display(Name = "Password")]
    public string Password { get; set; } = "";

    [Required(ErrorMessage = "Please type the password again.")]
    [Compare(nameof(Password), ErrorMessage = "The two passwords don't match.")]
    [DataType(DataType.Password)]
    [Display(Name = "Type the password again")]
    public string? ConfirmPassword { get; set; }
}
