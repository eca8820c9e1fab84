using Attune.Browser.Tests.Infrastructure;
using Microsoft.Playwright;
using static Attune.Browser.Tests.Journeys.AccountSteps;

namespace Attune.Browser.Tests.Journeys;

/// <summary>
/// Passkeys in a real browser with Chromium's virtual authenticator (DevTools WebAuthn domain: a platform
/// authenticator that keeps resident keys and verifies the person at once). The site is opened as
/// <c>localhost</c>: WebAuthn refuses IP addresses as the relying party.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PasskeyJourneyTests(BrowserFixture browser) : OwnServerJourney
{
    [Fact]
    public async Task Add_a_passkey_sign_in_with_it_alone_and_as_the_second_step_then_remove_it()
    {
        var site = new Uri($"http://localhost:{Server.BaseAddress.Port}/");
        await using var session = await browser.NewPageAsync(FormFactor.Phone, baseAddress: site);
        var page = session.Page;
        await AddVirtualAuthenticatorAsync(page);
        var email = await RegisterConfirmAndSignInAsync(page, "passkey");

        // A wrong password adds nothing, and says why.
        await page.GotoAsync("settings/passkeys");
        await Expect(page.GetByText("You haven't added a passkey yet.")).ToBeVisibleAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await page.GetByLabel("Name (so you can tell them apart)").FillAsync("My phone");
        await page.GetByLabel("Current password").FillAsync("not my password at all");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add a passkey" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("isn't your current password");
        await Expect(page.GetByText("You haven't added a passkey yet.")).ToBeVisibleAsync();

        await page.GetByLabel("Current password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Add a passkey" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Your passkey is added");
        await Expect(page.Locator(".passkey-name")).ToHaveTextAsync("My phone");
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await Screenshots.SaveAsync(page, "settings-passkeys-phone", fullPage: true);

        // Passwordless: the email and password fields stay empty.
        await SignOutAsync(page);
        await page.GotoAsync("account/login");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in with a passkey" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(HomePage());
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Hello, Robin");

        await page.GotoAsync("settings/security-log");
        await Expect(page.GetByText("Passkey added")).ToBeVisibleAsync();

        // With two-factor sign-in on, the passkey can be the second step after the password.
        var key = await ReadSharedKeyAsync(page);
        await EnableTwoFactorAsync(page, Totp.CodeAt(key, Clock.GetUtcNow()));
        await SignOutAsync(page);
        await SubmitSignInAsync(page, email);
        await Expect(page).ToHaveURLAsync(Login2faPage());
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Use a passkey instead" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(HomePage());

        // Renamed, then removed: the device still holds the key, but the account no longer accepts it.
        await page.GotoAsync("settings/passkeys");
        await page.GetByLabel("New name for My phone").FillAsync("Old phone");
        await page.GetByRole(AriaRole.Button, new() { Name = "Rename" }).ClickAsync();
        await Expect(page.Locator(".passkey-name")).ToHaveTextAsync("Old phone");
        await page.GetByRole(AriaRole.Button, new() { Name = "Remove Old phone" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("That passkey is removed");
        await Expect(page.GetByText("You haven't added a passkey yet.")).ToBeVisibleAsync();

        await SignOutAsync(page);
        await page.GotoAsync("account/login");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in with a passkey" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(LoginPage());
        await Expect(page.GetByRole(AriaRole.Alert).First).ToContainTextAsync("That passkey didn't work here");
    }

    [Fact]
    public async Task Without_passkey_support_the_page_says_so_and_offers_no_button()
    {
        await using var session = await browser.NewPageAsync(baseAddress: Server.BaseAddress);
        var page = session.Page;
        await page.AddInitScriptAsync("delete window.PublicKeyCredential;");
        await RegisterConfirmAndSignInAsync(page, "nopasskey");
        await page.GotoAsync("settings/passkeys");
        await Expect(page.GetByText("Adding a passkey needs a browser with passkey support")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Add a passkey" })).ToBeHiddenAsync();
        await SignOutAsync(page);
        await page.GotoAsync("account/login");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign in with a passkey" })).ToBeHiddenAsync();
    }

    private static async Task AddVirtualAuthenticatorAsync(IPage page)
    {
        var cdp = await page.Context.NewCDPSessionAsync(page);
        await cdp.SendAsync("WebAuthn.enable");
        await cdp.SendAsync("WebAuthn.addVirtualAuthenticator", new Dictionary<string, object>
        {
            ["options"] = new Dictionary<string, object>
            {
                ["protocol"] = "ctap2",
                ["transport"] = "internal",
                ["hasResidentKey"] = true,
                ["hasUserVerification"] = true,
                ["isUserVerified"] = true,
                ["automaticPresenceSimulation"] = true,
            },
        });
    }

    private static IPageAssertions Expect(IPage page) => Assertions.Expect(page);

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
