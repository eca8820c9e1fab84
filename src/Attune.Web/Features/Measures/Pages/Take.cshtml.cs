using System.Globalization;
using Attune.Web.Features.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Attune.Web.Features.Measures.Pages;

/// <summary>
/// Filling in one measure: a radio group per item, one form, no script needed. The server scores it and shows the
/// result page; for PHQ-9 with item 9 above 0 that page opens with the safety screen.
/// </summary>
public sealed class TakeModel(Measures measures) : PageModel
{
    public MeasureForm Form { get; private set; } = null!;

    /// <summary>The chosen answer per item, kept when the form comes back with a problem.</summary>
    public int?[] Chosen { get; private set; } = [];

    [BindProperty]
    public string? IdempotencyKey { get; set; }

    public string? Problem { get; private set; }

    public IActionResult OnGet(string kind)
    {
        if (MeasureCatalog.Find(kind) is not { } form)
        {
            return NotFound();
        }
        Form = form;
        Chosen = new int?[form.Items.Count];
        IdempotencyKey = Guid.NewGuid().ToString("N");
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string kind, CancellationToken cancel)
    {
        if (MeasureCatalog.Find(kind) is not { } form)
        {
            return NotFound();
        }
        Form = form;
        // Anything but one of the offered answers (a hand-edited or stale form) counts as not answered yet.
        Chosen = [.. Enumerable.Range(0, form.Items.Count).Select(i =>
            int.TryParse(Request.Form[FieldName(i)], NumberStyles.Integer, CultureInfo.InvariantCulture, out var v)
                && form.Items[i].Options.Any(o => o.Value == v) ? v : (int?)null)];
        for (var i = 0; i < Chosen.Length; i++)
        {
            if (Chosen[i] is null)
            {
                ModelState.AddModelError(FieldName(i), "Please choose an answer for this one.");
            }
        }
        if (!ModelState.IsValid)
        {
            Problem = "A few questions still need an answer. They are marked below.";
            return Page();
        }
        var key = string.IsNullOrWhiteSpace(IdempotencyKey) ? null : IdempotencyKey;
        switch (await measures.SubmitAsync(User.UserId(), form.Slug, new MeasureRequest([.. Chosen.Select(c => c!.Value)], key), cancel))
        {
            case MeasureOutcome.Saved s:
                return Redirect($"/measures/{form.Slug}/result?id={s.Result.Id}");
            case MeasureOutcome.Repeated r:
                // The same form sent twice (a double tap, a resent page): show what was stored the first time.
                return Redirect($"/measures/{r.Kind}/result?id={r.ExistingId}");
            case MeasureOutcome.Invalid i:
                Problem = string.Join(" ", i.Errors.SelectMany(e => e.Value));
                return Page();
            default:
                throw new InvalidOperationException("Unknown outcome.");
        }
    }

    public static string FieldName(int item) => $"q{item + 1}";

    public string? ErrorFor(int item) =>
        ModelState.TryGetValue(FieldName(item), out var entry) && entry.Errors.Count > 0 ? entry.Errors[0].ErrorMessage : null;
}
