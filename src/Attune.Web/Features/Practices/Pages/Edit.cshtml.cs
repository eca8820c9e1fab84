using Microsoft.AspNetCore.Mvc;

namespace Attune.Web.Features.Practices.Pages;

/// <summary>Changing or deleting one of one's own practices.</summary>
public sealed class EditModel(Practices practices) : OwnPracticePage(practices)
{
    public Guid Id { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancel)
    {
        if (await Practices.FindAsync(Me, id.ToString(), cancel) is not { } p || p.OwnerId != Me)
        {
            return NotFound();
        }
        Id = id;
        Form = OwnPracticeForm.From(p);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancel)
    {
        Id = id;
        return await SaveAsync(request => Practices.UpdateAsync(Me, id, request, cancel), "Saved.") ?? Page();
    }

    public async Task<IActionResult> OnPostDeleteAsync(Guid id, CancellationToken cancel)
    {
        if (!await Practices.DeleteAsync(Me, id, cancel))
        {
            return NotFound();
        }
        TempData["StatusMessage"] = "The practice is deleted. Sessions you did with it stay in your history.";
        return Redirect("/practices");
    }
}
