using Attune.Web.Features.Accounts;
using Attune.Web.Features.CheckIns;
using Attune.Web.Features.Sharing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Attune.Web.Features.Practices;

/// <summary>
/// One time a person did a practice, with the one-tap check before and after it: the raw material of what
/// Attune learns about which practices help them.
/// </summary>
public sealed class PracticeSession : IOwnedData<PracticeSession>
{
    public const int PracticeIdMaxLength = 64;

    public static DataStream Stream => DataStream.Practices;

    public Guid Id { get; set; }

    public Guid OwnerId { get; set; }

    /// <summary>A library id ("physiological-sigh") or an own practice's GUID ("N" format is not used: the usual "D").</summary>
    public string PracticeId { get; set; } = "";

    public DateTime StartedAt { get; set; }

    public DateTime EndedAt { get; set; }

    public NervousState BeforeState { get; set; }

    public int BeforeIntensity { get; set; }

    public NervousState AfterState { get; set; }

    public int AfterIntensity { get; set; }

    /// <summary>The change towards connected, −20 … +20 (Attune.Analysis.Practices.SessionEffect), kept for sums in the database.</summary>
    public int Effect { get; set; }

    /// <summary>How much the person liked it, 1–5, if they said.</summary>
    public int? Rating { get; set; }

    /// <summary>Sent by the client with every session; a second submission with the same key is refused.</summary>
    public string IdempotencyKey { get; set; } = "";

    public DateTime CreatedAt { get; set; }
}

internal sealed class PracticeSessionConfiguration : IEntityTypeConfiguration<PracticeSession>
{
    public void Configure(EntityTypeBuilder<PracticeSession> b)
    {
        b.ToTable("PracticeSessions");
        b.Property(s => s.PracticeId).HasMaxLength(PracticeSession.PracticeIdMaxLength);
        b.Property(s => s.BeforeState).HasConversion<string>().HasMaxLength(16);
        b.Property(s => s.AfterState).HasConversion<string>().HasMaxLength(16);
        b.Property(s => s.IdempotencyKey).HasMaxLength(CheckIn.IdempotencyKeyMaxLength);
        b.HasIndex(s => new { s.OwnerId, s.IdempotencyKey }).IsUnique();
        b.HasIndex(s => new { s.OwnerId, s.StartedAt });
        b.HasIndex(s => new { s.PracticeId, s.BeforeState });
        b.HasOne<AppUser>().WithMany().HasForeignKey(s => s.OwnerId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>A person's practice settings: for now the breathing rate the resonance finder chose with them.</summary>
public sealed class PracticePreferences : IOwnedData<PracticePreferences>
{
    public static DataStream Stream => DataStream.Practices;

    public Guid Id => OwnerId;

    public Guid OwnerId { get; set; }

    /// <summary>Breaths a minute, 4.5–7, or null before the finder has been used.</summary>
    public double? ResonanceRate { get; set; }

    /// <summary>What the finder chose by: "comfort" now; "heartRate" once a strap is connected (the live issue).</summary>
    public string? ResonanceBasis { get; set; }

    public DateTime UpdatedAt { get; set; }
}

internal sealed class PracticePreferencesConfiguration : IEntityTypeConfiguration<PracticePreferences>
{
    public void Configure(EntityTypeBuilder<PracticePreferences> b)
    {
        b.ToTable("PracticePreferences");
        b.HasKey(p => p.OwnerId);
        b.Ignore(p => p.Id);
        b.Property(p => p.ResonanceBasis).HasMaxLength(16);
        b.HasOne<AppUser>().WithOne().HasForeignKey<PracticePreferences>(p => p.OwnerId).OnDelete(DeleteBehavior.Cascade);
    }
}
