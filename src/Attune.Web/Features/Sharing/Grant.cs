using Attune.Web.Features.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Attune.Web.Features.Sharing;

public enum GrantKind
{
    /// <summary>Someone the owner chose to share with: a friend, a family member, a partner before the partner link.</summary>
    Person,

    /// <summary>One half of a partner link (the Together feature).</summary>
    Partner,

    /// <summary>A therapist the owner consented to.</summary>
    Therapist,
}

public enum GrantStatus
{
    /// <summary>Invited; the invitee has not answered. Gives no access.</summary>
    Pending,

    /// <summary>Accepted: the grantee may read the covered streams.</summary>
    Active,

    /// <summary>The invitee said no.</summary>
    Declined,

    /// <summary>The owner withdrew it.</summary>
    Revoked,

    /// <summary>The grantee stepped away from it.</summary>
    Left,
}

/// <summary>
/// Consent from one person (the owner) for another (the grantee) to read some streams of their data.
/// An invitation names an email address, so creating one reveals nothing about who has an account; the
/// account is bound only when its holder, signed in with that confirmed address, accepts.
/// </summary>
public sealed class Grant
{
    public const int EmailMaxLength = 254;

    public Guid Id { get; set; }

    public Guid OwnerId { get; set; }

    /// <summary>The address the owner typed, as typed.</summary>
    public string GranteeEmail { get; set; } = "";

    /// <summary>Upper-case form of <see cref="GranteeEmail"/>, matched against Identity's normalized email.</summary>
    public string NormalizedGranteeEmail { get; set; } = "";

    /// <summary>Set when the invitee accepts.</summary>
    public Guid? GranteeId { get; set; }

    public GrantKind Kind { get; set; }

    public DataStream Streams { get; set; }

    public GrantStatus Status { get; set; }

    /// <summary>The version of the consent text the owner agreed to for the current streams (<see cref="SharingConsent"/>).</summary>
    public int ConsentVersion { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>When the grant began to give access (accepted).</summary>
    public DateTime? AcceptedAt { get; set; }

    /// <summary>When it stopped: declined, revoked or left.</summary>
    public DateTime? EndedAt { get; set; }
}

internal sealed class GrantConfiguration : IEntityTypeConfiguration<Grant>
{
    public void Configure(EntityTypeBuilder<Grant> b)
    {
        b.ToTable("Grants");
        b.Property(g => g.GranteeEmail).HasMaxLength(Grant.EmailMaxLength);
        b.Property(g => g.NormalizedGranteeEmail).HasMaxLength(Grant.EmailMaxLength);
        b.Property(g => g.Kind).HasConversion<string>().HasMaxLength(16);
        b.Property(g => g.Status).HasConversion<string>().HasMaxLength(16);
        b.HasIndex(g => new { g.OwnerId, g.Status });
        b.HasIndex(g => new { g.GranteeId, g.Status });
        b.HasIndex(g => new { g.NormalizedGranteeEmail, g.Status });
        b.HasOne<AppUser>().WithMany().HasForeignKey(g => g.OwnerId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<AppUser>().WithMany().HasForeignKey(g => g.GranteeId).OnDelete(DeleteBehavior.Cascade);
    }
}
