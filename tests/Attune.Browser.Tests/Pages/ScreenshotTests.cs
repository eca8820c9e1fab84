using Attune.Browser.Tests.Infrastructure;
using Attune.Browser.Tests.Journeys;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Attune.Browser.Tests.Pages;

/// <summary>
/// The screenshots of docs/screenshots, taken from the real app: sign-in and home in both themes at phone and
/// desktop width, plus registration, two-factor setup (with its QR code), the crisis help page, and a recording's
/// analysis and the together comparison drawn from the real reference recordings. Each checks what the page shows
/// before it is captured. They go to docs/screenshots only with <c>ATTUNE_SCREENSHOTS=1</c> (see <see cref="Screenshots"/>).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ScreenshotTests(BrowserFixture browser)
{
    public static TheoryData<FormFactor, ColorScheme> Looks => new()
    {
        { FormFactor.Phone, ColorScheme.Light },
        { FormFactor.Phone, ColorScheme.Dark },
        { FormFactor.Desktop, ColorScheme.Light },
        { FormFactor.Desktop, ColorScheme.Dark },
    };

    [Theory]
    [MemberData(nameof(Looks))]
    public async Task Sign_in_and_home(FormFactor formFactor, ColorScheme scheme)
    {
        var email = await AccountSteps.SeedConfirmedUserAsync(browser.Server, "Robin");
        await using var session = await browser.NewPageAsync(formFactor, scheme);
        var page = session.Page;

        await page.GotoAsync("account/login");
        await Expect(Heading(page, "Welcome back")).ToBeVisibleAsync();
        await Expect(page.GetByLabel("Email")).ToBeVisibleAsync();
        await Expect(page.GetByLabel("Password", new() { Exact = true })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true })).ToBeVisibleAsync();
        await SaveAsync(page, "sign-in", formFactor, scheme);

        await AccountSteps.SignInAsync(page, email);
        await Expect(Heading(page, "Hello, Robin")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Link, new() { Name = "Check in" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Where would you like to go?" })).ToBeVisibleAsync();
        await SaveAsync(page, "home", formFactor, scheme);
    }

    [Theory]
    [MemberData(nameof(Looks))]
    public async Task Register_two_factor_setup_and_crisis_help(FormFactor formFactor, ColorScheme scheme)
    {
        await using var session = await browser.NewPageAsync(formFactor, scheme);
        var page = session.Page;

        await page.GotoAsync("account/register");
        await Expect(Heading(page, "Create your account")).ToBeVisibleAsync();
        await Expect(page.GetByLabel("What should we call you?")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Create account" })).ToBeVisibleAsync();
        await SaveAsync(page, "register", formFactor, scheme, fullPage: true);

        await page.GotoAsync("help/crisis");
        await Expect(Heading(page, "Need help now?")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "If you or someone else is in danger" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Call 112" })).ToBeVisibleAsync();
        await SaveAsync(page, "crisis", formFactor, scheme, fullPage: true);

        // A fixed address and key keep the QR code, and so the committed picture, the same from run to run.
        var email = await AccountSteps.SeedConfirmedUserAsync(
            browser.Server, "Robin", $"robin.{formFactor}.{scheme}@example.org".ToLowerInvariant(), "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP");
        await AccountSteps.SignInAsync(page, email);
        await page.GotoAsync("settings/two-factor");
        await Expect(Heading(page, "Two-factor sign-in")).ToBeVisibleAsync();
        await Expect(page.GetByAltText("QR code for adding Attune to your authenticator app")).ToBeVisibleAsync();
        await Expect(page.Locator("#shared-key")).ToHaveTextAsync("JBSW Y3DP EHPK 3PXP JBSW Y3DP EHPK 3PXP");
        await SaveAsync(page, "settings-two-factor", formFactor, scheme, fullPage: true);
    }

    [Theory]
    [MemberData(nameof(Looks))]
    public async Task Recording_analysis_and_together(FormFactor formFactor, ColorScheme scheme)
    {
        var email = await AccountSteps.SeedConfirmedUserAsync(browser.Server, "Robin");
        var holter = await RecordingSteps.SeedAsync(browser.Server, email, ReferenceData.HolterRr, "rr", "A day and a night");
        var (a, b) = await RecordingSteps.SeedSyntheticCoupleAsync(browser.Server, email);
        await using var session = await browser.NewPageAsync(formFactor, scheme);
        var page = session.Page;
        await AccountSteps.SignInAsync(page, email);

        await page.GotoAsync($"insights/recordings/{holter}");
        await Expect(Heading(page, "A day and a night")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "At a glance" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Img, new() { Name = "Heart rate over time" })).ToHaveCountAsync(1);
        await RecordingSteps.ScrollPastChartsAsync(page);
        foreach (var drawn in new[] { "heart-rate-chart", "tachogram-chart", "spectrum-chart", "poincare-chart" })
        {
            await Expect(page.GetByTestId(drawn).Locator("canvas")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        }
        await SaveAsync(page, "recording-analysis", formFactor, scheme, fullPage: true);

        await page.GotoAsync($"together/hearts?a={a}&b={b}");
        await Expect(Heading(page, "Two hearts together")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sam, evening talk and Alex, evening talk" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Img, new() { Name = "Synchrony heat map" })).ToBeVisibleAsync();
        await SaveAsync(page, "together", formFactor, scheme, fullPage: true);
    }

    public static TheoryData<ColorScheme> Schemes => new() { ColorScheme.Light, ColorScheme.Dark };

    [Theory]
    [MemberData(nameof(Schemes))]
    public async Task Sharing_and_who_looked_on_a_phone(ColorScheme scheme)
    {
        var sam = await AccountSteps.SeedConfirmedUserAsync(browser.Server, "Sam");
        var alex = await AccountSteps.SeedConfirmedUserAsync(browser.Server, "Alex");
        var (samRecording, _) = await RecordingSteps.SeedSyntheticCoupleAsync(browser.Server, sam, alex);
        await using var samSession = await browser.NewPageAsync(FormFactor.Phone, scheme);
        await using var alexSession = await browser.NewPageAsync(FormFactor.Phone, scheme);
        var page = samSession.Page;
        await AccountSteps.SignInAsync(page, sam);
        await AccountSteps.SignInAsync(alexSession.Page, alex);

        await page.GotoAsync("settings/sharing");
        await page.GetByLabel("Their email address").FillAsync(alex);
        await page.GetByLabel("I understand, and I want to share this").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Send invitation" }).ClickAsync();
        await alexSession.Page.GotoAsync("settings/sharing");
        await alexSession.Page.GetByRole(AriaRole.Button, new() { Name = "Accept" }).ClickAsync();
        await alexSession.Page.GotoAsync("insights/recordings");
        await alexSession.Page.GotoAsync($"insights/recordings/{samRecording}");
        await page.GetByLabel("Their email address").FillAsync("grandma@example.org");
        await page.GetByLabel("I understand, and I want to share this").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Send invitation" }).ClickAsync();

        await Expect(Heading(page, "Sharing")).ToBeVisibleAsync();
        await Expect(page.GetByText("Waiting for them to accept")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Region, new() { Name = "You share with" })).ToContainTextAsync("Alex");
        await SaveAsync(page, "settings-sharing", FormFactor.Phone, scheme, fullPage: true);

        await page.GotoAsync("settings/access-log");
        await Expect(Heading(page, "Who looked at my data")).ToBeVisibleAsync();
        await Expect(page.GetByText("Alex opened your recording “Sam, evening talk”").First).ToBeVisibleAsync();
        await SaveAsync(page, "settings-access-log", FormFactor.Phone, scheme, fullPage: true);
    }

    [Theory]
    [MemberData(nameof(Schemes))]
    public async Task The_check_in_flow_on_a_phone(ColorScheme scheme)
    {
        var email = await AccountSteps.SeedConfirmedUserAsync(browser.Server, "Robin");
        await using var session = await browser.NewPageAsync(FormFactor.Phone, scheme);
        var page = session.Page;
        await AccountSteps.SignInAsync(page, email);

        await page.GotoAsync("checkin");
        await Expect(Heading(page, "How are you, right now?")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Radio, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Connected") })).ToBeVisibleAsync();
        await SaveAsync(page, "checkin-1-state", FormFactor.Phone, scheme);

        await page.GetByRole(AriaRole.Radio, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Activated") }).ClickAsync();
        await Expect(page.GetByText("How strongly activated?")).ToBeVisibleAsync();
        await SaveAsync(page, "checkin-2-feeling", FormFactor.Phone, scheme);

        await page.GetByRole(AriaRole.Radio, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Unpleasant, lots of energy") }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Which word fits best?" })).ToBeVisibleAsync();
        await SaveAsync(page, "checkin-3-word", FormFactor.Phone, scheme);

        await page.GetByRole(AriaRole.Button, new() { Name = "Add body, context or a note" }).ClickAsync();
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "anxious", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "overwhelmed", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Chest", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "tight", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "racing heart", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.List, new() { Name = "Chosen places and sensations" }).GetByRole(AriaRole.Listitem)).ToHaveCountAsync(2);
        await page.Locator("[data-body-map]").EvaluateAsync("e => e.scrollIntoView({ block: 'start' })");
        await SaveAsync(page, "checkin-4-body", FormFactor.Phone, scheme);

        await page.GetByRole(AriaRole.Checkbox, new() { Name = "colleagues", Exact = true }).CheckAsync();
        await page.GetByLabel("A note for yourself").FillAsync("The deadline moved up again. Breathing out slowly helped a little.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save check-in" }).ClickAsync();
        await Expect(page.GetByText("Checked in. Thank you for pausing to notice.")).ToBeVisibleAsync();
        await Expect(page.GetByText("Chest: tight")).ToBeVisibleAsync();
        await SaveAsync(page, "checkin-5-saved", FormFactor.Phone, scheme, fullPage: true);
    }

    private static ILocator Heading(IPage page, string name) =>
        page.GetByRole(AriaRole.Heading, new() { Name = name, Level = 1, Exact = true });

    private static async Task SaveAsync(IPage page, string name, FormFactor formFactor, ColorScheme scheme, bool fullPage = false)
    {
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await page.EvaluateAsync("document.fonts.ready");
        var file = $"{name}-{formFactor.ToString().ToLowerInvariant()}-{scheme.ToString().ToLowerInvariant()}";
        var viewport = page.ViewportSize ?? throw new InvalidOperationException("The page has no viewport.");
        if (!fullPage)
        {
            await Screenshots.SaveAsync(page, file);
            return;
        }

        // A full-page capture keeps fixed bars (the phone's bottom navigation) where the first screen ended;
        // a window as tall as the page puts them where a person sees them, at the bottom.
        var height = await page.EvaluateAsync<int>("document.documentElement.scrollHeight");
        await page.SetViewportSizeAsync(viewport.Width, Math.Max(viewport.Height, height));
        try
        {
            await Screenshots.SaveAsync(page, file);
        }
        finally
        {
            await page.SetViewportSizeAsync(viewport.Width, viewport.Height);
        }
    }
}
