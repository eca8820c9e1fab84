using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Attune.Web.Features.Accounts.Settings;

/// <summary>
/// Passkeys: add one (after the current password, then the device's own prompt), rename, remove. Adding needs
/// JavaScript (the browser's WebAuthn call); the list, renaming and removing work without it.
/// </summary>
public sealed class PasskeysModel(UserManager<AppUser> users, SignInManager<AppUser> signIn, Passkeys passkeys, TimeProvider clock) : PageModel
{
    public IReadOnlyList<PasskeyRow> Rows { get; private set; } = [];

    public string Zone { get; private set; } = "UTC";

    public async Task<IActionResult> OnGetAsync()
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }
        await LoadAsync(user);
        return Page();
    }

    /// <summary>Step one of adding: the password, then the options the browser's create() call needs (JSON).</summary>
    public async Task<IActionResult> OnPostOptionsAsync(string? password)
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }
        if (await SettingsPages.PasswordProblemAsync(this, signIn, user, password) is { } problem)
        {
            return new JsonResult(new { error = problem }) { StatusCode = StatusCodes.Status400BadRequest };
        }
        return Content(await passkeys.CreationOptionsAsync(user), "application/json");
    }

    /// <summary>Step two: the credential the browser made, checked and stored.</summary>
    public async Task<IActionResult> OnPostAddAsync(string? password, string? credential, string? name)
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }
        if (await SettingsPages.PasswordProblemAsync(this, signIn, user, password) is { } problem)
        {
            return await ShowAsync(user, "add", problem);
        }
        if (await passkeys.AddAsync(user, credential, CleanName(name, clock)) is { } failed)
        {
            return await ShowAsync(user, "add", failed);
        }
        TempData["StatusMessage"] = "Your passkey is added. Next time, choose \"Sign in with a passkey\".";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRenameAsync(string? id, string? name)
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }
        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > Passkeys.NameMaxLength)
        {
            return await ShowAsync(user, "rename-" + id, $"Please give it a name of 1 to {Passkeys.NameMaxLength} characters.");
        }
        if (id is null || !await passkeys.RenameAsync(user, id, name.Trim()))
        {
            return NotFound();
        }
        TempData["StatusMessage"] = "Renamed.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRemoveAsync(string? id)
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }
        if (id is null || !await passkeys.RemoveAsync(user, id))
        {
            return NotFound();
        }
        TempData["StatusMessage"] = "That passkey is removed. Remember to delete it from your device or password manager too.";
        return RedirectToPage();
    }

    private async Task<PageResult> ShowAsync(AppUser user, string field, string message)
    {
        ModelState.AddModelError(field, message);
        await LoadAsync(user);
        return Page();
    }

    private async Task LoadAsync(AppUser user)
    {
        Rows = await passkeys.ListAsync(user);
        Zone = user.TimeZone;
    }

    private static string CleanName(string? name, TimeProvider clock)
    {
        var trimmed = name?.Trim() ?? "";
        if (trimmed.Length == 0)
        {
            return $"Passkey added {clock.GetUtcNow():d MMM yyyy}";
        }
        return trimmed.Length > Passkeys.NameMaxLength ? trimmed[..Passkeys.NameMaxLength] : trimmed;
    }
}
