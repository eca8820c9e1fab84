using System.Text.RegularExpressions;
using Attune.Browser.Tests.Infrastructure;
using Attune.Web.Data;
using Attune.Web.Features.CheckIns;
using Attune.Web.Features.Sharing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Attune.Browser.Tests.Journeys;

/// <summary>
/// Checking in as people do it: three taps on a phone, the fuller version with the body map, changing and
/// deleting one, and checking in without a connection.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class CheckInJourneyTests(BrowserFixture browser)
{
    [AxeFact]
    public async Task Three_taps_state_corner_word_save_a_check_in()
    {
        var email = await AccountSteps.SeedConfirmedUserAsync(browser.Server, "Robin");
        await using var session = await browser.NewPageAsync(FormFactor.Phone);
        var page = session.Page;
        await AccountSteps.SignInAsync(page, email);
        await page.GetByRole(AriaRole.Link, new() { Name = "Check in" }).First.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "How are you, right now?" })).ToBeVisibleAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        var taps = 0;

        await page.GetByRole(AriaRole.Radio, new() { NameRegex = StartsWith("Activated") }).ClickAsync();
        taps++;
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "How does the feeling feel?" })).ToBeVisibleAsync();
        await Expect(page.GetByText("How strongly activated?")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "How is your nervous system?" })).ToBeHiddenAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(page);

        await page.GetByRole(AriaRole.Radio, new() { NameRegex = StartsWith("Unpleasant, lots of energy") }).ClickAsync();
        taps++;
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Which word fits best?" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Checkbox, new() { Name = "calm", Exact = true })).ToBeHiddenAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(page);

        await page.GetByRole(AriaRole.Checkbox, new() { Name = "anxious", Exact = true }).ClickAsync();
        taps++;

        await page.WaitForURLAsync(DetailPage());
        Assert.Equal(3, taps);
        await Expect(page.GetByText("Checked in. Thank you for pausing to notice.")).ToBeVisibleAsync();
        await Expect(page.Locator(".state-badge")).ToContainTextAsync("Activated");
        await Expect(page.GetByText("anxious", new() { Exact = true })).ToBeVisibleAsync();
        var stored = Assert.Single(await CheckInsOfAsync(email));
        Assert.Equal((NervousState.Activated, 5, "anxious", "UTC"), (stored.State, stored.Intensity, stored.Emotions, stored.TimeZone));
        await Accessibility.AssertNoSeriousViolationsAsync(page);
    }

    [Fact]
    public async Task The_full_check_in_adds_the_body_map_context_and_a_note()
    {
        var email = await AccountSteps.SeedConfirmedUserAsync(browser.Server, "Robin");
        await using var session = await browser.NewPageAsync();
        var page = session.Page;
        await AccountSteps.SignInAsync(page, email);
        await page.GotoAsync("checkin");

        await page.GetByRole(AriaRole.Radio, new() { NameRegex = StartsWith("Shut down") }).ClickAsync();
        await page.GetByLabel("How strongly shut down?").FillAsync("8");
        await page.GetByRole(AriaRole.Radio, new() { NameRegex = StartsWith("Unpleasant, low energy") }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Add body, context or a note" }).ClickAsync();
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "numb", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "lonely", Exact = true }).ClickAsync();

        // The body map: a region is a button; it opens the sensations.
        await page.GetByRole(AriaRole.Button, new() { Name = "Chest", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "heavy", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "empty", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Done" }).ClickAsync();
        await page.Locator("[data-region=\"throat\"]").FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await page.GetByRole(AriaRole.Button, new() { Name = "lump in throat" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.List, new() { Name = "Chosen places and sensations" }).GetByRole(AriaRole.Listitem)).ToHaveCountAsync(3);
        await page.GetByRole(AriaRole.Button, new() { Name = "Remove Chest: empty" }).ClickAsync();

        await page.GetByRole(AriaRole.Checkbox, new() { Name = "on my own", Exact = true }).CheckAsync();
        await page.GetByLabel("Someone not listed").FillAsync("the neighbour's dog");
        await page.GetByLabel("Any glimmers?").FillAsync("the first snow");
        await page.GetByLabel("Sleep last night").FillAsync("5.5");
        await page.GetByLabel("A note for yourself").FillAsync("Sunday evening feeling. <b>Not</b> a big deal.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save check-in" }).ClickAsync();

        await page.WaitForURLAsync(DetailPage());
        await Expect(page.GetByText("Shut down 8 of 10")).ToBeVisibleAsync();
        await Expect(page.GetByText("Chest: heavy")).ToBeVisibleAsync();
        await Expect(page.GetByText("Throat: lump in throat")).ToBeVisibleAsync();
        await Expect(page.GetByText("Chest: empty")).ToHaveCountAsync(0);
        await Expect(page.GetByText("Sunday evening feeling. <b>Not</b> a big deal.")).ToBeVisibleAsync();
        var c = Assert.Single(await CheckInsOfAsync(email));
        Assert.Equal(["lonely", "numb"], c.Emotions.Split(',').Order());
        Assert.Equal("chest:heavy,throat:lump-in-throat", c.Body);
        Assert.Equal(5.5, c.SleepHours);
        Assert.Contains("the neighbour's dog", c.Context, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_person_changes_a_check_in_and_then_deletes_it()
    {
        var email = await AccountSteps.SeedConfirmedUserAsync(browser.Server, "Robin");
        var id = await CheckInSteps.SeedFullAsync(browser.Server, email);
        await using var session = await browser.NewPageAsync(FormFactor.Phone);
        var page = session.Page;
        await AccountSteps.SignInAsync(page, email);

        await page.GotoAsync("checkins");
        await page.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("anxious, overwhelmed") }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Add detail or change" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Checkbox, new() { Name = "anxious", Exact = true })).ToBeCheckedAsync();
        await Expect(page.GetByLabel("A note for yourself")).ToHaveValueAsync("We talked past each other again.\nI want to try the pause next time.");
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "overwhelmed", Exact = true }).UncheckAsync();
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "hurt", Exact = true }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save changes" }).ClickAsync();

        await Expect(page.GetByText("Saved your changes.")).ToBeVisibleAsync();
        await Expect(page.GetByText("hurt", new() { Exact = true })).ToBeVisibleAsync();
        Assert.Equal("anxious,hurt", Assert.Single(await CheckInsOfAsync(email)).Emotions);

        await page.GetByRole(AriaRole.Link, new() { Name = "Delete" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Delete check-in" }).ClickAsync();
        await Expect(page.GetByText("The check-in is deleted.")).ToBeVisibleAsync();
        Assert.Empty(await CheckInsOfAsync(email));
        var gone = await page.GotoAsync($"checkins/{id}");
        Assert.Equal(404, gone!.Status);
    }

    [Fact]
    public async Task A_check_in_made_offline_waits_on_the_device_and_is_stored_once_when_back_online()
    {
        var email = await AccountSteps.SeedConfirmedUserAsync(browser.Server, "Robin");
        await using var session = await browser.NewPageAsync(FormFactor.Phone);
        var page = session.Page;
        await AccountSteps.SignInAsync(page, email);
        await page.GotoAsync("checkin");

        await session.Context.SetOfflineAsync(true);
        await CheckInSteps.FastPathAsync(page, "Connected", "Pleasant, low energy", "calm");
        await Expect(page.GetByText("You're offline. This check-in is saved on this device")).ToBeVisibleAsync();
        Assert.Empty(await CheckInsOfAsync(email));
        // The form starts afresh for the next one.
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "How is your nervous system?" })).ToBeVisibleAsync();

        // Back online, the first send reaches the server but its answer is lost: the check-in stays queued.
        var lostOnce = 0;
        await page.RouteAsync("**/api/v1/checkins", async route =>
        {
            if (Interlocked.Increment(ref lostOnce) == 1)
            {
                await route.FetchAsync();
                await route.AbortAsync();
            }
            else
            {
                await route.ContinueAsync();
            }
        });
        await session.Context.SetOfflineAsync(false);
        await page.EvaluateAsync("window.dispatchEvent(new Event('online'))");
        await UntilAsync(async () => (await CheckInsOfAsync(email)).Count == 1, "the check-in to reach the server");
        await Expect(page.GetByText("1 check-in is saved on this device")).ToBeVisibleAsync();

        // The next send (here: the next page) delivers it again; the server recognises it.
        await page.GotoAsync("checkins");
        await Expect(page.GetByText("A check-in saved offline has now been sent.")).ToBeVisibleAsync();
        var stored = Assert.Single(await CheckInsOfAsync(email));
        Assert.Equal("calm", stored.Emotions);
        await page.ReloadAsync();
        await Expect(page.Locator("[data-outbox-status]")).ToBeHiddenAsync();
        Assert.Single(await CheckInsOfAsync(email));
        Assert.True(lostOnce >= 2, "The second send never happened.");
    }

    [Fact]
    public async Task Without_javascript_the_check_in_is_one_form_that_explains_its_problems()
    {
        var email = await AccountSteps.SeedConfirmedUserAsync(browser.Server, "Robin");
        await using var session = await browser.NewPageAsync(javaScriptEnabled: false);
        var page = session.Page;
        await AccountSteps.SignInAsync(page, email);
        await page.GotoAsync("checkin");

        await page.GetByRole(AriaRole.Button, new() { Name = "Save check-in" }).ClickAsync();
        await Expect(page.GetByText("Nothing was saved yet.")).ToBeVisibleAsync();
        await Expect(page.GetByText("Please choose how your nervous system feels")).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Radio, new() { NameRegex = StartsWith("Connected") }).CheckAsync();
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "grateful", Exact = true }).CheckAsync();
        await page.GetByText("Add your body, what was going on, or a note").ClickAsync();
        await page.GetByLabel("Place 1").SelectOptionAsync(new SelectOptionValue { Label = "Chest" });
        await page.GetByLabel("Sensation 1").SelectOptionAsync(new SelectOptionValue { Label = "warm" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Save check-in" }).ClickAsync();

        await page.WaitForURLAsync(DetailPage());
        await Expect(page.GetByText("Checked in. Thank you for pausing to notice.")).ToBeVisibleAsync();
        await Expect(page.GetByText("Chest: warm")).ToBeVisibleAsync();
        Assert.Single(await CheckInsOfAsync(email));
    }

    private async Task<List<CheckIn>> CheckInsOfAsync(string email)
    {
        using var scope = browser.Server.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AttuneDb>();
        var id = await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
        return await Access.Unchecked<CheckIn>(db).Where(c => c.OwnerId == id).ToListAsync();
    }

    private static async Task UntilAsync(Func<Task<bool>> condition, string what)
    {
        for (var i = 0; i < 100; i++)
        {
            if (await condition())
            {
                return;
            }
            await Task.Delay(100);
        }
        Assert.Fail($"Waited 10 s for {what}.");
    }

    private static Regex StartsWith(string text) => new("^" + Regex.Escape(text));

    [GeneratedRegex(@"/checkins/[0-9a-f-]{36}(\?.*)?$")]
    private static partial Regex DetailPage();
}
