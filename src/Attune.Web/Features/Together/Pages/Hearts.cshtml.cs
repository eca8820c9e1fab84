using Attune.Web.Data;
using Attune.Web.Features.Accounts;
using Attune.Web.Features.Recordings;
using Attune.Web.Features.Sharing;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Attune.Web.Features.Together.Pages;

/// <summary>
/// Two hearts together: compares two recordings made at the same time, typically mine and the one my partner shares
/// with me (each recording on their own phone), or two of my own. Every recording is read through <see cref="Access"/>,
/// so an ex-partner's recording, or one never shared, is "not found". A plain GET form: nothing is changed.
/// </summary>
public sealed class HeartsModel(AttuneDb db, Access access, RecordingAnalyses analyses, Partners partners) : PageModel
{
    public List<RecordingDto> Choices { get; private set; } = [];

    [BindProperty(SupportsGet = true)]
    public Guid? A { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid? B { get; set; }

    public SynchronyDto? Result { get; private set; }

    public string? Problem { get; private set; }

    /// <summary>A recording's first analysis is still under way; the page looks again by itself.</summary>
    public bool Waiting { get; private set; }

    public string NameA { get; private set; } = "";

    public string NameB { get; private set; } = "";

    /// <summary>The linked partner, when there is one: their shared recordings are offered first as the second heart.</summary>
    public PartnerDto? Partner { get; private set; }

    /// <summary>What the form starts with when nothing is chosen yet: my newest recording, and my partner's newest shared one.</summary>
    public Guid? SuggestedA { get; private set; }

    public Guid? SuggestedB { get; private set; }

    public static string Label(RecordingDto r) => r.SharedBy is { } who ? $"{r.Name} ({who}’s)" : r.Name;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancel)
    {
        Response.Headers.CacheControl = "no-store";
        var me = User.UserId();
        Partner = await partners.CurrentAsync(me, cancel);
        Choices = await RecordingReads.ListAsync(access, db, me, Whose.All, cancel);
        var mine = Choices.FirstOrDefault(c => c.SharedBy is null);
        var theirs = Partner is { } p ? Choices.FirstOrDefault(c => c.OwnerId == p.Id) : null;
        SuggestedA = A ?? mine?.Id ?? Choices.FirstOrDefault()?.Id;
        SuggestedB = B ?? theirs?.Id ?? Choices.FirstOrDefault(c => c.Id != SuggestedA)?.Id;
        if (A is not { } a || B is not { } b)
        {
            return Page();
        }
        switch (await RecordingSynchrony.CompareAsync(access, db, analyses, me, a, b, cancel))
        {
            case RecordingSynchrony.Outcome.Compared c:
                (Result, NameA, NameB) = (c.Result, Label(c.A), Label(c.B));
                return Page();
            case RecordingSynchrony.Outcome.CannotCompare c:
                Problem = c.Reason;
                return Page();
            case RecordingSynchrony.Outcome.Pending:
                Waiting = true;
                ViewData["RefreshSeconds"] = 3;
                return Page();
            default:
                return NotFound();
        }
    }
}
