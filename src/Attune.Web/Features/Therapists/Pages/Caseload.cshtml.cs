using System.ComponentModel.DataAnnotations;
using Attune.Web.Data;
using Microsoft.AspNetCore.Mvc;

namespace Attune.Web.Features.Therapists.Pages;

/// <summary>The therapist's caseload: each client with what they share, outcomes by measure, and invitations.</summary>
public sealed class CaseloadModel(AttuneDb db, ClientDashboards dashboards, TherapyLinks links) : TherapistPageModel(db)
{
    public CaseloadDto Caseload { get; private set; } = new([], []);

    /// <summary>The code just made: shown on this answer only.</summary>
    public TherapistInviteDto? NewInvite { get; private set; }

    [BindProperty]
    [EmailAddress(ErrorMessage = "That doesn't look like an email address.")]
    [Display(Name = "Their email address (optional)")]
    public string? Email { get; set; }

    public async Task OnGetAsync(CancellationToken cancel) => Caseload = await dashboards.CaseloadAsync(Me, cancel);

    public async Task<IActionResult> OnPostInviteAsync(CancellationToken cancel)
    {
        if (ModelState.IsValid)
        {
            switch (await links.InviteAsync(Me, Email, cancel))
            {
                case LinkOutcome.Invited i:
                    NewInvite = i.Invite;
                    Email = null;
                    ModelState.Clear();
                    break;
                case LinkOutcome.Invalid i:
                    ModelState.AddModelError(nameof(Email), i.Message);
                    break;
            }
        }
        Caseload = await dashboards.CaseloadAsync(Me, cancel);
        return Page();
    }
}
