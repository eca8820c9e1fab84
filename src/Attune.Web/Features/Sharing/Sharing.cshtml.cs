using System.ComponentModel.DataAnnotations;
using Attune.Web.Data;
using Attune.Web.Features.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Attune.Web.Features.Sharing;

/// <summary>
/// Settings, Sharing: invite someone, answer invitations, see and end what is shared both ways. Calls the
/// same <see cref="Grants"/> operations as the API.
/// </summary>
public sealed class SharingModel(Grants grants, AttuneDb db) : PageModel
{
    [BindProperty]
    public InviteInput Input { get; set; } = new();

    public GrantListDto Lists { get; private set; } = new([], []);

    public string? Zone { get; private set; }

    public IEnumerable<GrantDto> Invitations => Lists.Received.Where(g => g.Status == "pending");

    public IEnumerable<GrantDto> SharedWithMe => Lists.Received.Where(g => g.Status == "active");

    public IEnumerable<GrantDto> Giving => Lists.Given.Where(g => g.Status is "pending" or "active");

    public IEnumerable<GrantDto> Past => Lists.Given.Concat(Lists.Received).Where(g => g.Status is not ("pending" or "active"));

    public sealed class InviteInput
    {
        [Display(Name = "Their email address")]
        public string? Email { get; set; }

        public List<string> Streams { get; set; } = [DataStreams.Name(DataStream.Recordings)];

        public bool Agree { get; set; }

        public int ConsentVersion { get; set; }
    }

    public async Task OnGetAsync(CancellationToken cancel) => await LoadAsync(cancel);

    public async Task<IActionResult> OnPostInviteAsync(CancellationToken cancel)
    {
        if (!Input.Agree)
        {
            ModelState.AddModelError("Input.Agree", "Please read what sharing means and tick the box.");
            await LoadAsync(cancel);
            return Page();
        }
        switch (await grants.InviteAsync(User.UserId(), Input.Email, Input.Streams, Input.ConsentVersion, cancel))
        {
            case GrantOutcome.Done done:
                TempData["StatusMessage"] = $"Invitation sent to {done.Grant.Grantee.Email}. Nothing is shared until they accept.";
                return RedirectToPage();
            case GrantOutcome.Invalid invalid:
                ModelState.AddModelError(invalid.Field switch
                {
                    "streams" => "Input.Streams",
                    "consentVersion" => "Input.Agree",
                    _ => "Input.Email",
                }, invalid.Message);
                break;
            case GrantOutcome.AlreadySharing:
                ModelState.AddModelError("Input.Email", "You already share with this address, or have invited it. You'll find it below.");
                break;
            case GrantOutcome.TooMany tooMany:
                ModelState.AddModelError("Input.Email", $"You can send {tooMany.Limit} invitations a day. Please try again tomorrow.");
                break;
        }
        await LoadAsync(cancel);
        return Page();
    }

    public async Task<IActionResult> OnPostAcceptAsync(Guid id, CancellationToken cancel)
    {
        if (await grants.AcceptAsync(User.UserId(), id, cancel) is not GrantOutcome.Done done)
        {
            return NotFound();
        }
        TempData["StatusMessage"] = $"You can now see {Owner(done.Grant)}’s {DescribeStreams(done.Grant)}.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostEndAsync(Guid id, CancellationToken cancel)
    {
        var me = User.UserId();
        var before = await grants.FindDtoAsync(me, id, cancel);
        if (before is null || await grants.EndAsync(me, id, cancel) is not GrantOutcome.Ended)
        {
            return NotFound();
        }
        TempData["StatusMessage"] = (before.Direction, before.Status) switch
        {
            ("given", _) => $"You no longer share with {Grantee(before)}. It took effect straight away.",
            (_, "pending") => "Invitation declined. Nothing was shared.",
            _ => $"You no longer see {Owner(before)}’s data.",
        };
        return RedirectToPage();
    }

    public static string Owner(GrantDto g) => string.IsNullOrWhiteSpace(g.Owner.Name) ? g.Owner.Email ?? "someone" : g.Owner.Name;

    public static string Grantee(GrantDto g) => string.IsNullOrWhiteSpace(g.Grantee.Name) ? g.Grantee.Email ?? "someone" : $"{g.Grantee.Name} ({g.Grantee.Email})";

    public static string DescribeStreams(GrantDto g) =>
        DataStreams.Describe(g.Streams.Select(DataStreams.Parse).Aggregate(DataStream.None, (all, s) => all | (s ?? DataStream.None)));

    private async Task LoadAsync(CancellationToken cancel)
    {
        Response.Headers.CacheControl = "no-store";
        var me = User.UserId();
        Lists = await grants.ListAsync(me, cancel);
        Zone = await TimeZones.OfUserAsync(db, me, cancel);
        Input.ConsentVersion = SharingConsent.CurrentVersion;
    }
}
