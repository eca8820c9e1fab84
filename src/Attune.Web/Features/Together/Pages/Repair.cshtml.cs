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

    /// <summary>Who speaks first: the one who started the repair, reaching out first.</summary>
    public Person First => Repair.StartedByMe ? Person.You : new Person(Repair.With);

    public Person Second => Repair.StartedByMe ? new Person(Repair.With) : Person.You;

    /// <summary>Speaker–listener turns (after the Speaker–Listener Technique of Markman, Stanley and Blumberg): each speaks, the other reflects back, then swap.</summary>
    public IReadOnlyList<Turn> Turns =>
    [
        Speak(First, Second),
        Reflect(Second, First),
        Speak(Second, First),
        Reflect(First, Second),
    ];

    private static Turn Speak(Person speaker, Person listener) =>
        new($"{speaker.Cap()} {speaker.Verb("speak", "speaks")}, {listener.Name} {listener.Verb("listen", "listens")}", 180, true, "");

    private static Turn Reflect(Person reflecting, Person speaker) =>
        new($"{reflecting.Cap()} {reflecting.Verb("reflect", "reflects")} back", 120, false,
            $"Keep going until {speaker.Name} {speaker.Verb("feel", "feels")} understood{(speaker.IsYou ? "" : " (they say when)")}.");

    public sealed record Turn(string Title, int Seconds, bool Speaking, string UntilUnderstood);

    /// <summary>"you" or the partner's name, with the verb form to match.</summary>
    public sealed record Person(string Name)
    {
        public static Person You { get; } = new("you");

        public bool IsYou => ReferenceEquals(this, You);

        public string Cap() => IsYou ? "You" : Name;

        public string Verb(string plural, string singular) => IsYou ? plural : singular;
    }

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
