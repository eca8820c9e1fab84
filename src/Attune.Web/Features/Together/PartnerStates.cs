using Attune.Web.Features.CheckIns;
using Attune.Web.Features.Sharing;

namespace Attune.Web.Features.Together;

/// <summary>A latest check-in, in brief: the state, its strength, the words; <c>stale</c> when older than six hours.</summary>
public sealed record SharedStateDto(Guid CheckInId, string State, int Intensity, string? Blend, string[] Words, DateTime OccurredAt, bool Stale);

/// <summary>What the Together page opens with: the partner, both latest states, the guidance, breaks and a repair under way.</summary>
public sealed record PartnerStateDto(
    PartnerDto Partner,
    SharedStateDto? Theirs,
    SharedStateDto? Mine,
    GuidanceDto Guidance,
    BreakDto? TheirBreak,
    BreakDto? MyBreak,
    RepairDto? OpenRepair);

/// <summary>The partner's latest shared state with guidance fitted to it and to the pair's combination.</summary>
public sealed class PartnerStates(Access access, CheckIns.CheckIns checkIns, Partners partners, Breaks breaks, Repairs repairs, TimeProvider clock)
{
    /// <summary>Null when the caller has no partner.</summary>
    public async Task<PartnerStateDto?> ForAsync(Guid me, CancellationToken cancel)
    {
        if (await partners.CurrentAsync(me, cancel) is not { } partner)
        {
            return null;
        }
        // Only check-ins the partner marked shared, and only while a grant of theirs covers check-ins.
        var theirs = await LatestAsync(me, Whose.Shared, partner.Id, cancel);
        var mine = await LatestAsync(me, Whose.Mine, me, cancel);
        var guidance = Guidance.For(partner.Name,
            theirs is null ? null : StateNames.Parse(theirs.State), theirs?.Intensity ?? 0,
            mine is null || mine.Stale ? null : StateNames.Parse(mine.State),
            theirs?.Stale ?? false);
        return new PartnerStateDto(partner, theirs, mine, guidance,
            await breaks.PartnersOpenAsync(me, partner.Id, cancel),
            await breaks.OpenAsync(me, cancel),
            await repairs.OpenAsync(me, partner.Id, cancel));
    }

    private async Task<SharedStateDto?> LatestAsync(Guid me, Whose whose, Guid owner, CancellationToken cancel)
    {
        var rows = await access.ListAsync<CheckIn, CheckIn>(me, whose,
            q => q.Where(c => c.OwnerId == owner).OrderByDescending(c => c.OccurredAt).Take(1), c => c, cancel);
        if (rows.Count == 0)
        {
            return null;
        }
        var dto = (await checkIns.ToDtosAsync(me, [rows[0].Value], cancel))[0];
        return new SharedStateDto(dto.Id, dto.State, dto.Intensity, dto.Blend, [.. dto.Emotions.Select(e => e.Name)], dto.OccurredAt,
            clock.GetUtcNow().UtcDateTime - dto.OccurredAt > Guidance.Fresh);
    }
}
