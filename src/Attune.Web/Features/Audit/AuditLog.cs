using Attune.Web.Data;

namespace Attune.Web.Features.Audit;

/// <summary>
/// Records the security events that no saved row shows by itself (a failed sign-in, a sign-out, a revocation done in
/// bulk), for the request at hand. Entries are appended by <see cref="AuditInterceptor"/> with the next save.
/// </summary>
public sealed class AuditLog(AttuneDb db, IHttpContextAccessor http, AuditAddresses addresses, TimeProvider clock)
{
    /// <summary>Adds an entry that the next save appends (with whatever else that save writes, in its transaction).</summary>
    public void Add(string action, Guid? owner, string? kind = null, string? id = null, string result = AuditResults.Ok, Guid? actor = null)
    {
        var context = http.HttpContext;
        db.AuditEntries.Add(new AuditEntry
        {
            Sequence = AuditChain.TemporarySequence(),
            At = clock.GetUtcNow().UtcDateTime,
            ActorId = actor ?? AuditInterceptor.ActorOf(context?.User),
            OwnerId = owner,
            Action = action,
            ResourceKind = kind,
            ResourceId = id,
            Result = result,
            AddressHash = addresses.Hash(context?.Connection.RemoteIpAddress?.ToString()),
        });
    }

    /// <summary>Adds an entry and saves it now.</summary>
    public async Task RecordAsync(string action, Guid? owner, string? kind = null, string? id = null, string result = AuditResults.Ok,
        Guid? actor = null, CancellationToken cancel = default)
    {
        Add(action, owner, kind, id, result, actor);
        await db.SaveChangesAsync(cancel);
    }

    /// <summary>
    /// Runs a bulk change (<c>ExecuteUpdate</c>/<c>ExecuteDelete</c>, which no save sees) and, when it changed
    /// anything, the entries <paramref name="record"/> adds, in one transaction. The append lock is taken first, so
    /// no row locks are held while waiting for it. Returns the number of rows changed.
    /// </summary>
    public async Task<int> BulkAsync(Func<Task<int>> change, Action<AuditLog, int> record, CancellationToken cancel = default)
    {
        // Inside a caller's transaction the entries simply join it.
        await using var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancel) : null;
        await AuditChain.LockAsync(db, cancel);
        var changed = await change();
        if (changed > 0)
        {
            record(this, changed);
            await db.SaveChangesAsync(cancel);
        }
        if (transaction is not null)
        {
            await transaction.CommitAsync(cancel);
        }
        return changed;
    }
}
