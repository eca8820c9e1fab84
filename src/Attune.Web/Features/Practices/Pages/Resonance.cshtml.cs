using System.Globalization;
using Attune.Analysis.Practices;
using Attune.Web.Features.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Attune.Web.Features.Practices.Pages;

/// <summary>
/// The resonance-rate finder: a minute of paced breathing at each of six rates from 7 down to 4.5 breaths a minute,
/// a comfort rating after each, and the chosen rate kept for resonance breathing. It chooses by comfort
/// (<see cref="ResonanceChoice.ByComfort"/>); with a heart-rate strap connected the page sends each minute's RR intervals
/// and it chooses by the heart's swing (<see cref="ResonanceChoice.BySwing"/>) when at least two minutes have one.
/// </summary>
public sealed class ResonanceModel(Practices practices) : PageModel
{
    public static readonly double[] Rates = [7, 6.5, 6, 5.5, 5, 4.5];

    /// <summary>Comfort 1–5 for each of <see cref="Rates"/>, in order; 0 or missing for a rate not tried.</summary>
    [BindProperty]
    public int[] Comfort { get; set; } = [];

    /// <summary>RR intervals (ms, comma-separated) a strap gave during each rate's minute, in order; empty without a strap.</summary>
    [BindProperty]
    public string?[] Beats { get; set; } = [];

    /// <summary>The most beats read per minute (a minute at 250 bpm and then some).</summary>
    public const int MaxBeatsPerTrial = 400;

    public double? Current { get; private set; }

    public string? Error { get; private set; }

    public async Task OnGetAsync(CancellationToken cancel) => Current = await practices.ResonanceRateAsync(User.UserId(), cancel);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancel)
    {
        var trials = Rates.Select((rate, i) => new RateTrial(rate, Math.Clamp(i < Comfort.Length ? Comfort[i] : 0, 0, 5))).ToArray();
        var swings = Rates.Select((rate, i) => ParseBeats(i < Beats.Length ? Beats[i] : null) is { } rr ? ResonanceChoice.HeartRateSwing(rr, rate) : null).ToArray();
        if (swings.Count(s => s is not null) >= 2 && ResonanceChoice.BySwing(trials, swings) is { } bySwing)
        {
            await practices.SaveResonanceRateAsync(User.UserId(), bySwing, "swing", cancel);
            var swingRate = bySwing.ToString("0.#", CultureInfo.InvariantCulture);
            TempData["StatusMessage"] = $"Your breathing rate is {swingRate} breaths a minute: your heart swung most with each breath there. Resonance breathing will start at it; you can change it there any time.";
            return Redirect($"/practices/resonance-breathing/play?rate={swingRate}");
        }
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

    /// <summary>RR intervals from the form, or null when absent or not all plausible (200–3000 ms, at most
    /// <see cref="MaxBeatsPerTrial"/>): a bad list falls back to comfort rather than choosing on bad numbers.</summary>
    internal static double[]? ParseBeats(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Length > MaxBeatsPerTrial * 12)
        {
            return null;
        }
        var parts = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length < 2 || parts.Length > MaxBeatsPerTrial)
        {
            return null;
        }
        var rr = new double[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!double.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out rr[i]) || !(rr[i] >= 200 && rr[i] <= 3000))
            {
                return null;
            }
        }
        return rr;
    }
}
