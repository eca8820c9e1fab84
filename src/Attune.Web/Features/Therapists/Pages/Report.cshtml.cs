using Attune.Web.Data;
using Microsoft.AspNetCore.Mvc;

namespace Attune.Web.Features.Therapists.Pages;

/// <summary>
/// A printable session report (the browser makes the PDF): the period since the last session against the one before it,
/// homework and measures; the same <see cref="SessionReportDto"/> as <c>GET /api/v1/therapist/clients/{id}/report</c>.
/// </summary>
public sealed class ReportModel(AttuneDb db, SessionReports reports) : TherapistPageModel(db)
{
    public SessionReportDto Report { get; private set; } = null!;

    public ClientDashboardDto Now => Report.Since;

    public int Days => Report.Days;

    public async Task<IActionResult> OnGetAsync(Guid id, int? days, CancellationToken cancel)
    {
        if (await reports.GetAsync(Me, id, days, cancel) is not { } report)
        {
            return NotFound();
        }
        Report = report;
        return Page();
    }
}
