using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Attune.Web.Features.Recordings;

/// <summary>Where a recording's durable analysis job stands (decision 0022).</summary>
public enum AnalysisJobState
{
    /// <summary>Waiting for a node to claim it once <see cref="AnalysisJob.LeaseUntil"/> has passed.</summary>
    Queued,

    /// <summary>Claimed by <see cref="AnalysisJob.LeaseOwner"/> until <see cref="AnalysisJob.LeaseUntil"/>, renewed while it runs.</summary>
    Running,

    /// <summary>Its result is stored in <see cref="StoredAnalysis"/>.</summary>
    Done,

    /// <summary>Gave up after <see cref="AnalysisOptions.MaxAttempts"/> attempts; a change to the recording starts it afresh.</summary>
    Failed,
}

/// <summary>
/// The durable half of a recording's analysis, shared by every node: one row per recording, written in the same
/// transaction as the recording (or by the first reader that finds neither a result nor a job). A node claims it with a
/// lease, runs it in its own <see cref="AnalysisQueue"/> and renews the lease while it runs; a node that dies leaves a lease
/// that runs out, and another node's <see cref="AnalysisSweeper"/> claims it again. Not health data by itself (no
/// content), and reached only after the recording's access check or by the system on the owner's behalf.
/// </summary>
public sealed class AnalysisJob
{
    public Guid RecordingId { get; set; }

    /// <summary>The recording's owner, so the node that runs the job reads the recording as the owner's own data.</summary>
    public Guid OwnerId { get; set; }

    /// <summary>The <see cref="Recording.ContentVersion"/> to analyse; a newer version resets the job.</summary>
    public int ContentVersion { get; set; }

    public AnalysisJobState State { get; set; }

    /// <summary>The node holding the lease (its <c>Attune:NodeName</c> and a per-process suffix), null when queued.</summary>
    public string? LeaseOwner { get; set; }

    /// <summary>Running: the lease ends here unless renewed. Queued: not claimed before this instant (a retry's pause).</summary>
    public DateTime LeaseUntil { get; set; }

    /// <summary>Claims so far, counted when a node claims it (so a node that dies with it counts too).</summary>
    public int Attempts { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    public const int LeaseOwnerMaxLength = 200;
}

/// <summary>
/// A finished analysis as the API sends it, compressed once when it was computed (gzip and Brotli, decision 0008), with
/// its tag, and the series the interactive views cut from (<see cref="AnalysisSeriesCodec"/>). Keyed by the recording
/// and its content version; deleted with the recording (and so with an erased account).
/// </summary>
public sealed class StoredAnalysis
{
    public Guid RecordingId { get; set; }

    public int ContentVersion { get; set; }

    /// <summary><see cref="EncodedJson.Tag"/>: the ETag base of the three representations.</summary>
    public string Tag { get; set; } = "";

    public byte[] Gzip { get; set; } = [];

    public byte[] Brotli { get; set; } = [];

    /// <summary>Beats, corrected beat times, ECG peaks and heart-rate samples, Brotli-compressed (<see cref="AnalysisSeriesCodec"/>).</summary>
    public byte[] Series { get; set; } = [];

    /// <summary>The node that computed it, for the proof script and the log.</summary>
    public string Node { get; set; } = "";

    public DateTime CreatedAt { get; set; }
}

internal sealed class AnalysisJobConfiguration : IEntityTypeConfiguration<AnalysisJob>
{
    public void Configure(EntityTypeBuilder<AnalysisJob> b)
    {
        b.ToTable("AnalysisJobs");
        b.HasKey(j => j.RecordingId);
        b.Property(j => j.State).HasConversion<string>().HasMaxLength(16);
        b.Property(j => j.LeaseOwner).HasMaxLength(AnalysisJob.LeaseOwnerMaxLength);
        b.HasIndex(j => new { j.State, j.LeaseUntil });
        b.HasOne<Recording>().WithOne().HasForeignKey<AnalysisJob>(j => j.RecordingId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class StoredAnalysisConfiguration : IEntityTypeConfiguration<StoredAnalysis>
{
    public void Configure(EntityTypeBuilder<StoredAnalysis> b)
    {
        b.ToTable("AnalysisResults");
        b.HasKey(s => new { s.RecordingId, s.ContentVersion });
        b.Property(s => s.Tag).HasMaxLength(32);
        b.Property(s => s.Node).HasMaxLength(AnalysisJob.LeaseOwnerMaxLength);
        b.HasOne<Recording>().WithMany().HasForeignKey(s => s.RecordingId).OnDelete(DeleteBehavior.Cascade);
    }
}
