using System.ComponentModel.DataAnnotations;
using System.Net;
using Attune.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Attune.Web.Features.Accounts.Settings;

public sealed class EmailModel(
    UserManager<AppUser> users, SignInManager<AppUser> signIn, IMailTransport mail, PublicLinks links) : PageModel
{
    [BindProperty]
    public ChangeEmailInput Input { get; set; } = new();

    public string CurrentEmail { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }
        CurrentEmail = user.Email ?? "";
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }
        CurrentEmail = user.Email ?? "";
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var newEmail = Input.NewEmail.Trim();
        if (string.Equals(newEmail, CurrentEmail, StringComparison.OrdinalIgnoreCase))
        {
            ModelState.AddModelError("Input.NewEmail", "That's already your email address.");
            return Page();
        }
        if (await SettingsPages.PasswordProblemAsync(this, signIn, user, Input.CurrentPassword) is { } problem)
        {
            ModelState.AddModelError("Input.CurrentPassword", problem);
            return Page();
        }
        var code = AccountFlows.Encode(await users.GenerateChangeEmailTokenAsync(user, newEmail));
        var link = links.ToPage(HttpContext, "/Accounts/SignIn/ConfirmEmailChange", new { userId = user.Id, email = newEmail, code });
        var name = WebUtility.HtmlEncode(string.IsNullOrWhiteSpace(user.DisplayName) ? "there" : user.DisplayName);
        await mail.SendAsync(newEmail, "Confirm your new email for Attune",
            $"<p>Hi {name},</p><p>You asked to use this address for your Attune account. Please confirm it by opening the link below. " +
            "Until then, your old address stays in place. If this wasn't you, you can ignore this message.</p>" +
            $"<p><a href=\"{WebUtility.HtmlEncode(link)}\">Use this email address</a></p><p>Warmly,<br>Attune</p>");
        TempData["StatusMessage"] = $"We sent a link to {newEmail}. Open it to finish the change; until then, keep using your current address.";
        return RedirectToPage();
    }
}

public sealed class ChangeEmailInput
{
    [Required(ErrorMessage = "Please enter the new email address.")]
    [EmailAddress(ErrorMessage = "That doesn't look like an email address. Please check it.")]
    [MaxLength(254, ErrorMessage = "An email address can be at most 254 characters.")]
    [Display(Name = "New email address")]
    public string NewEmail { get; set; } = "";

    [Required(ErrorMessage = "Please enter your current password.")]
    [MaxLength(128, ErrorMessage = "A password can be at most 128 characters.")]
    [DataType(DataType.Password)]
    [Display(Name = "Current password")]
    public string CurrentPassword { get; set; } = "";
}
