using System.IO.Compression;
using System.Text.Json;
using Attune.Browser.Tests.Infrastructure;
using Attune.Web.Data;
using Attune.Web.Features.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Attune.Browser.Tests.Journeys;

/// <summary>Robin takes a copy of everything, then leaves: the downloads hold their data, and erasure leaves nothing behind.</summary>
[Collection(BrowserCollection.Name)]
public sealed class YourDataJourneyTests(BrowserFixture browser)
{
    [Fact]
    public async Task Robin_downloads_everything_then_erases_the_account()
    {
        var email = await AccountSteps.SeedConfirmedUserAsync(browser.Server, "Robin");
        var (recording, _) = await RecordingSteps.SeedSyntheticCoupleAsync(browser.Server, email);
        await using var session = await browser.NewPageAsync(FormFactor.Phone);
        var page = session.Page;
        await AccountSteps.SignInAsync(page, email);

        await page.GotoAsync("settings");
        await page.GetByRole(AriaRole.Link, new() { Name = "Your data" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your data", Level = 1 })).ToBeVisibleAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await Screenshots.SaveAsync(page, "settings-your-data", fullPage: true);

        var json = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Download everything (JSON)" }).ClickAsync());
        Assert.Matches(@"^attune-export-\d{4}-\d{2}-\d{2}\.json$", json.SuggestedFilename);
        using (var document = JsonDocument.Parse(await File.ReadAllTextAsync((await json.PathAsync())!)))
        {
            var streams = document.RootElement.GetProperty("streams");
            Assert.Equal(email, streams.GetProperty("account").GetProperty("email").GetString());
            Assert.Contains(streams.GetProperty("recordings").EnumerateArray(), r => r.GetProperty("id").GetGuid() == recording);
        }
        var csv = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Download as spreadsheets (CSV, zipped)" }).ClickAsync());
        using (var zip = ZipFile.OpenRead((await csv.PathAsync())!))
        {
            Assert.Contains(zip.Entries, e => e.FullName == $"recordings/{recording}.csv" || e.FullName == $"recordings/{recording}.txt");
        }
        var fhir = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Download for health apps (FHIR)" }).ClickAsync());
        Assert.Contains("\"resourceType\":\"Bundle\"", await File.ReadAllTextAsync((await fhir.PathAsync())!), StringComparison.Ordinal);

        await page.GetByRole(AriaRole.Link, new() { Name = "delete your account and everything in it" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Delete your account", Level = 1 })).ToBeVisibleAsync();
        await page.GetByLabel("Current password").FillAsync("not my password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Delete my account for good" }).ClickAsync();
        await Expect(page.Locator("#password-error")).Not.ToBeEmptyAsync();
        Assert.True(await UserExistsAsync(email));
        await page.GetByLabel("Current password").FillAsync(AccountSteps.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Delete my account for good" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(AccountSteps.LoginPage());
        await Expect(page.GetByText("Your account and everything in it has been erased")).ToBeVisibleAsync();
        Assert.False(await UserExistsAsync(email));
        using var scope = browser.Server.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AttuneDb>();
        Assert.False(await Attune.Web.Features.Sharing.Access.Unchecked<Attune.Web.Features.Recordings.Recording>(db).AnyAsync(r => r.Id == recording));
    }

    private async Task<bool> UserExistsAsync(string email)
    {
        using var scope = browser.Server.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByEmailAsync(email) is not null;
    }
}
