using Attune.Web.Data;
using Microsoft.AspNetCore.Mvc;

namespace Attune.Web.Features.Therapists.Pages;

/// <summary>A couple side by side: only when both partners consented to this therapist and are linked now.</summary>
public sealed class CoupleModel(AttuneDb db, ClientDashboards dashboards) : TherapistPageModel(db)
{
    public CoupleDashboardDto Couple { get; private set; } = null!;

    public int Days { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, int? days, CancellationToken cancel)
    {
        Days = Math.Clamp(days ?? ClientDashboards.DefaultDays, 1, ClientDashboards.MaxDays);
        if (await dashboards.CoupleAsync(Me, id, Days, cancel) is not { } couple)
        {
            return NotFound();
        }
        Couple = couple;
        return Page();
    }
}
