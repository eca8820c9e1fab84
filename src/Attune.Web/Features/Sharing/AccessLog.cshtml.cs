using Attune.Web.Data;
using Attune.Web.Features.Accounts;
using Attune.Web.Features.Recordings;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Attune.Web.Features.Sharing;

/// <summary>"Who looked at my data": every read of the person's data by someone else, newest first.</summary>
public sealed class AccessLogModel(AttuneDb db, Access access) : PageModel
{
    public const int PageSize = 50;

    public AccessLogPageDto Log { get; private set; } = new([], null);

    /// <summary>Names of the owner's own items that were read (items since deleted are missing).</summary>
    public Dictionary<Guid, string> ItemNames { get; private set; } = [];

    public string? Zone { get; private set; }

    public async Task OnGetAsync(long? before, CancellationToken cancel)
    {
        Response.Headers.CacheControl = "no-store";
        var me = User.UserId();
        Log = await AccessLogReads.PageAsync(db, me, before is > 0 ? before : null, PageSize, cancel);
        Zone = await TimeZones.OfUserAsync(db, me, cancel);
        var recordingIds = Log.Entries.Where(e => e.Stream == "recordings" && e.ResourceId is not null).Select(e => e.ResourceId!.Value).Distinct().ToList();
        ItemNames = await access.Own<Recording>(me).Where(r => recordingIds.Contains(r.Id)).ToDictionaryAsync(r => r.Id, r => r.Name, cancel);
    }

    public string What(AccessLogEntryDto e) => (e.Stream, e.ResourceId) switch
    {
        ("recordings", null) => "looked at the list of your heart recordings",
        ("recordings", { } id) => ItemNames.TryGetValue(id, out var name) ? $"opened your recording “{name}”" : "opened a recording you have since deleted",
        (var stream, null) => $"looked at your {stream}",
        (var stream, _) => $"opened one of your {stream}",
    };

    public string Day(DateTime at) => TimeZones.FormatAs(at, Zone, "dddd d MMMM yyyy");

    public string Time(DateTime at) => TimeZones.FormatAs(at, Zone, "HH:mm");
}
