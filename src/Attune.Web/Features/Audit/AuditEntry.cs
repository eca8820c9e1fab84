using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Attune.Web.Features.Audit;

/// <summary>
/// One link of the audit chain: who did what to whose account or data, when, and how it ended. Never any health data,
/// names or email addresses: people appear only by account id, things by kind and id. Rows are only ever added
/// (<see cref="AuditInterceptor"/> numbers and hashes them as they are saved); there is no code that changes or
/// deletes one, and on both databases a trigger refuses it (docs/decisions/0011-audit-log.md).
/// </summary>
public sealed class AuditEntry
{
    public const int ActionMaxLength = 40;
    public const int KindMaxLength = 40;
    public const int ResourceIdMaxLength = 64;

    /// <summary>1, 2, 3, … without gaps: a missing number is a deleted row.</summary>
    public long Sequence { get; set; }

    public DateTime At { get; set; }

    /// <summary>Who acted; null when nobody was signed in (a failed sign-in, a reset by emailed link) or Attune itself.</summary>
    public Guid? ActorId { get; set; }

    /// <summary>Whose account or data it concerns; null when no account is known (a sign-in for an unknown address).</summary>
    public Guid? OwnerId { get; set; }

    /// <summary>What happened, e.g. <c>signin.failed</c> or <c>checkin.created</c> (<see cref="AuditActions"/>).</summary>
    public string Action { get; set; } = "";

    /// <summary>The kind of thing acted on (<c>checkin</c>, <c>recording</c>, <c>grant</c>, <c>token</c>, …), if any.</summary>
    public string? ResourceKind { get; set; }

    public string? ResourceId { get; set; }

    /// <summary><c>ok</c>, <c>failed</c> or <c>refused</c>.</summary>
    public string Result { get; set; } = AuditResults.Ok;

    /// <summary>A keyed hash of the client's address (<see cref="AuditAddresses"/>), or null; never the address.</summary>
    public string? AddressHash { get; set; }

    /// <summary>Lower-case hex SHA-256 of the previous entry's hash and this entry's canonical form (<see cref="AuditChain"/>).</summary>
    public string Hash { get; set; } = "";

    /// <summary>Made by the interceptor from a change it saw (not stored); made again if a save is retried.</summary>
    internal bool Derived { get; set; }
}

public static class AuditResults
{
    public const string Ok = "ok";
    public const string Failed = "failed";
    public const string Refused = "refused";
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.ToTable("AuditEntries");
        b.HasKey(e => e.Sequence);
        b.Property(e => e.Sequence).ValueGeneratedNever();
        b.Property(e => e.Action).HasMaxLength(AuditEntry.ActionMaxLength);
        b.Property(e => e.ResourceKind).HasMaxLength(AuditEntry.KindMaxLength);
        b.Property(e => e.ResourceId).HasMaxLength(AuditEntry.ResourceIdMaxLength);
        b.Property(e => e.Result).HasMaxLength(10);
        b.Property(e => e.AddressHash).HasMaxLength(32);
        b.Property(e => e.Hash).HasMaxLength(64);
        b.Ignore(e => e.Derived);
        // No foreign keys: entries outlive the accounts they name, and a cascade would break the chain.
        b.HasIndex(e => new { e.OwnerId, e.Sequence });
    }
}
