using System.Data.Common;
using System.Security.Cryptography;
using Attune.Web.Data;
using Microsoft.AspNetCore.Cryptography.KeyDerivation;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;

namespace Attune.Web.Features.Accounts;

/// <summary>
/// How the two-factor secrets sit in <c>AspNetUserTokens</c>: recovery codes as salted PBKDF2 hashes (they are
/// only ever compared, never shown again), authenticator keys encrypted with Data Protection (the app must read
/// them to check codes). A copy of the database alone therefore reveals neither.
/// </summary>
public static class StoredSecrets
{
    /// <summary>Identity's own names for the rows (private constants in its UserStoreBase).</summary>
    public const string LoginProvider = "[AspNetUserStore]";
    public const string AuthenticatorKeyName = "AuthenticatorKey";
    public const string RecoveryCodesName = "RecoveryCodes";

    public const string ProtectorPurpose = "Attune.Accounts.AuthenticatorKey.v1";

    private const string KeyPrefix = "dp1$";
    private const string CodesPrefix = "pbkdf2-sha256$";

    /// <summary>One PBKDF2 per redemption (all of a person's codes share a salt), so it can afford to be slow.</summary>
    private const int Iterations = 100_000;

    public static bool IsProtectedKey(string value) => value.StartsWith(KeyPrefix, StringComparison.Ordinal);

    public static bool IsHashedCodes(string value) => value.StartsWith(CodesPrefix, StringComparison.Ordinal);

    public static string ProtectKey(IDataProtector protector, string key) => KeyPrefix + protector.Protect(key);

