using Attune.Web.Data;
using Attune.Web.Features.CheckIns;
using Attune.Web.Features.Practices.Library;
using Attune.Web.Features.Sharing;
using Microsoft.EntityFrameworkCore;

namespace Attune.Web.Features.Practices;

/// <summary>What recording a session came to.</summary>
public abstract record SessionOutcome
{
    public sealed record Saved(PracticeSessionDto Session) : SessionOutcome;

    /// <summary>A session with the same idempotency key is already stored: this one was not.</summary>
    public sealed record Duplicate(Guid Existing) : SessionOutcome;

    public sealed record Invalid(Dictionary<string, string[]> Errors) : SessionOutcome;
}

/// <summary>
/// Practice sessions with their check before and after: recording them (API and player page alike) and reading
/// them back through <see cref="Access"/>, so someone a person shares practices with can see them.
/// </summary>
public sealed class PracticeSessions(AttuneDb db, Access access, Practices practices, TimeProvider clock)
{
    public async Task<SessionOutcome> RecordAsync(Guid me, PracticeSessionRequest request, CancellationToken cancel)
    {
        if (request.IdempotencyKey is { } key && CheckInRules.IsIdempotencyKey(key) && await FindByKeyAsync(me, key, cancel) is { } earlier)
        {
            return new SessionOutcome.Duplicate(earlier);
        }
        var id = request.PracticeId?.Trim() ?? "";
        var own = Guid.TryParse(id, out var guid) && await access.Own<OwnPractice>(me).AnyAsync(p => p.Id == guid, cancel);
        var (valid, errors) = PracticeRules.ValidateSession(request, clock.GetUtcNow().UtcDateTime,
            practiceId => PracticeLibrary.Find(practiceId) is not null || own);
        if (valid is null)
        {
            return new SessionOutcome.Invalid(errors);
        }
        var row = new PracticeSession
        {
            Id = Guid.CreateVersion7(),
            OwnerId = me,
            PracticeId = own ? guid.ToString() : valid.PracticeId,
            StartedAt = valid.StartedAt,
            EndedAt = valid.EndedAt,
            BeforeState = valid.BeforeState,
            BeforeIntensity = valid.BeforeIntensity,
            AfterState = valid.AfterState,
            AfterIntensity = valid.AfterIntensity,
            Effect = valid.Effect,
            Rating = valid.Rating,
            IdempotencyKey = valid.IdempotencyKey,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.Add(row);
        try
        {
            await db.SaveChangesAsync(cancel);
        }
        catch (DbUpdateException)
        {
            // Two copies of one submission arrived together; the other one was stored first.
            db.Entry(row).State = EntityState.Detached;
            if (await FindByKeyAsync(me, valid.IdempotencyKey, cancel) is { } first)
            {
                return new SessionOutcome.Duplicate(first);
            }
            throw;
        }
        return new SessionOutcome.Saved((await ToDtosAsync(me, [row], cancel))[0]);
    }

    /// <summary>One session the reader may see: their own, or one shared with them under a practices grant.</summary>
    public async Task<PracticeSessionDto?> FindAsync(Guid reader, Guid id, CancellationToken cancel)
    {
        var row = await access.FindAsync<PracticeSession, PracticeSession>(reader, id, s => s, cancel);
        return row is null ? null : (await ToDtosAsync(reader, [row.Value], cancel))[0];
    }

    /// <summary>Sessions newest first, optionally of one practice.</summary>
    public async Task<List<PracticeSessionDto>> ListAsync(Guid reader, Whose whose, string? practiceId, int limit, CancellationToken cancel)
    {
        var rows = await access.ListAsync<PracticeSession, PracticeSession>(reader, whose,
            q => q.Where(s => practiceId == null || s.PracticeId == practiceId).OrderByDescending(s => s.StartedAt).Take(limit),
            s => s, cancel);
        return await ToDtosAsync(reader, [.. rows.Select(r => r.Value)], cancel);
    }

    private async Task<Guid?> FindByKeyAsync(Guid me, string key, CancellationToken cancel) =>
        await access.Own<PracticeSession>(me).Where(s => s.IdempotencyKey == key).Select(s => (Guid?)s.Id).FirstOrDefaultAsync(cancel);

    private async Task<List<PracticeSessionDto>> ToDtosAsync(Guid reader, IReadOnlyList<PracticeSession> rows, CancellationToken cancel)
    {
        var titles = await practices.TitlesAsync(reader, rows.Select(r => r.PracticeId), cancel);
        var others = rows.Select(r => r.OwnerId).Where(o => o != reader).Distinct().ToList();
        var names = others.Count == 0 ? [] : await People.NamesAsync(db, others, cancel);
        return [.. rows.Select(s => new PracticeSessionDto(
            s.Id,
            s.PracticeId,
            titles.GetValueOrDefault(s.PracticeId, "A practice since removed"),
            s.StartedAt,
            s.EndedAt,
            new StateCheckDto(StateNames.Of(s.BeforeState), s.BeforeIntensity),
            new StateCheckDto(StateNames.Of(s.AfterState), s.AfterIntensity),
            s.Effect,
            s.Rating,
            s.OwnerId,
            s.OwnerId == reader ? null : names.GetValueOrDefault(s.OwnerId, "someone")))];
    }
}
