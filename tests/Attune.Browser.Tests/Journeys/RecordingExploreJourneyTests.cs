using System.Globalization;
using Attune.Browser.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Attune.Browser.Tests.Journeys;

/// <summary>
/// What a Kubios user expects: zooming a day's tachogram down to single beats, analysing the part in view beside
/// the whole, and correcting a beat on an ECG with the numbers following.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class RecordingExploreJourneyTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_person_zooms_into_a_day_of_beats_and_analyses_the_part_in_view()
    {
        var email = await AccountSteps.SeedConfirmedUserAsync(browser.Server, "Kim");
        var holter = await RecordingSteps.SeedAsync(browser.Server, email, ReferenceData.HolterRr, "rr", "A day and a night");
        await using var session = await browser.NewPageAsync();
        var page = session.Page;
        await AccountSteps.SignInAsync(page, email);

        await page.GotoAsync($"insights/recordings/{holter}");
        var figure = page.Locator("[data-tachogram]");
        var chart = figure.Locator("[data-testid=tachogram-chart] .u-over");
        // The chart is drawn as it comes near the screen.
        await figure.ScrollIntoViewIfNeededAsync();
        await Expect(chart).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Expect(figure.Locator("[data-chart-status]")).ToContainTextAsync("highs and lows");
        var whole = await SpanAsync(figure);
        Assert.True(whole > 20 * 3600, $"The chart starts with {whole} s, not the whole day.");

        // Drag across a tenth of the chart, twice: the second zoom reaches single beats.
        await DragAsync(page, chart, 0.40, 0.50);
        await WaitForSpanBelowAsync(figure, whole / 5);
        await DragAsync(page, chart, 0.40, 0.45);
        await WaitForSpanBelowAsync(figure, whole / 100);
        await Expect(figure.Locator("[data-chart-status]")).ToContainTextAsync("every beat");
        await SaveScreenshotAsync(page, "recording-tachogram-zoomed", figure);

        // The part in view fills in the window form; its numbers appear beside the whole recording's.
        var from = await page.GetByLabel("From", new() { Exact = true }).InputValueAsync();
        Assert.False(string.IsNullOrEmpty(from));
        await page.GetByRole(AriaRole.Button, new() { Name = "Show this part" }).ClickAsync();
        var table = page.Locator("[data-testid=window-result] table");
        await Expect(table).ToBeVisibleAsync();
        await Expect(table.Locator("thead")).ToContainTextAsync("Whole recording");
        var rmssd = table.Locator("tr", new() { Has = page.GetByRole(AriaRole.Rowheader, new() { Name = "RMSSD", Exact = true }) }).Locator("td");
        var part = await rmssd.Nth(0).InnerTextAsync();
        var all = await rmssd.Nth(1).InnerTextAsync();
        Assert.NotEqual("—", part);
        Assert.NotEqual(part, all);

        // Presets work without a chart: the first five minutes.
        await page.GetByLabel("First 5 minutes").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Show this part" }).ClickAsync();
        await Expect(table.Locator("caption")).ToContainTextAsync("First 5 minutes");
    }

    [AxeFact]
    public async Task A_person_removes_a_beat_on_the_ECG_and_the_numbers_follow()
    {
        var email = await AccountSteps.SeedConfirmedUserAsync(browser.Server, "Kim");
        var ecg = await RecordingSteps.SeedAsync(browser.Server, email, "ecg/bio_resting_5min_100hz.ecg.csv", "ecg", "Resting ECG", 100);
        await using var session = await browser.NewPageAsync();
        var page = session.Page;
        await AccountSteps.SignInAsync(page, email);

        await page.GotoAsync($"insights/recordings/{ecg}");
        await page.GetByRole(AriaRole.Link, new() { Name = "Look at the beats in the ECG and correct them" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Beats in the ECG", Level = 1 })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Later 10 seconds" }).ClickAsync();
        var chart = page.Locator("[data-testid=ecg-chart] .u-over");
        await Expect(chart).ToBeVisibleAsync(new() { Timeout = 30_000 });
        var rmssd = page.Locator("[data-measure=RMSSD]");
        var before = await rmssd.InnerTextAsync();
        var corrected = page.Locator("[data-artifact-kinds]");
        var correctedBefore = await corrected.InnerTextAsync();

        // Click right on the fourth beat of the stretch.
        var editor = page.Locator("[data-ecg-editor]");
        var from = double.Parse((await editor.GetAttributeAsync("data-from"))!, CultureInfo.InvariantCulture);
        var to = double.Parse((await editor.GetAttributeAsync("data-to"))!, CultureInfo.InvariantCulture);
        var beat = await page.EvaluateAsync<double>(
            "async ([id, from, to]) => (await (await fetch(`/api/v1/recordings/${id}/ecg?from=${from}&to=${to}`)).json()).beats[3].timeS",
            new object[] { ecg.ToString(), from, to });
        var box = (await chart.BoundingBoxAsync())!;
        await chart.ClickAsync(new() { Position = new() { X = (float)(box.Width * (beat - from) / (to - from)), Y = box.Height / 2 } });

        await Expect(page.Locator("[data-ecg-editor] [data-chart-status]")).ToContainTextAsync("Removed the beat", new() { Timeout = 30_000 });
        await Expect(page.Locator("[data-edit-counts]")).ToHaveTextAsync("Changed by hand: 0 added, 1 removed.");
        // The gap left by a true beat is put right automatically: one more missed beat.
        await Expect(corrected).Not.ToHaveTextAsync(correctedBefore);
        var correctedAfter = await corrected.InnerTextAsync();
        Assert.True(Missed(correctedAfter) > Missed(correctedBefore), $"“{correctedBefore}” then “{correctedAfter}”.");
        await SaveScreenshotAsync(page, "recording-beat-editor", page.Locator("#signal-heading"));

        // The edit is kept: after a reload the numbers are the edited ones, and undoing all gives the first ones back.
        await page.ReloadAsync();
        await Expect(corrected).ToHaveTextAsync(correctedAfter);
        await Expect(page.Locator("[data-edit-counts]")).ToHaveTextAsync("Changed by hand: 0 added, 1 removed.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Undo all hand edits" }).ClickAsync();
        await Expect(page.GetByText("Every hand edit is undone")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-measure=RMSSD]")).ToHaveTextAsync(before);
        await Expect(corrected).ToHaveTextAsync(correctedBefore);
    }

    [Fact]
    public async Task The_ECG_view_labels_its_signal_axis_in_millivolts()
    {
        var email = await AccountSteps.SeedConfirmedUserAsync(browser.Server, "Kim");
        var ecg = await RecordingSteps.SeedAsync(browser.Server, email, "ecg/bio_resting_5min_100hz.ecg.csv", "ecg", "Resting ECG", 100);
        await using var session = await browser.NewPageAsync();
        var page = session.Page;
        // uPlot draws its axes on a canvas: record every text drawn there, and whether it was drawn turned on its side.
        await page.AddInitScriptAsync("""
            window.__canvasTexts = [];
            const fill = CanvasRenderingContext2D.prototype.fillText;
            CanvasRenderingContext2D.prototype.fillText = function (text, x, y, max) {
              const m = this.getTransform();
              window.__canvasTexts.push({ text: String(text), vertical: Math.abs(m.b) > Math.abs(m.a) });
              return fill.call(this, text, x, y, max);
            };
            """);
        await AccountSteps.SignInAsync(page, email);

        await page.GotoAsync($"insights/recordings/{ecg}/beats");
        await Expect(page.Locator("[data-testid=ecg-chart] .u-over")).ToBeVisibleAsync(new() { Timeout = 30_000 });

        var vertical = await page.EvaluateAsync<string[]>("window.__canvasTexts.filter(t => t.vertical).map(t => t.text)");
        var level = await page.EvaluateAsync<string[]>("window.__canvasTexts.filter(t => !t.vertical).map(t => t.text)");
        Assert.Contains("Signal (mV)", vertical);
        Assert.Contains("Seconds from the start", level);
        await Expect(page.Locator("[data-testid=ecg-chart] .u-legend")).ToContainTextAsync("ECG (mV)");
    }

    private static int Missed(string text) =>
        int.Parse(System.Text.RegularExpressions.Regex.Match(text, @"(\d+) missed").Groups[1].Value, CultureInfo.InvariantCulture);

    private static async Task<double> SpanAsync(ILocator figure) =>
        double.Parse((await figure.GetAttributeAsync("data-to"))!, CultureInfo.InvariantCulture)
        - double.Parse((await figure.GetAttributeAsync("data-from"))!, CultureInfo.InvariantCulture);

    private static async Task WaitForSpanBelowAsync(ILocator figure, double seconds)
    {
        for (var i = 0; i < 100; i++)
        {
            if (await SpanAsync(figure) < seconds)
            {
                return;
            }
            await Task.Delay(100);
        }
        Assert.Fail($"The chart still shows {await SpanAsync(figure)} s, not less than {seconds} s.");
    }

    private static async Task DragAsync(IPage page, ILocator over, double fromFraction, double toFraction)
    {
        await over.ScrollIntoViewIfNeededAsync();
        var box = (await over.BoundingBoxAsync())!;
        var y = box.Y + box.Height / 2;
        await page.Mouse.MoveAsync((float)(box.X + box.Width * fromFraction), y);
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync((float)(box.X + box.Width * toFraction), y, new() { Steps = 8 });
        await page.Mouse.UpAsync();
    }

    private static async Task SaveScreenshotAsync(IPage page, string name, ILocator scrollTo)
    {
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await scrollTo.ScrollIntoViewIfNeededAsync();
        await Screenshots.SaveAsync(page, name);
    }
}
