using System.Globalization;
using Attune.Web.Features.Accounts;
using Attune.Web.Features.Practices.Library;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Attune.Web.Features.Practices.Pages;

/// <summary>A one-tap check, as the player form posts it.</summary>
public sealed class CheckForm
{
    public string? State { get; set; }

    public int Intensity { get; set; } = 5;
}

public sealed class PlayForm
{
    public string? IdempotencyKey { get; set; }

    /// <summary>Round-trip ("o") instants: the server's when the page was made, the script's when it is there.</summary>
    public string? StartedAt { get; set; }

    public string? EndedAt { get; set; }

    public CheckForm Before { get; set; } = new();

    public CheckForm After { get; set; } = new();

    public int? Rating { get; set; }
}

/// <summary>
/// The guided player: a check before, the steps with a timer and (for breathing practices) the pacer, and a check after.
/// Without JavaScript it is one form with every step listed; the script turns it into a guided sequence
/// (client/src/practices/). Saving calls the same <see cref="PracticeSessions.RecordAsync"/> as the API.
/// </summary>
public sealed class PlayModel(Practices practices, PracticeSessions sessions, Together.Breaks breaks, Data.AttuneDb db, TimeProvider clock) : PageModel
{
    /// <summary>What <c>?after=break</c> names: the player opened by starting a flooding break on the Together page.</summary>
    public const string AfterBreak = "break";
    [BindProperty]
    public PlayForm Form { get; set; } = new();

    public Practice Practice { get; private set; } = null!;

    /// <summary>Breaths a minute to start the pacer at: asked for in the address, or the finder's choice for resonance breathing.</summary>
    public double? Rate { get; private set; }

    public Dictionary<string, string> Errors { get; } = [];

    /// <summary>
    /// The break under way when the player was opened by starting one: the page says when to come back, starts by itself
    /// (client/src/practices/player.ts) and returns to Together when saved.
    /// </summary>
    public Together.BreakDto? Break { get; private set; }

    /// <summary>The break's return time as the person reads it ("14:35").</summary>
    public string? ReturnTime { get; private set; }

    public async Task<IActionResult> OnGetAsync(string id, double? rate, string? after, CancellationToken cancel)
    {
        if (!await LoadAsync(id, cancel))
        {
            return NotFound();
        }
        Form = new PlayForm
        {
            IdempotencyKey = Guid.NewGuid().ToString("N"),
            StartedAt = clock.GetUtcNow().ToString("o", CultureInfo.InvariantCulture),
        };
        if (after == AfterBreak && await breaks.OpenAsync(User.UserId(), cancel) is { } open)
        {
            Break = open;
            ReturnTime = TimeZones.FormatAs(open.ReturnAt, await TimeZones.OfUserAsync(db, User.UserId(), cancel), "HH:mm");
            // They just said they are flooded: one tap fewer before the breathing starts, and they can change it.
            Form.Before = new CheckForm { State = "activated", Intensity = 7 };
        }
        Rate = rate is >= 3 and <= 12 ? rate
            : Practice.Id == "resonance-breathing" ? await practices.ResonanceRateAsync(User.UserId(), cancel) : null;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string id, string? after, CancellationToken cancel)
    {
        if (!await LoadAsync(id, cancel))
        {
            return NotFound();
        }
        var now = clock.GetUtcNow();
        var started = Parse(Form.StartedAt) ?? now;
        var ended = Parse(Form.EndedAt) ?? now;
        var request = new PracticeSessionRequest(Practice.Id,
            new StateCheckDto(Form.Before.State, Form.Before.Intensity), new StateCheckDto(Form.After.State, Form.After.Intensity),
            started, ended < started ? started : ended, Form.Rating, Form.IdempotencyKey);
        switch (await sessions.RecordAsync(User.UserId(), request, cancel))
        {
            case SessionOutcome.Saved when after == AfterBreak:
                TempData["StatusMessage"] = "Saved. Take the rest of your break gently; come back when it's time.";
                return Redirect("/together");
            case SessionOutcome.Saved saved:
                return Redirect($"/practices/{Practice.Id}?session={saved.Session.Id}");
            case SessionOutcome.Duplicate duplicate:
                return Redirect($"/practices/{Practice.Id}?session={duplicate.Existing}");
            case SessionOutcome.Invalid invalid:
                foreach (var (field, messages) in invalid.Errors)
                {
                    Errors[field] = messages[0];
                }
                break;
        }
        return Page();
    }

    public string? Error(string field) => Errors.GetValueOrDefault(field);

    /// <summary>Any problem not shown beside a field (the times, the key).</summary>
    public IEnumerable<string> OtherErrors => Errors.Where(e => !e.Key.StartsWith("before", StringComparison.Ordinal)
        && !e.Key.StartsWith("after", StringComparison.Ordinal) && e.Key != "rating").Select(e => e.Value);

    /// <summary>Only the library's practices and the person's own can be played: a shared practice is theirs to do.</summary>
    private async Task<bool> LoadAsync(string id, CancellationToken cancel)
    {
        var found = PracticeLibrary.Find(id) ?? await practices.FindAsync(User.UserId(), id, cancel);
        if (found is null || (found.OwnerId is { } owner && owner != User.UserId()))
        {
            return false;
        }
        Practice = found;
        return true;
    }

    private static DateTimeOffset? Parse(string? text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value) ? value : null;
}
