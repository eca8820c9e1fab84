using Attune.Web.Data;
using Attune.Web.Features.Audit;
using Attune.Web.Features.Sharing;
using Attune.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Attune.Web.Features.Therapists;

public sealed record TherapistDto(Guid Id, string Name, string Email, string Practice, DateTime Since, int Clients);

public abstract record RoleOutcome
{
    public sealed record Done(TherapistDto Therapist) : RoleOutcome;

    public sealed record Invalid(string Field, string Message) : RoleOutcome;
}

/// <summary>
/// The therapist role, which only the instance administrator gives and takes away (page, API and <c>admin therapist</c>),
/// and the practices therapists belong to. Whether someone is a therapist is asked of the database on every request.
/// </summary>
public sealed class TherapistRoles(AttuneDb db, TimeProvider clock, ILookupNormalizer normalizer, AuditLog audit)
{
    public static Task<bool> IsTherapistAsync(AttuneDb db, Guid userId, CancellationToken cancel = default) =>
        db.Set<Therapist>().AnyAsync(t => t.UserId == userId, cancel);

    public async Task<List<TherapistDto>> ListAsync(CancellationToken cancel)
    {
        var rows = await (
                from t in db.Set<Therapist>().AsNoTracking()
                join u in db.Users on t.UserId equals u.Id
                join p in db.Set<TherapyPractice>() on t.PracticeId equals p.Id
                orderby p.Name, u.Email
                select new { t.UserId, u.DisplayName, u.Email, Practice = p.Name, t.GrantedAt })
            .ToListAsync(cancel);
        var counts = await db.Grants.AsNoTracking()
            .Where(g => g.Kind == GrantKind.Therapist && g.Status == GrantStatus.Active && g.GranteeId != null)
            .GroupBy(g => g.GranteeId!.Value).Select(g => new { Id = g.Key, Clients = g.Select(x => x.OwnerId).Distinct().Count() })
            .ToDictionaryAsync(g => g.Id, g => g.Clients, cancel);
        return [.. rows.Select(r => new TherapistDto(r.UserId, string.IsNullOrWhiteSpace(r.DisplayName) ? r.Email ?? "" : r.DisplayName,
            r.Email ?? "", r.Practice, r.GrantedAt, counts.GetValueOrDefault(r.UserId)))];
    }

    /// <summary>Makes the account with <paramref name="email"/> a therapist in <paramref name="practiceName"/> (made if new).</summary>
    public async Task<RoleOutcome> GrantAsync(Guid? admin, string? email, string? practiceName, CancellationToken cancel)
    {
        var (practice, practiceError) = TextRules.SingleLine(practiceName, TherapyPractice.NameMaxLength, "practice", required: true);
        if (practiceError is not null || practice is null)
        {
            return new RoleOutcome.Invalid("practice", "Please give the practice a name (up to 100 characters).");
        }
        var normalized = normalizer.NormalizeEmail(email?.Trim());
        var user = string.IsNullOrEmpty(normalized) ? null
            : await db.Users.Where(u => u.NormalizedEmail == normalized).Select(u => new { u.Id }).FirstOrDefaultAsync(cancel);
        if (user is null)
        {
            return new RoleOutcome.Invalid("email", "There is no account with that address. Invite them first; once they have an account, come back here.");
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var group = await db.Set<TherapyPractice>().FirstOrDefaultAsync(p => p.Name == practice, cancel);
        if (group is null)
        {
            group = new TherapyPractice { Id = Guid.CreateVersion7(), Name = practice, CreatedAt = now };
            db.Add(group);
        }
        var existing = await db.Set<Therapist>().FirstOrDefaultAsync(t => t.UserId == user.Id, cancel);
        if (existing is null)
        {
            db.Add(new Therapist { UserId = user.Id, PracticeId = group.Id, GrantedAt = now });
        }
        else
        {
            existing.PracticeId = group.Id;
        }
        audit.Add(AuditActions.TherapistGranted, user.Id, "account", user.Id.ToString(), actor: admin);
        await db.SaveChangesAsync(cancel);
        return new RoleOutcome.Done((await ListAsync(cancel)).First(t => t.Id == user.Id));
    }

    /// <summary>
    /// Takes the role away: every consent a client gave this therapist ends (as if the therapist stepped away), and open
    /// homework with it. False when they were not a therapist.
    /// </summary>
    public async Task<bool> RemoveAsync(Guid admin, Guid userId, CancellationToken cancel)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(cancel);
        var removed = await db.Set<Therapist>().Where(t => t.UserId == userId).ExecuteDeleteAsync(cancel);
        if (removed == 0)
        {
            return false;
        }
        await db.Grants.Where(g => g.Kind == GrantKind.Therapist && g.GranteeId == userId && g.Status == GrantStatus.Active)
            .ExecuteUpdateAsync(u => u.SetProperty(g => g.Status, GrantStatus.Left).SetProperty(g => g.EndedAt, now), cancel);
        await db.Set<TherapistInvite>().Where(i => i.TherapistId == userId && i.AcceptedAt == null && i.CancelledAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(i => i.CancelledAt, now), cancel);
        await db.Set<Homework>().Where(h => h.TherapistId == userId && h.EndedAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(h => h.EndedAt, now), cancel);
        audit.Add(AuditActions.TherapistRemoved, userId, "account", userId.ToString(), actor: admin);
        await db.SaveChangesAsync(cancel);
        await transaction.CommitAsync(cancel);
        return true;
    }
}
