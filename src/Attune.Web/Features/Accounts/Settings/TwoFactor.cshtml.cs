using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using QRCoder;

namespace Attune.Web.Features.Accounts.Settings;

/// <summary>
/// Authenticator-app sign-in: set up (key + QR code, confirmed by a first code), recovery codes, reset and
/// turn off. Every change asks for the current password in the same form.
/// </summary>
public sealed class TwoFactorModel(UserManager<AppUser> users, SignInManager<AppUser> signIn, UrlEncoder urlEncoder) : PageModel
{
    public const int RecoveryCodeCount = 10;

    public bool IsEnabled { get; private set; }

    public int RecoveryCodesLeft { get; private set; }

    /// <summary>The key in groups of four, for typing into an app by hand.</summary>
    public string? SharedKey { get; private set; }

    /// <summary>PNG data URI (CSP allows data: images, not inline SVG styles).</summary>
    public string? QrCodeDataUri { get; private set; }

    /// <summary>Shown once, straight in the response: never stored in TempData cookies.</summary>
    public IReadOnlyList<string>? NewRecoveryCodes { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }
        await LoadAsync(user);
        return Page();
    }

    public async Task<IActionResult> OnPostEnableAsync(string? code, string? password)
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }
        if (user.TwoFactorEnabled)
        {
            return RedirectToPage();
        }
        // Someone holding only a signed-in browser must not be able to lock the owner out with their own phone.
        if (await SettingsPages.PasswordProblemAsync(this, signIn, user, password) is { } problem)
        {
            ModelState.AddModelError("enable-password", problem);
            await LoadAsync(user);
            return Page();
        }
        if (string.IsNullOrWhiteSpace(code) || code.Length > 12
            || !await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code))
        {
            ModelState.AddModelError("code", "That code didn't match. Check the app shows an entry for Attune, wait for a fresh code, and try again.");
            await LoadAsync(user);
            return Page();
        }
        await users.SetTwoFactorEnabledAsync(user, true);
        NewRecoveryCodes = [.. await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount) ?? []];
        await signIn.RefreshSignInAsync(user);
        await LoadAsync(user);
        return Page();
    }

    public async Task<IActionResult> OnPostRecoveryCodesAsync(string? password)
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }
        if (!user.TwoFactorEnabled)
        {
            return RedirectToPage();
        }
        if (await SettingsPages.PasswordProblemAsync(this, signIn, user, password) is { } problem)
        {
            ModelState.AddModelError("recovery-password", problem);
            await LoadAsync(user);
            return Page();
        }
        NewRecoveryCodes = [.. await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount) ?? []];
        await LoadAsync(user);
        return Page();
    }

    public Task<IActionResult> OnPostDisableAsync(string? password) =>
        TurnOffAsync(password, "disable-password", "Two-factor sign-in is off. You can turn it on again any time.");

    public Task<IActionResult> OnPostResetKeyAsync(string? password) =>
        TurnOffAsync(password, "reset-password",
            "Your old authenticator entry no longer works. Add the new key below to your app to turn two-factor sign-in back on.");

    /// <summary>
    /// After the password is confirmed: two-factor off with a fresh key, so an old phone or a leaked key
    /// cannot come back, and remembered devices forgotten.
    /// </summary>
    private async Task<IActionResult> TurnOffAsync(string? password, string passwordField, string statusMessage)
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }
        if (await SettingsPages.PasswordProblemAsync(this, signIn, user, password) is { } problem)
        {
            ModelState.AddModelError(passwordField, problem);
            await LoadAsync(user);
            return Page();
        }
        await users.SetTwoFactorEnabledAsync(user, false);
        await users.ResetAuthenticatorKeyAsync(user);
        await signIn.ForgetTwoFactorClientAsync();
        await signIn.RefreshSignInAsync(user);
        TempData["StatusMessage"] = statusMessage;
        return RedirectToPage();
    }

    private async Task LoadAsync(AppUser user)
    {
        SettingsPages.NoStore(this);
        IsEnabled = user.TwoFactorEnabled;
        if (IsEnabled)
        {
            RecoveryCodesLeft = await users.CountRecoveryCodesAsync(user);
            return;
        }
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            await users.ResetAuthenticatorKeyAsync(user);
            await signIn.RefreshSignInAsync(user);
            key = await users.GetAuthenticatorKeyAsync(user) ?? "";
        }
        SharedKey = FormatKey(key);
        QrCodeDataUri = QrCode(AuthenticatorUri(user.Email ?? "", key));
    }

    private string AuthenticatorUri(string email, string key) =>
        $"otpauth://totp/{urlEncoder.Encode("Attune")}:{urlEncoder.Encode(email)}?secret={key}&issuer={urlEncoder.Encode("Attune")}&digits=6";

    private static string FormatKey(string key)
    {
        var text = new StringBuilder();
        for (var i = 0; i < key.Length; i += 4)
        {
            if (i > 0)
            {
                text.Append(' ');
            }
            text.Append(key.AsSpan(i, Math.Min(4, key.Length - i)));
        }
        return text.ToString();
    }

    private static string QrCode(string text)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.Q);
        var png = new PngByteQRCode(data).GetGraphic(5);
        return "data:image/png;base64," + Convert.ToBase64String(png);
    }
}
