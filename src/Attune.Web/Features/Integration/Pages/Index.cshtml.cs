using System.Globalization;
using System.Text.Json;
using Attune.Web.Data;
using Attune.Web.Features.Accounts;
using Attune.Web.Features.Sharing;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Attune.Web.Features.Integration.Pages;

/// <summary>
/// The integration reflection: nine radio groups on the river (one form, no script needed), the latest reflection as a
/// radar with a table beside it, the domains that could use care with practices for them, and earlier reflections.
/// </summary>
public sealed class IndexModel(AttuneDb db, IntegrationReflections reflections) : PageModel
{
    /// <summary>How many reflections the radar overlays: the newest and the two before it.</summary>
    public const int RadarReflections = 3;

    public const int HistoryRows = 12;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public List<IntegrationReflectionDto> Reflections { get; private set; } = [];

    public Dictionary<string, int?> Chosen { get; private set; } = [];

    [BindProperty]
    public string? IdempotencyKey { get; set; }

    public string? Problem { get; private set; }

    public bool Saved { get; private set; }

    public string? Zone { get; private set; }

    public string ChartJson { get; private set; } = "{}";

    public IntegrationReflectionDto? Latest => Reflections.FirstOrDefault();

    public async Task OnGetAsync(bool? saved, CancellationToken cancel)
    {
        Saved = saved == true;
        IdempotencyKey = Guid.NewGuid().ToString("N");
        await LoadAsync(cancel);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancel)
    {
        foreach (var d in IntegrationDomains.All)
        {
            // Anything off the river's scale (a hand-edited or stale form) counts as not placed yet.
            Chosen[d.Slug] = int.TryParse(Request.Form[FieldName(d)], NumberStyles.Integer, CultureInfo.InvariantCulture, out var v)
                && v is >= IntegrationDomains.Min and <= IntegrationDomains.Max ? v : null;
            if (Chosen[d.Slug] is null)
            {
                ModelState.AddModelError(FieldName(d), "Please place yourself on this one too.");
            }
        }
        if (ModelState.IsValid)
        {
            var answers = Chosen.ToDictionary(c => c.Key, c => c.Value!.Value);
            var key = string.IsNullOrWhiteSpace(IdempotencyKey) ? null : IdempotencyKey;
            switch (await reflections.SaveAsync(User.UserId(), new IntegrationRequest(answers, key), cancel))
            {
                case IntegrationOutcome.Saved or IntegrationOutcome.Repeated:
                    return Redirect("/integration?saved=true#latest");
                case IntegrationOutcome.Invalid i:
                    Problem = string.Join(" ", i.Errors.SelectMany(e => e.Value));
                    break;
            }
        }
        Problem ??= "A few parts still need a place on the river. They are marked below.";
        await LoadAsync(cancel);
        return Page();
    }

    public static string FieldName(IntegrationDomain d) => $"d-{d.Slug}";

    public string? ErrorFor(IntegrationDomain d) =>
        ModelState.TryGetValue(FieldName(d), out var entry) && entry.Errors.Count > 0 ? entry.Errors[0].ErrorMessage : null;

    public string Date(DateTime utc) => TimeZones.FormatAs(utc, Zone, "d MMM yyyy");

    private async Task LoadAsync(CancellationToken cancel)
    {
        var me = User.UserId();
        Zone = await TimeZones.OfUserAsync(db, me, cancel);
        Reflections = await reflections.ListAsync(me, Whose.Mine, HistoryRows, cancel);
        ChartJson = JsonSerializer.Serialize(new
        {
            domains = IntegrationDomains.All.Select(d => d.Name),
            reflections = Reflections.Take(RadarReflections).Select(r => new { label = Date(r.TakenAt), flow = r.Domains.Select(d => d.Flow) }),
        }, Json);
    }
}
