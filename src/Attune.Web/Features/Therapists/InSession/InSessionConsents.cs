using System.Linq.Expressions;
using Attune.Web.Data;
using Attune.Web.Features.CheckIns;
using Attune.Web.Features.Sharing;
using Attune.Web.Features.Together.Live;
using Microsoft.EntityFrameworkCore;

namespace Attune.Web.Features.Therapists.InSession;

/// <summary>
/// The database side of in-session views: whether a therapist may start or go on with one (asked on every hub message), the
/// client's per-session consent and its withdrawal, the saved record, and reads of it for the client (their own) and for
/// the therapist (through <see cref="Access"/>, so each is in the client's access log).
/// </summary>
public sealed class InSessionConsents(AttuneDb db, Access access)
{
    /// <summary>A client may be shown a live view only while their therapist grant covers heart data.</summary>
    public const DataStream Needs = DataStream.Recordings;

    /// <summary>True when <paramref name="client"/> shares heart data with <paramref name="therapist"/> now.</summary>
    public async Task<bool> MayStartAsync(Guid therapist, Guid client, CancellationToken cancel) =>
        therapist != client && (await TherapyLinks.ConsentedAsync(db, therapist, client, cancel)).HasFlag(Needs);

    /// <summary>
    /// For every message of a session under way: true while the therapist grant still covers heart data and the client's
    /// consent for this session stands; false when either has ended (the session must end); null when the caller is the
    /// client and has not agreed yet (refused, the session goes on).
    /// </summary>
    public async Task<bool?> MayContinueAsync(Guid sessionId, Guid therapist, Guid client, Guid caller, CancellationToken cancel)
    {
        if (!await MayStartAsync(therapist, client, cancel))
        {
            return false;
        }
        // An existence check on the client's row, not a read of their data: nothing of it leaves this method.
        var consent = await access.Own<InSessionRecord>(client).Where(r => r.Id == sessionId && r.TherapistId == therapist)
            .Select(r => new { r.RevokedAt }).FirstOrDefaultAsync(cancel);
        return consent is null ? (caller == therapist ? true : null) : consent.RevokedAt is null;
    }

    /// <summary>The client agrees for this session (the current text only); false when they withdrew it earlier.</summary>
    public async Task<bool> AgreeAsync(Guid client, Guid sessionId, Guid therapist, DateTime startedAt, NervousState? before, DateTime now, CancellationToken cancel)
    {
        var existing = await access.Own<InSessionRecord>(client).Where(r => r.Id == sessionId).Select(r => new { r.RevokedAt }).FirstOrDefaultAsync(cancel);
        if (existing is not null)
        {
            return existing.RevokedAt is null;
        }
        db.Add(new InSessionRecord
        {
            Id = sessionId,
            OwnerId = client,
            TherapistId = therapist,
            CreatedAt = startedAt,
            ConsentVersion = InSessionConsent.CurrentVersion,
            ConsentedAt = now,
            ClientBefore = before,
        });
        try
        {
            await db.SaveChangesAsync(cancel);
        }
        catch (DbUpdateException)
        {
            // Agreed twice at once (two tabs): the first row stands.
            db.ChangeTracker.Clear();
        }
        return true;
    }

    /// <summary>The session ended: its figures and curves go into the client's row (nothing when they never agreed).</summary>
    internal Task<int> CompleteAsync(
        Guid sessionId, Guid client, NervousState? before, BreathOutcome outcome, LiveSummaryDto summary, DateTime now, CancellationToken cancel) =>
        access.Own<InSessionRecord>(client).Where(r => r.Id == sessionId && r.EndedAt == null).ExecuteUpdateAsync(u => u
            .SetProperty(r => r.EndedAt, now)
            .SetProperty(r => r.Outcome, outcome)
            .SetProperty(r => r.ClientBefore, r => before ?? r.ClientBefore)
            .SetProperty(r => r.TherapistMeanHeartRate, summary.StarterMean)
            .SetProperty(r => r.ClientMeanHeartRate, summary.PartnerMean)
            .SetProperty(r => r.Synchrony, summary.Synchrony)
            .SetProperty(r => r.SynchronyP, summary.SynchronyP)
            .SetProperty(r => r.TherapistCurve, BreathSessions.Curve(summary.StarterCurve))
            .SetProperty(r => r.ClientCurve, BreathSessions.Curve(summary.PartnerCurve)), cancel);

