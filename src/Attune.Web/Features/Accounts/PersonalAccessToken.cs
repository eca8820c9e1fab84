using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Attune.Web.Features.Accounts;

/// <summary>A token for scripts and the CLI. Only its SHA-256 hash is stored; the secret is shown once.</summary>
public sealed class PersonalAccessToken
{
    public const int NameMaxLength = 60;
    public const int PrefixLength = 12;

    public Guid Id { get; set; }

    public Guid UserId { get; set; }

    public string Name { get; set; } = "";

    /// <summary>The first characters of the token, so a person can tell tokens apart.</summary>
    public string Prefix { get; set; } = "";

    /// <summary>Lower-case hex SHA-256 of the whole token.</summary>
    public string TokenHash { get; set; } = "";

    /// <summary>Space-separated scopes (<see cref="TokenScopes"/>), e.g. "recordings:read recordings:write".</summary>
    public string Scopes { get; set; } = "";

    public DateTime CreatedAt { get; set; }

    public DateTime? LastUsedAt { get; set; }

    /// <summary>Always set for tokens made since scopes arrived (at most a year ahead); null only on rows from before, which no longer work.</summary>
    public DateTime? ExpiresAt { get; set; }

    public DateTime? RevokedAt { get; set; }
}

internal sealed class PersonalAccessTokenConfiguration : IEntityTypeConfiguration<PersonalAccessToken>
{
    public void Configure(EntityTypeBuilder<PersonalAccessToken> b)
    {
        b.ToTable("PersonalAccessTokens");
        b.Property(t => t.Name).HasMaxLength(PersonalAccessToken.NameMaxLength);
        b.Property(t => t.Prefix).HasMaxLength(PersonalAccessToken.PrefixLength);
        b.Property(t => t.TokenHash).HasMaxLength(64);
        b.Property(t => t.Scopes).HasMaxLength(500).HasDefaultValue("");
        b.HasIndex(t => t.TokenHash).IsUnique();
        b.HasIndex(t => t.UserId);
        b.HasOne<AppUser>().WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
