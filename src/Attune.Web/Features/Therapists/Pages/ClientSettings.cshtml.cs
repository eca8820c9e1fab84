using Attune.Web.Data;
using Attune.Web.Features.Accounts;
using Attune.Web.Features.Sharing;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Attune.Web.Features.Therapists.Pages;

/// <summary>
/// Settings, Therapist: a client enters a therapist's code and chooses what to share, sees their consent ledger and their
/// homework, changes or stops sharing. Calls the same <see cref="TherapyLinks"/> and <see cref="HomeworkPlans"/> as the API.
/// </summary>
public sealed class ClientSettingsModel(
    TherapyLinks links, HomeworkPlans plans, InSession.InSessionConsents inSession, InSession.InSessionViews views, AttuneDb db) : PageModel
{
    [BindProperty]
    public string? Code { get; set; }

    [BindProperty]
    public List<string> Streams { get; set; } = [DataStreams.Name(DataStream.CheckIns), DataStreams.Name(DataStream.Measures)];

    [BindProperty]
    public bool Agree { get; set; }

    [BindProperty]
    public int ConsentVersion { get; set; }

    public List<ConsentDto> Ledger { get; private set; } = [];

    public List<HomeworkDto> Homework { get; private set; } = [];

    /// <summary>Live in-session views: each with the text agreed for it (part of the ledger).</summary>
    public List<InSession.InSessionDto> Sessions { get; private set; } = [];

    /// <summary>A live session a therapist started with me, waiting for me to join.</summary>
    public InSession.Pages.InSessionInvite? Waiting { get; private set; }

    public string? Zone { get; private set; }

    public IEnumerable<ConsentDto> Active => Ledger.Where(c => c.Status == "active");

    public async Task OnGetAsync(CancellationToken cancel) => await LoadAsync(cancel);

    public async Task<IActionResult> OnPostAcceptAsync(CancellationToken cancel)
    {
        if (!Agree)
        {
            ModelState.AddModelError(nameof(Agree), "Please read what sharing with a therapist means, and tick that you agree.");
        }
        else
        {
            switch (await links.AcceptAsync(User.UserId(), Code, Streams, ConsentVersion, cancel))
            {
                case LinkOutcome.Consented c:
                    TempData["StatusMessage"] = $"You now share {DataStreams.Describe(Parse(c.Consent.Streams))} with {c.Consent.Therapist}.";
                    return RedirectToPage();
                case LinkOutcome.Invalid i:
                    ModelState.AddModelError(i.Field == "code" ? nameof(Code) : nameof(Streams), i.Message);
                    break;
                default:
                    ModelState.AddModelError(nameof(Code), "That code doesn't work. It may have been used already or run out: please ask your therapist for a new one.");
                    break;
            }
        }
        await LoadAsync(cancel);
        return Page();
    }

    public async Task<IActionResult> OnPostChangeAsync(Guid id, List<string> change, CancellationToken cancel)
    {
        var outcome = await links.ChangeAsync(User.UserId(), id, change, TherapistConsent.CurrentVersion, cancel);
        TempData["StatusMessage"] = outcome switch
        {
            LinkOutcome.Consented c => $"From now on {c.Consent.Therapist} sees {DataStreams.Describe(Parse(c.Consent.Streams))}.",
            LinkOutcome.Invalid => "Error: choose at least one kind of data, or stop sharing altogether.",
            _ => "That consent had already ended.",
        };
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRevokeAsync(Guid id, CancellationToken cancel)
    {
        TempData["StatusMessage"] = await links.RevokeAsync(User.UserId(), id, cancel)
            ? "You've stopped sharing. From their next look, your therapist sees nothing of yours."
            : "That consent had already ended.";
        return RedirectToPage();
    }

    public string Date(DateTime at) => TimeZones.Format(at, Zone);

    private static DataStream Parse(string[] names) => TherapistConsent.Parse(names) ?? DataStream.None;

    private async Task LoadAsync(CancellationToken cancel)
    {
        ConsentVersion = TherapistConsent.CurrentVersion;
        Zone = await TimeZones.OfUserAsync(db, User.UserId(), cancel);
        Ledger = await links.LedgerAsync(User.UserId(), cancel);
        Homework = await plans.ListAsync(User.UserId(), User.UserId(), null, cancel);
        Sessions = await inSession.MineAsync(User.UserId(), null, cancel);
        Waiting = await InSession.Pages.InSessionInvite.FindAsync(views, db, User.UserId(), cancel);
    }
}