    /// <summary>The key, from either form; null when it cannot be decrypted (the key ring was lost).</summary>
    public static string? UnprotectKey(IDataProtector protector, string value)
    {
        if (!IsProtectedKey(value))
        {
            return value;
        }
        try
        {
            return protector.Unprotect(value[KeyPrefix.Length..]);
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    public static string HashCodes(IEnumerable<string> codes)
    {
        var salt = RandomNumberGenerator.GetBytes(16);
        return Format(salt, [.. codes.Select(c => Hash(salt, c))]);
    }

    public static int CountCodes(string? value) => value switch
    {
        null or "" => 0,
        _ when IsHashedCodes(value) => Parse(value).Hashes.Count,
        _ => value.Split(';', StringSplitOptions.RemoveEmptyEntries).Length,
    };

    /// <summary>Checks a code and, when it matches, returns the stored value without it (hashed, whatever the old form was).</summary>
    public static (bool Redeemed, string Remaining) Redeem(string? value, string code)
    {
        if (string.IsNullOrEmpty(value))
        {
            return (false, "");
        }
        if (!IsHashedCodes(value))
        {
            var plain = value.Split(';', StringSplitOptions.RemoveEmptyEntries).ToList();
            var found = plain.Remove(code);
            return (found, HashCodes(plain));
        }
        var (salt, hashes) = Parse(value);
        var candidate = Hash(salt, code);
        var index = hashes.FindIndex(h => CryptographicOperations.FixedTimeEquals(h, candidate));
        if (index < 0)
        {
            return (false, value);
        }
        hashes.RemoveAt(index);
        return (true, Format(salt, hashes));
    }

    /// <summary>
    /// Converts rows written before secrets were protected (plain keys and codes). Runs at start-up on a plain
    /// connection; an up-to-date database costs one small query and never loads the key ring.
    /// </summary>
    public static async Task<int> UpgradeAsync(DatabaseConnection database, IDataProtectionProvider dataProtection, CancellationToken cancel = default)
    {
        await using var connection = database.Create();
        await connection.OpenAsync(cancel);
        var legacy = new List<(string UserId, string Name, string Value)>();
        await using (var select = connection.CreateCommand())
        {
            select.CommandText = "SELECT \"UserId\", \"Name\", \"Value\" FROM \"AspNetUserTokens\" WHERE \"LoginProvider\" = @provider "
                + "AND \"Name\" IN (@key, @codes) AND \"Value\" IS NOT NULL";
            Add(select, "provider", LoginProvider);
            Add(select, "key", AuthenticatorKeyName);
            Add(select, "codes", RecoveryCodesName);
            await using var reader = await select.ExecuteReaderAsync(cancel);
            while (await reader.ReadAsync(cancel))
            {
                var value = reader.GetString(2);
                if (!IsProtectedKey(value) && !IsHashedCodes(value))
                {
                    legacy.Add((Convert.ToString(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture)!, reader.GetString(1), value));
                }
            }
        }
        if (legacy.Count == 0)
        {
            return 0;
        }
        var protector = dataProtection.CreateProtector(ProtectorPurpose);
        foreach (var (userId, name, value) in legacy)
        {
            var upgraded = name == AuthenticatorKeyName
                ? ProtectKey(protector, value)
                : HashCodes(value.Split(';', StringSplitOptions.RemoveEmptyEntries));
            await using var update = connection.CreateCommand();
            update.CommandText = "UPDATE \"AspNetUserTokens\" SET \"Value\" = @new WHERE \"LoginProvider\" = @provider AND \"Name\" = @name "
                + "AND \"Value\" = @old AND CAST(\"UserId\" AS TEXT) = @user";
            Add(update, "new", upgraded);
            Add(update, "provider", LoginProvider);
            Add(update, "name", name);
            Add(update, "old", value);
            Add(update, "user", userId);
            await update.ExecuteNonQueryAsync(cancel);
        }
        return legacy.Count;
    }

    private static void Add(DbCommand command, string name, string value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    private static byte[] Hash(byte[] salt, string code) =>
        KeyDerivation.Pbkdf2(code, salt, KeyDerivationPrf.HMACSHA256, Iterations, 32);

    private static string Format(byte[] salt, IEnumerable<byte[]> hashes) =>
        $"{CodesPrefix}{Iterations}${Convert.ToBase64String(salt)}${string.Join(',', hashes.Select(Convert.ToBase64String))}";

    private static (byte[] Salt, List<byte[]> Hashes) Parse(string value)
    {
        var parts = value.Split('$');
        return (Convert.FromBase64String(parts[2]), [.. parts[3].Split(',', StringSplitOptions.RemoveEmptyEntries).Select(Convert.FromBase64String)]);
    }
}

/// <summary>Identity's store with the two-factor secrets kept as <see cref="StoredSecrets"/> describes.</summary>
public sealed class AttuneUserStore(AttuneDb context, IDataProtectionProvider dataProtection, IdentityErrorDescriber? describer = null)
    : UserStore<AppUser, IdentityRole<Guid>, AttuneDb, Guid>(context, describer)
{
    private readonly IDataProtector _protector = dataProtection.CreateProtector(StoredSecrets.ProtectorPurpose);

    public override Task SetAuthenticatorKeyAsync(AppUser user, string key, CancellationToken cancellationToken) =>
        SetTokenAsync(user, StoredSecrets.LoginProvider, StoredSecrets.AuthenticatorKeyName, StoredSecrets.ProtectKey(_protector, key), cancellationToken);

    public override async Task<string?> GetAuthenticatorKeyAsync(AppUser user, CancellationToken cancellationToken) =>
        await GetTokenAsync(user, StoredSecrets.LoginProvider, StoredSecrets.AuthenticatorKeyName, cancellationToken) is { } value
            ? StoredSecrets.UnprotectKey(_protector, value)
            : null;

    public override Task ReplaceCodesAsync(AppUser user, IEnumerable<string> recoveryCodes, CancellationToken cancellationToken) =>
        SetTokenAsync(user, StoredSecrets.LoginProvider, StoredSecrets.RecoveryCodesName, StoredSecrets.HashCodes(recoveryCodes), cancellationToken);

    public override async Task<bool> RedeemCodeAsync(AppUser user, string code, CancellationToken cancellationToken)
    {
        var value = await GetTokenAsync(user, StoredSecrets.LoginProvider, StoredSecrets.RecoveryCodesName, cancellationToken);
        var (redeemed, remaining) = StoredSecrets.Redeem(value, code);
        if (redeemed)
        {
            await SetTokenAsync(user, StoredSecrets.LoginProvider, StoredSecrets.RecoveryCodesName, remaining, cancellationToken);
        }
        return redeemed;
    }

    public override async Task<int> CountCodesAsync(AppUser user, CancellationToken cancellationToken) =>
        StoredSecrets.CountCodes(await GetTokenAsync(user, StoredSecrets.LoginProvider, StoredSecrets.RecoveryCodesName, cancellationToken));
}
