using Attune.Web.Data;
using Attune.Web.Features.Accounts;
using Attune.Web.Features.Sharing;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Attune.Web.Features.CheckIns.Pages;

/// <summary>What the new and edit pages share: the form, the words to offer, and turning the rules' problems into field messages.</summary>
public abstract class CheckInPage(AttuneDb db, Access access, CheckIns checkIns) : PageModel
{
    [BindProperty]
    public CheckInForm Form { get; set; } = new();

    public CheckInFieldsView Fields { get; private set; } = null!;

    protected CheckIns CheckIns => checkIns;

    protected Access Access => access;

    protected async Task LoadFieldsAsync(CancellationToken cancel)
    {
        var me = User.UserId();
        Fields = new CheckInFieldsView(Form, await checkIns.WordsAsync(me, cancel), await WordSuggestions.ForAsync(access, me, cancel), ModelState);
    }

    /// <summary>Saves through <paramref name="save"/>; on problems, shows them beside their fields and returns null.</summary>
    protected async Task<CheckInDto?> SaveAsync(Func<CheckInRequest, Task<CheckInOutcome>> save, CancellationToken cancel)
    {
        var zone = await TimeZones.OfUserAsync(db, User.UserId(), cancel) ?? TimeZones.Default;
        var (request, problems) = Form.ToRequest(zone);
        foreach (var (key, message) in problems)
        {
            ModelState.AddModelError(key, message);
        }
        if (problems.Count == 0)
        {
            switch (await save(request))
            {
                case CheckInOutcome.Saved s:
                    return s.CheckIn;
                case CheckInOutcome.Replayed r:
                    return r.CheckIn;
                case CheckInOutcome.Invalid invalid:
                    foreach (var (field, messages) in invalid.Errors)
                    {
                        ModelState.AddModelError(CheckInForm.FieldOf(field), messages[0]);
                    }
                    break;
            }
        }
        await LoadFieldsAsync(cancel);
        return null;
    }

    protected IActionResult Saved(CheckInDto saved, string message)
    {
        TempData["StatusMessage"] = message;
        return Redirect($"/checkins/{saved.Id}");
    }
}
