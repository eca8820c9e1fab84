using System.Globalization;
using System.Text.RegularExpressions;
using Attune.Browser.Tests.Infrastructure;
using Attune.Web.Features.CheckIns;
using Attune.Web.Features.Practices;
using Attune.Web.Features.Sharing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Attune.Browser.Tests.Journeys;

/// <summary>
/// Doing a practice as people do: the check before, the guided steps with the breathing pacer, the check after;
/// suggestions that learn from it; one's own practices; and the player without JavaScript.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class PracticeJourneyTests(BrowserFixture browser, ITestOutputHelper output)
{

    [AxeFact]
    public async Task A_full_breathing_practice_with_the_check_before_and_after()
    {
        var email = await AccountSteps.SeedConfirmedUserAsync(browser.Server, "Robin");
        await using var session = await browser.NewPageAsync(FormFactor.Phone);
        var page = session.Page;
        await AccountSteps.SignInAsync(page, email);
        // The test's clock: the practice's five minutes pass in moments, frame by frame.
        var start = DateTime.UtcNow.AddMinutes(-10);
        await page.Clock.InstallAsync(new() { TimeDate = start });
        await page.GotoAsync("practices/physiological-sigh/play");
        await page.Clock.PauseAtAsync(start.AddSeconds(5));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Double in-breath, long sigh out", Level = 1 })).ToBeVisibleAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(page);

        // Begin without saying how you feel: the check asks first.
        await page.GetByRole(AriaRole.Button, new() { Name = "Begin" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Before you start" })).ToBeVisibleAsync();
        await page.Locator("label[for=before-state-activated]").ClickAsync();
        await page.GetByLabel("How strongly?").First.FillAsync("7");
        await page.GetByRole(AriaRole.Button, new() { Name = "Begin" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "The practice" })).ToBeVisibleAsync();
        await Expect(page.GetByText("Sit comfortably. You will breathe in twice")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-pacer]")).ToBeHiddenAsync();
        await page.Clock.RunForAsync(16_000);

        // The breathing step: the pacer runs, and its words follow the breath.
        await Expect(page.GetByText("In through the nose, then a second, smaller sip")).ToBeVisibleAsync();
        var phase = page.Locator("[data-pacer-phase]");
        await Expect(page.Locator("[data-pacer]")).ToBeVisibleAsync();
        await page.Clock.RunForAsync(1_000);
        await Expect(phase).ToHaveTextAsync("Breathe in");
        await Expect(page.Locator("[data-pacer-rate]")).ToHaveTextAsync("6.7 breaths a minute: in 3 s, out 6 s");
        var small = await ScaleAsync(page);
        await page.Clock.RunForAsync(2_500);
        Assert.True(await ScaleAsync(page) > small + 0.2, "The circle grows on the in-breath.");
        await Expect(phase).ToHaveTextAsync("Breathe out");
        await page.Clock.RunForAsync(6_000);
        await Expect(phase).ToHaveTextAsync("Breathe in");
        await Accessibility.AssertNoSeriousViolationsAsync(page);

        // The rest of the five minutes, then the closing step, each ending by itself.
        await page.Clock.RunForAsync(300_000);
        await Expect(page.GetByText("Rest and breathe normally.")).ToBeVisibleAsync();
        await page.Clock.RunForAsync(21_000);

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "And now?" })).ToBeVisibleAsync();
        await page.Locator("label[for=after-state-connected]").ClickAsync();
        await page.GetByLabel("How strongly?").Last.FillAsync("3");
        await page.GetByText("Good", new() { Exact = true }).ClickAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save and finish" }).ClickAsync();

        await Expect(page.GetByText("Noted, thank you. Before: Activated 7 of 10. After: Connected 3 of 10.")).ToBeVisibleAsync();
        await Expect(page.GetByText("That is 10 points towards connected.")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "What it has done for you" })).ToBeVisibleAsync();
        var stored = Assert.Single(await SessionsOfAsync(email));
        Assert.Equal(("physiological-sigh", NervousState.Activated, 7, NervousState.Connected, 3, 10, 4),
            (stored.PracticeId, stored.BeforeState, stored.BeforeIntensity, stored.AfterState, stored.AfterIntensity, stored.Effect, stored.Rating!.Value));
        // The fake clock measured the practice: 5 minutes 36 seconds from Begin to the end of the last step.
        Assert.InRange((stored.EndedAt - stored.StartedAt).TotalSeconds, 330, 350);
        await Accessibility.AssertNoSeriousViolationsAsync(page);
    }

    [Fact]
    public async Task Suggestions_follow_the_latest_check_in_and_reorder_after_recorded_effects()
    {
        var email = await AccountSteps.SeedConfirmedUserAsync(browser.Server, "Robin");
        await CheckInSteps.SeedAsync(browser.Server, email, new CheckInRequest("activated", 7, EmotionIds: ["anxious"]));
        await using var session = await browser.NewPageAsync(FormFactor.Phone);
        var page = session.Page;
        await AccountSteps.SignInAsync(page, email);

        var homeSuggestions = page.GetByRole(AriaRole.Region, new() { Name = "For how you feel now" });
        await Expect(homeSuggestions).ToContainTextAsync("You checked in feeling activated.");
        await Expect(homeSuggestions.GetByRole(AriaRole.Listitem).First).ToContainTextAsync("Longer out-breath");

        await page.GotoAsync("practices");
        var suggested = page.GetByRole(AriaRole.Region, new() { Name = "Suggested for you now" }).GetByRole(AriaRole.Listitem);
        await Expect(suggested).ToHaveCountAsync(3);
        await Expect(suggested.First).ToContainTextAsync("Longer out-breath");
        await Expect(suggested.First).ToContainTextAsync("The heart slows a little on every out-breath");

        await PracticeSteps.SeedSessionAsync(browser.Server, email, "wall-push", "activated", 8, "connected", 2);
        await PracticeSteps.SeedSessionAsync(browser.Server, email, "wall-push", "activated", 6, "connected", 1);
        await PracticeSteps.SeedSessionAsync(browser.Server, email, "extended-exhale", "activated", 6, "activated", 8);
        await page.ReloadAsync();

        await Expect(suggested.First).ToContainTextAsync("Push against a wall");
        await Expect(suggested.First).ToContainTextAsync("This helped you 2 of 2 times when activated.");
        await Expect(suggested.Nth(1)).ToContainTextAsync("Double in-breath, long sigh out");
        await Expect(page.GetByRole(AriaRole.Region, new() { Name = "Suggested for you now" })).Not.ToContainTextAsync("Longer out-breath");

        // Choosing another state asks for that state instead.
        await page.GetByRole(AriaRole.Link, new() { Name = "Shut down", Exact = true }).ClickAsync();
        await Expect(suggested.First).ToContainTextAsync("Gentle movement");
        await page.GotoAsync("");
        await Expect(homeSuggestions.GetByRole(AriaRole.Listitem).First).ToContainTextAsync("Push against a wall");
    }

    [Fact]
    public async Task Someone_writes_changes_and_deletes_a_practice_of_their_own()
    {
        var email = await AccountSteps.SeedConfirmedUserAsync(browser.Server, "Robin");
        await using var session = await browser.NewPageAsync();
        var page = session.Page;
        await AccountSteps.SignInAsync(page, email);
        await page.GotoAsync("practices");
        await page.GetByRole(AriaRole.Link, new() { Name = "Write your own practice" }).ClickAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Save practice" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Please enter a name.");
        await page.GetByLabel("Name").FillAsync("Tea on the balcony");
        await page.GetByLabel("Shut down").CheckAsync();
        await page.GetByLabel("Step 1", new() { Exact = true }).FillAsync("Make a cup of tea, slowly.");
        await page.GetByLabel("Step 2", new() { Exact = true }).FillAsync("Sit outside and watch the sky.");
        await page.GetByLabel("Seconds").Nth(1).FillAsync("180");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save practice" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Tea on the balcony", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByText("Sit outside and watch the sky. (3 min)")).ToBeVisibleAsync();
        await page.GotoAsync("practices?group=shutDown");
        await Expect(page.GetByRole(AriaRole.Region, new() { Name = "Your own practices" })).ToContainTextAsync("Tea on the balcony");

        await page.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Tea on the balcony") }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Change or delete" }).ClickAsync();
        await page.GetByLabel("Name").FillAsync("Tea outside");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save changes" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Tea outside", Level = 1 })).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Change or delete" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Delete practice" }).ClickAsync();
        await Expect(page.GetByText("The practice is deleted.")).ToBeVisibleAsync();
        await Expect(page.GetByText("Tea outside")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Without_javascript_the_player_is_one_form_with_every_step()
    {
        var email = await AccountSteps.SeedConfirmedUserAsync(browser.Server, "Robin");
        await using var session = await browser.NewPageAsync(FormFactor.Phone, javaScriptEnabled: false);
        var page = session.Page;
        await AccountSteps.SignInAsync(page, email);
        await page.GotoAsync("practices/box-breathing/play");

        await Expect(page.GetByText("Breathe in for four, hold gently for four")).ToBeVisibleAsync();
        await Expect(page.GetByText("Let the count go and breathe as you like.")).ToBeVisibleAsync();
        await Expect(page.GetByText("In 4 s, hold 4 s, out 4 s, rest 4 s: 3.8 breaths a minute. Count slowly")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Begin" })).ToBeHiddenAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Save and finish" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert).First).ToContainTextAsync("Nothing was saved yet.");
        Assert.Empty(await SessionsOfAsync(email));

        await page.Locator("label[for=before-state-shutdown]").ClickAsync();
        await page.Locator("label[for=after-state-connected]").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save and finish" }).ClickAsync();
        await Expect(page.GetByText("Noted, thank you. Before: Shut down 5 of 10. After: Connected 5 of 10.")).ToBeVisibleAsync();
        Assert.Single(await SessionsOfAsync(email));
    }

    /// <summary>
    /// The pacer's smoothness, measured in the page: for a minute of real time, the gap between consecutive
    /// animation frames while the circle is drawn. Prints the figures for docs/performance.md.
    /// </summary>
    [Fact]
    public async Task The_pacer_draws_a_minute_of_breathing_without_long_frames()
    {
        var email = await AccountSteps.SeedConfirmedUserAsync(browser.Server, "Robin");
        await using var session = await browser.NewPageAsync(FormFactor.Phone);
        var page = session.Page;
        await AccountSteps.SignInAsync(page, email);
        await page.GotoAsync("practices/resonance-breathing/play");
        await page.Locator("label[for=before-state-activated]").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Begin" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Next step" }).ClickAsync();
        await Expect(page.Locator("[data-pacer-phase]")).ToHaveTextAsync(new Regex("Breathe (in|out)"));

        var seconds = int.TryParse(Environment.GetEnvironmentVariable("ATTUNE_PACER_SECONDS"), CultureInfo.InvariantCulture, out var s) ? s : 60;
        var gaps = await page.EvaluateAsync<double[]>(@"seconds => new Promise(resolve => {
            const times = [];
            const circle = document.querySelector('[data-pacer-circle]');
            const end = performance.now() + seconds * 1000;
            const frame = t => {
                times.push(t);
                if (t < end) requestAnimationFrame(frame);
                else resolve(times.slice(1).map((x, i) => x - times[i]));
            };
            requestAnimationFrame(frame);
        })", seconds);
        var sorted = gaps.Order().ToArray();
        var over50 = gaps.Count(g => g > 50);
        var load = File.ReadAllText("/proc/loadavg").Trim();
        var line = string.Create(CultureInfo.InvariantCulture,
            $"Pacer over {seconds} s: {gaps.Length} frames, median gap {sorted[sorted.Length / 2]:F1} ms, p99 {sorted[(int)(sorted.Length * 0.99)]:F1} ms, max {sorted[^1]:F1} ms, {over50} gaps over 50 ms; load average {load}, {Environment.ProcessorCount} cores");
        output.WriteLine(line);
        Console.WriteLine(line);
        Assert.True(gaps.Length > seconds * 20, line);
        Assert.True(over50 == 0, line);
    }

    public static TheoryData<FormFactor, ColorScheme> Looks => new()
    {
        { FormFactor.Phone, ColorScheme.Dark },
        { FormFactor.Desktop, ColorScheme.Light },
    };

    /// <summary>The practice pages of the site map alone (the full scan covers them too, in every look).</summary>
    [AxeTheory]
    [MemberData(nameof(Looks))]
    public async Task Every_practice_page_has_no_serious_accessibility_violations(FormFactor formFactor, ColorScheme scheme)
    {
        var email = await AccountSteps.SeedConfirmedUserAsync(browser.Server, "Robin");
        await CheckInSteps.SeedAsync(browser.Server, email, new CheckInRequest("shutDown", 6, EmotionIds: ["numb"]));
        var practice = await PracticeSteps.SeedOwnAsync(browser.Server, email);
        await PracticeSteps.SeedSessionAsync(browser.Server, email, practice.ToString(), "shutDown", 6, "connected", 2);
        await using var session = await browser.NewPageAsync(formFactor, scheme);
        var page = session.Page;
        await AccountSteps.SignInAsync(page, email);
        var failures = new List<string>();
        var visits = Pages.SiteMap.Pages.Where(p => p.Route.StartsWith("/practices", StringComparison.Ordinal)).SelectMany(p => p.Visits)
            .Select(v => Pages.SiteMap.Resolve(v, Guid.Empty, Guid.Empty, null, practice)).Append("");
        foreach (var visit in visits)
        {
            await page.GotoAsync(visit);
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            try
            {
                await Accessibility.AssertNoSeriousViolationsAsync(page);
            }
            catch (Xunit.Sdk.XunitException e)
            {
                failures.Add($"/{visit}: {e.Message}");
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n\n", failures));
    }

    private static Task<double> ScaleAsync(IPage page) =>
        page.Locator("[data-pacer-circle]").EvaluateAsync<double>("e => new DOMMatrix(getComputedStyle(e).transform).a");

    private async Task<List<PracticeSession>> SessionsOfAsync(string email)
    {
        var me = await PracticeSteps.UserIdAsync(browser.Server, email);
        using var scope = browser.Server.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<Access>().Own<PracticeSession>(me).AsNoTracking().ToListAsync();
    }
}
