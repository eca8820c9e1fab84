using System.Text.RegularExpressions;
using Attune.Browser.Tests.Infrastructure;
using Attune.Browser.Tests.Journeys;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Attune.Browser.Tests.Pages;

/// <summary>
/// The measures and integration pages as a person uses them: a PHQ-9 with item 9 above 0 opens on the calm safety screen
/// with its crisis links; the integration radar is drawn; axe finds nothing serious; and (with <c>ATTUNE_SCREENSHOTS=1</c>)
/// both are captured at phone width in the light and the dark theme.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class MeasuresTests(BrowserFixture browser)
{
    public static TheoryData<ColorScheme> Schemes => new() { ColorScheme.Light, ColorScheme.Dark };

    [Theory]
    [MemberData(nameof(Schemes))]
    public async Task Phq9_with_item_nine_above_zero_shows_the_safety_screen_and_its_crisis_links(ColorScheme scheme)
    {
        var email = await AccountSteps.SeedConfirmedUserAsync(browser.Server, "Robin");
        await MeasureSteps.SeedAsync(browser.Server, email, "phq9", [2, 2, 1, 2, 1, 1, 1, 0, 0]);
        await using var session = await browser.NewPageAsync(FormFactor.Phone, scheme);
        var page = session.Page;
        await AccountSteps.SignInAsync(page, email);

        await page.GotoAsync("insights");
        await page.GetByRole(AriaRole.Link, new() { Name = "Open measures" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Fill it in again" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Low mood (PHQ-9)", Level = 1 })).ToBeVisibleAsync();
        string[] answers = ["Several days", "Several days", "More than half the days", "Several days", "Not at all", "Several days", "Not at all", "Not at all", "Several days"];
        var groups = page.GetByRole(AriaRole.Group);
        for (var i = 0; i < answers.Length; i++)
        {
            await groups.Nth(i).GetByRole(AriaRole.Radio, new() { Name = answers[i], Exact = true }).CheckAsync();
        }
        await page.GetByRole(AriaRole.Button, new() { Name = "See my result" }).ClickAsync();

        await page.WaitForURLAsync(new Regex("/measures/phq9/result\\?id="));
        var safety = page.GetByTestId("safety-screen");
        await Expect(safety).ToBeVisibleAsync();
        await Expect(safety.GetByRole(AriaRole.Heading, new() { Name = "Before anything else: how are you right now?" })).ToBeVisibleAsync();
        await Expect(safety).ToContainTextAsync("you don't have to hold them alone");
        await Expect(safety.GetByRole(AriaRole.Link, new() { Name = "Call Samaritans, 116 123" }).First).ToHaveAttributeAsync("href", "tel:116123");
        await Expect(safety.GetByRole(AriaRole.Link, new() { Name = "Call 988 Suicide & Crisis Lifeline, 988" })).ToHaveAttributeAsync("href", "tel:988");
        await Expect(safety.GetByRole(AriaRole.Link, new() { Name = "More ways to get help now" })).ToHaveAttributeAsync("href", "/help/crisis");
        // The safety screen comes before the score, and the score still says what it is and is not.
        var result = page.GetByTestId("measure-result");
        await Expect(result).ToContainTextAsync("7 of 27");
        await Expect(result).ToContainTextAsync("mild");
        await Expect(result).ToContainTextAsync("not a diagnosis");
        Assert.True(await safety.EvaluateAsync<bool>("(s, r) => !!(s.compareDocumentPosition(r) & Node.DOCUMENT_POSITION_FOLLOWING)", await result.ElementHandleAsync()));
        await Expect(page.GetByTestId("reliable-change")).ToContainTextAsync("About the same as last time (down 3 points");
        await Expect(page.Locator("canvas[data-measure-chart=phq9]")).ToHaveAttributeAsync("data-drawn", "true");
        await Accessibility.AssertNoSeriousViolationsAsync(page);

        await SaveFullPageAsync(page, $"measures-safety-phone-{scheme.ToString().ToLowerInvariant()}");
    }

    [Theory]
    [MemberData(nameof(Schemes))]
    public async Task Integration_reflection_draws_the_radar_and_links_practices_for_what_needs_care(ColorScheme scheme)
    {
        var email = await AccountSteps.SeedConfirmedUserAsync(browser.Server, "Robin");
        await MeasureSteps.SeedReflectionAsync(browser.Server, email, -2, 1, 2, 0, -1, 1, 2, -2, 0);
        await using var session = await browser.NewPageAsync(FormFactor.Phone, scheme);
        var page = session.Page;
        await AccountSteps.SignInAsync(page, email);

        await page.GotoAsync("integration");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Integration: the river", Level = 1 })).ToBeVisibleAsync();
        // A new reflection through the form: mostly flowing, memory far towards chaos, relationships towards rigidity.
        int[] places = [-1, 0, 1, -3, 0, 0, 2, -1, 0];
        string[] words = ["Far towards chaos", "Towards chaos", "A little towards chaos", "Flowing", "A little towards rigidity", "Towards rigidity", "Far towards rigidity"];
        var groups = page.Locator("ol.river-items > li");
        for (var i = 0; i < places.Length; i++)
        {
            await groups.Nth(i).GetByRole(AriaRole.Radio, new() { Name = words[places[i] + 3], Exact = true }).CheckAsync();
        }
        await page.GetByRole(AriaRole.Button, new() { Name = "Save my reflection" }).ClickAsync();

        await Expect(page.GetByText("Saved. Thank you for taking a moment to reflect.")).ToBeVisibleAsync();
        var canvas = page.Locator("canvas[data-chart=integration-radar]");
        await Expect(canvas).ToHaveAttributeAsync("data-drawn", "true");
        var painted = await canvas.EvaluateAsync<int>(
            "c => { const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data; let n = 0; for (let k = 3; k < d.length; k += 4) if (d[k] > 0) n++; return n; }");
        Assert.True(painted > 2000, $"The radar has only {painted} painted pixels.");
        var table = page.GetByTestId("integration-table");
        await Expect(table.Locator("li")).ToHaveCountAsync(9);
        await Expect(table.Locator("li").Nth(3)).ToContainTextAsync("Memory Far towards chaos");
        var care = page.GetByTestId("needs-care");
        await Expect(care.GetByRole(AriaRole.Link)).ToHaveCountAsync(2);
        await Expect(care.GetByRole(AriaRole.Link, new() { Name = "Practices for memory" })).ToHaveAttributeAsync("href", "/practices?domain=memory");
        await Expect(care.GetByRole(AriaRole.Link, new() { Name = "Practices for relationships" })).ToHaveAttributeAsync("href", "/practices?domain=interpersonal");
        await Expect(page.GetByTestId("integration-history").Locator("tbody tr")).ToHaveCountAsync(2);
        await Accessibility.AssertNoSeriousViolationsAsync(page);

        await page.EvaluateAsync("document.fonts.ready");
        await page.Locator("#latest").EvaluateAsync(
            "e => window.scrollTo(0, e.getBoundingClientRect().top + window.scrollY - document.querySelector('.site-header').offsetHeight - 12)");
        await Screenshots.SaveAsync(page, $"integration-radar-phone-{scheme.ToString().ToLowerInvariant()}");
    }

    /// <summary>
    /// The whole page in a window as tall as the page, so the phone's bottom navigation sits at the bottom where a person
    /// sees it (a plain full-page capture leaves it where the first screen ended).
    /// </summary>
    private static async Task SaveFullPageAsync(IPage page, string name)
    {
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await page.EvaluateAsync("document.fonts.ready");
        var viewport = page.ViewportSize ?? throw new InvalidOperationException("The page has no viewport.");
        var height = await page.EvaluateAsync<int>("document.documentElement.scrollHeight");
        await page.SetViewportSizeAsync(viewport.Width, Math.Max(viewport.Height, height));
        try
        {
            await Screenshots.SaveAsync(page, name);
        }
        finally
        {
            await page.SetViewportSizeAsync(viewport.Width, viewport.Height);
        }
    }
}
