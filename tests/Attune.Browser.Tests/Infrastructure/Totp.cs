using System.Globalization;
using System.Security.Cryptography;

namespace Attune.Browser.Tests.Infrastructure;

/// <summary>
/// What an authenticator app does, written independently of the app's own code so the tests check it
/// against the standard: RFC 6238 time-based codes (HMAC-SHA1, 30-second steps, 6 digits) over RFC 4226
/// dynamic truncation, with the key in RFC 4648 Base32 as the app shows it.
/// </summary>
public static class Totp
{
    public const int StepSeconds = 30;

    /// <summary>The code an authenticator app shows at <paramref name="time"/> for a Base32 key (spaces ignored).</summary>
    public static string CodeAt(string base32Key, DateTimeOffset time) =>
        Code(DecodeBase32(base32Key), time.ToUnixTimeSeconds() / StepSeconds);

    /// <summary>RFC 4226 section 5.3: HMAC-SHA1 of the big-endian counter, dynamic truncation, modulo 10^6.</summary>
    public static string Code(byte[] key, long counter)
    {
        var message = new byte[8];
        for (var i = 7; i >= 0; i--)
        {
            message[i] = (byte)(counter & 0xff);
            counter >>= 8;
        }

        var hash = HMACSHA1.HashData(key, message);
        var offset = hash[^1] & 0x0f;
        var binary = ((hash[offset] & 0x7f) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return (binary % 1_000_000).ToString("D6", CultureInfo.InvariantCulture);
    }

    public static byte[] DecodeBase32(string text)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bytes = new List<byte>();
        int buffer = 0, bits = 0;
        foreach (var c in text.ToUpperInvariant())
        {
            if (c is ' ' or '-' or '=')
            {
                continue;
            }

            var value = alphabet.IndexOf(c, StringComparison.Ordinal);
            if (value < 0)
            {
                throw new FormatException($"'{c}' is not a Base32 character.");
            }

            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8)
            {
                bytes.Add((byte)(buffer >> (bits - 8)));
                bits -= 8;
            }
        }

        return [.. bytes];
    }
}
