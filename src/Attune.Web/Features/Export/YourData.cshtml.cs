using Attune.Web.Features.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Attune.Web.Features.Export;

/// <summary>"Your data": links to the export (plain downloads, no script needed) and the JSON import, which calls the same handler as the API.</summary>
[RequestSizeLimit(PersonalImport.MaxBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = PersonalImport.MaxBytes)]
public sealed class YourDataModel(PersonalImport import) : PageModel
{
    public IReadOnlyList<string> Problems { get; private set; } = [];

    public void OnGet() => Response.Headers.CacheControl = "no-store";

    public async Task<IActionResult> OnPostImportAsync(IFormFile? file, CancellationToken cancel)
    {
        if (file is null || file.Length == 0)
        {
            Problems = ["Please choose the JSON file your export gave you."];
            return Page();
        }
        await using var body = file.OpenReadStream();
        var outcome = await import.ImportAsync(User.UserId(), body, cancel);
        if (!outcome.Succeeded)
        {
            Problems = [.. outcome.Problems.Select(p => p.ToString())];
            return Page();
        }
        TempData["StatusMessage"] = outcome.Added == 0
            ? "Everything in that file was already here, so nothing needed adding."
            : outcome.AlreadyThere == 0
                ? $"Imported {Items(outcome.Added)}."
                : $"Imported {Items(outcome.Added)}; {Items(outcome.AlreadyThere)} already here stayed as they are.";
        return RedirectToPage();
    }

    private static string Items(int n) => n == 1 ? "1 item" : $"{n:N0} items";
}
