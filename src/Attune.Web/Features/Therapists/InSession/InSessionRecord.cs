using Attune.Web.Features.Accounts;
using Attune.Web.Features.CheckIns;
using Attune.Web.Features.Sharing;
using Attune.Web.Features.Together.Live;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Attune.Web.Features.Therapists.InSession;

/// <summary>
/// A live in-session view between a therapist and one client: written when the client agrees for this session (the consent,
/// with the version of the text they read), completed when the session ends (both heart-rate curves, means, synchrony, the
/// client's state before and after). The client's data: the therapist reads it through <see cref="Access"/>, only while the
/// client's therapist grant covers heart data (<see cref="DataStream.Recordings"/>) and only while this session's consent
/// stands (<see cref="RevokedAt"/> unset).
/// </summary>
public sealed class InSessionRecord : IOwnedData<InSessionRecord>
{
    public static DataStream Stream => DataStream.Recordings;

    /// <summary>A session the client revoked is theirs alone from then on.</summary>
    public static System.Linq.Expressions.Expression<Func<InSessionRecord, bool>> VisibleToGrantees => s => s.RevokedAt == null;

    /// <summary>The live session's id.</summary>
    public Guid Id { get; set; }

    /// <summary>The client.</summary>
    public Guid OwnerId { get; set; }

    public Guid TherapistId { get; set; }

    /// <summary>When the therapist started it.</summary>
    public DateTime CreatedAt { get; set; }

    /// <summary>The version of <see cref="InSessionConsent"/> the client agreed to, and when.</summary>
    public int ConsentVersion { get; set; }

    public DateTime ConsentedAt { get; set; }

    /// <summary>When the client withdrew this session's consent (during it or later); the therapist sees nothing of it since.</summary>
    public DateTime? RevokedAt { get; set; }

    /// <summary>Null while under way.</summary>
    public DateTime? EndedAt { get; set; }

    /// <summary>Null while under way.</summary>
    public BreathOutcome? Outcome { get; set; }

    public NervousState? ClientBefore { get; set; }

    public NervousState? ClientAfter { get; set; }

    public double? TherapistMeanHeartRate { get; set; }

    public double? ClientMeanHeartRate { get; set; }

    /// <summary>Mean |r| of the windowed cross-correlation over the whole session, as breathing together computes it.</summary>
    public double? Synchrony { get; set; }

    public double? SynchronyP { get; set; }

    /// <summary>Comma-separated bpm, one a second from the start; 0 = none that second (as <see cref="BreathSession.OwnerCurve"/>).</summary>
    public string? TherapistCurve { get; set; }

    public string? ClientCurve { get; set; }
}

internal sealed class InSessionRecordConfiguration : IEntityTypeConfiguration<InSessionRecord>
{
    public void Configure(EntityTypeBuilder<InSessionRecord> b)
    {
        b.ToTable("InSessionRecords");
        b.Property(x => x.Outcome).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.ClientBefore).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.ClientAfter).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.TherapistCurve).HasMaxLength(BreathSession.CurveMaxLength);
        b.Property(x => x.ClientCurve).HasMaxLength(BreathSession.CurveMaxLength);
        b.HasIndex(x => new { x.OwnerId, x.CreatedAt });
        b.HasIndex(x => new { x.TherapistId, x.CreatedAt });
        b.HasOne<AppUser>().WithMany().HasForeignKey(x => x.OwnerId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<AppUser>().WithMany().HasForeignKey(x => x.TherapistId).OnDelete(DeleteBehavior.Cascade);
    }
}
