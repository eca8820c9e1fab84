using Attune.Web.Features.Accounts;
using Attune.Web.Features.Sharing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Attune.Web.Features.Recordings;

public enum RecordingKind
{
    /// <summary>RR intervals (beat-to-beat), from a chest strap export or a CSV.</summary>
    Rr,

    /// <summary>Heart rate in bpm at timestamps.</summary>
    HeartRate,

    /// <summary>Raw single-lead ECG samples.</summary>
    Ecg,
}

/// <summary>
/// One uploaded heart recording, owned by one person. Kept as its own entity so that check-ins and
/// live sessions can point at it later. The original file is stored compressed so it can be
/// re-analysed when the analysis improves.
/// </summary>
public sealed class Recording : IOwnedData<Recording>
{
    public static DataStream Stream => DataStream.Recordings;

    public const int NameMaxLength = 100;
    public const int FileNameMaxLength = 200;

    public Guid Id { get; set; }

    public Guid OwnerId { get; set; }

    public string Name { get; set; } = "";

    public RecordingKind Kind { get; set; }

    public string OriginalFileName { get; set; } = "";

    /// <summary>Wall-clock time of the first sample or beat, when the file says (needed to align two people).</summary>
    public DateTime? StartedAt { get; set; }

    public DateTime UploadedAt { get; set; }

    public double? SampleRateHz { get; set; }

    public double DurationSeconds { get; set; }

    /// <summary>Beats for RR and heart rate, samples for ECG.</summary>
    public int PointCount { get; set; }

    /// <summary>The uploaded file, gzip-compressed.</summary>
    public byte[] Content { get; set; } = [];

    /// <summary>Bytes of <see cref="Content"/>, kept beside it so an account's storage can be summed without reading files.</summary>
    public long StoredBytes { get; set; }

    /// <summary>
    /// The version of what the analysis reads, starting at 1. Whatever changes that (a replaced file, beat edits)
    /// increments it in the same transaction; cached analyses and their ETags are keyed by it, so a change is never
    /// answered with the analysis of before (docs/decisions/0008-precompressed-analysis-and-breach.md).
    /// </summary>
    public int ContentVersion { get; set; } = 1;
}

internal sealed class RecordingConfiguration : IEntityTypeConfiguration<Recording>
{
    public void Configure(EntityTypeBuilder<Recording> b)
    {
        b.ToTable("Recordings");
        b.Property(r => r.Name).HasMaxLength(Recording.NameMaxLength);
        b.Property(r => r.OriginalFileName).HasMaxLength(Recording.FileNameMaxLength);
        b.Property(r => r.Kind).HasConversion<string>().HasMaxLength(16);
        b.Property(r => r.StoredBytes).HasDefaultValue(0L);
        b.Property(r => r.ContentVersion).HasDefaultValue(1);
        b.HasIndex(r => new { r.OwnerId, r.UploadedAt });
        b.HasOne<AppUser>().WithMany().HasForeignKey(r => r.OwnerId).OnDelete(DeleteBehavior.Cascade);
    }
}