    /// <summary>How the client is after a session that has ended; false when there is no such session of theirs.</summary>
    public async Task<bool> AfterAsync(Guid client, Guid sessionId, NervousState after, CancellationToken cancel) =>
        await access.Own<InSessionRecord>(client).Where(r => r.Id == sessionId && r.EndedAt != null)
            .ExecuteUpdateAsync(u => u.SetProperty(r => r.ClientAfter, after), cancel) > 0;

    /// <summary>The client withdraws this session's consent (under way or saved); false when there is no such session of theirs.</summary>
    public async Task<bool> RevokeAsync(Guid client, Guid sessionId, DateTime now, CancellationToken cancel) =>
        await access.Own<InSessionRecord>(client).Where(r => r.Id == sessionId)
            .ExecuteUpdateAsync(u => u.SetProperty(r => r.RevokedAt, r => r.RevokedAt ?? now), cancel) > 0;

    /// <summary>Every in-session view of mine, newest first: the ledger of per-session consents and the sessions themselves.</summary>
    public async Task<List<InSessionDto>> MineAsync(Guid client, Guid? id, CancellationToken cancel)
    {
        var rows = await access.Own<InSessionRecord>(client).AsNoTracking().Where(r => id == null || r.Id == id)
            .OrderByDescending(r => r.CreatedAt).Take(200).ToListAsync(cancel);
        return await ShapeAsync(rows, cancel);
    }

    /// <summary>
    /// What a therapist may see of their in-session views with a client (since <paramref name="from"/>), newest first; null
    /// when the client does not share heart data with them now (the caller's 404). Withdrawn sessions are never among them.
    /// </summary>
    public async Task<List<InSessionDto>?> ForTherapistAsync(Guid therapist, Guid client, Guid? id, DateTime? from, CancellationToken cancel)
    {
        if (!await MayStartAsync(therapist, client, cancel))
        {
            return null;
        }
        var rows = await access.ListAsync<InSessionRecord, InSessionRecord>(therapist, Whose.Shared,
            q => q.Where(r => r.OwnerId == client && r.TherapistId == therapist && (id == null || r.Id == id) && (from == null || r.CreatedAt >= from))
                .OrderByDescending(r => r.CreatedAt).Take(200),
            Identity, cancel);
        return await ShapeAsync([.. rows.Select(r => r.Value)], cancel);
    }

    private static readonly Expression<Func<InSessionRecord, InSessionRecord>> Identity = r => r;

    private async Task<List<InSessionDto>> ShapeAsync(List<InSessionRecord> rows, CancellationToken cancel)
    {
        var names = await People.NamesAsync(db, rows.SelectMany(r => new[] { r.OwnerId, r.TherapistId }).Distinct(), cancel);
        return [.. rows.Select(r =>
        {
            var therapist = BreathSessions.ParseCurve(r.TherapistCurve);
            var client = BreathSessions.ParseCurve(r.ClientCurve);
            return new InSessionDto(r.Id, r.TherapistId, names.GetValueOrDefault(r.TherapistId, "your therapist"), r.OwnerId,
                names.GetValueOrDefault(r.OwnerId, "your client"), r.CreatedAt, r.EndedAt,
                r.Outcome is { } o ? BreathSessions.OutcomeName(o) : null, r.ConsentVersion, r.ConsentedAt, r.RevokedAt,
                r.ClientBefore is { } b ? StateNames.Of(b) : null, r.ClientAfter is { } a ? StateNames.Of(a) : null,
                Math.Max(therapist.Length, client.Length), r.TherapistMeanHeartRate, r.ClientMeanHeartRate, r.Synchrony,
                r.EndedAt is null ? "" : BreathSessions.ChanceSentence(r.Synchrony, r.SynchronyP), therapist, client);
        })];
    }
}
