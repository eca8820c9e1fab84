using Attune.Web.Features.Accounts;
using Attune.Web.Features.Sharing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Attune.Web.Features.Together;

/// <summary>
/// An invitation to link as partners: a short code the inviter passes on by hand or as a link. Only the code's
/// hash is stored; the code itself is shown once. Accepting turns it into a pair of partner grants.
/// </summary>
public sealed class PartnerInvite
{
    public Guid Id { get; set; }

    public Guid InviterId { get; set; }

    /// <summary>SHA-256 of the normalized code, hex.</summary>
    public string CodeHash { get; set; } = "";

    /// <summary>What the inviter will share once linked (always including <see cref="DataStream.Together"/>).</summary>
    public DataStream Streams { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime ExpiresAt { get; set; }

    public DateTime? AcceptedAt { get; set; }

    public Guid? AcceptedBy { get; set; }

    /// <summary>Withdrawn by the inviter, or replaced by a newer code.</summary>
    public DateTime? CancelledAt { get; set; }
}

internal sealed class PartnerInviteConfiguration : IEntityTypeConfiguration<PartnerInvite>
{
    public void Configure(EntityTypeBuilder<PartnerInvite> b)
    {
        b.ToTable("PartnerInvites");
        b.Property(i => i.CodeHash).HasMaxLength(64);
        b.HasIndex(i => i.CodeHash).IsUnique();
        b.HasIndex(i => i.InviterId);
        b.HasOne<AppUser>().WithMany().HasForeignKey(i => i.InviterId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<AppUser>().WithMany().HasForeignKey(i => i.AcceptedBy).OnDelete(DeleteBehavior.SetNull);
    }
}
