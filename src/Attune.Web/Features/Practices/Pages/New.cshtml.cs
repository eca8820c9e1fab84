using Microsoft.AspNetCore.Mvc;

namespace Attune.Web.Features.Practices.Pages;

/// <summary>Writing a practice of one's own.</summary>
public sealed class NewModel(Practices practices) : OwnPracticePage(practices)
{
    public void OnGet() => Form = new OwnPracticeForm { Steps = [new StepForm()] };

    public async Task<IActionResult> OnPostAsync(CancellationToken cancel) =>
        await SaveAsync(request => Practices.CreateAsync(Me, request, cancel), "Your practice is saved. You can start it whenever you like.") ?? Page();
}
