using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Attune.Web.Features.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Attune.Web.Features.Admin;

/// <summary>
/// An administrator's invitation to create an account: for one email address, or for whoever holds the link. It is
/// used once, expires, can be revoked, and only the SHA-256 of its secret is stored (the link is shown once).
/// </summary>
public sealed class Invitation
{
    public const int EmailMaxLength = 254;

    public Guid Id { get; set; }

    public string TokenHash { get; set; } = "";

    /// <summary>The address it is for; null when anyone holding the link may use it.</summary>
    public string? Email { get; set; }

    public string? NormalizedEmail { get; set; }

    public Guid? CreatedBy { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime ExpiresAt { get; set; }

    public DateTime? UsedAt { get; set; }

    public Guid? UsedBy { get; set; }

    public DateTime? RevokedAt { get; set; }
}

/// <summary>
/// A one-time sign-in link made on the server (<c>admin create EMAIL</c>): short-lived, used once, stored as a hash.
/// </summary>
public sealed class SignInLink
{
    public Guid Id { get; set; }

    public Guid UserId { get; set; }

    public string TokenHash { get; set; } = "";

    public DateTime CreatedAt { get; set; }

    public DateTime ExpiresAt { get; set; }

    public DateTime? UsedAt { get; set; }
}

/// <summary>Secrets for links: 32 random bytes, base64url; only their SHA-256 (hex) is stored.</summary>
public static class LinkSecrets
{
    public static (string Secret, string Hash) New()
    {
        var secret = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        return (secret, Hash(secret));
    }

    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    /// <summary>A secret as this app makes them (43 base64url characters); anything else is not looked up.</summary>
    public static bool LooksValid(string? secret) =>
        secret is { Length: 43 } && secret.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}

internal sealed class InvitationConfiguration : IEntityTypeConfiguration<Invitation>
{
    public void Configure(EntityTypeBuilder<Invitation> b)
    {
        b.ToTable("Invitations");
        b.Property(i => i.TokenHash).HasMaxLength(64);
        b.Property(i => i.Email).HasMaxLength(Invitation.EmailMaxLength);
        b.Property(i => i.NormalizedEmail).HasMaxLength(Invitation.EmailMaxLength);
        b.HasIndex(i => i.TokenHash).IsUnique();
        b.HasIndex(i => i.CreatedAt);
        b.HasOne<AppUser>().WithMany().HasForeignKey(i => i.CreatedBy).OnDelete(DeleteBehavior.SetNull);
        b.HasOne<AppUser>().WithMany().HasForeignKey(i => i.UsedBy).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class SignInLinkConfiguration : IEntityTypeConfiguration<SignInLink>
{
    public void Configure(EntityTypeBuilder<SignInLink> b)
    {
        b.ToTable("SignInLinks");
        b.Property(l => l.TokenHash).HasMaxLength(64);
        b.HasIndex(l => l.TokenHash).IsUnique();
        b.HasIndex(l => l.UserId);
        b.HasOne<AppUser>().WithMany().HasForeignKey(l => l.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
