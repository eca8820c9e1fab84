using System.Text.Json;
using System.Text.RegularExpressions;
using Attune.Browser.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Attune.Browser.Tests.Journeys;

/// <summary>
/// Two partners breathe together with simulated straps: Ari starts, Noa joins from the Together page; both pacers show
/// the same point of the breath (checked from both pages' synced clocks, with Noa's page clock 7.3 s off); each sees
/// both heart rates; Noa unlinks mid-session and it ends for both; Ari's summary is saved.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class LiveTogetherJourneyTests(BrowserFixture browser)
{
    /// <summary>How far Noa's page clock (performance.now) runs ahead: the offset estimate must take it out.</summary>
    private const double SkewMs = 7300;

    [Fact]
    public async Task Two_partners_breathe_in_phase_see_both_hearts_and_unlinking_ends_it_for_both()
    {
        var ariEmail = await AccountSteps.SeedConfirmedUserAsync(browser.Server, "Ari");
        var noaEmail = await AccountSteps.SeedConfirmedUserAsync(browser.Server, "Noa");
        await using var ariSession = await browser.NewPageAsync(FormFactor.Phone);
        await using var noaSession = await browser.NewPageAsync(FormFactor.Phone);
        await noaSession.Context.AddInitScriptAsync(
            "(() => { const real = performance.now.bind(performance); performance.now = () => real() + " + SkewMs + ";"
            + " const frame = window.requestAnimationFrame.bind(window); window.requestAnimationFrame = cb => frame(t => cb(t + " + SkewMs + ")); })();");
        var ari = ariSession.Page;
        var noa = noaSession.Page;
        await AccountSteps.SignInAsync(ari, ariEmail);
        await AccountSteps.SignInAsync(noa, noaEmail);

        await ari.GotoAsync("together");
        await ari.GetByRole(AriaRole.Button, new() { Name = "Make a code" }).ClickAsync();
        var code = (await ari.GetByTestId("partner-code").InnerTextAsync()).Trim();
        await noa.GotoAsync("together");
        await noa.GetByLabel("Their code").FillAsync(code);
        await noa.GetByRole(AriaRole.Button, new() { Name = "Link with my partner" }).ClickAsync();
        await Expect(noa.GetByText("You and Ari are linked.")).ToBeVisibleAsync();

        // Ari starts; Noa is invited on the Together page and joins.
        await ari.GotoAsync("together");
        await ari.GetByLabel("Pace").SelectOptionAsync("6");
        await ari.GetByRole(AriaRole.Button, new() { Name = "Invite Noa to breathe together" }).ClickAsync();
        await Expect(ari.GetByRole(AriaRole.Heading, new() { Name = "Breathing with Noa" })).ToBeVisibleAsync();
        var live = new Uri(ari.Url).AbsolutePath.TrimStart('/');
        Assert.Matches("^together/live/[0-9a-f-]{36}$", live);
        await ari.GotoAsync(live + "?strap=simulated&strapSeed=1&strapHr=64");
        await noa.GotoAsync("together");
        await Expect(noa.GetByTestId("breathe-invitation")).ToContainTextAsync("Ari would like to breathe with you");
        await Accessibility.AssertNoSeriousViolationsAsync(noa);
        await noa.GetByRole(AriaRole.Link, new() { Name = "Join and breathe together" }).ClickAsync();
        await noa.GotoAsync(live + "?strap=simulated&strapSeed=2&strapHr=74");

        // One tap each: how they are before.
        await ari.GetByRole(AriaRole.Button, new() { Name = "Connected" }).ClickAsync();
        await noa.GetByRole(AriaRole.Button, new() { Name = "Activated" }).ClickAsync();
        await Expect(ari.Locator("[data-live-presence]")).ToHaveTextAsync("Noa is here, breathing with you.");
        await Expect(noa.Locator("[data-live-presence]")).ToHaveTextAsync("Ari is here, breathing with you.");

        // Both pacers at the same point of the breath: each page's phase from its own synced clock, read at (nearly) the
        // same instant and brought to one instant by the real clock the two pages share.
        const string Read = "() => ({ real: Date.now(), phase: window.attuneLive.phaseAt(performance.timeOrigin + performance.now()), cycle: window.attuneLive.cycleMs(), offset: window.attuneLive.clock().offsetMs, rtt: window.attuneLive.clock().roundTripMs })";
        var worst = 0.0;
        for (var i = 0; i < 5; i++)
        {
            var readings = await Task.WhenAll(ari.EvaluateAsync<JsonElement>(Read), noa.EvaluateAsync<JsonElement>(Read));
            var (a, b) = (readings[0], readings[1]);
            var cycle = a.GetProperty("cycle").GetDouble();
            var shifted = b.GetProperty("phase").GetDouble() - (b.GetProperty("real").GetDouble() - a.GetProperty("real").GetDouble()) / cycle;
            var apart = (a.GetProperty("phase").GetDouble() - shifted) * cycle;
            apart -= Math.Round(apart / cycle) * cycle;
            worst = Math.Max(worst, Math.Abs(apart));
            Assert.InRange(b.GetProperty("offset").GetDouble(), -SkewMs - 100, -SkewMs + 100);
            Assert.InRange(a.GetProperty("offset").GetDouble(), -100, 100);
            await Task.Delay(300);
        }
        Assert.True(worst < 100, $"The two pacers were {worst:0.0} ms apart");
        // What each circle shows follows the same clock: a breath in or out on both phones, away from the turn.
        await ari.WaitForFunctionAsync("() => { const p = window.attuneLive.phaseAt(performance.timeOrigin + performance.now()); return p > 0.1 && p < 0.3; }", null, new() { Timeout = 15_000, PollingInterval = 20 });
        Assert.Equal("in", await noa.GetAttributeAsync("[data-pacer]", "data-phase"));
        Console.WriteLine($"Breathe together: pacers at most {worst:0.0} ms apart over 5 readings");

        // Straps on: each sees both heart rates.
        await ari.GetByRole(AriaRole.Button, new() { Name = "Connect my heart-rate strap" }).ClickAsync();
        await noa.GetByRole(AriaRole.Button, new() { Name = "Connect my heart-rate strap" }).ClickAsync();
        foreach (var page in new[] { ari, noa })
        {
            await Expect(page.Locator("[data-heart=me] [data-bpm]")).ToHaveTextAsync(Digits());
            await Expect(page.Locator("[data-heart=partner] [data-bpm]")).ToHaveTextAsync(Digits());
        }
        await Expect(ari.Locator("[data-heart=partner] [data-bpm]")).ToHaveTextAsync(new Regex("^(6[89]|7\\d|8[0-2])$"));
        await Expect(noa.Locator("[data-heart=partner] [data-bpm]")).ToHaveTextAsync(new Regex("^(5[6-9]|6\\d|7[0-2])$"));
        await Accessibility.AssertNoSeriousViolationsAsync(ari);
        await Accessibility.AssertNoSeriousViolationsAsync(noa);
        // Mid-breath on each phone: the circle part-way grown, top of the page in view.
        foreach (var (page, name) in new[] { (ari, "live-together-a-phone"), (noa, "live-together-b-phone") })
        {
            await page.EvaluateAsync("() => window.scrollTo(0, 0)");
            await page.WaitForFunctionAsync("() => { const p = window.attuneLive.phaseAt(performance.timeOrigin + performance.now()); return p > 0.2 && p < 0.26; }", null, new() { Timeout = 15_000, PollingInterval = 20 });
            await Screenshots.SaveAsync(page, name);
        }

        // Noa unlinks in another tab: the next message fails, and the session ends on both phones.
        var noaTab = await noaSession.Context.NewPageAsync();
        await noaTab.GotoAsync("together");
        await noaTab.GetByRole(AriaRole.Button, new() { Name = "Unlink from Ari" }).ClickAsync();
        await Expect(noaTab.GetByText("You are no longer linked.")).ToBeVisibleAsync();
        foreach (var page in new[] { ari, noa })
        {
            await Expect(page.Locator("[data-summary-outcome]")).ToHaveTextAsync("The session ended because the partner link ended.", new() { Timeout = 10_000 });
            await Expect(page.Locator("[data-live-session]")).ToBeHiddenAsync();
        }
        await Accessibility.AssertNoSeriousViolationsAsync(ari);

        // Saved: Ari, who started it, finds the summary again; Noa, no longer linked, does not.
        await ari.GotoAsync(live);
        await Expect(ari.GetByRole(AriaRole.Heading, new() { Name = "Your time together" })).ToBeVisibleAsync();
        await Expect(ari.Locator("[data-summary-outcome]")).ToHaveTextAsync("The session ended because the partner link ended.");
        await Expect(ari.Locator("[data-summary-starter]")).ToHaveTextAsync(Digits());
        await Expect(ari.Locator("[data-summary-partner]")).ToHaveTextAsync(Digits());
        await Expect(ari.Locator("[data-summary-curves] svg polyline")).ToHaveCountAsync(2);
        var gone = await noa.GotoAsync(live);
        Assert.Equal(404, gone!.Status);
    }

    [GeneratedRegex("^\\d{2,3}$")]
    private static partial Regex Digits();
}
