using Attune.Browser.Tests.Infrastructure;
using Attune.Browser.Tests.Journeys;
using Attune.Web.Features.CheckIns;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Attune.Browser.Tests.Pages;

/// <summary>
/// The practice screenshots of docs/screenshots at phone width, light and dark: the library with suggestions for a
/// recent check-in, and the pacer mid-breath (the test's clock holds the breath still). Each checks what the page
/// shows before it is captured. Written to docs/screenshots only with <c>ATTUNE_SCREENSHOTS=1</c>.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PracticeScreenshotTests(BrowserFixture browser)
{
    public static TheoryData<ColorScheme> Schemes => new() { ColorScheme.Light, ColorScheme.Dark };

    [Theory]
    [MemberData(nameof(Schemes))]
    public async Task The_library_and_the_pacer_on_a_phone(ColorScheme scheme)
    {
        var email = await AccountSteps.SeedConfirmedUserAsync(browser.Server, "Robin");
        await CheckInSteps.SeedAsync(browser.Server, email, new CheckInRequest("activated", 6, EmotionIds: ["anxious"]));
        await PracticeSteps.SeedSessionAsync(browser.Server, email, "physiological-sigh", "activated", 7, "connected", 3);
        await PracticeSteps.SeedSessionAsync(browser.Server, email, "physiological-sigh", "activated", 6, "connected", 2);
        await using var session = await browser.NewPageAsync(FormFactor.Phone, scheme);
        var page = session.Page;
        await AccountSteps.SignInAsync(page, email);

        await page.GotoAsync("practices");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Practices", Level = 1 })).ToBeVisibleAsync();
        var suggested = page.GetByRole(AriaRole.Region, new() { Name = "Suggested for you now" });
        await Expect(suggested.GetByRole(AriaRole.Listitem).First).ToContainTextAsync("This helped you 2 of 2 times when activated.");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "When you feel activated" })).ToBeAttachedAsync();
        await Screenshots.SaveAsync(page, Name("practices-library", scheme));

        var start = DateTime.UtcNow.AddMinutes(-10);
        await page.Clock.InstallAsync(new() { TimeDate = start });
        await page.GotoAsync("practices/resonance-breathing/play");
        await page.Clock.PauseAtAsync(start.AddSeconds(5));
        await page.Locator("label[for=before-state-activated]").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Begin" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Next step" }).ClickAsync();
        // Two and a half seconds into a four-second in-breath.
        await page.Clock.RunForAsync(2_500);
        await Expect(page.Locator("[data-pacer-phase]")).ToHaveTextAsync("Breathe in");
        await Expect(page.Locator("[data-pacer-count]")).ToHaveTextAsync("2");
        await Expect(page.Locator("[data-pacer-rate]")).ToHaveTextAsync("6 breaths a minute: in 4 s, out 6 s");
        await Expect(page.GetByText("Follow the circle: breathe in as it grows")).ToBeVisibleAsync();
        await page.EvaluateAsync("document.fonts.ready");
        await Screenshots.SaveAsync(page, Name("practices-pacer", scheme));
    }

    private static string Name(string what, ColorScheme scheme) => $"{what}-phone-{scheme.ToString().ToLowerInvariant()}";
}
