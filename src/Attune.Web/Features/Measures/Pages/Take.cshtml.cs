using System.Globalization;
using Attune.Analysis.Measures;
using Attune.Web.Data;
using Attune.Web.Features.Accounts;
using Attune.Web.Features.Sharing;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Attune.Web.Features.Measures.Pages;

/// <summary>
/// Filling in one measure: a radio group per item, one form, no script needed. The server scores it and shows the
/// result page; for PHQ-9 with item 9 above 0 that page opens with the safety screen. Before a PHQ-9, someone who shares
/// measures with a therapist is told that an answer to the last item above "not at all" reaches that therapist too.
/// </summary>
public sealed class TakeModel(Measures measures, AttuneDb db) : PageModel
{
    /// <summary>For a PHQ-9: the therapists who see this person's measures right now (their last answer included).</summary>
    public IReadOnlyList<string> TherapistsSeeing { get; private set; } = [];

    public MeasureForm Form { get; private set; } = null!;

    /// <summary>The chosen answer per item, kept when the form comes back with a problem.</summary>
    public int?[] Chosen { get; private set; } = [];

    [BindProperty]
    public string? IdempotencyKey { get; set; }

    public string? Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync(string kind, CancellationToken cancel)
    {
        if (MeasureCatalog.Find(kind) is not { } form)
        {
            return NotFound();
        }
        Form = form;
        TherapistsSeeing = await TherapistsSeeingAsync(cancel);
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
        TherapistsSeeing = await TherapistsSeeingAsync(cancel);
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

    private async Task<IReadOnlyList<string>> TherapistsSeeingAsync(CancellationToken cancel)
    {
        if (Form.Kind != MeasureKind.Phq9)
        {
            return [];
        }
        var me = User.UserId();
        var therapists = await db.Grants.AsNoTracking()
            .Where(g => g.OwnerId == me && g.Kind == GrantKind.Therapist && g.Status == GrantStatus.Active
                && (g.Streams & DataStream.Measures) == DataStream.Measures && g.GranteeId != null)
            .Select(g => g.GranteeId!.Value).Distinct().ToListAsync(cancel);
        if (therapists.Count == 0)
        {
            return [];
        }
        var names = await People.NamesAsync(db, therapists, cancel);
        return [.. therapists.Select(t => names.GetValueOrDefault(t, "your therapist")).Order(StringComparer.CurrentCulture)];
    }

    public string? ErrorFor(int item) =>
        ModelState.TryGetValue(FieldName(item), out var entry) && entry.Errors.Count > 0 ? entry.Errors[0].ErrorMessage : null;
}
