using Attune.Web.Features.Accounts;
using Attune.Web.Features.Sharing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Attune.Web.Features.Together;

/// <summary>The small daily rituals of connection.</summary>
public enum RitualKind
{
    /// <summary>A long hug, twenty seconds or more.</summary>
    Hug,

    /// <summary>A slow kiss, six seconds or more.</summary>
    Kiss,

    /// <summary>Something one appreciates about the other, said out loud (and optionally written here).</summary>
    Appreciation,

    /// <summary>An answer to the day's question.</summary>
    Question,
}

/// <summary>One ritual moment, noted by one partner; the other sees it through the together stream.</summary>
public sealed class RitualMoment : IOwnedData<RitualMoment>
{
    public const int TextMaxLength = 500;

    public static DataStream Stream => DataStream.Together;

    public Guid Id { get; set; }

    public Guid OwnerId { get; set; }

    public RitualKind Kind { get; set; }

    public DateTime At { get; set; }

    /// <summary>The day in the person's zone, so "this week" is theirs.</summary>
    public DateOnly LocalDate { get; set; }

    /// <summary>The appreciation or the answer, when they wrote one.</summary>
    public string? Text { get; set; }

    /// <summary>Which question an answer answers (<see cref="DailyQuestions"/>).</summary>
    public int? QuestionNumber { get; set; }
}

/// <summary>One person's Together settings.</summary>
public sealed class TogetherPreferences : IOwnedData<TogetherPreferences>
{
    public static DataStream Stream => DataStream.Together;

    /// <summary>Never visible to anyone but the owner.</summary>
    public static System.Linq.Expressions.Expression<Func<TogetherPreferences, bool>> VisibleToGrantees => _ => false;

    public Guid Id => OwnerId;

    public Guid OwnerId { get; set; }

    /// <summary>Push the partner's breaks, repairs and the reminder to come back to this person's browsers.</summary>
    public bool NotifyByPush { get; set; }

    public DateTime UpdatedAt { get; set; }
}

internal sealed class RitualMomentConfiguration : IEntityTypeConfiguration<RitualMoment>
{
    public void Configure(EntityTypeBuilder<RitualMoment> b)
    {
        b.ToTable("RitualMoments");
        b.Property(x => x.Kind).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.Text).HasMaxLength(RitualMoment.TextMaxLength);
        b.HasIndex(x => new { x.OwnerId, x.LocalDate });
        b.HasOne<AppUser>().WithMany().HasForeignKey(x => x.OwnerId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class TogetherPreferencesConfiguration : IEntityTypeConfiguration<TogetherPreferences>
{
    public void Configure(EntityTypeBuilder<TogetherPreferences> b)
    {
        b.ToTable("TogetherPreferences");
        b.HasKey(x => x.OwnerId);
        b.Ignore(x => x.Id);
        b.HasOne<AppUser>().WithMany().HasForeignKey(x => x.OwnerId).OnDelete(DeleteBehavior.Cascade);
    }
}
