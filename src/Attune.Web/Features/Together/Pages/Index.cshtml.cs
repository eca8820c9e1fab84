using Attune.Web.Data;
using Attune.Web.Features.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Attune.Web.Features.Together.Pages;

/// <summary>
/// Together: link with a partner by code; once linked, the partner's latest shared state with guidance, breaks when
/// flooded, repairs and small daily rituals. Every handler calls the same services as the API; no JavaScript needed.
/// </summary>
public sealed class IndexModel(Partners partners, PartnerStates states, Breaks breaks, Repairs repairs, Rituals rituals, TogetherSettings settings, Live.BreathSessions live, AttuneDb db, TimeProvider clock) : PageModel
{
    /// <summary>A breathe-together session under way: mine, or my partner's invitation to me.</summary>
    public (Guid Id, bool StartedByMe)? Breathing { get; private set; }

    [BindProperty]
    public double Pace { get; set; } = 6;

    public PartnerStateDto? State { get; private set; }

    public PendingInviteDto? Pending { get; private set; }

    /// <summary>A code just made: shown on this one response, never stored in clear.</summary>
    public PartnerInviteDto? NewCode { get; private set; }

    public RitualsDto? Moments { get; private set; }

    public string? Zone { get; private set; }

    [BindProperty]
    public string? Code { get; set; }

    [BindProperty]
    public bool ShareCheckIns { get; set; } = true;

    [BindProperty]
    public bool ShareRecordings { get; set; }

    [BindProperty]
    public int Minutes { get; set; } = 30;

    [BindProperty]
    public string? Note { get; set; }

    [BindProperty]
    public string? StateBefore { get; set; }

    [BindProperty]
    public string? Text { get; set; }

    [BindProperty]
    public bool NotifyByPush { get; set; }

    public static IReadOnlyList<int> BreakLengths { get; } = [20, 30, 45, 60, 90];

    public async Task OnGetAsync(CancellationToken cancel) => await LoadAsync(cancel);

    public async Task<IActionResult> OnPostInviteAsync(CancellationToken cancel)
    {
        switch (await partners.InviteAsync(User.UserId(), Streams(), cancel))
        {
            case PartnerOutcome.Invited invited:
                NewCode = invited.Invite;
                break;
            case PartnerOutcome.Invalid invalid:
                ModelState.AddModelError("invite", invalid.Message);
                break;
        }
        await LoadAsync(cancel);
        return Page();
    }

