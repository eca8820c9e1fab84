using Attune.Web.Data;
using Attune.Web.Features.Accounts;
using Attune.Web.Features.Sharing;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Attune.Web.Features.Measures.Pages;

/// <summary>The four measures to choose from, each with its latest result, and the history of those filled in.</summary>
public sealed class IndexModel(AttuneDb db, Measures measures) : PageModel
{
    public Dictionary<string, List<MeasureResultDto>> ByKind { get; private set; } = [];

    public string? Zone { get; private set; }

    public string ChartJson { get; private set; } = "{}";

    public async Task OnGetAsync(CancellationToken cancel)
    {
        var me = User.UserId();
        Zone = await TimeZones.OfUserAsync(db, me, cancel);
        var all = await measures.HistoryAsync(me, Whose.Mine, null, Measures.MaxRows, cancel);
        ByKind = all.GroupBy(r => r.Kind).ToDictionary(g => g.Key, g => g.ToList());
        ChartJson = MeasureCharts.ToJson(MeasureCatalog.All.Where(f => ByKind.ContainsKey(f.Slug))
            .Select(f => MeasureCharts.Series(f, ByKind[f.Slug], Zone)));
    }

    public List<MeasureResultDto> Of(MeasureForm form) => ByKind.GetValueOrDefault(form.Slug) ?? [];
}
