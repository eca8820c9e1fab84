using Attune.Web.Data;
using Microsoft.AspNetCore.Mvc;

namespace Attune.Web.Features.Therapists.Pages;

/// <summary>
/// A printable session report (the browser makes the PDF): the period since the last session against the one before it,
/// homework and measures. The live in-session physiology is not part of it yet.
/// </summary>
public sealed class ReportModel(AttuneDb db, ClientDashboards dashboards) : TherapistPageModel(db)
{
    public ClientDashboardDto Now { get; private set; } = null!;

    /// <summary>The same client over twice the period, so "before" is the period before this one.</summary>
    public ClientDashboardDto Longer { get; private set; } = null!;

    /// <summary>The last three months, for measures, which are answered every week or two.</summary>
    public ClientDashboardDto Quarter { get; private set; } = null!;

    public int Days { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, int? days, CancellationToken cancel)
    {
        Days = Math.Clamp(days ?? 7, 1, 180);
        if (await dashboards.GetAsync(Me, id, Days, cancel) is not { } now || await dashboards.GetAsync(Me, id, Days * 2, cancel) is not { } longer
            || await dashboards.GetAsync(Me, id, Math.Max(ClientDashboards.DefaultDays, Days * 2), cancel) is not { } quarter)
        {
            return NotFound();
        }
        (Now, Longer, Quarter) = (now, longer, quarter);
        return Page();
    }

    /// <summary>Share of each state among check-ins: in the period before this one (the longer view less this one), or in this one.</summary>
    public (double Connected, double Activated, double ShutDown, int Count) Mix(bool before)
    {
        static (int C, int A, int S) Sum(ClientDashboardDto d) => d.CheckIns is { } c
            ? (c.Weeks.Sum(w => w.Connected), c.Weeks.Sum(w => w.Activated), c.Weeks.Sum(w => w.ShutDown))
            : (0, 0, 0);
        var now = Sum(Now);
        var (c, a, s) = before ? Sum(Longer) is var all ? (all.C - now.C, all.A - now.A, all.S - now.S) : now : now;
        var n = c + a + s;
        return n == 0 ? (0, 0, 0, 0) : (100.0 * c / n, 100.0 * a / n, 100.0 * s / n, n);
    }
}