    public async Task<IActionResult> OnPostCancelInviteAsync(CancellationToken cancel)
    {
        await partners.CancelInviteAsync(User.UserId(), cancel);
        TempData["StatusMessage"] = "Your code was withdrawn. Nobody can use it now.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostAcceptAsync(CancellationToken cancel)
    {
        switch (await partners.AcceptAsync(User.UserId(), Code, Streams(), cancel))
        {
            case PartnerOutcome.Linked linked:
                TempData["StatusMessage"] = $"You and {linked.Partner.Name} are linked. Welcome to Together.";
                return RedirectToPage();
            case PartnerOutcome.Invalid invalid:
                ModelState.AddModelError(nameof(Code), invalid.Message);
                break;
            default:
                ModelState.AddModelError(nameof(Code), "That code doesn't work. It may be mistyped, used already or more than three days old. Please ask your partner for a new one.");
                break;
        }
        await LoadAsync(cancel);
        return Page();
    }

    public async Task<IActionResult> OnPostBreakAsync(CancellationToken cancel)
    {
        switch (await breaks.StartAsync(User.UserId(), new BreakRequest(Minutes, null, Note), cancel))
        {
            case BreakOutcome.Started started:
                TempData["StatusMessage"] = started.PartnerTold
                    ? "Your break has started. Your partner has been told, kindly, that you'll be back."
                    : "Your break has started. Your partner will see it when they open Together.";
                // Straight into settling: the player starts by itself and says when to come back.
                return Redirect(BreakPractice);
            case BreakOutcome.Invalid invalid:
                foreach (var (_, messages) in invalid.Errors)
                {
                    ModelState.AddModelError("break", messages[0]);
                }
                break;
        }
        await LoadAsync(cancel);
        return Page();
    }

    public async Task<IActionResult> OnPostBackAsync(Guid id, CancellationToken cancel)
    {
        if (!await breaks.EndAsync(User.UserId(), id, cancel))
        {
            return NotFound();
        }
        TempData["StatusMessage"] = "Welcome back. When you're both ready, a repair can help you reconnect.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostBreatheAsync(CancellationToken cancel)
    {
        try
        {
            return Redirect($"/together/live/{await live.StartAsync(User.UserId(), Pace, cancel)}");
        }
        catch (Live.LiveRefusal refusal)
        {
            ModelState.AddModelError("breathe", refusal.Message);
        }
        await LoadAsync(cancel);
        return Page();
    }

    public async Task<IActionResult> OnPostRepairAsync(CancellationToken cancel)
    {
        switch (await repairs.StartAsync(User.UserId(), new RepairStartRequest(StateBefore), cancel))
        {
            case RepairOutcome.Done done:
                return Redirect($"/together/repair/{done.Repair.Id}");
            case RepairOutcome.Invalid invalid:
                foreach (var (_, messages) in invalid.Errors)
                {
                    ModelState.AddModelError("repair", messages[0]);
                }
                break;
        }
        await LoadAsync(cancel);
        return Page();
    }

    public async Task<IActionResult> OnPostMomentAsync(string kind, CancellationToken cancel)
    {
        switch (await rituals.NoteAsync(User.UserId(), new RitualRequest(kind, Text), cancel))
        {
            case RitualOutcome.Noted noted:
                TempData["StatusMessage"] = noted.Moment.Kind switch
                {
                    "hug" => "A hug, noted. Twenty seconds is the sweet spot.",
                    "kiss" => "A kiss, noted.",
                    "question" => "Your answer is saved. Your partner can read it here.",
                    _ => "Your appreciation is saved. Your partner can read it here.",
                };
                return RedirectToPage();
            case RitualOutcome.Invalid invalid:
                foreach (var (_, messages) in invalid.Errors)
                {
                    ModelState.AddModelError(kind == "question" ? "question" : "moment", messages[0]);
                }
                break;
        }
        await LoadAsync(cancel);
        return Page();
    }

    public async Task<IActionResult> OnPostUnlinkAsync(CancellationToken cancel)
    {
        if (!await partners.UnlinkAsync(User.UserId(), cancel))
        {
            return NotFound();
        }
        TempData["StatusMessage"] = "You are no longer linked. Neither of you sees the other's data from now on; each keeps their own.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostNotifyAsync(CancellationToken cancel)
    {
        await settings.SetAsync(User.UserId(), NotifyByPush, cancel);
        TempData["StatusMessage"] = NotifyByPush
            ? "Done. Browsers where you turned on reminders will also tell you about breaks and repairs, without names or details."
            : "Done. Together won't send you notifications.";
        return RedirectToPage();
    }

    private string[] Streams() =>
    [
        .. ShareCheckIns ? ["checkins"] : Array.Empty<string>(),
        .. ShareRecordings ? ["recordings"] : Array.Empty<string>(),
    ];

    private async Task LoadAsync(CancellationToken cancel)
    {
        Response.Headers.CacheControl = "no-store";
        var me = User.UserId();
        Zone = await TimeZones.OfUserAsync(db, me, cancel);
        State = await states.ForAsync(me, cancel);
        Breathing = State is null ? null : live.Waiting(me);
        if (State is null)
        {
            Pending = NewCode is null ? await partners.PendingAsync(me, cancel) : null;
            return;
        }
        Moments = await rituals.WeekAsync(me, State.Partner.Id, cancel);
        NotifyByPush = (await settings.GetAsync(me, cancel)).NotifyByPush;
    }

    public string Time(DateTime at) => TimeZones.FormatAs(at, Zone, "HH:mm");

    /// <summary>The self-soothing practice a break opens: a longer out-breath, which calms a racing heart.</summary>
    public const string BreakPractice = "/practices/extended-exhale/play?after=" + Practices.Pages.PlayModel.AfterBreak;

    /// <summary>True once a break's return time has come: the page then says it is time to come back together.</summary>
    public bool Due(BreakDto b) => b.ReturnAt <= clock.GetUtcNow().UtcDateTime;

    /// <summary>The return time for the script that shows the same words when the time comes while the page is open.</summary>
    public static string Instant(DateTime utc) =>
        DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("o", System.Globalization.CultureInfo.InvariantCulture);

    public static string StateLabel(string state) => CheckIns.StateNames.Parse(state) is { } s ? CheckIns.StateNames.Label(s) : state;
}
