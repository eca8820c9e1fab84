using System.Linq.Expressions;
using Attune.Web.Features.Accounts;
using Attune.Web.Features.Sharing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Attune.Web.Features.CheckIns;

/// <summary>The three nervous-system states of Polyvagal Theory, as a person names them.</summary>
public enum NervousState
{
    /// <summary>Safe, curious, able to listen and play (ventral vagal).</summary>
    Connected,

    /// <summary>Fight or flight: anxious, angry, racing (sympathetic).</summary>
    Activated,

    /// <summary>Freeze or collapse: numb, withdrawn, foggy (dorsal vagal).</summary>
    ShutDown,
}

public enum CheckInVisibility
{
    /// <summary>Only its owner ever sees it.</summary>
    Private,

    /// <summary>People holding a check-ins grant from the owner can see it.</summary>
    Shared,
}

/// <summary>
/// "How am I feeling right now?": a nervous-system state with its intensity (and optionally a second,
/// blended state), the exact words for the feeling, where it sits in the body, and what was going on.
/// </summary>
public sealed class CheckIn : IOwnedData<CheckIn>
{
    public const int NoteMaxLength = 4000;
    public const int IdempotencyKeyMaxLength = 100;

    public static DataStream Stream => DataStream.CheckIns;

    /// <summary>Someone a person shares check-ins with sees only those marked shared, never a private one.</summary>
    public static Expression<Func<CheckIn, bool>> VisibleToGrantees => c => c.Visibility == CheckInVisibility.Shared;

    public Guid Id { get; set; }

    public Guid OwnerId { get; set; }

    /// <summary>The moment it describes, UTC.</summary>
    public DateTime OccurredAt { get; set; }

    /// <summary>The IANA zone the person was in, so the day and hour stay theirs even after travel.</summary>
    public string TimeZone { get; set; } = "UTC";

    /// <summary>The calendar day in <see cref="TimeZone"/>, for day, week and month views.</summary>
    public DateOnly LocalDate { get; set; }

    /// <summary>Minutes after local midnight (0 to 1439), for the time-of-day pattern.</summary>
    public int LocalMinute { get; set; }

    public NervousState State { get; set; }

    /// <summary>0 (barely) to 10 (completely).</summary>
    public int Intensity { get; set; }

    /// <summary>A second state mixed in (activated with shut down is "frozen"), or null.</summary>
    public NervousState? Blend { get; set; }

    /// <summary>Emotion word ids, comma-separated: the vocabulary's slugs and the person's own words ("my-…").</summary>
    public string Emotions { get; set; } = "";

    /// <summary>Body sensations as "region:sensation" pairs, comma-separated (vocabulary ids only).</summary>
    public string Body { get; set; } = "";

    /// <summary>Who, where, doing, own tags, triggers and glimmers, as JSON (<see cref="CheckInContextDto"/>).</summary>
    public string Context { get; set; } = "";

    /// <summary>Stress, 0 to 10.</summary>
    public int? Stress { get; set; }

    /// <summary>Hours slept the night before, 0 to 24 in half hours.</summary>
    public double? SleepHours { get; set; }

    /// <summary>Free text, stored exactly as written and always shown as text.</summary>
    public string? Note { get; set; }

    public CheckInVisibility Visibility { get; set; }

    /// <summary>Set by a client (or the page) so a retried submission is stored once.</summary>
    public string? IdempotencyKey { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }
}

internal sealed class CheckInConfiguration : IEntityTypeConfiguration<CheckIn>
{
    public void Configure(EntityTypeBuilder<CheckIn> b)
    {
        b.ToTable("CheckIns");
        b.Property(c => c.TimeZone).HasMaxLength(AppUser.TimeZoneMaxLength);
        b.Property(c => c.State).HasConversion<string>().HasMaxLength(16);
        b.Property(c => c.Blend).HasConversion<string>().HasMaxLength(16);
        b.Property(c => c.Visibility).HasConversion<string>().HasMaxLength(16);
        b.Property(c => c.Emotions).HasMaxLength(2000);
        b.Property(c => c.Body).HasMaxLength(2000);
        b.Property(c => c.Context).HasMaxLength(8000);
        b.Property(c => c.Note).HasMaxLength(CheckIn.NoteMaxLength);
        b.Property(c => c.IdempotencyKey).HasMaxLength(CheckIn.IdempotencyKeyMaxLength);
        b.HasIndex(c => new { c.OwnerId, c.OccurredAt });
        b.HasIndex(c => new { c.OwnerId, c.LocalDate });
        b.HasIndex(c => new { c.OwnerId, c.IdempotencyKey }).IsUnique();
        b.HasOne<AppUser>().WithMany().HasForeignKey(c => c.OwnerId).OnDelete(DeleteBehavior.Cascade);
    }
}
