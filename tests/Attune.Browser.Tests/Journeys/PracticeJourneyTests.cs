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
        // The test's clock. Playwright fires each fake timer in its own real task (at least 4 ms, far more on a
        // loaded machine), and the pacer asks for a frame every 16 ms of fake time: five minutes run frame by frame
        // are some 19,000 tasks, about 100 s at the 5 ms a frame measured here under load. So the clock runs frame
        // by frame only while the test watches the circle, and jumps over the rest of the breathing as a closed
        // laptop lid would: the step timers count real elapsed time, so the step still ends by itself.
        var start = DateTime.UtcNow.AddMinutes(-10);
        await page.Clock.InstallAsync(new() { TimeDate = start });
        await page.GotoAsync("practices/physiological-sigh/play");
        await page.Clock.PauseAtAsync(start.AddSeconds(5));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Double in-breath, long sigh out", Level = 1 })).ToBeVisibleAsync();
        await ScanWithRealTimersAsync(page);

        // Begin without saying how you feel: the check asks first.
        await page.GetByRole(AriaRole.Button, new() { Name = "Begin" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Before you start" })).ToBeVisibleAsync();
        await page.Locator("label[for=before-state-activated]").ClickAsync();
        await page.GetByLabel("How strongly?").First.FillAsync("7");
        await page.GetByRole(AriaRole.Button, new() { Name = "Begin" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "The practice" })).ToBeVisibleAsync();
        // The heading the player focuses sits below the sticky header, not under it.
        var header = (await page.Locator(".site-header").BoundingBoxAsync())!;
        Assert.True((await page.Locator("#practice-heading").BoundingBoxAsync())!.Y >= header.Y + header.Height, "The practice heading is under the header.");
        await Expect(page.GetByText("Sit comfortably. You will breathe in twice")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-pacer]")).ToBeHiddenAsync();
        await RunClockAsync(page, 15_000);

        // The breathing step: the pacer runs, and its words follow the breath.
        await Expect(page.GetByText("In through the nose, then a second, smaller sip")).ToBeVisibleAsync();
        var phase = page.Locator("[data-pacer-phase]");
        await Expect(page.Locator("[data-pacer]")).ToBeVisibleAsync();
        await RunClockAsync(page, 1_000);
        await Expect(phase).ToHaveTextAsync("Breathe in");
        await Expect(page.Locator("[data-pacer-rate]")).ToHaveTextAsync("6.7 breaths a minute: in 3 s, out 6 s");
        var small = await ScaleAsync(page);
        await RunClockAsync(page, 2_500);
        var large = await ScaleAsync(page);
        Assert.True(large > small + 0.2, string.Create(CultureInfo.InvariantCulture, $"The circle grows on the in-breath: from {small:F2} to {large:F2}."));
        await Expect(phase).ToHaveTextAsync("Breathe out");
        await RunClockAsync(page, 6_000);
        await Expect(phase).ToHaveTextAsync("Breathe in");
        await ScanWithRealTimersAsync(page);

        // The rest of the five minutes at a jump, then the closing step, each ending by itself.
        await FastForwardClockAsync(page, 300_000);
        await Expect(page.GetByText("Rest and breathe normally.")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-pacer]")).ToBeHiddenAsync();
        await RunClockAsync(page, 21_000);

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "And now?" })).ToBeVisibleAsync();
        await page.Locator("label[for=after-state-connected]").ClickAsync();
        await page.GetByLabel("How strongly?").Last.FillAsync("3");
        await page.GetByText("Good", new() { Exact = true }).ClickAsync();
        await ScanWithRealTimersAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save and finish" }).ClickAsync();

        await Expect(page.GetByText("Noted, thank you. Before: Activated 7 of 10. After: Connected 3 of 10.")).ToBeVisibleAsync();
        await Expect(page.GetByText("That is 10 points towards connected.")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "What it has done for you" })).ToBeVisibleAsync();
        var stored = Assert.Single(await SessionsOfAsync(email));
        Assert.Equal(("physiological-sigh", NervousState.Activated, 7, NervousState.Connected, 3, 10, 4),
            (stored.PracticeId, stored.BeforeState, stored.BeforeIntensity, stored.AfterState, stored.AfterIntensity, stored.Effect, stored.Rating!.Value));
        // The fake clock measured the practice: the steps take 5 minutes 35 seconds; the breathing step ends when the
        // clock wakes from its jump, up to ten seconds late, and the scan in it ran a few seconds of real time.
        Assert.InRange((stored.EndedAt - stored.StartedAt).TotalSeconds, 335, 370);
        await ScanWithRealTimersAsync(page);
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
    /// The pacer's smoothness, measured in the page for half a minute of real time (three breaths at 6 a minute;
    /// ATTUNE_PACER_SECONDS=60 for the issue's full minute): the gap between consecutive animation frames'
    /// timestamps while the circle is drawn, where a dropped frame shows as a gap of 33 ms or more. It also reports
    /// how late each frame callback ran by the page's own clock, which on a loaded machine includes the waits for a
    /// core. Prints the figures for docs/performance.md.
    /// </summary>
    [Fact]
    public async Task The_pacer_draws_half_a_minute_of_breathing_without_long_frames()
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

        var seconds = int.TryParse(Environment.GetEnvironmentVariable("ATTUNE_PACER_SECONDS"), CultureInfo.InvariantCulture, out var s) ? s : 30;
        // A long frame the page causes comes back in every window; one from a busy machine (another process
        // taking both cores) passes. So a second window is measured only when the first had a long frame, and the
        // test fails only when both had one.
        var first = await MeasureFramesAsync(page, seconds);
        var last = first.Worst > 50 ? await MeasureFramesAsync(page, seconds) : first;
        var report = last == first ? first.Line : $"{first.Line}\n{last.Line}";
        output.WriteLine(report);
        Console.WriteLine(report);
        Assert.True(first.Frames > seconds * 20, report);
        Assert.True(last.Worst <= 50, report);
        Assert.InRange(await ScaleAsync(page), 0.55, 1.0);
    }

    private static async Task<(int Frames, double Worst, string Line)> MeasureFramesAsync(IPage page, int seconds)
    {
        var load = File.ReadAllText("/proc/loadavg").Trim();
        var measured = await page.EvaluateAsync<double[][]>(@"seconds => new Promise(resolve => {
            const frames = [], entered = [];
            const end = performance.now() + seconds * 1000;
            const frame = t => {
                frames.push(t);
                entered.push(performance.now());
                if (t < end) requestAnimationFrame(frame);
                else {
                    const gaps = xs => xs.slice(1).map((x, i) => x - xs[i]);
                    resolve([gaps(frames), gaps(entered)]);
                }
            };
            requestAnimationFrame(frame);
        })", seconds);
        var (frameGaps, callbackGaps) = (measured[0], measured[1]);
        var line = string.Create(CultureInfo.InvariantCulture,
            $"Pacer over {seconds} s: {frameGaps.Length} frames; frame gap median {Percentile(frameGaps, 0.5):F1} ms, p99 {Percentile(frameGaps, 0.99):F1} ms, worst {frameGaps.Max():F1} ms, {frameGaps.Count(g => g > 50)} over 50 ms; " +
            $"callback gap p99 {Percentile(callbackGaps, 0.99):F1} ms, worst {callbackGaps.Max():F1} ms; load average {load} → {File.ReadAllText("/proc/loadavg").Trim()}, {Environment.ProcessorCount} cores");
        return (frameGaps.Length, frameGaps.Max(), line);
    }

    private static double Percentile(double[] values, double p)
    {
        var sorted = values.Order().ToArray();
        return sorted[Math.Min(sorted.Length - 1, (int)(sorted.Length * p))];
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
        var visits = Pages.SiteMap.Pages.Where(p => p.Route.StartsWith("/practices", StringComparison.Ordinal)).SelectMany(p => p.Visits)
            .Select(v => Pages.SiteMap.Resolve(v, Guid.Empty, Guid.Empty, null, practice)).Append("");
        await Accessibility.AssertPagesHaveNoSeriousViolationsAsync(page, visits);
    }

    /// <summary>
    /// The accessibility scan on a page whose fake clock is paused. axe.run waits on the page's timers, which a
    /// paused clock never fires: the scan then never returns (the test used to hang here for good). So the clock
    /// runs in real time for the scan and stops again a little ahead (the fake time keeps moving until Playwright
    /// pauses it, and it cannot be stopped in the past); the test's timings do not depend on those seconds.
    /// </summary>
    private static async Task ScanWithRealTimersAsync(IPage page)
    {
        await page.Clock.ResumeAsync();
        try
        {
            await Accessibility.AssertNoSeriousViolationsAsync(page);
        }
        finally
        {
            var now = await page.EvaluateAsync<double>("Date.now()");
            await page.Clock.PauseAtAsync(DateTime.UnixEpoch.AddMilliseconds(now + 5_000));
        }
    }

    /// <summary>Runs the page's fake clock timer by timer (every frame and interval fires), printing the real time it took.</summary>
    private async Task RunClockAsync(IPage page, long milliseconds)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        await page.Clock.RunForAsync(milliseconds);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"clock ran {milliseconds / 1000.0:F1} s of fake time in {watch.ElapsedMilliseconds} ms"));
    }

    /// <summary>Jumps the page's fake clock ahead, firing each due timer once, printing the real time it took.</summary>
    private async Task FastForwardClockAsync(IPage page, long milliseconds)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        await page.Clock.FastForwardAsync(milliseconds);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"clock jumped {milliseconds / 1000.0:F1} s of fake time in {watch.ElapsedMilliseconds} ms"));
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
