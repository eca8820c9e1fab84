using Attune.Web.Features.Accounts;
using Attune.Web.Features.Sharing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Attune.Web.Features.CheckIns;

/// <summary>
/// A feeling word a person added to their own vocabulary, placed by them on pleasantness and energy.
/// People a person shares check-ins with see these words only as part of shared check-ins.
/// </summary>
public sealed class CustomEmotion : IOwnedData<CustomEmotion>
{
    public const int NameMaxLength = 40;
    public const int DefinitionMaxLength = 200;
    public const string IdPrefix = "my-";

    public static DataStream Stream => DataStream.CheckIns;

    public Guid Id { get; set; }

    public Guid OwnerId { get; set; }

    public string Name { get; set; } = "";

    /// <summary>Lower-case <see cref="Name"/>, unique per person.</summary>
    public string NormalizedName { get; set; } = "";

    public string? Definition { get; set; }

    public int Pleasantness { get; set; }

    public int Energy { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>The id a check-in uses for this word.</summary>
    public string WordId => IdPrefix + Id.ToString("N");

    public static Guid? ParseWordId(string id) =>
        id.StartsWith(IdPrefix, StringComparison.Ordinal) && Guid.TryParseExact(id[IdPrefix.Length..], "N", out var guid) ? guid : null;
}

internal sealed class CustomEmotionConfiguration : IEntityTypeConfiguration<CustomEmotion>
{
    public void Configure(EntityTypeBuilder<CustomEmotion> b)
    {
        b.ToTable("CustomEmotions");
        b.Ignore(e => e.WordId);
        b.Property(e => e.Name).HasMaxLength(CustomEmotion.NameMaxLength);
        b.Property(e => e.NormalizedName).HasMaxLength(CustomEmotion.NameMaxLength);
        b.Property(e => e.Definition).HasMaxLength(CustomEmotion.DefinitionMaxLength);
        b.HasIndex(e => new { e.OwnerId, e.NormalizedName }).IsUnique();
        b.HasOne<AppUser>().WithMany().HasForeignKey(e => e.OwnerId).OnDelete(DeleteBehavior.Cascade);
    }
}
