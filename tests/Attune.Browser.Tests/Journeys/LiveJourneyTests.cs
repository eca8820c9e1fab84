using System.Globalization;
using System.Text.RegularExpressions;
using Attune.Browser.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Attune.Browser.Tests.Journeys;

/// <summary>
/// Live biofeedback with the simulated strap (<c>?strap=simulated</c>, the one switch choose-source.ts reads):
/// connecting during a practice, numbers that change beat by beat, saving the beats as a recording, the resonance
/// finder choosing the strap's own resonance rate by the heart's swing, and the plain message where a browser has no
/// Web Bluetooth. <c>strapSpeed</c> runs the simulated heart faster than real time so a minute of beats takes seconds.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class LiveJourneyTests(BrowserFixture browser)
{
    [GeneratedRegex(@"^\d+$")]
    private static partial Regex WholeNumber();

    [GeneratedRegex(@"^\d+\.\d$")]
    private static partial Regex OneDecimal();

    [Fact]
    public async Task A_heart_racing_for_over_a_minute_suggests_a_break_and_a_resting_one_does_not()
    {
        var email = await AccountSteps.SeedConfirmedUserAsync(browser.Server, "Robin");
        await using var session = await browser.NewPageAsync(FormFactor.Phone);
        var page = session.Page;
        await AccountSteps.SignInAsync(page, email);
        // A simulated heart at about 118 a minute, 24 times faster than real time: a minute takes two and a half seconds
        // (the panel counts the heart's own time, the sum of its RR intervals, so the rule sees a full minute).
        await page.GotoAsync("practices/extended-exhale/play?strap=simulated&strapHr=118&strapSpeed=24");
        await StartBreathingAsync(page);
        var panel = page.GetByRole(AriaRole.Region, new() { Name = "Your heart, live" });
        await panel.GetByRole(AriaRole.Button, new() { Name = "Connect a heart-rate strap" }).ClickAsync();
        var suggestion = panel.Locator("[data-live-flooding]");
        await Expect(suggestion).ToBeHiddenAsync();
        await Expect(suggestion).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Expect(suggestion).ToContainTextAsync("over 100 a minute, for more than a minute");
        await Expect(suggestion.GetByRole(AriaRole.Link, new() { Name = "Take a break and tell your partner when you'll be back" }))
            .ToHaveAttributeAsync("href", "/together#flooded-heading");

        await page.GotoAsync("practices/extended-exhale/play?strap=simulated&strapSpeed=24");
        await StartBreathingAsync(page);
        await panel.GetByRole(AriaRole.Button, new() { Name = "Connect a heart-rate strap" }).ClickAsync();
        await page.WaitForFunctionAsync("() => Number(document.querySelector('[data-live-connected]').dataset.beats) >= 120");
        await Expect(panel.Locator("[data-live-flooding]")).ToBeHiddenAsync();
    }

    private static async Task StartBreathingAsync(IPage page)
    {
        await page.Locator("label[for=before-state-activated]").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Begin" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Next step" }).ClickAsync();
        await Expect(page.Locator("[data-pacer-phase]")).ToHaveTextAsync(new Regex("Breathe (in|out)"));
    }

    private static async Task<int> BeatsAsync(IPage page) =>
        int.Parse(await page.Locator("[data-live-connected]").GetAttributeAsync("data-beats") ?? "0", CultureInfo.InvariantCulture);

    [AxeFact]
    public async Task A_strap_during_a_practice_shows_the_heart_beat_by_beat_and_saves_the_beats()
    {
        var email = await AccountSteps.SeedConfirmedUserAsync(browser.Server, "Robin");
        await using var session = await browser.NewPageAsync(FormFactor.Phone);
        var page = session.Page;
        await AccountSteps.SignInAsync(page, email);
        await page.GotoAsync("practices/resonance-breathing/play?strap=simulated&strapSpeed=16&strapResonance=6");
        await StartBreathingAsync(page);

        var panel = page.GetByRole(AriaRole.Region, new() { Name = "Your heart, live" });
        await panel.GetByRole(AriaRole.Button, new() { Name = "Connect a heart-rate strap" }).ClickAsync();
        await Expect(panel.GetByRole(AriaRole.Status).First).ToHaveTextAsync("Connected to Simulated strap.");

        // Beat by beat: the count of beats and the sentence under the curve move on with every beat.
        var hr = panel.Locator("[data-live-hr]");
        await Expect(hr).ToHaveTextAsync(WholeNumber());
        var beats = await BeatsAsync(page);
        var summary = await panel.Locator("[data-live-summary]").TextContentAsync();
        await page.WaitForFunctionAsync("n => Number(document.querySelector('[data-live-connected]').dataset.beats) >= n + 3", beats);
        Assert.NotEqual(summary, await panel.Locator("[data-live-summary]").TextContentAsync());
        Assert.InRange(int.Parse(await hr.TextContentAsync() ?? "", CultureInfo.InvariantCulture), 55, 80);
        await Expect(panel.Locator("[data-live-rmssd]")).ToHaveTextAsync(WholeNumber());
        await Expect(panel.Locator("[data-live-summary]")).ToContainTextAsync("your heart rate moved between");
        Assert.Equal(1, await panel.Locator("[data-live-chart] canvas").CountAsync());

        // After a minute of (fast) beats the coherence shows, and the curve and numbers keep moving.
        await Expect(panel.Locator("[data-live-coherence]")).ToHaveTextAsync(OneDecimal(), new() { Timeout = 30_000 });
        var coherence = double.Parse(await panel.Locator("[data-live-coherence]").TextContentAsync() ?? "", CultureInfo.InvariantCulture);
        Assert.True(coherence > 1, $"a simulated heart breathing at its resonance is coherent, got {coherence}");
        await Expect(panel.Locator("[data-live-summary]")).ToContainTextAsync("Coherence");
        var rmssd = await panel.Locator("[data-live-rmssd]").TextContentAsync();
        beats = await BeatsAsync(page);
        await page.WaitForFunctionAsync("n => Number(document.querySelector('[data-live-connected]').dataset.beats) >= n + 2", beats);
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await page.EvaluateAsync("document.fonts.ready");
        // The pacer's words at the top, then the live numbers and the curve below it.
        await page.EvaluateAsync("window.scrollTo(0, document.querySelector('[data-pacer-phase]').getBoundingClientRect().top + window.scrollY - 70)");
        await Screenshots.SaveAsync(page, "live-biofeedback-phone");

        // Save the beats as an RR recording through the recordings upload, then find it among the recordings.
        await panel.GetByRole(AriaRole.Button, new() { Name = "Save these beats as a recording" }).ClickAsync();
        var saved = panel.Locator("[data-live-saved]");
        await Expect(saved).ToContainTextAsync("Saved.", new() { Timeout = 15_000 });
        var href = await saved.GetByRole(AriaRole.Link, new() { Name = "Look at it in your recordings" }).GetAttributeAsync("href");
        Assert.Matches("^/insights/recordings/[0-9a-f-]{36}$", href);
        await panel.GetByRole(AriaRole.Button, new() { Name = "Disconnect" }).ClickAsync();
        await Expect(panel.GetByRole(AriaRole.Status).First).ToHaveTextAsync("Disconnected from the strap.");
        Assert.NotNull(rmssd);

        await page.GotoAsync("insights/recordings");
        var list = page.GetByRole(AriaRole.Region, new() { Name = "Your recordings" });
        var row = list.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Live heartbeats, ") });
        await Expect(row).ToHaveCountAsync(1);
        Assert.Equal(href, await row.GetAttributeAsync("href"));
        await row.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { NameRegex = new Regex("^Live heartbeats, "), Level = 1 })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task The_finder_keeps_the_rate_at_which_the_simulated_heart_swings_most()
    {
        var email = await AccountSteps.SeedConfirmedUserAsync(browser.Server, "Robin");
        await using var session = await browser.NewPageAsync(FormFactor.Phone);
        var page = session.Page;
        await AccountSteps.SignInAsync(page, email);
        // The simulated heart resonates at 5.5 breaths a minute; each rate's "minute" lasts 3 s of real time, 72 s of heart.
        await page.GotoAsync("practices/resonance?strap=simulated&strapResonance=5.5&strapSpeed=24&finderSeconds=3");
        var panel = page.GetByRole(AriaRole.Region, new() { Name = "Your heart, live" });
        await panel.GetByRole(AriaRole.Button, new() { Name = "Connect a heart-rate strap" }).ClickAsync();
        await Expect(panel.Locator("[data-live-hr]")).ToHaveTextAsync(WholeNumber());
        await page.GetByRole(AriaRole.Button, new() { Name = "Start the walk-through" }).ClickAsync();

        var trials = page.Locator("[data-trial]");
        var rates = new[] { "7", "6.5", "6", "5.5", "5", "4.5" };
        for (var i = 0; i < rates.Length; i++)
        {
            // The same comfort everywhere: comfort alone would keep 6 (nearest the typical rate); the heart decides.
            await Expect(page.Locator("[data-pacer-phase]")).ToHaveTextAsync($"How comfortable was {rates[i]} breaths a minute?", new() { Timeout = 20_000 });
            Assert.NotEqual("", await trials.Nth(i).Locator("[data-trial-beats]").InputValueAsync());
            await trials.Nth(i).GetByText("All right").ClickAsync();
        }
        await page.GetByRole(AriaRole.Button, new() { Name = "Keep the rate that suited me" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/practices/resonance-breathing/play\\?rate=5.5$"));
        await Expect(page.GetByText("Your breathing rate is 5.5 breaths a minute: your heart swung most with each breath there.")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_dropped_strap_is_reported_and_reconnects_keeping_the_beats()
    {
        var email = await AccountSteps.SeedConfirmedUserAsync(browser.Server, "Robin");
        await using var session = await browser.NewPageAsync(FormFactor.Phone);
        var page = session.Page;
        await AccountSteps.SignInAsync(page, email);
        await page.GotoAsync("practices/resonance-breathing/play?strap=simulated&strapSpeed=8&strapDropAfter=12");
        await StartBreathingAsync(page);
        var panel = page.GetByRole(AriaRole.Region, new() { Name = "Your heart, live" });
        await panel.GetByRole(AriaRole.Button, new() { Name = "Connect a heart-rate strap" }).ClickAsync();
        var status = panel.Locator("[data-live-status]");
        await Expect(status).ToHaveTextAsync("The strap disconnected. It may be out of range or its battery low. Your beats so far are kept.");
        Assert.Equal(12, await BeatsAsync(page));
        await panel.GetByRole(AriaRole.Button, new() { Name = "Reconnect" }).ClickAsync();
        await Expect(status).ToHaveTextAsync("Connected to Simulated strap.");
        await Expect(panel.GetByRole(AriaRole.Button, new() { Name = "Reconnect" })).ToBeHiddenAsync();
        await page.WaitForFunctionAsync("() => Number(document.querySelector('[data-live-connected]').dataset.beats) >= 15");
    }

    [AxeFact]
    public async Task Without_Web_Bluetooth_the_page_says_so_and_offers_the_upload()
    {
        var email = await AccountSteps.SeedConfirmedUserAsync(browser.Server, "Robin");
        await using var session = await browser.NewPageAsync(FormFactor.Phone);
        var page = session.Page;
        await page.AddInitScriptAsync("delete Navigator.prototype.bluetooth; Object.defineProperty(Navigator.prototype, 'bluetooth', { get: () => undefined, configurable: true });");
        await AccountSteps.SignInAsync(page, email);
        await page.GotoAsync("practices/resonance-breathing/play");
        await StartBreathingAsync(page);
        var panel = page.GetByRole(AriaRole.Region, new() { Name = "Your heart, live" });
        await Expect(panel.GetByText("This browser cannot connect to a heart-rate strap.")).ToBeVisibleAsync();
        await Expect(panel.GetByRole(AriaRole.Button, new() { Name = "Connect a heart-rate strap" })).ToBeHiddenAsync();
        var upload = panel.GetByRole(AriaRole.Link, new() { Name = "upload the recording" });
        Assert.Equal("/insights/recordings#upload-heading", await upload.GetAttributeAsync("href"));
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await upload.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Add a recording" })).ToBeVisibleAsync();
    }
}
