using Attune.Web.Data;
using Attune.Web.Features.Accounts;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Attune.Web.Features.Audit;

/// <summary>"Security log": the audit entries about the person's own account and data, newest first.</summary>
public sealed class SecurityLogModel(AttuneDb db) : PageModel
{
    public AuditPageDto Log { get; private set; } = new([], null);

    public string? Zone { get; private set; }

    public async Task OnGetAsync(long? before, CancellationToken cancel)
    {
        Response.Headers.CacheControl = "no-store";
        var me = User.UserId();
        Log = await AuditReads.PageAsync(db, me, me, before is > 0 ? before : null, AuditReads.PageSize, cancel);
        Zone = await TimeZones.OfUserAsync(db, me, cancel);
    }

    public string Day(DateTime at) => TimeZones.FormatAs(at, Zone, "dddd d MMMM yyyy");

    public string Time(DateTime at) => TimeZones.FormatAs(at, Zone, "HH:mm");
}
