using Attune.Web.Data;
using Attune.Web.Features.Accounts;
using Attune.Web.Features.Audit;
using Microsoft.EntityFrameworkCore;

namespace Attune.Web.Features.Admin.Pages;

/// <summary>The whole audit log for administrators, newest first, with the state of the chain.</summary>
public sealed class AuditModel(AttuneDb db, DatabaseConnection database) : AdminPageModel(db)
{
    public AuditPageDto Log { get; private set; } = new([], null);

    public AuditVerification? Verification { get; private set; }

    public Dictionary<Guid, string> Emails { get; private set; } = [];

    public string? Zone { get; private set; }

    public async Task OnGetAsync(long? before, CancellationToken cancel)
    {
        var me = User.UserId();
        Zone = await TimeZones.OfUserAsync(Db, me, cancel);
        Log = await AuditReads.PageAsync(Db, null, me, before is > 0 ? before : null, AuditReads.PageSize, cancel);
        var ids = Log.Entries.Select(e => e.Owner).OfType<Guid>().Distinct().ToList();
        Emails = await Db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Email ?? "", cancel);
        Verification = await AuditChain.VerifyAsync(database, cancel);
    }

    public string Whose(Guid? owner) => owner is not { } id ? "" : Emails.TryGetValue(id, out var email) ? email : "a deleted account";

    public string When(DateTime at) => TimeZones.Format(at, Zone);
}
