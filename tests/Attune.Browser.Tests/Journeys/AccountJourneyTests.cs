using Attune.Browser.Tests.Infrastructure;
using Microsoft.Playwright;
using static Attune.Browser.Tests.Journeys.AccountSteps;

namespace Attune.Browser.Tests.Journeys;

/// <summary>
/// Whole account journeys in a real browser, on a server of their own in Development (so mail lands in the
/// outbox) whose clock the test moves by hand: a code is reused by staying in its 30-second step, not by sleeping.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class AccountJourneyTests(BrowserFixture browser) : OwnServerJourney
{
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(Totp.StepSeconds);

    [Fact]
    public async Task Register_confirm_two_factor_single_use_codes_and_delete_account()
    {
        await using var session = await browser.NewPageAsync(FormFactor.Phone, baseAddress: Server.BaseAddress);
        var page = session.Page;
        var email = NewEmail("journey");

        await RegisterAsync(page, email);
        await ConfirmFromOutboxAsync(page, email);
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("your email is confirmed");
        await SignInAsync(page, email);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Hello, Robin");

        var key = await ReadSharedKeyAsync(page);
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await EnableTwoFactorAsync(page, Totp.CodeAt(key, Clock.GetUtcNow()));
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await SignOutAsync(page);

        Clock.Advance(Step);
        var code = Totp.CodeAt(key, Clock.GetUtcNow());
        await SubmitSignInAsync(page, email);
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await SubmitAuthenticatorCodeAsync(page, code);
        await Expect(page).ToHaveURLAsync(HomePage());
        await SignOutAsync(page);

        // Same 30-second step, same code: somebody who saw it over a shoulder cannot use it again.
        await SubmitSignInAsync(page, email);
        await SubmitAuthenticatorCodeAsync(page, code);
        await Expect(page).ToHaveURLAsync(Login2faPage());
        await Expect(page.Locator("#code-error")).ToContainTextAsync("each one works only once");
        await Accessibility.AssertNoSeriousViolationsAsync(page);

        Clock.Advance(Step);
        await SubmitAuthenticatorCodeAsync(page, Totp.CodeAt(key, Clock.GetUtcNow()));
        await Expect(page).ToHaveURLAsync(HomePage());

        Clock.Advance(Step);
        await page.GotoAsync("settings/delete");
        await page.GetByLabel("Current password").FillAsync(Password);
        await page.GetByLabel("Code from your authenticator app").FillAsync(Totp.CodeAt(key, Clock.GetUtcNow()));
        await page.GetByRole(AriaRole.Button, new() { Name = "Delete my account for good" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(LoginPage());
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("has been erased");

        await SubmitSignInAsync(page, email);
        await Expect(page).ToHaveURLAsync(LoginPage());
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("don't match our records");
    }

    [Fact]
    public async Task Recovery_code_signs_in_once()
    {
        await using var session = await browser.NewPageAsync(baseAddress: Server.BaseAddress);
        var page = session.Page;
        var email = await RegisterConfirmAndSignInAsync(page, "recovery");
        var key = await ReadSharedKeyAsync(page);
        var recoveryCodes = await EnableTwoFactorAsync(page, Totp.CodeAt(key, Clock.GetUtcNow()));
        await SignOutAsync(page);

        await SubmitSignInAsync(page, email);
        await page.GetByRole(AriaRole.Link, new() { Name = "Use a recovery code" }).ClickAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await page.GetByLabel("Recovery code").FillAsync(recoveryCodes[0]);
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(HomePage());

        await page.GotoAsync("settings/two-factor");
        await Expect(page.GetByText($"You have {recoveryCodes.Count - 1} recovery codes left")).ToBeVisibleAsync();
        await SignOutAsync(page);

        await SubmitSignInAsync(page, email);
        await page.GetByRole(AriaRole.Link, new() { Name = "Use a recovery code" }).ClickAsync();
        await page.GetByLabel("Recovery code").FillAsync(recoveryCodes[0]);
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(PathIs("/account/login-recovery"));
        await Expect(page.Locator(".field-error, [role=alert]").First).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Five_wrong_passwords_slow_sign_in_down_with_a_message_on_the_form()
    {
        await using var session = await browser.NewPageAsync(FormFactor.Phone, baseAddress: Server.BaseAddress);
        var page = session.Page;
        var email = await RegisterConfirmAndSignInAsync(page, "lockout");
        await SignOutAsync(page);

        for (var attempt = 1; attempt <= 5; attempt++)
        {
            await SubmitSignInAsync(page, email, "not my password " + attempt);
            await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("don't match our records");
        }

        // The wait is explained in place, on the form, whatever the password.
        await SubmitSignInAsync(page, email);
        await Expect(page).ToHaveURLAsync(PathIs("/account/login"));
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("slowing things down");
        await Accessibility.AssertNoSeriousViolationsAsync(page);
    }

    private static IPageAssertions Expect(IPage page) => Assertions.Expect(page);

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
