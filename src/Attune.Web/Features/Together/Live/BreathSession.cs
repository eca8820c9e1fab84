using Attune.Web.Features.Accounts;
using Attune.Web.Features.CheckIns;
using Attune.Web.Features.Sharing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Attune.Web.Features.Together.Live;

/// <summary>How a breathe-together session ended.</summary>
public enum BreathOutcome
{
    /// <summary>One of them ended it, or it reached its length.</summary>
    Completed,

    /// <summary>Someone's connection dropped and they did not come back in time.</summary>
    Incomplete,

    /// <summary>The partner link ended during the session.</summary>
    Unlinked,

    /// <summary>An in-session view the client stopped sharing (or whose therapist consent ended) during the session.</summary>
    Revoked,
}

/// <summary>
/// A breathe-together session, saved when it ends: who (the starter owns it, the partner joined), when, the rhythm,
/// both people's states before and after, how it ended and the summary figures. The heart-rate curves are one value a
/// second (bpm, 0 where there was none), so a summary can be drawn again later.
/// </summary>
public sealed class BreathSession : IOwnedData<BreathSession>
{
    /// <summary>An hour of one value a second is at most 3,600 numbers of three digits.</summary>
    public const int CurveMaxLength = 16_000;

    public static DataStream Stream => DataStream.Together;

    public Guid Id { get; set; }

    /// <summary>Who started it.</summary>
    public Guid OwnerId { get; set; }

    public Guid PartnerId { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>The pacer's origin: breath one began at this server instant.</summary>
    public DateTime PacerStart { get; set; }

    public double BreathsPerMinute { get; set; }

    public DateTime? PartnerJoinedAt { get; set; }

    public DateTime EndedAt { get; set; }

    public BreathOutcome Outcome { get; set; }

    public NervousState? OwnerBefore { get; set; }

    public NervousState? OwnerAfter { get; set; }

    public NervousState? PartnerBefore { get; set; }

    public NervousState? PartnerAfter { get; set; }

    public double? OwnerMeanHeartRate { get; set; }

    public double? PartnerMeanHeartRate { get; set; }

    /// <summary>Mean |r| of the windowed cross-correlation over the whole session (the engine's strength figure).</summary>
    public double? Synchrony { get; set; }

    /// <summary>One-sided p of the segment-shuffle test, when there was enough to test.</summary>
    public double? SynchronyP { get; set; }

    /// <summary>Comma-separated bpm, one a second from <see cref="PacerStart"/>; 0 = no heart rate that second.</summary>
    public string? OwnerCurve { get; set; }

    public string? PartnerCurve { get; set; }
}

internal sealed class BreathSessionConfiguration : IEntityTypeConfiguration<BreathSession>
{
    public void Configure(EntityTypeBuilder<BreathSession> b)
    {
        b.ToTable("BreathSessions");
        b.Property(x => x.Outcome).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.OwnerBefore).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.OwnerAfter).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.PartnerBefore).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.PartnerAfter).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.OwnerCurve).HasMaxLength(BreathSession.CurveMaxLength);
        b.Property(x => x.PartnerCurve).HasMaxLength(BreathSession.CurveMaxLength);
        b.HasIndex(x => new { x.OwnerId, x.CreatedAt });
        b.HasIndex(x => new { x.PartnerId, x.CreatedAt });
        b.HasOne<AppUser>().WithMany().HasForeignKey(x => x.OwnerId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<AppUser>().WithMany().HasForeignKey(x => x.PartnerId).OnDelete(DeleteBehavior.Cascade);
    }
}
