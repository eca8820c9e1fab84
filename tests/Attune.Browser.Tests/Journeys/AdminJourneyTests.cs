using Attune.Browser.Tests.Infrastructure;
using Attune.Web.Data;
using Attune.Web.Features.Admin;
using Attune.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Attune.Browser.Tests.Journeys;

/// <summary>
/// The person who runs the instance signs in with the one-time link from <c>admin create</c>, invites a friend from the
/// administration page, and the friend creates a ready account from the link.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class AdminJourneyTests(BrowserFixture browser)
{
    [Fact]
    public async Task The_administrator_invites_a_friend_who_creates_an_account_from_the_link()
    {
        var friend = AccountSteps.NewEmail("friend");
        await using var admin = await browser.NewPageAsync();
        var page = admin.Page;

        await page.GotoAsync($"account/link?code={await NewSignInLinkAsync()}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await page.WaitForLoadStateAsync();
        await page.GotoAsync("admin");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Administration", Level = 1 })).ToBeVisibleAsync();

        await page.GetByLabel("Their email address (optional)").FillAsync(friend);
        await page.GetByRole(AriaRole.Button, new() { Name = "Make an invitation" }).ClickAsync();
        var linkField = page.GetByLabel("Invitation link");
        await Expect(linkField).ToBeVisibleAsync();
        var link = await linkField.InputValueAsync();
        Assert.StartsWith(browser.Server.BaseAddress.ToString().TrimEnd('/') + "/account/register?invitation=", link, StringComparison.Ordinal);
        await Expect(page.Locator("[data-invitations] tbody tr").Filter(new() { HasText = friend })).ToContainTextAsync("waiting");
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await Screenshots.SaveAsync(page, "admin-invite", fullPage: true);

        await using var guest = await browser.NewPageAsync();
        await guest.Page.GotoAsync(link);
        await Expect(guest.Page.GetByLabel("Email")).ToHaveValueAsync(friend);
        await Expect(guest.Page.GetByLabel("Email")).ToHaveAttributeAsync("readonly", "");
        await guest.Page.GetByLabel("What should we call you?").FillAsync("Jo");
        await guest.Page.GetByLabel("Password", new() { Exact = true }).FillAsync(AccountSteps.Password);
        await guest.Page.GetByLabel("Type the password again").FillAsync(AccountSteps.Password);
        await guest.Page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        await guest.Page.WaitForURLAsync(AccountSteps.LoginPage());
        await Expect(guest.Page.GetByText("Your account is ready. Please sign in.")).ToBeVisibleAsync();
        await AccountSteps.SignInAsync(guest.Page, friend);

        // The link is used up.
        await using var late = await browser.NewPageAsync();
        await late.Page.GotoAsync(link);
        await Expect(late.Page.Locator("[data-registration-unavailable]")).ToContainTextAsync("can't be used any more");

        await page.GotoAsync("admin");
        await Expect(page.Locator("[data-invitations] tbody tr").Filter(new() { HasText = friend })).ToContainTextAsync("used");
        await Expect(page.Locator("[data-people] tbody tr").Filter(new() { HasText = friend })).ToContainTextAsync("yes");

        await page.GotoAsync("admin/audit");
        await Expect(page.Locator("[data-chain-intact]")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-audit-entries] tr[data-action='invitation.used']")).ToHaveCountAsync(1, new() { Timeout = 5000 });
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await Screenshots.SaveAsync(page, "admin-audit");
    }

    [Fact]
    public async Task A_person_reads_their_security_log_in_settings()
    {
        var email = await AccountSteps.SeedConfirmedUserAsync(browser.Server, "Robin");
        await using var session = await browser.NewPageAsync();
        var page = session.Page;
        await AccountSteps.SubmitSignInAsync(page, email, "not the right password");
        await AccountSteps.SignInAsync(page, email);

        await page.GotoAsync("settings/security-log");

        await Expect(page.Locator("[data-security-log] li[data-action='signin.succeeded']").First).ToContainTextAsync("Signed in");
        await Expect(page.Locator("[data-security-log] li[data-action='signin.failed']")).ToContainTextAsync("A sign-in attempt failed");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Administration" })).ToHaveCountAsync(0);
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await Screenshots.SaveAsync(page, "settings-security-log");
    }

    private async Task<string> NewSignInLinkAsync()
    {
        using var scope = browser.Server.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AttuneDb>();
        var owner = await db.Users.SingleAsync(u => u.Email == TestInstance.OwnerEmail);
        return await SignInLinks.CreateAsync(db, owner.Id, DateTime.UtcNow);
    }
}
