using Attune.Browser.Tests.Infrastructure;
using Attune.Web.Data;
using Attune.Web.Features.Accounts;
using Attune.Web.Features.Sharing;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Attune.Browser.Tests.Journeys;

/// <summary>
/// "Who looked at my data" shows 50 reads a page. With JavaScript, "Show older" adds the next page in place
/// through the API; the added entries read exactly as the server writes them on the page it links to.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class AccessLogJourneyTests(BrowserFixture browser)
{
    private const int Reads = 62;

    [Fact]
    public async Task Sam_shows_older_reads_of_their_data_without_leaving_the_page()
    {
        var samEmail = await AccountSteps.SeedConfirmedUserAsync(browser.Server, "Sam");
        var alexEmail = await AccountSteps.SeedConfirmedUserAsync(browser.Server, "Alex");
        var (recording, _) = await RecordingSteps.SeedSyntheticCoupleAsync(browser.Server, samEmail);
        await SeedReadsAsync(samEmail, alexEmail, recording);
        await using var session = await browser.NewPageAsync();
        var page = session.Page;
        await AccountSteps.SignInAsync(page, samEmail);

        await page.GotoAsync("settings/access-log");
        var entries = page.Locator("ul.access-log > li");
        await Expect(entries).ToHaveCountAsync(50);
        var url = page.Url;
        await page.EvaluateAsync("() => { window.attuneSamePage = true; }");

        await page.GetByRole(AriaRole.Link, new() { Name = "Show older" }).ClickAsync();

        await Expect(entries).ToHaveCountAsync(Reads);
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync($"{Reads - 50} more entries.");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Show older" })).ToHaveCountAsync(0);
        await Expect(page.Locator("ul.access-log > li").Nth(50)).ToBeFocusedAsync();
        Assert.True(await page.EvaluateAsync<bool>("() => window.attuneSamePage === true"), "Show older loaded a new page.");
        Assert.Equal(url, page.Url);
        var added = (await entries.AllInnerTextsAsync()).Skip(50).ToList();
        var days = await page.Locator("h3.log-day").AllInnerTextsAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(page);

        // Without JavaScript the link opens the next page, rendered by the server: the same entries, the same words.
        await using var plain = await browser.NewPageAsync(javaScriptEnabled: false);
        await AccountSteps.SignInAsync(plain.Page, samEmail);
        await plain.Page.GotoAsync("settings/access-log");
        var firstPageDays = await plain.Page.Locator("h3.log-day").AllInnerTextsAsync();
        await plain.Page.GetByRole(AriaRole.Link, new() { Name = "Show older" }).ClickAsync();
        await Expect(plain.Page.Locator("ul.access-log > li")).ToHaveCountAsync(Reads - 50);
        Assert.Equal(added, await plain.Page.Locator("ul.access-log > li").AllInnerTextsAsync());
        Assert.Equal(firstPageDays.Concat(await plain.Page.Locator("h3.log-day").AllInnerTextsAsync()).Distinct(), days);
        Assert.Contains(added, e => e.EndsWith("Alex opened your recording “Sam, evening talk”", StringComparison.Ordinal));
        Assert.Contains(added, e => e.EndsWith("Alex looked at the list of your heart recordings", StringComparison.Ordinal));
        Assert.Contains(added, e => e.EndsWith("Alex opened a recording you have since deleted", StringComparison.Ordinal));
    }

    /// <summary>
    /// Alex's reads of Sam's data, one every 50 minutes back from a summer noon (so they cross days in
    /// Sam's zone, Europe/London): the recording, the list, and a recording Sam has since deleted.
    /// </summary>
    private async Task SeedReadsAsync(string ownerEmail, string readerEmail, Guid recording)
    {
        using var scope = browser.Server.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var owner = (await users.FindByEmailAsync(ownerEmail))!.Id;
        var reader = (await users.FindByEmailAsync(readerEmail))!.Id;
        var db = scope.ServiceProvider.GetRequiredService<AttuneDb>();
        var newest = new DateTime(2026, 6, 15, 12, 0, 0, DateTimeKind.Utc);
        var deleted = Guid.NewGuid();
        for (var i = Reads - 1; i >= 0; i--)
        {
            db.AccessLog.Add(new AccessLogEntry
            {
                OwnerId = owner,
                ReaderId = reader,
                Stream = DataStream.Recordings,
                ResourceId = (i % 3) switch { 0 => recording, 1 => null, _ => deleted },
                At = newest.AddMinutes(-50 * i),
            });
        }
        await db.SaveChangesAsync();
    }
}
