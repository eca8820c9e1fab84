using Attune.Web.Data;
using Attune.Web.Features.Recordings;
using Attune.Web.Features.Sharing;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Attune.Web.Features.Accounts;

/// <summary>
/// Where an erasure is recorded, without any content: who (the id, which no row refers to any more) and when. Called
/// inside the erasure's transaction, so a recorder that writes to the database commits or rolls back with it. The
/// audit log's <c>AuditedErasure</c> appends an "account erased" entry to the hash chain.
/// </summary>
public interface IErasureRecorder
{
    Task RecordAsync(Guid userId, DateTime at, CancellationToken cancel);
}

/// <summary>
/// "Delete my account and everything in it": one transaction that removes the person and every row that refers to
/// them, then forgets what the app holds in memory about them. The page and <c>DELETE /api/v1/me</c> both call it,
/// after checking the password (and the authenticator code when two-factor sign-in is on).
/// </summary>
/// <remarks>
/// What goes, and how (docs/decisions/0009-export-import-erasure.md): the user row, and through the database's
/// cascades every row keyed to it (recordings with their files, check-ins, own words, preferences, browsers for
/// reminders, the calendar address, sessions, tokens, Identity's claims, logins and keys, grants given and received,
/// the access log of reads of their data, the demo marker). Reads they made of others' data stay in those owners'
/// access logs as "a deleted account" (the id is set to null). Invitations others sent to their confirmed address,
/// not yet accepted, go too, since they name the person. In memory: the analysis cache and queue for their recordings
/// and the session check cache. SQLite overwrites deleted pages (secure_delete) and the write-ahead log is truncated
/// afterwards, so no copy of the content stays in the database files; backups taken before keep it until rotated.
/// </remarks>
public sealed class AccountErasure(
    AttuneDb db,
    UserManager<AppUser> users,
    SessionCache sessions,
    RecordingAnalyses analyses,
    IErasureRecorder recorder,
    TimeProvider clock,
    ILogger<AccountErasure> log)
{
    public async Task<bool> EraseAsync(AppUser user, CancellationToken cancel)
    {
        var recordings = await Access.Unchecked<Recording>(db).Where(r => r.OwnerId == user.Id).Select(r => r.Id).ToListAsync(cancel);
        await using (var transaction = await db.Database.BeginTransactionAsync(cancel))
        {
            if (user.EmailConfirmed && user.NormalizedEmail is { } email)
            {
                await db.Grants.Where(g => g.GranteeId == null && g.NormalizedGranteeEmail == email).ExecuteDeleteAsync(cancel);
            }
            var deleted = await users.DeleteAsync(user);
            if (!deleted.Succeeded)
            {
                await transaction.RollbackAsync(cancel);
                return false;
            }
            await recorder.RecordAsync(user.Id, clock.GetUtcNow().UtcDateTime, cancel);
            await transaction.CommitAsync(cancel);
        }
        await sessions.ForgetAsync(user.Id);
        analyses.Forget(recordings);
        await TruncateSqliteLogAsync();
        return true;
    }

    /// <summary>
    /// Moves every change into the database file and empties the write-ahead log, whose old frames could still hold the
    /// erased rows. Best effort: a reader holding an old snapshot makes SQLite leave the log for now, and the next
    /// checkpoint reuses it.
    /// </summary>
    private async Task TruncateSqliteLogAsync()
    {
        if (!db.Database.IsSqlite())
        {
            return;
        }
        try
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE);", CancellationToken.None);
        }
        catch (Microsoft.Data.Sqlite.SqliteException e)
        {
            log.LogWarning(e, "Checkpointing the write-ahead log after an erasure failed; the next checkpoint will do it");
        }
    }
}
