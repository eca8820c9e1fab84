using Attune.Web.Features.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Attune.Web.Features.Practices.Pages;

/// <summary>One practice: who it is for and why, its steps and rhythm, cautions, the evidence, and the person's own record with it.</summary>
public sealed class DetailModel(Practices practices, PracticeSessions sessions, Recommendations recommendations) : PageModel
{
    public Practice Practice { get; private set; } = null!;

    public bool IsMine => Practice.OwnerId is null || Practice.OwnerId == User.UserId();

    /// <summary>The session just recorded from the player, to confirm it.</summary>
    public PracticeSessionDto? Done { get; private set; }

    public List<OwnResult> Results { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string id, Guid? session, CancellationToken cancel)
    {
        var me = User.UserId();
        if (await practices.FindAsync(me, id, cancel) is not { } practice)
        {
            return NotFound();
        }
        Practice = practice;
        if (session is { } sessionId && await sessions.FindAsync(me, sessionId, cancel) is { SharedBy: null } done && done.PracticeId == practice.Id)
        {
            Done = done;
        }
        if (IsMine)
        {
            Results = await recommendations.OwnResultsAsync(me, practice.Id, cancel);
        }
        return Page();
    }
}
