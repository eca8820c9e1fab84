using System.Collections.Frozen;
using System.Globalization;
using Microsoft.AspNetCore.Identity;

namespace Attune.Web.Features.Accounts;

/// <summary>
/// Password rules beyond the length, as NIST SP 800-63B (5.1.1.2) advises instead of composition rules: not one
/// of the most common passwords (or one with only digits and symbols around it), and not built from the person's
/// own email address or name. The messages say what to do instead, kindly.
/// </summary>
public sealed class PasswordRules : IPasswordValidator<AppUser>
{
    public const string TooCommonCode = "PasswordTooCommon";
    public const string TooPersonalCode = "PasswordTooPersonal";

    /// <summary>Personal words shorter than this (a one-letter name, "jo@...") are left alone.</summary>
    private const int ShortestPersonalWord = 3;

    private static readonly Lazy<FrozenSet<string>> Common = new(Load);

    public Task<IdentityResult> ValidateAsync(UserManager<AppUser> manager, AppUser user, string? password)
    {
        if (string.IsNullOrEmpty(password))
        {
            return Task.FromResult(IdentityResult.Success);
        }
        if (IsCommon(password))
        {
            return Task.FromResult(IdentityResult.Failed(new IdentityError
            {
                Code = TooCommonCode,
                Description = "That password is one of the most common ones, so it would be easy to guess. A few unrelated words strung together are easier to remember and much harder to guess.",
            }));
        }
        if (IsTooPersonal(password, user.Email, user.DisplayName, manager.Options.Password.RequiredLength))
        {
            return Task.FromResult(IdentityResult.Failed(new IdentityError
            {
                Code = TooPersonalCode,
                Description = "That password is mostly your email address or name, which others may know. Please add words of your own that aren't about you.",
            }));
        }
        return Task.FromResult(IdentityResult.Success);
    }

    /// <summary>On the list, or a listed word with only digits and symbols before or after it ("Password2024!").</summary>
    public static bool IsCommon(string password)
    {
        var lower = password.Trim().ToLowerInvariant();
        if (Common.Value.Contains(lower))
        {
            return true;
        }
        var core = lower.Trim(NotLetters(lower));
        return core.Length >= 4 && core.Length < lower.Length && Common.Value.Contains(core);
    }

    /// <summary>
    /// True when what is left after taking out the email address, its local part and domain, and the name is shorter
    /// than the minimum length: "river.song@example.org" and "RiverSong1990" are refused, a long sentence that happens
    /// to contain the name is not.
    /// </summary>
    public static bool IsTooPersonal(string password, string? email, string? displayName, int minimumLength)
    {
        var rest = password.ToLowerInvariant();
        var words = new List<string>();
        if (!string.IsNullOrWhiteSpace(email))
        {
            var address = email.Trim().ToLowerInvariant();
            words.Add(address);
            var at = address.LastIndexOf('@');
            if (at > 0)
            {
                words.Add(address[..at]);
                words.AddRange(address[..at].Split(['.', '_', '-', '+'], StringSplitOptions.RemoveEmptyEntries));
                words.Add(address[(at + 1)..]);
            }
        }
        if (!string.IsNullOrWhiteSpace(displayName))
        {
            var name = displayName.Trim().ToLowerInvariant();
            words.Add(name);
            words.AddRange(name.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        }
        var removed = false;
        foreach (var word in words.Where(w => w.Length >= ShortestPersonalWord).Distinct().OrderByDescending(w => w.Length))
        {
            if (rest.Contains(word, StringComparison.Ordinal))
            {
                rest = rest.Replace(word, "", StringComparison.Ordinal);
                removed = true;
            }
        }
        return removed && rest.Trim().Length < minimumLength;
    }

    private static char[] NotLetters(string text) =>
        [.. text.Where(c => !char.IsLetter(c)).Distinct()];

    private static FrozenSet<string> Load()
    {
        using var stream = typeof(PasswordRules).Assembly.GetManifestResourceStream("Attune.Web.Features.Accounts.Passwords.common-passwords.txt")
            ?? throw new InvalidOperationException("The common-password list is not embedded in the assembly.");
        using var reader = new StreamReader(stream);
        var words = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0)
            {
                words.Add(line.ToLower(CultureInfo.InvariantCulture));
            }
        }
        return words.ToFrozenSet(StringComparer.Ordinal);
    }
}
