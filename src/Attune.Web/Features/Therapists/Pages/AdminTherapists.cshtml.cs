using Attune.Web.Data;
using Attune.Web.Features.Accounts;
using Attune.Web.Features.Admin.Pages;
using Microsoft.AspNetCore.Mvc;

namespace Attune.Web.Features.Therapists.Pages;

/// <summary>Administration, Therapists: give the role (with a practice) and take it away.</summary>
public sealed class AdminTherapistsModel(AttuneDb db, TherapistRoles roles) : AdminPageModel(db)
{
    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public string? Practice { get; set; }

    public List<TherapistDto> Therapists { get; private set; } = [];

    public string? Zone { get; private set; }

    public async Task OnGetAsync(CancellationToken cancel) => await LoadAsync(cancel);

    public async Task<IActionResult> OnPostGrantAsync(CancellationToken cancel)
    {
        switch (await roles.GrantAsync(User.UserId(), Email, Practice, cancel))
        {
            case RoleOutcome.Done d:
                TempData["StatusMessage"] = $"{d.Therapist.Name} is a therapist in {d.Therapist.Practice}. They'll find their clients under Settings, Your clients.";
                return RedirectToPage();
            case RoleOutcome.Invalid i:
                ModelState.AddModelError(i.Field == "practice" ? nameof(Practice) : nameof(Email), i.Message);
                break;
        }
        await LoadAsync(cancel);
        return Page();
    }

    public async Task<IActionResult> OnPostRemoveAsync(Guid id, CancellationToken cancel)
    {
        TempData["StatusMessage"] = await roles.RemoveAsync(User.UserId(), id, cancel)
            ? "They are no longer a therapist here. Their clients' sharing with them has ended."
            : "They were not a therapist any more.";
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken cancel)
    {
        Zone = await TimeZones.OfUserAsync(Db, User.UserId(), cancel);
        Therapists = await roles.ListAsync(cancel);
    }
}
