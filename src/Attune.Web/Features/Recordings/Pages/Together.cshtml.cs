using Attune.Web.Data;
using Attune.Web.Features.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Attune.Web.Features.Recordings.Pages;

/// <summary>
/// Compares two of your own recordings made at the same time (for example you and a partner wearing
/// straps during a conversation, uploaded to your account). A plain GET form: nothing is changed.
/// </summary>
public sealed class TogetherModel(AttuneDb db, RecordingAnalyses analyses) : PageModel
{
    public List<RecordingDto> Choices { get; private set; } = [];

    [BindProperty(SupportsGet = true)]
    public Guid? A { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid? B { get; set; }

    public SynchronyDto? Result { get; private set; }

    public string? Problem { get; private set; }

    public string NameA { get; private set; } = "";

    public string NameB { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(CancellationToken cancel)
    {
        var me = User.UserId();
        Choices = await db.ListOwnedAsync(me, cancel);
        if (A is not { } a || B is not { } b)
        {
            return Page();
        }
        var first = Choices.FirstOrDefault(c => c.Id == a);
        var second = Choices.FirstOrDefault(c => c.Id == b);
        if (first is null || second is null)
        {
            return NotFound();
        }
        if (a == b)
        {
            Problem = "Please choose two different recordings.";
            return Page();
        }
        NameA = first.Name;
        NameB = second.Name;
        var x = await analyses.GetAsync(db, me, a, cancel);
        var y = await analyses.GetAsync(db, me, b, cancel);
        if (x?.HeartRate is null || y?.HeartRate is null)
        {
            Problem = "One of these recordings has no heartbeats we could use.";
            return Page();
        }
        (Result, Problem) = RecordingSynchrony.Run(a, NameA, x.HeartRate, b, NameB, y.HeartRate);
        return Page();
    }
}
