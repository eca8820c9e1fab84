using Attune.Web.Data;
using Attune.Web.Features.Accounts;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Attune.Web.Features.Together.Pages;

/// <summary>Together's patterns: repairs and how long reconnecting takes, the cycle you fall into, and co-regulation.</summary>
public sealed class InsightsModel(TogetherInsights insights, AttuneDb db) : PageModel
{
    public TogetherInsightsDto Data { get; private set; } = null!;

    public string? Zone { get; private set; }

    public async Task OnGetAsync(CancellationToken cancel)
    {
        Response.Headers.CacheControl = "no-store";
        var me = User.UserId();
        Data = await insights.ForAsync(me, cancel);
        Zone = await TimeZones.OfUserAsync(db, me, cancel);
    }

    public static string MoveLabel(string move) => move switch
    {
        "pursue" => "Pursuing",
        "withdraw" => "Withdrawing",
        "escalate" => "Escalating",
        "soften" => "Softening",
        _ => move,
    };
}
