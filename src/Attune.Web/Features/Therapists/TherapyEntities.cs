using Attune.Web.Features.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Attune.Web.Features.Therapists;

/// <summary>A practice: a group of therapists working together. Clients consent to one therapist, never to the practice.</summary>
public sealed class TherapyPractice
{
    public const int NameMaxLength = 100;

    public Guid Id { get; set; }

    public string Name { get; set; } = "";

    public DateTime CreatedAt { get; set; }
}

/// <summary>The therapist role: an account the instance administrator made a therapist, in one practice.</summary>
public sealed class Therapist
{
    public Guid UserId { get; set; }

    public Guid PracticeId { get; set; }

    public DateTime GrantedAt { get; set; }
}

/// <summary>
/// A therapist's invitation to a client: a one-time code (only its hash kept), optionally emailed. Accepting it with the
/// streams the client chooses makes a grant of kind therapist.
/// </summary>
public sealed class TherapistInvite
{
    public Guid Id { get; set; }

    public Guid TherapistId { get; set; }

    public string CodeHash { get; set; } = "";

    public DateTime CreatedAt { get; set; }

    public DateTime ExpiresAt { get; set; }

    public DateTime? AcceptedAt { get; set; }

    public Guid? AcceptedBy { get; set; }

    public DateTime? CancelledAt { get; set; }
}

public enum HomeworkKind
{
    Practice,
    Measure,
}

/// <summary>Something a therapist asks a client to do between sessions: a practice or a measure, a number of times a week.</summary>
public sealed class Homework
{
    public const int NoteMaxLength = 500;
    public const int ItemMaxLength = 64;

    public Guid Id { get; set; }

    public Guid TherapistId { get; set; }

    public Guid ClientId { get; set; }

    public HomeworkKind Kind { get; set; }

    /// <summary>A practice id, or a measure's slug.</summary>
    public string Item { get; set; } = "";

    public int TimesPerWeek { get; set; }

    /// <summary>A few words for the client, in the therapist's voice.</summary>
    public string? Note { get; set; }

    public DateTime StartsAt { get; set; }

    /// <summary>Ended by the therapist (or the consent it depends on).</summary>
    public DateTime? EndedAt { get; set; }
}

/// <summary>
/// A psychotherapy note: the therapist's own writing about a client, kept apart from the client's data. It is never shown
/// to the client's partner or anyone else, and never part of the client's export; only its author reads it.
/// </summary>
public sealed class TherapyNote
{
    public const int TextMaxLength = 8000;

    public Guid Id { get; set; }

    public Guid TherapistId { get; set; }

    public Guid ClientId { get; set; }

    public string Text { get; set; } = "";

    public DateTime CreatedAt { get; set; }
}

internal sealed class TherapyConfiguration :
    IEntityTypeConfiguration<TherapyPractice>, IEntityTypeConfiguration<Therapist>, IEntityTypeConfiguration<TherapistInvite>,
    IEntityTypeConfiguration<Homework>, IEntityTypeConfiguration<TherapyNote>
{
    public void Configure(EntityTypeBuilder<TherapyPractice> b)
    {
        b.ToTable("TherapyPractices");
        b.Property(p => p.Name).HasMaxLength(TherapyPractice.NameMaxLength);
        b.HasIndex(p => p.Name).IsUnique();
    }

    public void Configure(EntityTypeBuilder<Therapist> b)
    {
        b.ToTable("Therapists");
        b.HasKey(t => t.UserId);
        b.HasIndex(t => t.PracticeId);
        b.HasOne<AppUser>().WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<TherapyPractice>().WithMany().HasForeignKey(t => t.PracticeId).OnDelete(DeleteBehavior.Restrict);
    }

    public void Configure(EntityTypeBuilder<TherapistInvite> b)
    {
        b.ToTable("TherapistInvites");
        b.Property(i => i.CodeHash).HasMaxLength(64);
        b.HasIndex(i => i.CodeHash).IsUnique();
        b.HasIndex(i => i.TherapistId);
        b.HasIndex(i => i.AcceptedBy);
        b.HasOne<AppUser>().WithMany().HasForeignKey(i => i.TherapistId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<AppUser>().WithMany().HasForeignKey(i => i.AcceptedBy).OnDelete(DeleteBehavior.SetNull);
    }

    public void Configure(EntityTypeBuilder<Homework> b)
    {
        b.ToTable("Homework");
        b.Property(h => h.Kind).HasConversion<string>().HasMaxLength(16);
        b.Property(h => h.Item).HasMaxLength(Homework.ItemMaxLength);
        b.Property(h => h.Note).HasMaxLength(Homework.NoteMaxLength);
        b.HasIndex(h => new { h.ClientId, h.TherapistId });
        b.HasIndex(h => h.TherapistId);
        b.HasOne<AppUser>().WithMany().HasForeignKey(h => h.TherapistId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<AppUser>().WithMany().HasForeignKey(h => h.ClientId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<TherapyNote> b)
    {
        b.ToTable("TherapyNotes");
        b.Property(n => n.Text).HasMaxLength(TherapyNote.TextMaxLength);
        b.HasIndex(n => new { n.TherapistId, n.ClientId, n.CreatedAt });
        b.HasIndex(n => n.ClientId);
        b.HasOne<AppUser>().WithMany().HasForeignKey(n => n.TherapistId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<AppUser>().WithMany().HasForeignKey(n => n.ClientId).OnDelete(DeleteBehavior.Cascade);
    }
}
