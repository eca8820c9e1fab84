using Attune.Web.Features.Accounts;

namespace Attune.Web.Features.Audit;

/// <summary>
/// Records an erasure in the audit log: the erased account's id and nothing else (no address, no name, no data), in
/// the erasure's own transaction, so an erasure that is not recorded is not made. The entry has no foreign key, so it
/// outlives the account it names.
/// </summary>
public sealed class AuditedErasure(AuditLog audit) : IErasureRecorder
{
    public Task RecordAsync(Guid userId, DateTime at, CancellationToken cancel) =>
        audit.RecordAsync(AuditActions.AccountErased, userId, "account", userId.ToString(), cancel: cancel);
}
