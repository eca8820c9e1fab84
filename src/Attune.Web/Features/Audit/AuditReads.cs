using Attune.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Attune.Web.Features.Audit;

/// <summary>Who acted: an account (named for its owner's eyes), or nobody signed in / Attune itself (id null).</summary>
public sealed record AuditActorDto(Guid? Id, string Name);

/// <summary>
/// One audit entry. <c>place</c> is a short keyed hash of the client's address: equal values mean the same address,
/// and the address itself is never stored. <c>owner</c> is whose account or data it concerns.
/// </summary>
public sealed record AuditEntryDto(
    long Sequence, DateTime At, string Action, string Description, string? ResourceKind, string? ResourceId, string Result,
    AuditActorDto? Actor, Guid? Owner, string? Place);

/// <summary>Newest first; pass <c>before</c> from one page to get the next.</summary>
public sealed record AuditPageDto(List<AuditEntryDto> Entries, long? Before);

/// <summary>What walking the whole chain found. <c>brokenAt</c> is the first entry that does not hold, if any.</summary>
public sealed record AuditVerificationDto(bool Intact, long Verified, long? BrokenAt, string? Problem, string? HeadHash);

public static class AuditReads
{
    public const int PageSize = 50;

    /// <summary>The entries about one person's account and data (<paramref name="owner"/>), or all of them (null, administrators).</summary>
    public static async Task<AuditPageDto> PageAsync(AttuneDb db, Guid? owner, Guid viewer, long? before, int limit, CancellationToken cancel)
    {
        var query = db.AuditEntries.AsNoTracking().Where(e => before == null || e.Sequence < before);
        if (owner is { } o)
        {
            query = query.Where(e => e.OwnerId == o);
        }
        var rows = await (
                from e in query
                join u in db.Users on e.ActorId equals u.Id into actors
                from u in actors.DefaultIfEmpty()
                orderby e.Sequence descending
                select new { Entry = e, Name = u == null ? null : u.DisplayName, Email = u == null ? null : u.Email })
            .Take(limit + 1)
            .ToListAsync(cancel);
        var entries = rows.Take(limit).Select(r => new AuditEntryDto(
            r.Entry.Sequence, r.Entry.At, r.Entry.Action, AuditActions.Describe(r.Entry.Action, AuditKinds.Label(r.Entry.ResourceKind)),
            r.Entry.ResourceKind, r.Entry.ResourceId, r.Entry.Result,
            r.Entry.ActorId is not { } actor ? null
                : new AuditActorDto(actor, actor == viewer ? "You"
                    : r.Email is null ? "An account that has since been deleted"
                    : string.IsNullOrWhiteSpace(r.Name) ? r.Email : r.Name),
            r.Entry.OwnerId, r.Entry.AddressHash?[..8])).ToList();
        return new AuditPageDto(entries, rows.Count > limit ? entries[^1].Sequence : null);
    }

    public static AuditVerificationDto ToDto(AuditVerification v) => new(v.Intact, v.Verified, v.BrokenAt, v.Problem, v.HeadHash);
}
