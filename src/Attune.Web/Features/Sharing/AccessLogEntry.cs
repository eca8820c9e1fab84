using Attune.Web.Features.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Attune.Web.Features.Sharing;

/// <summary>
/// One read of a person's data by someone else. Who, whose, which stream, which item (an id, or none
/// for a list), when: never any of the data itself.
/// </summary>
public sealed class AccessLogEntry
{
    public long Id { get; set; }

    public Guid OwnerId { get; set; }

    /// <summary>Null once the reader has deleted their account; the owner still sees that a read happened.</summary>
    public Guid? ReaderId { get; set; }

    public DataStream Stream { get; set; }

    /// <summary>The item read, or null when the reader saw a list.</summary>
    public Guid? ResourceId { get; set; }

    public DateTime At { get; set; }
}

internal sealed class AccessLogEntryConfiguration : IEntityTypeConfiguration<AccessLogEntry>
{
    public void Configure(EntityTypeBuilder<AccessLogEntry> b)
    {
        b.ToTable("AccessLog");
        b.HasIndex(e => new { e.OwnerId, e.At });
        b.HasOne<AppUser>().WithMany().HasForeignKey(e => e.OwnerId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<AppUser>().WithMany().HasForeignKey(e => e.ReaderId).OnDelete(DeleteBehavior.SetNull);
    }
}
