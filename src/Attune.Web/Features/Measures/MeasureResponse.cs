using Attune.Analysis.Measures;
using Attune.Web.Features.Accounts;
using Attune.Web.Features.Sharing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Attune.Web.Features.Measures;

/// <summary>
/// One filled-in questionnaire (WHO-5, PHQ-9, GAD-7 or CSI-4): the answers as given, and the total, band and
/// safety flag the server computed from them when it was stored.
/// </summary>
public sealed class MeasureResponse : IOwnedData<MeasureResponse>
{
    public const int IdempotencyKeyMaxLength = 100;

    public static DataStream Stream => DataStream.Measures;

    public Guid Id { get; set; }

    public Guid OwnerId { get; set; }

    public MeasureKind Kind { get; set; }

    /// <summary>The item answers in item order, comma-separated ("0,1,3,…").</summary>
    public string Answers { get; set; } = "";

    public int Total { get; set; }

    /// <summary>The band's id ("moderatelySevere"), from <see cref="Instrument.BandOf"/>.</summary>
    public string Band { get; set; } = "";

    /// <summary>PHQ-9 item 9 above 0: the safety screen was shown.</summary>
    public bool SafetyScreen { get; set; }

    /// <summary>When it was filled in, UTC.</summary>
    public DateTime TakenAt { get; set; }

    /// <summary>Set by a client (or the page) so a repeated submission is refused instead of stored twice.</summary>
    public string? IdempotencyKey { get; set; }

    public int[] AnswerValues() => [.. Answers.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(a => int.Parse(a, System.Globalization.CultureInfo.InvariantCulture))];
}

internal sealed class MeasureResponseConfiguration : IEntityTypeConfiguration<MeasureResponse>
{
    public void Configure(EntityTypeBuilder<MeasureResponse> b)
    {
        b.ToTable("MeasureResponses");
        b.Property(m => m.Kind).HasConversion<string>().HasMaxLength(16);
        b.Property(m => m.Answers).HasMaxLength(100);
        b.Property(m => m.Band).HasMaxLength(32);
        b.Property(m => m.IdempotencyKey).HasMaxLength(MeasureResponse.IdempotencyKeyMaxLength);
        b.HasIndex(m => new { m.OwnerId, m.Kind, m.TakenAt });
        b.HasIndex(m => new { m.OwnerId, m.IdempotencyKey }).IsUnique();
        b.HasOne<AppUser>().WithMany().HasForeignKey(m => m.OwnerId).OnDelete(DeleteBehavior.Cascade);
    }
}
