using System.Globalization;
using Attune.Analysis.Practices;
using Attune.Web.Features.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Attune.Web.Features.Practices.Pages;

/// <summary>
/// The resonance-rate finder: a minute of paced breathing at each of six rates from 7 down to 4.5 breaths a minute,
/// a comfort rating after each, and the chosen rate kept for resonance breathing. It chooses by comfort
/// (<see cref="ResonanceChoice.ByComfort"/>); with a heart-rate strap (a later issue) it will choose by the heart's swing.
/// </summary>
public sealed class ResonanceModel(Practices practices) : PageModel
{
    public static readonly double[] Rates = [7, 6.5, 6, 5.5, 5, 4.5];

    /// <summary>Comfort 1–5 for each of <see cref="Rates"/>, in order; 0 or missing for a rate not tried.</summary>
    [BindProperty]
    public int[] Comfort { get; set; } = [];

    public double? Current { get; private set; }

    public string? Error { get; private set; }

    public async Task OnGetAsync(CancellationToken cancel) => Current = await practices.ResonanceRateAsync(User.UserId(), cancel);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancel)
    {
        var trials = Rates.Select((rate, i) => new RateTrial(rate, Math.Clamp(i < Comfort.Length ? Comfort[i] : 0, 0, 5))).ToArray();
        if (ResonanceChoice.ByComfort(trials) is not { } chosen)
        {
            Error = "Please rate at least one rate you tried, from 1 (uncomfortable) to 5 (easy and pleasant).";
            Current = await practices.ResonanceRateAsync(User.UserId(), cancel);
            return Page();
        }
        await practices.SaveResonanceRateAsync(User.UserId(), chosen, "comfort", cancel);
        var rate = chosen.ToString("0.#", CultureInfo.InvariantCulture);
        TempData["StatusMessage"] = $"Your breathing rate is {rate} breaths a minute. Resonance breathing will start at it; you can change it there any time.";
        return Redirect($"/practices/resonance-breathing/play?rate={rate}");
    }
}
