using Attune.Analysis.Dyadic;
using Attune.Web.Features.Accounts;
using Attune.Web.Features.CheckIns;
using Attune.Web.Features.Sharing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Attune.Web.Features.Together;

/// <summary>
/// A repair after a rupture, started by one partner (its owner) with the other. Each person's side (how they
/// were before and after, what they tended to do) is their own <see cref="RepairPart"/>.
/// </summary>
public sealed class Repair : IOwnedData<Repair>
{
    public const int AgreementMaxLength = 500;

    public static DataStream Stream => DataStream.Together;

    public Guid Id { get; set; }

    /// <summary>Who started it.</summary>
    public Guid OwnerId { get; set; }

    /// <summary>The partner it was started with.</summary>
    public Guid PartnerId { get; set; }

    /// <summary>When things went wrong, as the starter remembers it; minutes to reconnect count from here.</summary>
    public DateTime RuptureAt { get; set; }

    public DateTime StartedAt { get; set; }

    /// <summary>When the starter finished the ritual; null while it is under way.</summary>
    public DateTime? CompletedAt { get; set; }

    /// <summary>The small agreement they made, in the starter's words.</summary>
    public string? Agreement { get; set; }
}

/// <summary>One partner's side of a repair.</summary>
public sealed class RepairPart : IOwnedData<RepairPart>
{
    public static DataStream Stream => DataStream.Together;

    public Guid Id { get; set; }

    public Guid OwnerId { get; set; }

    public Guid RepairId { get; set; }

    public NervousState StateBefore { get; set; }

    public NervousState? StateAfter { get; set; }

    /// <summary>What they tended to do in the conflict, as they name it afterwards.</summary>
    public ConflictMove? Move { get; set; }

    public DateTime JoinedAt { get; set; }

    public DateTime? DoneAt { get; set; }
}

internal sealed class RepairConfiguration : IEntityTypeConfiguration<Repair>
{
    public void Configure(EntityTypeBuilder<Repair> b)
    {
        b.ToTable("Repairs");
        b.Property(x => x.Agreement).HasMaxLength(Repair.AgreementMaxLength);
        b.HasIndex(x => new { x.OwnerId, x.StartedAt });
        b.HasIndex(x => new { x.PartnerId, x.StartedAt });
        b.HasOne<AppUser>().WithMany().HasForeignKey(x => x.OwnerId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<AppUser>().WithMany().HasForeignKey(x => x.PartnerId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class RepairPartConfiguration : IEntityTypeConfiguration<RepairPart>
{
    public void Configure(EntityTypeBuilder<RepairPart> b)
    {
        b.ToTable("RepairParts");
        b.Property(x => x.StateBefore).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.StateAfter).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.Move).HasConversion<string>().HasMaxLength(16);
        b.HasIndex(x => new { x.RepairId, x.OwnerId }).IsUnique();
        b.HasIndex(x => x.OwnerId);
        b.HasOne<Repair>().WithMany().HasForeignKey(x => x.RepairId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<AppUser>().WithMany().HasForeignKey(x => x.OwnerId).OnDelete(DeleteBehavior.Cascade);
    }
}
