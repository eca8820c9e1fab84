using Attune.Web.Features.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Attune.Web.Features.CheckIns.Pages;

/// <summary>Taking check-ins out (CSV, JSON) and bringing a CSV back in, with the same checks as the API.</summary>
[RequestSizeLimit(CheckInTransfer.MaxImportBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = CheckInTransfer.MaxImportBytes)]
public sealed class DataModel(CheckInTransfer transfer) : PageModel
{
    public string? Problem { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostImportAsync(IFormFile? file, CancellationToken cancel)
    {
        if (file is null || file.Length == 0)
        {
            Problem = "Please choose a CSV file to import.";
            return Page();
        }
        using var reader = new StreamReader(file.OpenReadStream(), CheckInTransfer.Utf8);
        var result = await transfer.ImportCsvAsync(User.UserId(), await reader.ReadToEndAsync(cancel), cancel);
        if (!result.Succeeded)
        {
            Problem = result.Line is { } line
                ? $"Nothing was imported. Line {line}: {result.Problem}"
                : $"Nothing was imported. {result.Problem}";
            return Page();
        }
        TempData["StatusMessage"] = result.AlreadyThere == 0
            ? $"Imported {result.Added} check-ins."
            : $"Imported {result.Added} check-ins; {result.AlreadyThere} were already here and were left as they are.";
        return Redirect("/checkins");
    }
}
