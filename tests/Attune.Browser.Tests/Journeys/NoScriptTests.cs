using Attune.Browser.Tests.Infrastructure;
using Microsoft.Playwright;
using static Attune.Browser.Tests.Journeys.AccountSteps;

namespace Attune.Browser.Tests.Journeys;

/// <summary>
/// The account forms with JavaScript switched off: they are plain server-rendered forms, and scripts only add
/// to them (progressive enhancement), so someone with scripts blocked can still get in and look after their account.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class NoScriptTests(BrowserFixture browser) : OwnServerJourney
{
    [Fact]
    public async Task Register_confirm_sign_in_edit_profile_and_sign_out_without_javascript()
    {
        await using var session = await browser.NewPageAsync(FormFactor.Phone, baseAddress: Server.BaseAddress, javaScriptEnabled: false);
        var page = session.Page;

        var email = await RegisterConfirmAndSignInAsync(page, "noscript");

        await page.GotoAsync("settings/profile");
        await page.GetByLabel("What should we call you?").FillAsync("Sam");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Your profile is saved");
        await Assertions.Expect(page.GetByLabel("What should we call you?")).ToHaveValueAsync("Sam");
        await Assertions.Expect(page.Locator(".account__signed-in")).ToHaveTextAsync("Signed in as Sam");

        // Without scripts the account menu's links are simply shown in the header.
        await SignOutAsync(page);
        await Assertions.Expect(page).ToHaveURLAsync(LoginPage());
        await SignInAsync(page, email);
    }

    [Fact]
    public async Task Forgot_and_reset_password_without_javascript()
    {
        await using var session = await browser.NewPageAsync(baseAddress: Server.BaseAddress, javaScriptEnabled: false);
        var page = session.Page;
        var email = await SeedConfirmedUserAsync(Server);

        await page.GotoAsync("account/forgot-password");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByRole(AriaRole.Button, new() { Name = "Send me a link" }).ClickAsync();
        await page.WaitForLoadStateAsync();

        await FollowOutboxLinkAsync(page, email, "Reset your Attune password", "Choose a new password");
        const string newPassword = "the kettle sings at seven";
        await page.GetByLabel("New password").FillAsync(newPassword);
        await page.GetByLabel("Type it again").FillAsync(newPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save my new password" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(LoginPage());
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Your new password is saved");

        await SignInAsync(page, email, newPassword);
    }

    [Fact]
    public async Task Two_factor_setup_and_sign_in_without_javascript()
    {
        await using var session = await browser.NewPageAsync(baseAddress: Server.BaseAddress, javaScriptEnabled: false);
        var page = session.Page;
        var email = await SeedConfirmedUserAsync(Server);
        await SignInAsync(page, email);

        var key = await ReadSharedKeyAsync(page);
        await EnableTwoFactorAsync(page, Totp.CodeAt(key, Clock.GetUtcNow()));
        await SignOutAsync(page);

        Clock.Advance(TimeSpan.FromSeconds(Totp.StepSeconds));
        await SubmitSignInAsync(page, email);
        await SubmitAuthenticatorCodeAsync(page, Totp.CodeAt(key, Clock.GetUtcNow()));
        await Assertions.Expect(page).ToHaveURLAsync(HomePage());
    }
}
