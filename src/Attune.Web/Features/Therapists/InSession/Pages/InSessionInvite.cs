using Attune.Web.Data;
using Attune.Web.Features.Sharing;

namespace Attune.Web.Features.Therapists.InSession.Pages;

/// <summary>A therapist's live session waiting for me to join: shown on my home page and my Therapist settings.</summary>
public sealed record InSessionInvite(Guid SessionId, string Therapist)
{
    public static async Task<InSessionInvite?> FindAsync(InSessionViews views, AttuneDb db, Guid me, CancellationToken cancel) =>
        await views.WaitingForAsync(me, cancel) is { } waiting
            ? new InSessionInvite(waiting.Id, (await People.NamesAsync(db, [waiting.Therapist], cancel)).GetValueOrDefault(waiting.Therapist, "Your therapist"))
            : null;
}
