using Attune.Browser.Tests.Infrastructure;
using Attune.Browser.Tests.Journeys;
using Microsoft.Playwright;

namespace Attune.Browser.Tests.Pages;

/// <summary>
/// A form posted without its antiforgery token (a stale tab, a cross-site post, a proxy that strips fields)
/// is refused with the friendly error page, never a blank page or a stack trace.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class AntiforgeryTests(BrowserFixture browser)
{
    private const string FriendlyHeading = "Something about that request didn't look right";

    [Fact]
    public async Task Sign_in_form_without_its_token_shows_the_friendly_error_page()
    {
        await using var session = await browser.NewPageAsync(FormFactor.Phone);
        var page = session.Page;
        var email = await AccountSteps.SeedConfirmedUserAsync(browser.Server);

        await page.GotoAsync("account/login");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(AccountSteps.Password);
        var status = await SubmitWithoutTokenAsync(page, "main form", "Sign in");

        Assert.Equal(400, status);
        await AssertFriendlyErrorAsync(page);

        // Nothing happened: the person is still signed out.
        await page.GotoAsync("settings");
        await Assertions.Expect(page).ToHaveURLAsync(AccountSteps.LoginPage());
    }

    [Fact]
    public async Task Settings_form_without_its_token_shows_the_friendly_error_page_and_changes_nothing()
    {
        await using var session = await browser.NewPageAsync();
        var page = session.Page;
        var email = await AccountSteps.SeedConfirmedUserAsync(browser.Server, "Robin");
        await AccountSteps.SignInAsync(page, email);

        await page.GotoAsync("settings/profile");
        await page.GetByLabel("What should we call you?").FillAsync("Changed");
        var status = await SubmitWithoutTokenAsync(page, "main form", "Save");

        Assert.Equal(400, status);
        await AssertFriendlyErrorAsync(page);
        await page.GotoAsync("settings/profile");
        await Assertions.Expect(page.GetByLabel("What should we call you?")).ToHaveValueAsync("Robin");
    }

    private static async Task<int> SubmitWithoutTokenAsync(IPage page, string formSelector, string button)
    {
        var form = page.Locator(formSelector).Filter(new() { Has = page.GetByRole(AriaRole.Button, new() { Name = button, Exact = true }) });
        await form.Locator("input[name=__RequestVerificationToken]").EvaluateAsync("input => input.remove()");
        var response = await page.RunAndWaitForResponseAsync(
            () => form.GetByRole(AriaRole.Button, new() { Name = button, Exact = true }).ClickAsync(),
            r => r.Request.Method == "POST" && r.Request.IsNavigationRequest);
        await page.WaitForLoadStateAsync();
        return response.Status;
    }

    private static async Task AssertFriendlyErrorAsync(IPage page)
    {
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(FriendlyHeading);
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Back to Attune" })).ToBeVisibleAsync();
        var text = await page.Locator("body").InnerTextAsync();
        foreach (var leak in new[] { "Exception", "Antiforgery", "   at ", "Microsoft.AspNetCore" })
        {
            Assert.DoesNotContain(leak, text, StringComparison.Ordinal);
        }
    }
}
