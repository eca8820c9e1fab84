using System.ComponentModel.DataAnnotations;
using Attune.Web.Data;
using Attune.Web.Features.Accounts;
using Microsoft.AspNetCore.Mvc;

namespace Attune.Web.Features.Admin.Pages;

/// <summary>Administration: how the instance is set up, who has an account, and invitations.</summary>
public sealed class IndexModel(AttuneDb db, Administration administration, Instance instance) : AdminPageModel(db)
{
    [BindProperty]
    public InviteInput Input { get; set; } = new();

    public IReadOnlyList<InstanceStatusLine> Status { get; private set; } = [];

    public List<PersonDto> People { get; private set; } = [];

    public List<InvitationDto> Invitations { get; private set; } = [];

    public RegistrationMode Registration => instance.Registration;

    /// <summary>The link of the invitation just made: shown once, on this answer only.</summary>
    public CreatedInvitationDto? Created { get; private set; }

    public string? Zone { get; private set; }

    public async Task OnGetAsync(CancellationToken cancel) => await LoadAsync(cancel);

    public async Task<IActionResult> OnPostInviteAsync(CancellationToken cancel)
    {
        if (!ModelState.IsValid)
        {
            await LoadAsync(cancel);
            return Page();
        }
        Created = await administration.InviteAsync(User.UserId(), Input.Email, Input.Days, HttpContext, cancel);
        Input = new();
        ModelState.Clear();
        await LoadAsync(cancel);
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(Guid id, CancellationToken cancel)
    {
        TempData["StatusMessage"] = await administration.RevokeInvitationAsync(id, cancel)
            ? "The invitation is withdrawn: its link no longer works."
            : "That invitation was already used, withdrawn or expired.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostConfirmAsync(Guid id, CancellationToken cancel)
    {
        TempData["StatusMessage"] = await administration.ConfirmEmailAsync(id, cancel)
            ? "The address is confirmed: they can sign in now."
            : "There is no such account any more.";
        return RedirectToPage();
    }

    public string When(DateTime? at) => at is { } t ? TimeZones.Format(t, Zone) : "never";

    private async Task LoadAsync(CancellationToken cancel)
    {
        Zone = await TimeZones.OfUserAsync(Db, User.UserId(), cancel);
        Status = (await administration.StatusAsync(cancel)).Lines;
        People = await administration.PeopleAsync(cancel);
        Invitations = await administration.InvitationsAsync(cancel);
    }
}

public sealed class InviteInput
{
    [EmailAddress(ErrorMessage = "That doesn't look like an email address.")]
    [MaxLength(Invitation.EmailMaxLength, ErrorMessage = "An email address can be at most 254 characters.")]
    [Display(Name = "Their email address (optional)")]
    public string? Email { get; set; }

    [Range(1, Administration.MaxInvitationDays, ErrorMessage = "An invitation can last from 1 to 30 days.")]
    [Display(Name = "The link works for (days)")]
    public int Days { get; set; } = Administration.DefaultInvitationDays;
}
