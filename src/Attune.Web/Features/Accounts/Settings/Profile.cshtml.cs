using System.ComponentModel.DataAnnotations;
using Attune.Web.Features.CheckIns.Reminders;
using Attune.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Attune.Web.Features.Accounts.Settings;

public sealed class ProfileModel(UserManager<AppUser> users, SignInManager<AppUser> signIn, ReminderSettings reminders) : PageModel
{
    [BindProperty]
    public ProfileInput Input { get; set; } = new();

    public string Email { get; private set; } = "";

    public IReadOnlyList<string> TimeZoneChoices => TimeZones.ChoicesIncluding(Input.TimeZone);

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }
        Email = user.Email ?? "";
        Input = new ProfileInput { DisplayName = user.DisplayName, TimeZone = user.TimeZone };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }
        Email = user.Email ?? "";
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
        user.DisplayName = name ?? "";
        user.TimeZone = Input.TimeZone?.Trim() ?? TimeZones.Default;
        var result = await users.UpdateAsync(user);
        if (!result.Succeeded)
        {
            ModelState.AddModelError(string.Empty, "We couldn't save that just now. Please try again.");
            return Page();
        }
        // Reminder times are wall-clock times in the person's zone: a new zone moves the next one.
        await reminders.RescheduleAsync(user.Id, HttpContext.RequestAborted);
        // The name shown in the header comes from the cookie: re-issue it (the session stays the same).
        await signIn.RefreshSignInAsync(user);
        TempData["StatusMessage"] = "Your profile is saved.";
        return RedirectToPage();
    }
}

public sealed class ProfileInput
{
    // Checked by TextRules, which explains problems better than attributes can.
    [Display(Name = "What should we call you?")]
    public string? DisplayName { get; set; }

    [Display(Name = "Time zone")]
    public string? TimeZone { get; set; } = TimeZones.Default;
}
