using System.Globalization;
using System.Text.Json;
using Attune.Browser.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Attune.Browser.Tests.Journeys;

/// <summary>
/// Heart recordings end to end with real data from shared/reference-data: a 24-hour Holter recording and a
/// two-person session, uploaded through the form, read, compared and deleted, plus the refusals a person meets.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class RecordingJourneyTests(BrowserFixture browser)
{
    private const string RrKind = "Beat-to-beat intervals (RR), e.g. from a chest strap";
    private const string EcgKind = "Raw ECG";

    [Fact]
    public async Task A_person_uploads_a_day_of_heartbeats_and_a_session_together_compares_them_and_deletes_one()
    {
        var email = await AccountSteps.SeedConfirmedUserAsync(browser.Server, "Sam");
        await using var session = await browser.NewPageAsync();
        var page = session.Page;
        await AccountSteps.SignInAsync(page, email);

        var holter = await RecordingSteps.UploadAsync(page, ReferenceData.HolterRr, RrKind, "A day and a night");

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "A day and a night", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByText("“A day and a night” is saved.")).ToBeVisibleAsync();
        var measures = await MeasuresFromApiAsync(page, holter);
        await ExpectCardAsync(page, "Beat-to-beat change", measures["RMSSD"], "0.#");
        await ExpectCardAsync(page, "Average heart rate", measures["MeanHR"], "0");
        await ExpectCardAsync(page, "Overall variability", measures["SDNN"], "0.#");
        await RecordingSteps.ScrollPastChartsAsync(page);
        foreach (var (chart, drawn) in new[]
        {
            ("Heart rate over time", "heart-rate-chart"), ("Tachogram: time between heartbeats", "tachogram-chart"),
            ("Spectrum of heart-rate variability", "spectrum-chart"), ("Poincaré plot", "poincare-chart"),
        })
        {
            // The server's coarse drawing stays as the chart's name and description; the browser draws the chart itself.
            await Expect(page.GetByRole(AriaRole.Img, new() { Name = chart })).ToHaveCountAsync(1);
            var canvas = page.GetByTestId(drawn).Locator("canvas");
            await Expect(canvas).ToBeVisibleAsync(new() { Timeout = 30_000 });
            Assert.True(await RecordingSteps.SeriesPixelsAsync(canvas) > 200, $"The chart “{chart}” draws no data.");
        }
        // Drawn, the charts keep the page accessible (the site-wide scan sees them before they are drawn).
        await Accessibility.AssertNoSeriousViolationsAsync(page);

        var sam = await RecordingSteps.UploadAsync(page, ReferenceData.DyadA, EcgKind, "Sam, talking", ReferenceData.DyadSampleRateHz);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sam, talking", Level = 1 })).ToBeVisibleAsync();
        var alex = await RecordingSteps.UploadAsync(page, ReferenceData.DyadB, EcgKind, "Alex, talking", ReferenceData.DyadSampleRateHz);

        await page.GetByRole(AriaRole.Link, new() { Name = "Compare with another recording" }).ClickAsync();
        await page.GetByLabel("First heart").SelectOptionAsync(sam.ToString());
        await page.GetByLabel("Second heart").SelectOptionAsync(alex.ToString());
        await page.GetByRole(AriaRole.Button, new() { Name = "Compare" }).ClickAsync();
        await page.WaitForLoadStateAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sam, talking and Alex, talking" })).ToBeVisibleAsync();
        var heatmap = page.GetByRole(AriaRole.Img, new() { Name = "Synchrony heat map" });
        await Expect(heatmap).ToBeVisibleAsync();
        Assert.True(await heatmap.Locator(".cells rect").CountAsync() > 10, "The heat map has no cells.");
        await Expect(heatmap.Locator("polyline.peak-line")).ToHaveCountAsync(1);
        var summary = (await page.Locator(".together-summary").InnerTextAsync()).Trim();
        Assert.True(summary.Length > 40, $"The summary says too little: “{summary}”.");
        await Expect(page.GetByRole(AriaRole.Alert)).ToHaveCountAsync(0);

        await page.GotoAsync($"insights/recordings/{holter}");
        await page.GetByRole(AriaRole.Link, new() { Name = "Delete this recording" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Delete “A day and a night”?" })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Delete this recording" }).ClickAsync();

        await page.WaitForURLAsync(AccountSteps.PathIs("/insights/recordings"));
        await Expect(page.GetByText("“A day and a night” is deleted, together with its file.")).ToBeVisibleAsync();
        var list = page.Locator(".recording-list");
        await Expect(list.GetByRole(AriaRole.Link)).ToHaveTextAsync(["Alex, talking", "Sam, talking"]);
        var gone = await page.GotoAsync($"insights/recordings/{holter}");
        Assert.Equal(404, gone?.Status);
    }

    /// <summary>Also scans the form showing its error, where contrast and labelling usually slip.</summary>
    [AxeFact]
    public async Task A_file_that_cannot_be_read_is_explained_on_the_page_and_nothing_is_listed()
    {
        var email = await AccountSteps.SeedConfirmedUserAsync(browser.Server, "Sam");
        await using var session = await browser.NewPageAsync(FormFactor.Phone);
        var page = session.Page;
        await AccountSteps.SignInAsync(page, email);

        await RecordingSteps.SubmitUploadAsync(page, new FilePayload
        {
            Name = "holiday-photo.csv",
            MimeType = "text/csv",
            Buffer = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0xFF, 0xFE],
        }, RrKind, "Holiday");

        await Expect(page).ToHaveURLAsync(AccountSteps.PathIs("/insights/recordings"));
        await Expect(page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "Nothing was saved." }).First).ToBeVisibleAsync();
        await Expect(page.Locator("#file-error")).ToContainTextAsync("This file doesn't look like text");
        await Expect(page.GetByText("No recordings yet.")).ToBeVisibleAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(page);

        await RecordingSteps.SubmitUploadAsync(page, new FilePayload
        {
            Name = "strap.csv",
            MimeType = "text/csv",
            Buffer = "rr_ms\n812\n798\neight hundred\n805\n"u8.ToArray(),
        }, RrKind, "Strap");

        await Expect(page.Locator("#file-error")).ToContainTextAsync("Line 4:");
        await Expect(page.GetByLabel("Recording file")).ToHaveAttributeAsync("aria-describedby", "file-hint file-error");
        await Expect(page.GetByText("No recordings yet.")).ToBeVisibleAsync();
        Assert.Equal(0, await page.Locator(".recording-row").CountAsync());
    }

    [Fact]
    public async Task Someone_else_opening_a_recording_address_gets_the_not_found_page()
    {
        var owner = await AccountSteps.SeedConfirmedUserAsync(browser.Server, "Sam");
        var (recording, partner) = await RecordingSteps.SeedDyadAsync(browser.Server, owner);
        var stranger = await AccountSteps.SeedConfirmedUserAsync(browser.Server, "Kit");
        await using var session = await browser.NewPageAsync(FormFactor.Phone);
        var page = session.Page;
        await AccountSteps.SignInAsync(page, stranger);

        foreach (var address in new[]
        {
            $"insights/recordings/{recording}",
            $"insights/recordings/{recording}/delete",
            $"together/hearts?a={recording}&b={partner}",
            $"api/v1/recordings/{recording}/analysis",
        })
        {
            var response = await page.GotoAsync(address);
            Assert.Equal(404, response?.Status);
            if (!address.StartsWith("api/", StringComparison.Ordinal))
            {
                await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "We couldn't find that page" })).ToBeVisibleAsync();
                await Expect(page.GetByText("Sam, talking")).ToHaveCountAsync(0);
            }
        }

        await page.GotoAsync("insights/recordings");
        await Expect(page.GetByText("No recordings yet.")).ToBeVisibleAsync();
    }

    private static async Task<Dictionary<string, (double Value, string Unit)>> MeasuresFromApiAsync(IPage page, Guid id)
    {
        var response = await page.APIRequest.GetAsync($"api/v1/recordings/{id}/analysis");
        Assert.Equal(200, response.Status);
        using var json = JsonDocument.Parse(await response.TextAsync());
        return json.RootElement.GetProperty("measures").EnumerateArray()
            .Where(m => m.GetProperty("value").ValueKind == JsonValueKind.Number)
            .ToDictionary(m => m.GetProperty("name").GetString()!, m => (m.GetProperty("value").GetDouble(), m.GetProperty("unit").GetString() ?? ""));
    }

    /// <summary>The card titled <paramref name="title"/> shows the API's value, rounded as the page rounds it.</summary>
    private static async Task ExpectCardAsync(IPage page, string title, (double Value, string Unit) measure, string format)
    {
        var (value, unit) = measure;
        var card = page.Locator(".metric").Filter(new() { Has = page.Locator(".metric__label", new() { HasTextString = title }) });
        await Expect(card.Locator(".metric__value")).ToHaveTextAsync(value.ToString(format, CultureInfo.InvariantCulture) + unit);
    }
}
