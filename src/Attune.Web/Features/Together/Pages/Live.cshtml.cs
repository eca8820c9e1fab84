using Attune.Web.Data;
using Attune.Web.Features.Accounts;
using Attune.Web.Features.CheckIns;
using Attune.Web.Features.Sharing;
using Attune.Web.Features.Together.Live;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Attune.Web.Features.Together.Pages;

/// <summary>
/// Breathing together: the shared pacer, both hearts and the end summary while the session is under way (the hub does
/// the rest, in together-live.js); afterwards, the saved summary. Anyone not in the session gets "not found".
/// </summary>
public sealed class LiveModel(BreathSessions sessions, AttuneDb db) : PageModel
{
    public Guid Id { get; private set; }

    public bool UnderWay { get; private set; }

    public string PartnerName { get; private set; } = "your partner";

    public LiveSummaryDto? Summary { get; private set; }

    public bool StartedByMe { get; private set; }

    public NervousState? MyAfter { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancel)
    {
        Response.Headers.CacheControl = "no-store";
        var me = User.UserId();
        Id = id;
        Guid other;
        if (await sessions.UnderWayAsync(me, id, cancel) is { } live)
        {
            UnderWay = true;
            StartedByMe = live.Role == LiveRole.Starter;
            other = live.PartnerId;
        }
        else if (await sessions.SavedAsync(me, id, cancel) is { } saved)
        {
            Summary = saved.Summary;
            StartedByMe = saved.StartedByMe;
            MyAfter = saved.MyAfter;
            other = saved.Other;
        }
        else
        {
            return NotFound();
        }
        await NameAsync(other, cancel);
        return Page();
    }

    /// <summary>How I am after: one tap on the summary.</summary>
    public async Task<IActionResult> OnPostAfterAsync(Guid id, string? state, CancellationToken cancel)
    {
        try
        {
            await sessions.AfterAsync(User.UserId(), id, state, cancel);
            TempData["StatusMessage"] = "Thank you. Noted, for you both to look back on.";
        }
        catch (LiveRefusal)
        {
            return NotFound();
        }
        return RedirectToPage(new { id });
    }

    private async Task NameAsync(Guid other, CancellationToken cancel)
    {
        PartnerName = (await People.NamesAsync(db, [other], cancel)).GetValueOrDefault(other, "your partner");
    }
}
