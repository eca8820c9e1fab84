using Attune.Web.Features.Accounts;
using Attune.Web.Features.Sharing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Attune.Web.Features.Practices;

/// <summary>
/// A practice a person wrote for themselves: steps, the states it is for, and optionally a breathing rhythm.
/// Someone they share practices with can read it (and their sessions with it).
/// </summary>
public sealed class OwnPractice : IOwnedData<OwnPractice>
{
    public const int TitleMaxLength = 80;
    public const int SummaryMaxLength = 300;
    public const int CautionsMaxLength = 1000;

    public static DataStream Stream => DataStream.Practices;

    public Guid Id { get; set; }

    public Guid OwnerId { get; set; }

    public string Title { get; set; } = "";

    public string Summary { get; set; } = "";

    public PracticeGroup Group { get; set; }

    /// <summary>The states it suits, as state names, comma-separated ("activated,shutDown").</summary>
    public string States { get; set; } = "";

    /// <summary>The steps as JSON: [{"text":…,"seconds":…,"breathe":…}].</summary>
    public string Steps { get; set; } = "";

    public int Minutes { get; set; }

    /// <summary>Seconds of each breathing phase, or all null when it has no breathing rhythm.</summary>
    public double? Inhale { get; set; }

    public double? HoldIn { get; set; }

    public double? Exhale { get; set; }

    public double? HoldOut { get; set; }

    /// <summary>The person's own note of what to watch out for.</summary>
    public string? Cautions { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }
}

internal sealed class OwnPracticeConfiguration : IEntityTypeConfiguration<OwnPractice>
{
    public void Configure(EntityTypeBuilder<OwnPractice> b)
    {
        b.ToTable("OwnPractices");
        b.Property(p => p.Title).HasMaxLength(OwnPractice.TitleMaxLength);
        b.Property(p => p.Summary).HasMaxLength(OwnPractice.SummaryMaxLength);
        b.Property(p => p.Group).HasConversion<string>().HasMaxLength(16);
        b.Property(p => p.States).HasMaxLength(40);
        b.Property(p => p.Steps).HasMaxLength(16000);
        b.Property(p => p.Cautions).HasMaxLength(OwnPractice.CautionsMaxLength);
        b.HasIndex(p => new { p.OwnerId, p.Title });
        b.HasOne<AppUser>().WithMany().HasForeignKey(p => p.OwnerId).OnDelete(DeleteBehavior.Cascade);
    }
}
