using Attune.Web.Data;
using Attune.Web.Features.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Attune.Web.Features.Together.Pages;

/// <summary>
/// A repair, step by step: pause, name what happened, breathe together, take turns to speak and listen, agree one
/// small thing, and say how each of you is now. Only the two partners see it; anyone else gets "not found".
/// </summary>
public sealed class RepairModel(Repairs repairs, AttuneDb db) : PageModel
{
    public RepairDto Repair { get; private set; } = null!;

    public string? Zone { get; private set; }

    [BindProperty]
    public string? StateBefore { get; set; }

    [BindProperty]
    public string? StateAfter { get; set; }

    [BindProperty]
    public string? Move { get; set; }

    [BindProperty]
    public string? Agreement { get; set; }

    public static IReadOnlyList<(string Value, string Label)> States { get; } =
        [("connected", "Connected"), ("activated", "Activated"), ("shutdown", "Shut down")];

    /// <summary>What each tended to do, in plain words: the move names the cycle map counts.</summary>
    public static IReadOnlyList<(string Value, string Label)> Moves { get; } =
    [
        ("pursue", "I pushed to talk it through (pursued)"),
        ("withdraw", "I went quiet or stepped away (withdrew)"),
        ("escalate", "I got louder or sharper (escalated)"),
        ("soften", "I softened or reached out (softened)"),
    ];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancel) =>
        await LoadAsync(id, cancel) ? Page() : NotFound();

    public async Task<IActionResult> OnPostJoinAsync(Guid id, CancellationToken cancel)
    {
        switch (await repairs.JoinAsync(User.UserId(), id, new RepairStartRequest(StateBefore), cancel))
        {
            case RepairOutcome.Done:
                return RedirectToPage(new { id });
            case RepairOutcome.Invalid invalid:
                ModelState.AddModelError("join", invalid.Errors.Values.First()[0]);
                return await LoadAsync(id, cancel) ? Page() : NotFound();
            default:
                return NotFound();
        }
    }

    public async Task<IActionResult> OnPostCompleteAsync(Guid id, CancellationToken cancel)
    {
        switch (await repairs.CompleteAsync(User.UserId(), id, new RepairCompleteRequest(StateAfter, Move, Agreement), cancel))
        {
            case RepairOutcome.Done:
                TempData["StatusMessage"] = "Thank you for repairing. That takes courage, and it's how trust grows.";
                return RedirectToPage(new { id });
            case RepairOutcome.Invalid invalid:
                foreach (var (field, messages) in invalid.Errors)
                {
                    ModelState.AddModelError(field, messages[0]);
                }
                return await LoadAsync(id, cancel) ? Page() : NotFound();
            default:
                return NotFound();
        }
    }

    public string Time(DateTime at) => TimeZones.FormatAs(at, Zone, "HH:mm");

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancel)
    {
        Response.Headers.CacheControl = "no-store";
        var me = User.UserId();
        if (await repairs.FindAsync(me, id, cancel) is not { } repair)
        {
            return false;
        }
        Repair = repair;
        Zone = await TimeZones.OfUserAsync(db, me, cancel);
        return true;
    }
}
