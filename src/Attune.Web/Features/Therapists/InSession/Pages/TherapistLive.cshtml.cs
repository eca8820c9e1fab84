using Attune.Web.Data;
using Attune.Web.Features.Therapists.Pages;
using Microsoft.AspNetCore.Mvc;

namespace Attune.Web.Features.Therapists.InSession.Pages;

/// <summary>
/// The therapist's live in-session view with one client: both heart rates, synchrony over the session and the client's
/// state (therapy-live.js drives it over the hub); once ended, the saved session. Not theirs, not consented, withdrawn: 404.
/// </summary>
public sealed class TherapistLiveModel(AttuneDb db, InSessionViews views, InSessionConsents consents) : TherapistPageModel(db)
{
    public Guid ClientId { get; private set; }

    public Guid SessionId { get; private set; }

    public string ClientName { get; private set; } = "your client";

    public bool UnderWay { get; private set; }

    public InSessionDto? Saved { get; private set; }

    public string JoinUrl => $"{Request.Scheme}://{Request.Host}/therapy/live/{SessionId}";

    public async Task<IActionResult> OnGetAsync(Guid id, Guid session, CancellationToken cancel)
    {
        (ClientId, SessionId) = (id, session);
        if (await views.UnderWayAsync(Me, session, cancel) is { IAmTherapist: true } live && live.Client == id)
        {
            UnderWay = true;
        }
        else if (await consents.ForTherapistAsync(Me, id, session, null, cancel) is [var saved])
        {
            Saved = saved;
        }
        else
        {
            return NotFound();
        }
        ClientName = (await Sharing.People.NamesAsync(Db, [id], cancel)).GetValueOrDefault(id, "your client");
        return Page();
    }
}
