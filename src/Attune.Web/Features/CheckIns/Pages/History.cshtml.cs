using Attune.Web.Data;
using Attune.Web.Features.Accounts;
using Attune.Web.Features.Sharing;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Attune.Web.Features.CheckIns.Pages;

/// <summary>Recent check-ins by local day, newest first, and the latest ones others share with the reader.</summary>
public sealed class HistoryModel(AttuneDb db, CheckIns checkIns) : PageModel
{
    public const int PageDays = 14;

    public List<IGrouping<DateOnly, CheckInDto>> Days { get; private set; } = [];

    public List<CheckInDto> SharedWithMe { get; private set; } = [];

    public DateOnly? Older { get; private set; }

    public string? Zone { get; private set; }

    public async Task OnGetAsync(DateOnly? before, CancellationToken cancel)
    {
        var me = User.UserId();
        Zone = await TimeZones.OfUserAsync(db, me, cancel);
        var to = before?.AddDays(-1);
        var rows = await checkIns.ListAsync(me, Whose.Mine, null, to, 300, cancel);
        var days = rows.GroupBy(c => c.LocalDate).Take(PageDays).ToList();
        Days = days;
        Older = rows.Select(r => r.LocalDate).Distinct().Count() > PageDays ? days[^1].Key : null;
        if (before is null)
        {
            SharedWithMe = await checkIns.ListAsync(me, Whose.Shared, null, null, 10, cancel);
        }
    }
}
