using Attune.Browser.Tests.Infrastructure;
using Attune.Web.Features.Recordings;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Attune.Browser.Tests.Journeys;

/// <summary>
/// The analysis page while a first analysis is still under way (a spinner and plain words, then the analysis by itself),
/// and the same page printed: the report without the app around it.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class RecordingProgressAndPrintTests(BrowserFixture browser)
{
    [Fact]
    public async Task While_the_first_analysis_runs_the_page_says_so_and_shows_the_analysis_when_it_is_done()
    {
        // One analysis at a time, and pages wait only a moment for it: something else holds the queue's one place.
        await using var server = await AppServer.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Analysis:Concurrency"] = "1",
            ["Analysis:RequestWaitSeconds"] = "0.2",
        });
        var queue = server.Services.GetRequiredService<AnalysisQueue>();
        using var release = new ManualResetEventSlim();
        var blocker = queue.Enqueue(Guid.NewGuid(), 1, _ => { release.Wait(); return new AnalysedRecording(null!, null); })!;
        var (session, recording) = await OpenRecordingOnPhoneAsync(server, "Sam");
        await using var _ = session;
        var page = session.Page;
        var waiting = page.Locator(".analysis-waiting[role=status]");
        await Expect(waiting).ToContainTextAsync("We're working through this recording now.");
        await Expect(waiting).ToContainTextAsync("this page looks again by itself");
        await Expect(waiting.Locator(".analysis-waiting__spinner")).ToBeVisibleAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await Screenshots.SaveAsync(page, "recording-progress-phone");
        await page.GotoAsync("insights/recordings");
        await Expect(page.Locator(".recording-row__progress")).ToBeVisibleAsync();

        await page.GotoAsync($"insights/recordings/{recording}");
        release.Set();
        await blocker.Task;
        // The page looks again by itself, and the analysis is there without a tap.
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "At a glance" })).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await Expect(waiting).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task When_the_analysis_fails_on_every_try_the_page_and_the_list_say_so_plainly_and_stop_looking_again()
    {
        await using var server = await AppServer.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Analysis:MaxAttempts"] = "2",
            ["Analysis:SweepSeconds"] = "0.5",
        });
        server.Services.GetRequiredService<RecordingAnalyses>().OnAnalysing = (_, _) => throw new InvalidOperationException("this recording breaks the analysis");
        var (session, _) = await OpenRecordingOnPhoneAsync(server, "Kai");
        await using var _ = session;
        var page = session.Page;
        // While it is tried again the page looks again by itself, until it says plainly that it stopped trying.
        var gaveUp = page.Locator(".alert[role=status]:not(.outbox-status)");
        await Expect(gaveUp).ToContainTextAsync("We tried 2 times to analyse this recording", new() { Timeout = 30_000 });
        await Expect(gaveUp).ToContainTextAsync("Your file is kept just as you uploaded it.");
        await Expect(page.Locator("meta[name=attune-look-again]")).ToHaveCountAsync(0);
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await Screenshots.SaveAsync(page, "recording-analysis-failed-phone");
        await page.GotoAsync("insights/recordings");
        await Expect(page.Locator(".recording-row__progress")).ToHaveTextAsync("could not be analysed (we tried 2 times)");
    }

    /// <summary>A person with a day-long recording, signed in on a phone and on that recording's page.</summary>
    private async Task<(PageSession Session, Guid Recording)> OpenRecordingOnPhoneAsync(AppServer server, string name)
    {
        var email = await AccountSteps.SeedConfirmedUserAsync(server, name);
        var recording = await RecordingSteps.SeedAsync(server, email, ReferenceData.HolterRr, "rr", "A day and a night");
        var session = await browser.NewPageAsync(FormFactor.Phone, baseAddress: server.BaseAddress);
        await AccountSteps.SignInAsync(session.Page, email);
        await session.Page.GotoAsync($"insights/recordings/{recording}");
        return (session, recording);
    }

    [Fact]
    public async Task The_analysis_prints_as_a_report_with_its_charts_and_without_the_navigation()
    {
        var email = await AccountSteps.SeedConfirmedUserAsync(browser.Server, "Robin");
        var recording = await RecordingSteps.SeedAsync(browser.Server, email, ReferenceData.HolterRr, "rr", "A day and a night");
        await using var session = await browser.NewPageAsync();
        var page = session.Page;
        await AccountSteps.SignInAsync(page, email);
        await page.GotoAsync($"insights/recordings/{recording}");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "At a glance" })).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await Expect(page.GetByRole(AriaRole.Navigation).First).ToBeVisibleAsync();
        await RecordingSteps.ScrollPastChartsAsync(page);
        await Expect(page.GetByTestId("poincare-chart").Locator("canvas")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Expect(page.GetByTestId("tachogram-chart").Locator("canvas")).ToBeVisibleAsync(new() { Timeout = 30_000 });

        await page.EmulateMediaAsync(new() { Media = Media.Print });

        await Expect(page.Locator("nav:visible")).ToHaveCountAsync(0);
        await Expect(page.Locator(".site-header")).ToBeHiddenAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Print or save as PDF" })).ToBeHiddenAsync();
        // The charts print as the browser drew them (the server's coarse drawings stay as their text alternatives),
        // without the legend and the zoom buttons.
        foreach (var drawn in new[] { "heart-rate-chart", "tachogram-chart", "spectrum-chart", "poincare-chart" })
        {
            await Expect(page.GetByTestId(drawn).Locator("canvas")).ToBeVisibleAsync();
        }
        await Expect(page.Locator(".uplot-host .u-legend").First).ToBeHiddenAsync();
        await Expect(page.Locator(".chart-controls")).ToBeHiddenAsync();
        await Expect(page.GetByRole(AriaRole.Img, new() { Name = "Heart rate over time" })).ToHaveCountAsync(1);
        await Expect(page.GetByRole(AriaRole.Img, new() { Name = "Poincaré plot" })).ToHaveCountAsync(1);
        await Expect(page.GetByTestId("segments").GetByRole(AriaRole.Table)).ToBeVisibleAsync();
        // The top of the report at about the proportions of a printed page (the whole day runs to several).
        await page.SetViewportSizeAsync(820, 2300);
        await page.EvaluateAsync("window.scrollTo(0, 0)");
        await Screenshots.SaveAsync(page, "recording-print");
    }
}
