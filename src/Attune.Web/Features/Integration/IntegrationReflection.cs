using Attune.Web.Features.Accounts;
using Attune.Web.Features.Sharing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Attune.Web.Features.Integration;

/// <summary>
/// A reflection on the nine domains of integration: where a person placed themselves on the river, from −3 (towards
/// chaos) to +3 (towards rigidity), for each.
/// </summary>
/// <remarks>
/// Shared under the <c>measures</c> stream: like the questionnaires it is a periodic self-report of how someone is
/// doing, read by the same people (a therapist, a partner), so a separate consent and token scope would add a choice
/// without protecting anything more (docs/measures.md).
/// </remarks>
public sealed class IntegrationReflection : IOwnedData<IntegrationReflection>
{
    public const int IdempotencyKeyMaxLength = 100;

    public static DataStream Stream => DataStream.Measures;

    public Guid Id { get; set; }

    public Guid OwnerId { get; set; }

    public DateTime TakenAt { get; set; }

    public int Consciousness { get; set; }

    public int Horizontal { get; set; }

    public int Vertical { get; set; }

    public int Memory { get; set; }

    public int Narrative { get; set; }

    public int State { get; set; }

    public int Interpersonal { get; set; }

    public int Temporal { get; set; }

    public int Transpirational { get; set; }

    public string? IdempotencyKey { get; set; }

    /// <summary>The nine places in the order of <see cref="IntegrationDomains.All"/>.</summary>
    public int[] Values() => [Consciousness, Horizontal, Vertical, Memory, Narrative, State, Interpersonal, Temporal, Transpirational];

    public void SetValues(IReadOnlyList<int> v) =>
        (Consciousness, Horizontal, Vertical, Memory, Narrative, State, Interpersonal, Temporal, Transpirational) =
        (v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8]);
}

internal sealed class IntegrationReflectionConfiguration : IEntityTypeConfiguration<IntegrationReflection>
{
    public void Configure(EntityTypeBuilder<IntegrationReflection> b)
    {
        b.ToTable("IntegrationReflections");
        b.Property(r => r.IdempotencyKey).HasMaxLength(IntegrationReflection.IdempotencyKeyMaxLength);
        b.HasIndex(r => new { r.OwnerId, r.TakenAt });
        b.HasIndex(r => new { r.OwnerId, r.IdempotencyKey }).IsUnique();
        b.HasOne<AppUser>().WithMany().HasForeignKey(r => r.OwnerId).OnDelete(DeleteBehavior.Cascade);
    }
}
