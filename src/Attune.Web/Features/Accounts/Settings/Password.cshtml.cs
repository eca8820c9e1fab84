using System.ComponentModel.DataAnnotations;
using Attune.Web.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Attune.Web.Features.Accounts.Settings;

public sealed class PasswordModel(
    UserManager<AppUser> users, SignInManager<AppUser> signIn, AttuneDb db, SessionCache sessions, TimeProvider clock) : PageModel
{
    [BindProperty]
    public ChangePasswordInput Input { get; set; } = new();

    /// <summary>False for an account made on the server with <c>admin create</c>: it chooses its first password here.</summary>
    public bool HasPassword { get; private set; } = true;

    public async Task OnGetAsync() => HasPassword = await users.GetUserAsync(User) is not { PasswordHash: null };

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }
        HasPassword = user.PasswordHash is not null;
        if (!HasPassword)
        {
            ModelState.Remove("Input.CurrentPassword");
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var throttle = HttpContext.RequestServices.GetRequiredService<SignInThrottle>();
        if (throttle.WaitFor(user.Email ?? "", HttpContext.Connection.RemoteIpAddress?.ToString()) is { } wait)
        {
            ModelState.AddModelError("Input.CurrentPassword", SettingsPages.TooManyWrong(wait));
            return Page();
        }
        var result = HasPassword
            ? await users.ChangePasswordAsync(user, Input.CurrentPassword, Input.NewPassword)
            : await users.AddPasswordAsync(user, Input.NewPassword);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                if (error.Code == nameof(IdentityErrorDescriber.PasswordMismatch))
                {
                    // Wrong current passwords slow down, as on the sign-in page.
                    SettingsPages.Failed(this, user);
                    ModelState.AddModelError("Input.CurrentPassword", SettingsPages.WrongPassword);
                }
                else
                {
                    ModelState.AddModelError("Input.NewPassword", error.Description);
                }
            }
            return Page();
        }
        var current = await Sessions.CurrentSessionIdAsync(HttpContext);
        await Sessions.RevokeAllAccessExceptAsync(db, sessions, user.Id, current, clock.GetUtcNow().UtcDateTime);
        await signIn.RefreshSignInAsync(user);
        TempData["StatusMessage"] = "Your password is changed. Other devices were signed out.";
        return RedirectToPage();
    }
}

public sealed class ChangePasswordInput
{
    [Required(ErrorMessage = "Please enter your current password.")]
    [MaxLength(128, ErrorMessage = "A password can be at most 128 characters.")]
    [DataType(DataType.Password)]
    [Display(Name = "Current password")]
    public string CurrentPassword { get; set; } = "";

    [Required(ErrorMessage = "Please choose a new password.")]
    [StringLength(128, MinimumLength = 10, ErrorMessage = "Please use at least 10 characters (and at most 128). A few words strung together work well.")]
    [DataType(DataType.Password)]
    [Display(Name = "New password")]
    public string NewPassword { get; set; } = "";

    [Required(ErrorMessage = "Please type the new password again.")]
    [Compare(nameof(NewPassword), ErrorMessage = "The two new passwords don't match.")]
    [DataType(DataType.Password)]
    [Display(Name = "Type the new password again")]
    public string? ConfirmPassword { get; set; }
}
