using Attune.Web.Features.Accounts;
using Attune.Web.Features.Sharing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Attune.Web.Features.Recordings;

/// <summary>
/// One beat of an ECG recording that its owner added or removed by hand. The detector's beats are never stored:
/// they are found again from the original file, and these edits are applied on top, so deleting every edit
/// ("undo all edits") gives the detector's result back. At most one edit per sample of a recording: removing a
/// beat added by hand deletes that edit instead of adding a second.
/// </summary>
public sealed class BeatEdit : IOwnedData<BeatEdit>
{
    public static DataStream Stream => DataStream.Recordings;

    public Guid Id { get; set; }

    public Guid OwnerId { get; set; }

    public Guid RecordingId { get; set; }

    /// <summary>Index of the beat's sample in the recording's ECG.</summary>
    public int SampleIndex { get; set; }

    /// <summary>True for a beat added by hand, false for a detected beat removed by hand.</summary>
    public bool Added { get; set; }

    public DateTime CreatedAt { get; set; }
}

internal sealed class BeatEditConfiguration : IEntityTypeConfiguration<BeatEdit>
{
    public void Configure(EntityTypeBuilder<BeatEdit> b)
    {
        b.ToTable("BeatEdits");
        b.HasIndex(e => new { e.RecordingId, e.SampleIndex }).IsUnique();
        b.HasIndex(e => e.OwnerId);
        b.HasOne<Recording>().WithMany(r => r.BeatEdits).HasForeignKey(e => e.RecordingId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<AppUser>().WithMany().HasForeignKey(e => e.OwnerId).OnDelete(DeleteBehavior.Cascade);
    }
}
