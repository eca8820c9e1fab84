using Attune.Web.Features.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Attune.Web.Features.CheckIns.Pages;

/// <summary>My words: feeling words a person adds to Attune's vocabulary, placed where they feel right.</summary>
public sealed class WordsModel(CheckIns checkIns, OwnWords words) : PageModel
{
    [BindProperty]
    public CustomEmotionRequest Input { get; set; } = new(null, null, 0, 0);

    public List<EmotionWord> Own { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancel) => await LoadAsync(cancel);

    public async Task<IActionResult> OnPostAddAsync(CancellationToken cancel)
    {
        var (word, errors) = await words.AddAsync(User.UserId(), Input, cancel);
        if (word is null)
        {
            foreach (var (field, messages) in errors!)
            {
                ModelState.AddModelError("Input." + char.ToUpperInvariant(field[0]) + field[1..], messages[0]);
            }
            await LoadAsync(cancel);
            return Page();
        }
        TempData["StatusMessage"] = $"“{word.Name}” is now one of your words.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRemoveAsync(string id, CancellationToken cancel)
    {
        if (!await words.RemoveAsync(User.UserId(), id, cancel))
        {
            return NotFound();
        }
        TempData["StatusMessage"] = "The word is removed. Check-ins that used it keep it.";
        return RedirectToPage();
    }

    public string? Error(string key) =>
        ModelState.TryGetValue(key, out var entry) && entry.Errors.Count > 0 ? entry.Errors[0].ErrorMessage : null;

    private async Task LoadAsync(CancellationToken cancel) =>
        Own = [.. (await checkIns.WordsAsync(User.UserId(), cancel)).Where(w => w.IsOwn)];
}
