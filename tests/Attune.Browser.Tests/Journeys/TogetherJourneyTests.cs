using System.Text.RegularExpressions;
using Attune.Browser.Tests.Infrastructure;
using Attune.Web.Features.CheckIns;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Attune.Browser.Tests.Journeys;

/// <summary>
/// Two people, two phones: Robin makes a code and Kai links with it; Kai sees Robin's shared state with guidance;
/// Robin takes a break that Kai sees; they repair together; Kai's patterns show it; Kai unlinks and Robin's next page
/// no longer shows Kai.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class TogetherJourneyTests(BrowserFixture browser)
{
    [Fact]
    public async Task Two_partners_link_see_each_other_take_a_break_repair_and_unlink()
    {
        var robinEmail = await AccountSteps.SeedConfirmedUserAsync(browser.Server, "Robin");
        var kaiEmail = await AccountSteps.SeedConfirmedUserAsync(browser.Server, "Kai");
        await using var robinSession = await browser.NewPageAsync(FormFactor.Phone);
        await using var kaiSession = await browser.NewPageAsync(FormFactor.Phone);
        var robin = robinSession.Page;
        var kai = kaiSession.Page;
        await AccountSteps.SignInAsync(robin, robinEmail);
        await AccountSteps.SignInAsync(kai, kaiEmail);

        // Robin makes a code; a wrong code on Kai's side is refused kindly and links nothing.
        await robin.GotoAsync("together");
        await Expect(robin.GetByRole(AriaRole.Heading, new() { Name = "Invite your partner" })).ToBeVisibleAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(robin);
        await robin.GetByRole(AriaRole.Button, new() { Name = "Make a code" }).ClickAsync();
        var code = (await robin.GetByTestId("partner-code").InnerTextAsync()).Trim();
        Assert.Matches("^[A-Z2-9]{4}-[A-Z2-9]{4}$", code);
        await Screenshots.SaveAsync(robin, "together-invite-phone");

        await kai.GotoAsync("together");
        await kai.GetByLabel("Their code").FillAsync("AAAA-AAAA");
        await kai.GetByRole(AriaRole.Button, new() { Name = "Link with my partner" }).ClickAsync();
        await Expect(kai.GetByText("That code doesn't work.")).ToBeVisibleAsync();
        await kai.GetByLabel("Their code").FillAsync(code.ToLowerInvariant());
        await kai.GetByRole(AriaRole.Button, new() { Name = "Link with my partner" }).ClickAsync();
        await Expect(kai.GetByText("You and Robin are linked.")).ToBeVisibleAsync();
        await Expect(kai.GetByTestId("partner-state")).ToContainTextAsync("Robin hasn't shared a check-in with you yet.");

        // Kai asks to be told about breaks (the push itself is proven in TogetherPushTests).
        await kai.GetByLabel("Notify me when Robin takes a break or starts a repair").CheckAsync();
        await kai.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();
        await Expect(kai.GetByText("Done. Browsers where you turned on reminders")).ToBeVisibleAsync();
        await Expect(kai.GetByLabel("Notify me when Robin takes a break or starts a repair")).ToBeCheckedAsync();

        // Robin shares an activated check-in (and keeps another private): Kai sees the shared one, with guidance.
        await CheckInSteps.SeedAsync(browser.Server, robinEmail, new CheckInRequest("activated", 7, EmotionIds: ["overwhelmed"], Visibility: "shared"));
        await kai.ReloadAsync();
        await Expect(kai.GetByTestId("partner-state")).ToContainTextAsync("Activated");
        await Expect(kai.GetByTestId("partner-state")).ToContainTextAsync("overwhelmed");
        await Expect(kai.GetByTestId("guidance")).ToContainTextAsync("Robin is revved up right now");

        // Robin feels flooded and takes a break; Kai sees it with its return time.
        await robin.GotoAsync("together");
        await robin.GetByLabel("I'll be back in").SelectOptionAsync("30");
        await robin.GetByLabel("A few words for Kai").FillAsync("I love you, I need a little time.");
        await robin.GetByRole(AriaRole.Button, new() { Name = "I'm flooded: take a break" }).ClickAsync();
        // Straight into the longer out-breath: the player starts by itself and says when to come back.
        await Expect(robin.GetByText("Your break has started.")).ToBeVisibleAsync();
        await Expect(robin.GetByTestId("break-player")).ToContainTextAsync("Your break lasts until");
        await Expect(robin.Locator("[data-stage=practice]")).ToHaveClassAsync(new Regex("is-current"));
        await Expect(robin.GetByText("Sit or stand so your belly can move.")).ToBeVisibleAsync();
        await Expect(robin.Locator("[data-step-timer]").First).ToHaveTextAsync(new Regex("^0:1[0-5] left$"));
        await Screenshots.SaveAsync(robin, "together-break-practice-phone");
        await Accessibility.AssertNoSeriousViolationsAsync(robin);
        await robin.GetByRole(AriaRole.Link, new() { Name = "Back to Together" }).ClickAsync();
        await Expect(robin.GetByTestId("my-break")).ToContainTextAsync("You're on a break until");
        await Expect(robin.GetByTestId("my-break")).ToContainTextAsync("we'll remind you both to come back");
        await Screenshots.SaveAsync(robin, "together-break-phone");
        await kai.ReloadAsync();
        await Expect(kai.GetByTestId("their-break")).ToContainTextAsync("Robin is taking a break until");
        await Expect(kai.GetByTestId("return-banner")).ToBeHiddenAsync();
        await Screenshots.SaveAsync(kai, "together-partner-phone");
        await Accessibility.AssertNoSeriousViolationsAsync(kai);

        // At the return time, a page that is open says it is time to come back (a fresh tab, with the browser's clock moved on).
        await using (var later = await browser.NewPageAsync(FormFactor.Phone))
        {
            await AccountSteps.SignInAsync(later.Page, kaiEmail);
            await later.Page.Clock.InstallAsync(new() { TimeDate = DateTime.UtcNow });
            await later.Page.GotoAsync("together");
            await Expect(later.Page.GetByTestId("return-banner")).ToBeHiddenAsync();
            await later.Page.Clock.FastForwardAsync("31:00");
            await Expect(later.Page.GetByTestId("return-banner")).ToBeVisibleAsync();
            await Expect(later.Page.GetByTestId("return-banner")).ToContainTextAsync("Time to come back together. Robin said they'd be back at");
        }

        // Robin comes back and starts a repair; Kai joins; both finish it.
        await robin.GetByRole(AriaRole.Button, new() { Name = "I'm back" }).ClickAsync();
        await Expect(robin.GetByText("Welcome back.")).ToBeVisibleAsync();
        await robin.GetByRole(AriaRole.Radio, new() { Name = "Activated" }).CheckAsync();
        await robin.GetByRole(AriaRole.Button, new() { Name = "Start a repair" }).ClickAsync();
        await Expect(robin.GetByRole(AriaRole.Heading, new() { Name = "Repair with Kai" })).ToBeVisibleAsync();
        await Expect(robin.GetByTestId("repair-sides")).ToContainTextAsync("Kai: not joined yet");

        await kai.ReloadAsync();
        await kai.GetByRole(AriaRole.Link, new() { Name = "Join the repair" }).ClickAsync();
        await kai.GetByRole(AriaRole.Radio, new() { Name = "Shut down" }).CheckAsync();
        await kai.GetByRole(AriaRole.Button, new() { Name = "Join" }).ClickAsync();
        await Expect(kai.GetByRole(AriaRole.Heading, new() { Name = "Five steps back to each other" })).ToBeVisibleAsync();
        // Speaker and listener take turns, one at a time, with a timer that counts down and never moves on by itself.
        var turns = kai.Locator("[data-repair-turns]");
        await Expect(turns.Locator("[data-turn-count]")).ToHaveTextAsync("Turn 1 of 4");
        await Expect(turns.GetByRole(AriaRole.Heading, new() { Name = "Robin speaks, you listen" })).ToBeVisibleAsync();
        await Expect(turns.GetByRole(AriaRole.Timer)).ToHaveTextAsync("3:00");
        await turns.GetByRole(AriaRole.Button, new() { Name = "Start the timer" }).ClickAsync();
        await Expect(turns.GetByRole(AriaRole.Timer)).ToHaveTextAsync(new Regex("^2:5[0-9]$"));
        await kai.EvaluateAsync("() => window.scrollTo(0, document.getElementById('turns-heading').getBoundingClientRect().top + window.scrollY - 90)");
        await Screenshots.SaveAsync(kai, "together-repair-phone");
        await turns.GetByRole(AriaRole.Button, new() { Name = "Pause" }).ClickAsync();
        await Expect(turns.GetByRole(AriaRole.Status)).ToHaveTextAsync("Timer paused.");
        await turns.GetByRole(AriaRole.Button, new() { Name = "Next turn" }).ClickAsync();
        await Expect(turns.Locator("[data-turn-count]")).ToHaveTextAsync("Turn 2 of 4");
        await Expect(turns.GetByRole(AriaRole.Heading, new() { Name = "You reflect back" })).ToBeVisibleAsync();
        await Expect(turns.Locator(".repair-turn.is-current").GetByText("“What I heard you say is…”")).ToBeVisibleAsync();
        await Expect(turns.GetByRole(AriaRole.Timer)).ToHaveTextAsync("2:00");
        await Expect(turns.GetByRole(AriaRole.Heading, new() { Name = "Robin speaks, you listen" })).ToBeHiddenAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(kai);

        await robin.ReloadAsync();
        await robin.GetByRole(AriaRole.Radio, new() { Name = "Connected" }).CheckAsync();
        await robin.GetByRole(AriaRole.Radio, new() { Name = "I pushed to talk it through (pursued)" }).CheckAsync();
        await robin.GetByLabel("Your small agreement").FillAsync("We take a break before it gets loud.");
        await robin.GetByRole(AriaRole.Button, new() { Name = "We've repaired" }).ClickAsync();
        await Expect(robin.GetByText("Thank you for repairing.")).ToBeVisibleAsync();

        await kai.GetByRole(AriaRole.Button, new() { Name = "We've repaired" }).ClickAsync();
        await Expect(kai.GetByText("Please choose how you are now")).ToBeVisibleAsync();
        await kai.GetByRole(AriaRole.Radio, new() { Name = "Connected" }).CheckAsync();
        await kai.GetByRole(AriaRole.Radio, new() { Name = "I went quiet or stepped away (withdrew)" }).CheckAsync();
        await kai.GetByRole(AriaRole.Button, new() { Name = "We've repaired" }).ClickAsync();
        await Expect(kai.GetByTestId("repair-done")).ToContainTextAsync("Repaired at");
        await Expect(kai.GetByText("“We take a break before it gets loud.”")).ToBeVisibleAsync();

        // Kai's patterns show the repair and the pursue–withdraw pattern.
        await kai.GotoAsync("together/insights");
        await Expect(kai.GetByTestId("repair-summary")).ToContainTextAsync("1 repair");
        await Expect(kai.GetByTestId("cycle-summary")).Not.ToBeEmptyAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(kai);

        // A small moment, then Kai unlinks: Robin's next page no longer shows Kai.
        await kai.GotoAsync("together");
        await kai.GetByLabel("Something you appreciate about Robin").FillAsync("You came back when you said you would.");
        await kai.GetByRole(AriaRole.Button, new() { Name = "Share it" }).ClickAsync();
        await robin.GotoAsync("together");
        await Expect(robin.GetByTestId("moments")).ToContainTextAsync("You came back when you said you would.");

        await kai.GetByRole(AriaRole.Button, new() { Name = "Unlink from Robin" }).ClickAsync();
        await Expect(kai.GetByText("You are no longer linked.")).ToBeVisibleAsync();
        await robin.ReloadAsync();
        await Expect(robin.GetByRole(AriaRole.Heading, new() { Name = "Invite your partner" })).ToBeVisibleAsync();
        await Expect(robin.GetByText("You came back when you said you would.")).ToHaveCountAsync(0);
    }
}
