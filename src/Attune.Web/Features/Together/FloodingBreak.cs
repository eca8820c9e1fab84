using Attune.Web.Features.Accounts;
using Attune.Web.Features.Sharing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Attune.Web.Features.Together;

/// <summary>
/// "I'm flooded, I need a break; back at HH:MM": a pause of at least twenty minutes to self-soothe, which the
/// partner sees (and hears about by push, if they allowed it), and a reminder to both to come back.
/// </summary>
public sealed class FloodingBreak : IOwnedData<FloodingBreak>
{
    public const int NoteMaxLength = 200;

    public static DataStream Stream => DataStream.Together;

    public Guid Id { get; set; }

    public Guid OwnerId { get; set; }

    public DateTime StartedAt { get; set; }

    /// <summary>When the person said they would be back.</summary>
    public DateTime ReturnAt { get; set; }

    /// <summary>When they said they were back; null while the break lasts.</summary>
    public DateTime? EndedAt { get; set; }

    /// <summary>A few kind words for the partner ("I love you, I need a moment"), or null.</summary>
    public string? Note { get; set; }

    /// <summary>Set by the one node that sent the "time to come back" reminder.</summary>
    public DateTime? ReturnReminderSentAt { get; set; }
}

internal sealed class FloodingBreakConfiguration : IEntityTypeConfiguration<FloodingBreak>
{
    public void Configure(EntityTypeBuilder<FloodingBreak> b)
    {
        b.ToTable("FloodingBreaks");
        b.Property(x => x.Note).HasMaxLength(FloodingBreak.NoteMaxLength);
        b.HasIndex(x => new { x.OwnerId, x.StartedAt });
        b.HasIndex(x => x.ReturnAt).HasFilter("\"EndedAt\" IS NULL AND \"ReturnReminderSentAt\" IS NULL");
        b.HasOne<AppUser>().WithMany().HasForeignKey(x => x.OwnerId).OnDelete(DeleteBehavior.Cascade);
    }
}
