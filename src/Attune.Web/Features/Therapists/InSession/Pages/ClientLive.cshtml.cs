using Attune.Web.Data;
using Attune.Web.Features.Accounts;
using Attune.Web.Features.CheckIns;
using Attune.Web.Features.Sharing;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Attune.Web.Features.Therapists.InSession.Pages;

/// <summary>
/// The client's side of an in-session view: what it shares (the consent text, agreed for this session), how they are, their
/// strap, both heart rates; "Stop sharing this session" at any moment; afterwards the saved session, theirs to keep.
/// </summary>
public sealed class ClientLiveModel(AttuneDb db, InSessionViews views, InSessionConsents consents) : PageModel
{
    public Guid SessionId { get; private set; }

    public string TherapistName { get; private set; } = "your therapist";

    public bool UnderWay { get; private set; }

    public InSessionDto? Saved { get; private set; }

    public string? Zone { get; private set; }

    public string Date(DateTime at) => TimeZones.Format(at, Zone);

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancel)
    {
        Response.Headers.CacheControl = "no-store";
        var me = User.UserId();
        SessionId = id;
        Guid therapist;
        if (await views.UnderWayAsync(me, id, cancel) is { IAmTherapist: false } live)
        {
            UnderWay = true;
            therapist = live.Therapist;
        }
        else if (await consents.MineAsync(me, id, cancel) is [{ EndedAt: not null } saved])
        {
            Saved = saved;
            therapist = saved.TherapistId;
        }
        else
        {
            return NotFound();
        }
        TherapistName = (await People.NamesAsync(db, [therapist], cancel)).GetValueOrDefault(therapist, "your therapist");
        Zone = await TimeZones.OfUserAsync(db, me, cancel);
        return Page();
    }

    /// <summary>Stop sharing this session: the therapist's view ends at once and they no longer see it.</summary>
    public async Task<IActionResult> OnPostRevokeAsync(Guid id, CancellationToken cancel)
    {
        if (!await views.RevokeAsync(User.UserId(), id, cancel))
        {
            return NotFound();
        }
        TempData["StatusMessage"] = "You stopped sharing this session. Your therapist's view has ended, and they won't see it afterwards.";
        return RedirectToPage(new { id });
    }

    /// <summary>How I am after: one tap on the saved session.</summary>
    public async Task<IActionResult> OnPostAfterAsync(Guid id, string? state, CancellationToken cancel)
    {
        if (StateNames.Parse(state) is not { } after || !await consents.AfterAsync(User.UserId(), id, after, cancel))
        {
            return NotFound();
        }
        TempData["StatusMessage"] = "Thank you. Noted.";
        return RedirectToPage(new { id });
    }
}
