using Attune.Web.Data;
using Attune.Web.Features.Accounts;
using Attune.Web.Features.Sharing;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Attune.Web.Features.Measures.Pages;

/// <summary>
/// One of the person's own results (the newest of the kind, or <c>?id=</c>): the safety screen first when PHQ-9 item 9 was
/// above 0, then the total in plain words, the change since last time, and the history with its chart.
/// </summary>
public sealed class ResultModel(AttuneDb db, Measures measures, IOptions<CrisisOptions> crisis) : PageModel
{
    public MeasureForm Form { get; private set; } = null!;

    public MeasureResultDto? Result { get; private set; }

    public List<MeasureResultDto> History { get; private set; } = [];

    public CrisisOptions Crisis => crisis.Value;

    public string? Zone { get; private set; }

    public string ChartJson { get; private set; } = "{}";

    public async Task<IActionResult> OnGetAsync(string kind, Guid? id, CancellationToken cancel)
    {
        if (MeasureCatalog.Find(kind) is not { } form)
        {
            return NotFound();
        }
        Form = form;
        var me = User.UserId();
        History = await measures.HistoryAsync(me, Whose.Mine, form.Kind, Measures.MaxRows, cancel);
        Result = id is { } wanted ? History.FirstOrDefault(r => r.Id == wanted) : History.FirstOrDefault();
        if (id is not null && Result is null)
        {
            return NotFound();
        }
        Zone = await TimeZones.OfUserAsync(db, me, cancel);
        ChartJson = MeasureCharts.ToJson([MeasureCharts.Series(form, History, Zone)]);
        return Page();
    }
}
