using System.ComponentModel.DataAnnotations;
using Attune.Web.Data;
using Attune.Web.Features.Admin;
using Attune.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Attune.Web.Features.Accounts.SignIn;

[EnableRateLimiting(RateLimits.Auth)]
public sealed class RegisterModel(
    Registration registration, AccountRateLimiter limiter, Instance instance, AttuneDb db, TimeProvider clock) : PageModel
{
    [BindProperty]
    public RegisterInput Input { get; set; } = new();

    /// <summary>The secret of an invitation link (<c>?invitation=…</c>), carried through the form.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Invitation { get; set; }

    public IReadOnlyList<string> TimeZoneChoices => TimeZones.ChoicesIncluding(Input.TimeZone);

    /// <summary>Nobody has an account yet: whoever registers now looks after this instance.</summary>
    public bool FirstAccount { get; private set; }

    /// <summary>Why the form is not shown (closed, by invitation, or an invitation that can't be used), or null.</summary>
    public string? Unavailable { get; private set; }

    /// <summary>The address an invitation is for: the form keeps it fixed.</summary>
    public string? InvitedEmail { get; private set; }

    public async Task OnGetAsync()
    {
        await DecideAsync();
        if (InvitedEmail is not null)
        {
            Input.Email = InvitedEmail;
        }
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await DecideAsync();
        if (Unavailable is not null)
        {
            return Page();
        }
        if (InvitedEmail is not null)
        {
            Input.Email = InvitedEmail;
            ModelState.Remove("Input.Email");
        }
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
        if (await limiter.TryAcquireAsync("register", Input.Email) is { } wait)
        {
            return AuthPages.TooManyAttempts(this, wait);
        }
        var outcome = await registration.RegisterAsync(HttpContext, Input.Email, Input.Password, name ?? "", Input.TimeZone?.Trim() ?? TimeZones.Default, Invitation);
        switch (outcome)
        {
            case RegistrationOutcome.Problems p:
                foreach (var (field, message) in p.List)
                {
                    ModelState.AddModelError(field == "password" ? "Input.Password" : "Input.Email", message);
                }
                return Page();
            case RegistrationOutcome.Ready ready:
                TempData["StatusMessage"] = ready.Admin
                    ? "Your account is ready, and it looks after this Attune: you're its administrator. You'll find the administration pages under Settings. Please sign in."
                    : "Your account is ready. Please sign in.";
                return RedirectToPage("/Accounts/SignIn/Login");
            case RegistrationOutcome.Refused refused:
                Unavailable = UnavailableText(refused.Mode);
                return Page();
            case RegistrationOutcome.InvitationNotUsable:
                Unavailable = NotUsable;
                return Page();
        }
        // An existing address gets the same answer as a new one, so this form does not reveal who uses Attune.
        return RedirectToPage("/Accounts/SignIn/RegisterConfirmation");
    }

    private const string NotUsable = "This invitation link can't be used any more: it has been used already, it has expired, or it was withdrawn. "
        + "Please ask the person who runs this Attune for a new one.";

    public static string UnavailableText(RegistrationMode mode) => mode == RegistrationMode.Closed
        ? "This Attune isn't taking new accounts. If you'd like one, please ask the person who runs it."
        : "This Attune is by invitation. If someone invited you, please open the link from their invitation.";

    private async Task DecideAsync()
    {
        Response.Headers.CacheControl = "no-store";
        FirstAccount = await Instance.IsUnclaimedAsync(db);
        if (!string.IsNullOrEmpty(Invitation))
        {
            var invitation = await Invitations.FindUsableAsync(db, Invitation, clock.GetUtcNow().UtcDateTime);
            if (invitation is null)
            {
                Unavailable = NotUsable;
                return;
            }
            InvitedEmail = invitation.Email;
        }
        else if (!FirstAccount && instance.Registration != RegistrationMode.Open)
        {
            Unavailable = UnavailableText(instance.Registration);
        }
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
